"""Reports: those the user may see, and one report's progress with its download link."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from reports.models import Report
from reports.selectors.fingerprints import report_stale_map
from reports.selectors.reports import report_get_visible, report_list_visible

__all__ = ["REPORTS_PER_PAGE", "report_detail", "report_list"]

REPORTS_PER_PAGE = 50
# While a worker builds the report the page reloads itself (no JavaScript needed).
_IN_PROGRESS = {Report.Status.QUEUED, Report.Status.RUNNING}


@login_required
@require_GET
def report_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(report_list_visible(user=request.user), REPORTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request, "web/report_list.html", {"page_obj": page, "reports": list(page.object_list)}
    )


@login_required
@require_GET
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = report_get_visible(user=request.user, pk=pk)
    context = {
        "report": report,
        "stale": report_stale_map(reports=[report]).get(report.pk, False),
        "refresh": report.status in _IN_PROGRESS,
    }
    return render(request, "web/report_detail.html", context)
