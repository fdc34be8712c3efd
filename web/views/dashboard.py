"""The dashboard: the user's campaigns and their readiness, the review queue, disputed facts
and the user's recent reports."""

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.defaultfilters import date
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET

from campaigns.models import Campaign, EvidenceLink
from campaigns.selectors.campaigns import campaign_list_visible
from campaigns.selectors.messages import evidence_link_list_visible
from campaigns.selectors.readiness import campaign_readiness_many
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
# table is paged so the work per request stays bounded however many campaigns exist.
CAMPAIGNS_PER_PAGE = 20
DASHBOARD_FACTS = 8
DASHBOARD_REPORTS = 8
REVIEW_COUNT_CAP = 1000


def _campaign_rows(
    campaigns: list[Campaign], readiness: dict[int, dict[str, Any]]
) -> list[dict[str, Any]]:
    """The campaign table's rows as plain values (address, status and period in words,
    readiness as "ready" or a count of problems): template lookups on model instances cost
    most of the table's time."""
    address = UrlPattern("web:campaign")
    labels = TranslatedLabels()
    rows = []
    for campaign in campaigns:
        problems = len(readiness[campaign.pk]["problems"])
        rows.append(
            {
                "url": address(campaign.pk),
                "name": campaign.name,
                "status": campaign.status,
                "status_label": labels[campaign.get_status_display()],
                "period": bool(campaign.starts_on or campaign.ends_on),
                "starts_on": date(campaign.starts_on, "j M Y") or "…",
                "ends_on": date(campaign.ends_on, "j M Y") or "…",
                "owner": campaign.owner.get_username(),
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
    page = Paginator(
        campaign_list_visible(user=user).select_related("owner"), CAMPAIGNS_PER_PAGE
    ).get_page(request.GET.get("page"))
    campaigns = list(page.object_list)
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
        "page_obj": page,
        "campaign_rows": _campaign_rows(campaigns, readiness),
        "review_count": review_count,
        "review_count_capped": review_count is not None and review_count > REVIEW_COUNT_CAP,
        "review_count_cap": REVIEW_COUNT_CAP,
        "disputed_facts": fact_headlines(status=Fact.Status.DISPUTED, limit=DASHBOARD_FACTS),
        "recent_reports": list(
            report_list_visible(user=user).filter(requested_by=user.pk)[:DASHBOARD_REPORTS]
        ),
    }
    return render(request, "web/dashboard.html", context)
