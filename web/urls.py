"""The server-rendered pages: dashboard, campaigns, review queue, facts and reports."""

from django.urls import path

from web.views import actors, campaigns, dashboard, facts, imports, reports, review, search

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
    # --- Archive: search, actors, incident import ---
    path("search/", search.search_page, name="search"),
    path("search/results/", search.search_results, name="search-results"),
    path("actors/", actors.actor_list, name="actors"),
    path("actors/new/", actors.actor_create_page, name="actor-create"),
    path("actors/<int:pk>/edit/", actors.actor_edit_page, name="actor-edit"),
    path("actors/<int:pk>/merge/", actors.actor_merge_page, name="actor-merge"),
    path("imports/incidents/", imports.import_page, name="import-incidents"),
    path("imports/incidents/<int:pk>/", imports.import_run_page, name="import-run"),
    path("imports/incidents/<int:pk>/confirm/", imports.import_confirm, name="import-confirm"),
]
