"""The server-rendered pages: dashboard, campaigns, review queue, facts and reports."""

from django.urls import path

from web.views import audit, campaigns, dashboard, facts, reports, review

app_name = "web"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("campaigns/<int:pk>/", campaigns.campaign_detail, name="campaign"),
    path(
        "campaigns/<int:pk>/transition/<slug:action>/",
        campaigns.campaign_transition,
        name="campaign-transition",
    ),
    path(
        "campaigns/<int:pk>/request-report/",
        campaigns.campaign_report_request,
        name="campaign-report-request",
    ),
    path("review/", review.review_queue, name="review-queue"),
    path(
        "review/links/<int:pk>/<slug:decision>/",
        review.evidence_link_review,
        name="evidence-link-review",
    ),
    path("facts/", facts.fact_list, name="facts"),
    path("facts/<int:pk>/", facts.fact_detail, name="fact"),
    path("reports/", reports.report_list, name="reports"),
    path("reports/request/", reports.report_request_global, name="report-request"),
    path("reports/<int:pk>/", reports.report_detail, name="report"),
    path("audit/", audit.audit_list, name="audit"),
]
