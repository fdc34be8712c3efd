"""The dashboard: the user's campaigns and their readiness, the review queue, disputed facts
and the user's recent reports."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from campaigns.models import EvidenceLink
from campaigns.selectors.campaigns import campaign_list_visible
from campaigns.selectors.messages import evidence_link_list_visible
from campaigns.selectors.readiness import campaign_readiness_many
from common.roles import REVIEWERS, has_role
from evidence.models import Fact
from evidence.selectors.evidence import fact_headlines
from reports.selectors.reports import report_list_visible
from web.access import role_required

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
        "campaign_rows": [
            {"campaign": campaign, "readiness": readiness[campaign.pk]} for campaign in campaigns
        ],
        "review_count": review_count,
        "review_count_capped": review_count is not None and review_count > REVIEW_COUNT_CAP,
        "review_count_cap": REVIEW_COUNT_CAP,
        "disputed_facts": fact_headlines(status=Fact.Status.DISPUTED, limit=DASHBOARD_FACTS),
        "recent_reports": list(
            report_list_visible(user=user).filter(requested_by=user.pk)[:DASHBOARD_REPORTS]
        ),
    }
    return render(request, "web/dashboard.html", context)
