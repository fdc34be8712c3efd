"""Reports: those the user may see, and one report's progress with its download link."""

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from campaigns.models import Campaign
from reports.models import Report
from reports.selectors.fingerprints import report_stale_map
from reports.selectors.reports import report_get_visible, report_list_visible
from reports.services import report_request
from web.access import role_required

from .feedback import REFUSALS, refusal_show, signed_in_user

__all__ = [
    "GLOBAL_KINDS",
    "REPORTS_PER_PAGE",
    "report_detail",
    "report_list",
    "report_request_global",
    "report_request_posted",
]

REPORTS_PER_PAGE = 50
# While a worker builds the report the page reloads itself (no JavaScript needed).
_IN_PROGRESS = {Report.Status.QUEUED, Report.Status.RUNNING}
# Reports on all the evidence rather than one campaign (a brief always needs its campaign).
GLOBAL_KINDS = [
    (value, label) for value, label in Report.Kind.choices if value != Report.Kind.CAMPAIGN_BRIEF
]


@role_required
@require_GET
def report_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(report_list_visible(user=request.user), REPORTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    context = {
        "page_obj": page,
        "reports": list(page.object_list),
        "report_kinds": GLOBAL_KINDS,
        "report_formats": Report.Format.choices,
    }
    return render(request, "web/report_list.html", context)


@role_required
@require_POST
def report_request_global(request: HttpRequest) -> HttpResponse:
    """Request an evidence dossier or the source register over all the evidence."""
    return report_request_posted(request, campaign=None, refused_to="web:reports")


def report_request_posted(
    request: HttpRequest, *, campaign: Campaign | None, refused_to: str, **url_kwargs: Any
) -> HttpResponse:
    """Request the report the posted form names (kind, format) and show its page; a refusal
    goes back to the `refused_to` page with the reason."""
    try:
        report = report_request(
            kind=request.POST.get("kind", ""),
            format=request.POST.get("format", ""),
            campaign=campaign,
            parameters=None,
            requested_by=signed_in_user(request),
        )
    except REFUSALS as error:
        refusal_show(request, error)
        return redirect(refused_to, **url_kwargs)
    messages.success(request, f"{report.get_kind_display()} requested.")
    return redirect("web:report", pk=report.pk)


@role_required
@require_GET
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = report_get_visible(user=request.user, pk=pk)
    context = {
        "report": report,
        "stale": report_stale_map(reports=[report]).get(report.pk, False),
        "refresh": report.status in _IN_PROGRESS,
    }
    return render(request, "web/report_detail.html", context)
