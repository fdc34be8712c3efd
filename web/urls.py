"""The server-rendered pages: dashboard, campaigns, review queue, facts and reports."""

from django.urls import path

from web.views import (
    actors,
    campaign_forms,
    campaigns,
    dashboard,
    excerpts,
    facts,
    imports,
    inbox,
    messages,
    picker,
    reports,
    review,
    review_messages,
    search,
    sources,
)

app_name = "web"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("campaigns/new/", campaign_forms.campaign_new, name="campaign-new"),
    path("campaigns/<int:pk>/", campaigns.campaign_detail, name="campaign"),
    path("campaigns/<int:pk>/edit/", campaign_forms.campaign_edit, name="campaign-edit"),
    path("campaigns/<int:pk>/messages/new/", messages.message_new, name="message-new"),
    path("campaigns/<int:pk>/messages/check/", messages.message_check, name="message-check"),
    path("messages/<int:pk>/edit/", messages.message_edit, name="message-edit"),
    path("messages/<int:pk>/submit/", messages.message_submit_page, name="message-submit"),
    path("messages/<int:pk>/evidence/", picker.evidence_search, name="evidence-picker"),
    path("messages/<int:pk>/links/", picker.evidence_link_new, name="evidence-link-new"),
    path(
        "links/<int:pk>/apply-suggestion/",
        picker.evidence_link_suggestion_apply,
        name="evidence-link-apply-suggestion",
    ),
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
    path("sources/", sources.source_list_page, name="sources"),
    path("sources/new/", sources.source_new, name="source-new"),
    path("sources/<int:pk>/", sources.source_detail, name="source"),
    path("sources/<int:pk>/retract/", sources.source_retract_page, name="source-retract"),
    path("sources/<int:pk>/edit/", sources.source_edit, name="source-edit"),
    path("sources/<int:pk>/excerpts/new/", excerpts.excerpt_new, name="excerpt-new"),
    path("sources/<int:pk>/facts/", excerpts.fact_search, name="source-fact-search"),
    path(
        "sources/<int:pk>/excerpts/<int:excerpt_pk>/",
        excerpts.excerpt_saved,
        name="excerpt-saved",
    ),
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
