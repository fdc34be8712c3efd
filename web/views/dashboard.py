"""The dashboard: the user's campaigns and their readiness, the review queue, disputed facts
and the user's recent reports."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from campaigns.models import EvidenceLink
from campaigns.selectors.campaigns import campaign_list_visible
from campaigns.selectors.messages import evidence_link_list_visible
from campaigns.selectors.readiness import campaign_readiness
from common.roles import REVIEWERS, has_role
from evidence.models import Fact
from evidence.selectors.evidence import fact_list
from reports.selectors.reports import report_list_visible

from .feedback import signed_in_user

__all__ = ["CAMPAIGNS_PER_PAGE", "DASHBOARD_FACTS", "DASHBOARD_REPORTS", "dashboard"]

# Readiness is worked out campaign by campaign (campaigns.selectors.readiness), so the table
# is paged: the page's cost is bounded by the page size, not by how many campaigns exist.
CAMPAIGNS_PER_PAGE = 20
DASHBOARD_FACTS = 8
DASHBOARD_REPORTS = 8


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    page = Paginator(
        # Readiness reads each campaign's themes: fetch them all at once.
        campaign_list_visible(user=user).select_related("owner").prefetch_related("themes"),
        CAMPAIGNS_PER_PAGE,
    ).get_page(request.GET.get("page"))
    review_count = None
    if has_role(user, REVIEWERS):
        review_count = (
            evidence_link_list_visible(user=user)
            .filter(status=EvidenceLink.Status.PROPOSED)
            .count()
        )
    context = {
        "page_obj": page,
        "campaign_rows": [
            {"campaign": campaign, "readiness": campaign_readiness(campaign=campaign)}
            for campaign in page.object_list
        ],
        "review_count": review_count,
        "disputed_facts": list(fact_list().filter(status=Fact.Status.DISPUTED)[:DASHBOARD_FACTS]),
        "recent_reports": list(
            report_list_visible(user=user).filter(requested_by=user.pk)[:DASHBOARD_REPORTS]
        ),
    }
    return render(request, "web/dashboard.html", context)
