"""Reports: request one, watch its progress (htmx polls a fragment), download it.

Who may see, request and download which report is decided by the reports selectors and the
request service, exactly as for the API.
"""

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from campaigns.models import Campaign
from campaigns.selectors.campaigns import campaign_list_visible
from common.errors import DomainError
from reports.models import Report
from reports.selectors.fingerprints import report_stale_map
from reports.selectors.reports import (
    report_campaign_for_request,
    report_get_visible,
    report_list_visible,
)
from reports.services import report_download_open, report_request
from web.access import role_required
from web.forms import ManyOptionsSelect, PageForm, PlainChoices, form_show_refusal

from .feedback import REFUSALS, refusal_show, signed_in_user

__all__ = [
    "REPORTS_PER_PAGE",
    "ReportRequestForm",
    "report_detail",
    "report_download",
    "report_list",
    "report_progress",
    "report_request_global",
    "report_request_posted",
]

REPORTS_PER_PAGE = 50
IN_PROGRESS = {Report.Status.QUEUED, Report.Status.RUNNING}


class ReportRequestForm(PageForm):
    """Kind, format and campaign as plain values: the request service checks them, so a bad
    value is refused beside its field in the API's own words."""

    kind = forms.CharField(
        label=gettext_lazy("Kind"), widget=forms.Select(choices=Report.Kind.choices)
    )
    format = forms.CharField(
        label=gettext_lazy("Format"), widget=forms.Select(choices=Report.Format.choices)
    )
    campaign = forms.IntegerField(
        label=gettext_lazy("Campaign"),
        required=False,
        min_value=1,
        help_text=gettext_lazy(
            "A campaign brief needs a campaign. A dossier or register on a campaign counts "
            "only that campaign's evidence links."
        ),
        # One option per campaign the user may see (1,000 on a large archive): written by the
        # select that needs no template per option.
        widget=ManyOptionsSelect(),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        visible = campaign_list_visible(user=user).order_by("name").values_list("pk", "name")
        choices = PlainChoices([("", _("All the evidence")), *visible])
        self.fields["campaign"].widget.choices = choices  # type: ignore[attr-defined]


def _list_context(request: HttpRequest, form: ReportRequestForm) -> dict[str, Any]:
    page = Paginator(report_list_visible(user=request.user), REPORTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    reports = list(page.object_list)
    stale = report_stale_map(reports=reports)
    return {
        "page_obj": page,
        "rows": [(report, stale.get(report.pk, False)) for report in reports],
        "form": form,
    }


@role_required
@require_GET
def report_list(request: HttpRequest) -> HttpResponse:
    initial: dict[str, Any] = {"format": Report.Format.PDF, "kind": Report.Kind.CAMPAIGN_BRIEF}
    initial.update({k: v for k, v in request.GET.items() if k in ("kind", "format", "campaign")})
    form = ReportRequestForm(initial=initial, user=request.user)
    return render(request, "web/report_list.html", _list_context(request, form))


@role_required
@require_POST
def report_request_global(request: HttpRequest) -> HttpResponse:
    """Request any report from the reports page; a refusal is shown beside its field."""
    form = ReportRequestForm(request.POST, user=request.user)
    if form.is_valid():
        data = form.cleaned_data
        try:
            report = report_request(
                kind=data["kind"],
                format=data["format"],
                campaign=report_campaign_for_request(campaign_id=data["campaign"]),
                parameters=None,
                requested_by=signed_in_user(request),
            )
        except (DomainError, ValidationError) as error:
            form_show_refusal(form, error)
        else:
            # No flash message: the report's page says at once that it waits for a worker.
            return redirect("web:report", pk=report.pk)
    return render(request, "web/report_list.html", _list_context(request, form), status=400)


def report_request_posted(
    request: HttpRequest, *, campaign: Campaign | None, refused_to: str, **url_kwargs: Any
) -> HttpResponse:
    """Request the report the posted form names (kind, format) and show its page; a refusal
    goes back to the `refused_to` page with the reason (the campaign page's short form)."""
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
    return redirect("web:report", pk=report.pk)


def _progress_context(report: Report) -> dict[str, Any]:
    finished = report.status == Report.Status.SUCCEEDED
    return {
        "report": report,
        "in_progress": report.status in IN_PROGRESS,
        # Staleness costs a few queries: only a finished report can be stale.
        "stale": finished and report_stale_map(reports=[report]).get(report.pk, False),
    }


@role_required
@require_GET
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = report_get_visible(user=request.user, pk=pk)
    return render(request, "web/report_detail.html", _progress_context(report))


@role_required
@require_GET
def report_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress fragment htmx polls every second; once the report is finished the
    fragment it returns no longer polls."""
    report = report_get_visible(user=request.user, pk=pk)
    context = {**_progress_context(report), "status_out_of_band": True}
    return render(request, "web/includes/report_progress.html", context)


@role_required
@require_GET
def report_download(request: HttpRequest, pk: int) -> HttpResponse:
    report = report_get_visible(user=request.user, pk=pk)
    if report.status != Report.Status.SUCCEEDED or not report.file:
        messages.error(
            request,
            _("The report is %(status)s: there is no file yet.")
            % {"status": report.get_status_display().lower()},
        )
        return redirect("web:report", pk=report.pk)
    handle = report_download_open(report=report, user=request.user)
    # A streamed file: the page decorators are typed for HttpResponse, FileResponse is not one.
    return FileResponse(  # type: ignore[return-value]
        handle, as_attachment=True, filename=report.file_name, content_type=report.content_type
    )
