"""Import runs: an uploaded incident CSV checked (dry run) or imported by a Celery worker,
with a database row that holds its status, progress and report (what the import page polls).

The work itself is `incidents_import`, the same service as the API and the command.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from common.audit import audit_record
from common.errors import InvalidInput, PayloadTooLarge, TransitionNotAllowed
from evidence.services.validation import Someone, signed_in

from .incidents import incidents_import
from .models import IncidentImportRun
from .progress import ProgressWriter, progress_clear, progress_read

__all__ = [
    "incident_import_run_confirm",
    "incident_import_run_perform",
    "incident_import_run_progress",
    "incident_import_run_request",
]

logger = logging.getLogger(__name__)


def _send(run_id: int) -> None:
    from evidence.imports.tasks import incident_import_run_task

    incident_import_run_task.delay(run_id)


@transaction.atomic
def incident_import_run_request(
    *,
    data: bytes,
    name: str,
    requested_by: Someone,
    dry_run: bool = True,
    skip_invalid: bool = False,
) -> IncidentImportRun:
    """Store an upload and queue its dry run (or import) for a worker."""
    limit = settings.INCIDENT_IMPORT_MAX_BYTES
    if len(data) > limit:
        raise PayloadTooLarge(f"The file is {len(data)} bytes; the limit is {limit}.", field="file")
    if not data.strip():
        raise InvalidInput("The file is empty.", field="file")
    run = IncidentImportRun.objects.create(
        file_name=(name or "upload.csv")[:255],
        data=data,
        dry_run=dry_run,
        skip_invalid=skip_invalid,
        requested_by=signed_in(requested_by),
    )
    audit_record(
        actor=signed_in(requested_by),
        action="import.requested",
        target=run,
        data={"dry_run": dry_run, "skip_invalid": skip_invalid, "bytes": len(data)},
    )
    run_id = run.pk
    transaction.on_commit(lambda: _send(run_id))
    return run


def incident_import_run_confirm(
    *, dry_run: IncidentImportRun, requested_by: Someone
) -> IncidentImportRun:
    """Import what a finished dry run checked (its stored file, its choice on invalid rows).
    Refused (409) while the dry run is unfinished, when it failed, or when its invalid rows
    would stop the import anyway."""
    problems = []
    if not dry_run.dry_run:
        problems.append({"code": "not_a_dry_run", "message": "This run was already an import."})
    elif dry_run.status != IncidentImportRun.Status.SUCCEEDED:
        problems.append(
            {"code": "dry_run_unfinished", "message": "Wait for the dry run to finish."}
        )
    elif dry_run.imports.exists():
        problems.append(
            {"code": "already_imported", "message": "This file was already imported from here."}
        )
    elif dry_run.report.get("invalid") and not dry_run.skip_invalid:
        problems.append(
            {
                "code": "invalid_rows",
                "message": "Some rows are invalid: correct the file and upload it again, or "
                "upload it with “import the valid rows” ticked.",
            }
        )
    if problems:
        raise TransitionNotAllowed("The dry run cannot be imported.", problems)
    run = incident_import_run_request(
        data=bytes(dry_run.data),
        name=dry_run.file_name,
        requested_by=requested_by,
        dry_run=False,
        skip_invalid=dry_run.skip_invalid,
    )
    run.dry_run_of = dry_run
    run.save(update_fields=["dry_run_of"])
    return run


def incident_import_run_perform(*, run_id: int) -> IncidentImportRun | None:
    """Do a queued run (the worker's task). Safe to call twice: only the call that moves the
    run from QUEUED to RUNNING does the work. A run left RUNNING longer than a task may live
    (its worker was killed; the broker delivers the task again) is taken over: its transaction
    was rolled back with the worker, so nothing of it was written."""
    stuck_before = timezone.now() - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 60)
    claimed = (
        IncidentImportRun.objects.filter(pk=run_id)
        .filter(
            Q(status=IncidentImportRun.Status.QUEUED)
            | Q(status=IncidentImportRun.Status.RUNNING, started_at__lt=stuck_before)
        )
        .update(status=IncidentImportRun.Status.RUNNING, started_at=timezone.now())
    )
    if not claimed:
        return None
    run = IncidentImportRun.objects.select_related("requested_by").get(pk=run_id)
    user: AbstractBaseUser | None = run.requested_by
    try:
        report = incidents_import(
            data=bytes(run.data),
            name=run.file_name,
            user=user,
            dry_run=run.dry_run,
            skip_invalid=run.skip_invalid,
            progress=ProgressWriter(run.pk),
            batch_size=settings.INCIDENT_IMPORT_BATCH_ROWS,
        )
    except (InvalidInput, PayloadTooLarge) as error:
        messages = error.errors.get("file") if isinstance(error, InvalidInput) else None
        run.error = " ".join(messages or [error.message])
        run.status = IncidentImportRun.Status.FAILED
    except Exception as error:  # the row must not stay "running" whatever broke
        logger.exception("incident import run %s failed", run_id)
        run.error = (
            f"The import stopped unexpectedly ({type(error).__name__}); nothing was written."
        )
        run.status = IncidentImportRun.Status.FAILED
    else:
        run.report = report.as_dict()
        run.rows_total = report.rows
        run.rows_done = report.rows
        run.status = IncidentImportRun.Status.SUCCEEDED
    run.finished_at = timezone.now()
    run.save(update_fields=["error", "status", "report", "rows_total", "rows_done", "finished_at"])
    progress_clear(run.pk)
    audit_record(
        actor=user,
        action="import.finished"
        if run.status == IncidentImportRun.Status.SUCCEEDED
        else "import.failed",
        target=run,
        comment=run.error,
        data={
            k: run.report.get(k)
            for k in ("rows", "valid", "invalid", "created", "updated", "written")
        },
    )
    return run


def incident_import_run_progress(*, run: IncidentImportRun) -> tuple[int, int, int]:
    """(rows done, rows in all, percent) as the page shows it."""
    done, total = run.rows_done, run.rows_total
    if run.status == IncidentImportRun.Status.RUNNING:
        live = progress_read(run.pk)
        if live is not None:
            done, total = live
    if run.finished:
        percent = 100
    elif total:
        percent = min(99, done * 100 // total)
    else:
        percent = 0
    return done, total, percent
