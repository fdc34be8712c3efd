"""The dashboard: the user's campaigns and their readiness, the review queue, disputed facts
and the user's recent reports."""

from typing import Any

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.template.defaultfilters import date
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET

from campaigns.models import Campaign, EvidenceLink
from campaigns.selectors.campaigns import campaign_list_visible
from campaigns.selectors.messages import evidence_link_list_visible
from campaigns.selectors.readiness import READINESS_CAMPAIGN_FIELDS, campaign_readiness_many
from common.pagination import CursorError, keyset_page
from common.roles import REVIEWERS, has_role
from evidence.models import Fact
from evidence.selectors.evidence import fact_headlines
from reports.selectors.reports import report_list_visible
from web.access import role_required
from web.presenters import TranslatedLabels, UrlPattern

from .feedback import signed_in_user

__all__ = [
    "CAMPAIGNS_PER_PAGE",
    "DASHBOARD_FACTS",
    "DASHBOARD_REPORTS",
    "REVIEW_COUNT_CAP",
    "dashboard",
]

# Readiness of a whole page costs a fixed number of queries (`campaign_readiness_many`); the
# table is paged so the work per request stays bounded however many campaigns exist. By cursor,
# newest first: no COUNT of every visible campaign on each visit, and a page deep in the list
# costs what the first does.
CAMPAIGNS_PER_PAGE = 20
DASHBOARD_FACTS = 8
DASHBOARD_REPORTS = 8
REVIEW_COUNT_CAP = 1000


# What the campaign table shows, besides what readiness reads, and the list's order (the cursor).
_CAMPAIGN_COLUMNS = (
    *READINESS_CAMPAIGN_FIELDS,
    "name",
    "status",
    "starts_on",
    "ends_on",
    "owner__username",
    "created_at",
)
_CAMPAIGN_STATUS_WORDS = dict(Campaign.Status.choices)


def _campaign_rows(
    campaigns: list[dict[str, Any]], readiness: dict[int, dict[str, Any]]
) -> list[dict[str, Any]]:
    """The campaign table's rows as plain values (address, status and period in words,
    readiness as "ready" or a count of problems): template lookups on model instances cost
    most of the table's time."""
    address = UrlPattern("web:campaign")
    labels = TranslatedLabels()
    rows = []
    for campaign in campaigns:
        problems = len(readiness[campaign["id"]]["problems"])
        status = campaign["status"]
        rows.append(
            {
                "url": address(campaign["id"]),
                "name": campaign["name"],
                "status": status,
                "status_label": labels[_CAMPAIGN_STATUS_WORDS.get(status, status)],
                "period": bool(campaign["starts_on"] or campaign["ends_on"]),
                "starts_on": date(campaign["starts_on"], "j M Y") or "…",
                "ends_on": date(campaign["ends_on"], "j M Y") or "…",
                "owner": campaign["owner__username"],
                "ready": not problems,
                "problems": ngettext("%(counter)s problem", "%(counter)s problems", problems)
                % {"counter": problems},
            }
        )
    return rows


@role_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    visible = campaign_list_visible(user=user).values(*_CAMPAIGN_COLUMNS)
    cursor_error = ""
    try:
        page = keyset_page(visible, request.GET, per_page=CAMPAIGNS_PER_PAGE)
    except CursorError as error:
        # The rest of the dashboard still helps: the first page, saying what was wrong.
        cursor_error = f"cursor: {error}"
        page = keyset_page(visible, QueryDict(), per_page=CAMPAIGNS_PER_PAGE)
    campaigns = page.rows
    readiness = campaign_readiness_many(campaigns=campaigns)
    review_count = None
    if has_role(user, REVIEWERS):
        # Counted up to a cap: "1,000+" says enough, and the count stays bounded however
        # long the queue grows.
        review_count = (
            evidence_link_list_visible(user=user)
            .filter(status=EvidenceLink.Status.PROPOSED)
            .order_by()[: REVIEW_COUNT_CAP + 1]
            .count()
        )
    context = {
        "page": page,
        "cursor_error": cursor_error,
        "campaign_rows": _campaign_rows(campaigns, readiness),
        "review_count": review_count,
        "review_count_capped": review_count is not None and review_count > REVIEW_COUNT_CAP,
        "review_count_cap": REVIEW_COUNT_CAP,
        "disputed_facts": fact_headlines(status=Fact.Status.DISPUTED, limit=DASHBOARD_FACTS),
        "recent_reports": list(
            report_list_visible(user=user).filter(requested_by=user.pk)[:DASHBOARD_REPORTS]
        ),
    }
    return render(request, "web/dashboard.html", context, status=400 if cursor_error else 200)
