"""The server-rendered pages: dashboard, campaigns, review queue, facts and reports."""

from django.urls import path

from web.views import campaigns, dashboard, facts, inbox, reports, review, review_messages

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
    path("review/", review.review_queue_page, name="review-queue"),
    path(
        "review/links/<int:pk>/<slug:decision>/",
        review.evidence_link_review,
        name="evidence-link-review",
    ),
    path("review/messages/", review_messages.message_review_queue, name="review-messages"),
    path(
        "review/messages/<int:pk>/<slug:decision>/",
        review_messages.message_review,
        name="message-review",
    ),
    path("facts/", facts.fact_list, name="facts"),
    path("facts/<int:pk>/", facts.fact_detail, name="fact"),
    path("facts/<int:pk>/verify/", facts.fact_verify_page, name="fact-verify"),
    path(
        "facts/<int:pk>/resolve-conflict/",
        facts.fact_conflict_resolve,
        name="fact-resolve-conflict",
    ),
    path("inbox/", inbox.inbox, name="inbox"),
    path("inbox/read/", inbox.inbox_mark_read, name="inbox-read"),
    path("inbox/<int:pk>/open/", inbox.inbox_open, name="inbox-open"),
    path("reports/", reports.report_list, name="reports"),
    path("reports/request/", reports.report_request_global, name="report-request"),
    path("reports/<int:pk>/", reports.report_detail, name="report"),
]
