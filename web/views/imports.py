"""The incident import page (Source admins): upload a CSV, a worker dry-runs it while the page
shows its progress, the per-row errors come back as a table, then import with one click; the
import runs on the worker too. The same service as the API and the command."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from common.errors import DomainError
from evidence.imports.models import IncidentImportRun
from evidence.imports.runs import (
    incident_import_run_confirm,
    incident_import_run_progress,
    incident_import_run_request,
)
from web.access import evidence_editor_required
from web.archive_forms import IncidentImportForm
from web.forms import form_show_refusal

__all__ = ["import_confirm", "import_page", "import_run_page"]

RECENT_RUNS = 10


@evidence_editor_required
@require_http_methods(["GET", "POST"])
def import_page(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = IncidentImportForm(request.POST, request.FILES)
    else:
        form = IncidentImportForm()
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            run = incident_import_run_request(
                data=upload.read(),
                name=upload.name or "upload.csv",
                requested_by=request.user,
                dry_run=True,
                skip_invalid=form.cleaned_data["skip_invalid"],
            )
        except DomainError as error:
            form_show_refusal(form, error)
        else:
            return redirect("web:import-run", pk=run.pk)
    recent = IncidentImportRun.objects.defer("data").select_related("requested_by")[:RECENT_RUNS]
    status = 400 if request.method == "POST" else 200
    return render(request, "web/import_upload.html", {"form": form, "runs": recent}, status=status)


def _run_context(run: IncidentImportRun) -> dict[str, object]:
    done, total, percent = incident_import_run_progress(run=run)
    report = run.report or {}
    can_import = (
        run.dry_run
        and run.status == IncidentImportRun.Status.SUCCEEDED
        and report.get("valid")
        and (not report.get("invalid") or run.skip_invalid)
        and not run.imports.exists()
    )
    return {
        "run": run,
        "report": report,
        "done": done,
        "total": total,
        "percent": percent,
        "can_import": can_import,
        "later": run.imports.order_by("-pk").first() if run.dry_run else None,
    }


@evidence_editor_required
@require_http_methods(["GET"])
def import_run_page(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_object_or_404(IncidentImportRun.objects.defer("data"), pk=pk)
    template = (
        "web/import_run_status.html" if getattr(request, "htmx", False) else "web/import_run.html"
    )
    return render(request, template, _run_context(run))


@evidence_editor_required
@require_POST
def import_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    dry_run = get_object_or_404(IncidentImportRun, pk=pk)
    try:
        run = incident_import_run_confirm(dry_run=dry_run, requested_by=request.user)
    except DomainError as error:
        context = _run_context(dry_run)
        context["refusal"] = error
        return render(request, "web/import_run.html", context, status=409)
    return redirect("web:import-run", pk=run.pk)
