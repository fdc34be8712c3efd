"""Building a report: claim the row, render from a plain context, store the file."""

import hashlib
import logging
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.files import File
from django.core.files.storage import storages
from django.db.models import F, Q
from django.utils import timezone
from django.utils.text import slugify

from common.history import history_update
from reports.models import Report
from reports.rendering import CONTENT_TYPES, render_report
from reports.selectors.context import report_context_build
from reports.selectors.fingerprints import report_evidence_fingerprint

from .errors import TRANSIENT_ERRORS

__all__ = ["report_build", "report_fail"]

logger = logging.getLogger(__name__)


def _report_claim(*, report_id: int, task_id: str) -> bool:
    """Take the report for this run. A queued report is free; a running one is taken over
    only by a redelivery of the same message (its worker died) or once it is stuck, and only
    while it has attempts left: a report that kills its worker each time would otherwise be
    redelivered for ever. The sweeper fails it once it is stuck."""
    now = timezone.now()
    stuck_before = now - timedelta(seconds=settings.REPORTS_RUNNING_STUCK_AFTER)
    takeover = (
        Q(status=Report.Status.RUNNING)
        & Q(attempts__lt=settings.REPORTS_MAX_ATTEMPTS)
        & (Q(started_at__lt=stuck_before) | (Q(task_id=task_id) & ~Q(task_id="")))
    )
    claimed = history_update(
        Report.objects.filter(pk=report_id).filter(Q(status=Report.Status.QUEUED) | takeover),
        {
            "status": Report.Status.RUNNING,
            "task_id": task_id,
            "attempts": F("attempts") + 1,
            "started_at": now,
            "progress": 1,
            "stage": "Starting",
            "error": "",
        },
        action="report.started",
    )
    return claimed == 1


class _ProgressRecorder:
    """Writes progress and stage to the row as the build goes (outside any transaction, so
    the API shows them at once), and stops a build past its time limit at each step.

    Celery's soft time limit raises `SoftTimeLimitExceeded` wherever the build happens to be,
    and it is an `Exception`: inside the PDF library, whose stylesheet loading catches any
    exception and logs it, it was swallowed and the build ran on to succeed (seen on a slow
    machine, 2026-12-01). So the limit is also checked here, at every step, where nothing
    swallows it."""

    def __init__(self, report_id: int, time_limit: float | None = None) -> None:
        self.report_id = report_id
        self.pause = settings.REPORTS_RENDER_PAUSE
        self.last: tuple[str, int] | None = None
        self.deadline = time.monotonic() + time_limit if time_limit else None

    def __call__(self, stage: str, percent: int) -> None:
        percent = max(1, min(99, percent))
        if (stage, percent) != self.last:
            Report.objects.filter(pk=self.report_id, status=Report.Status.RUNNING).update(
                stage=stage[:200], progress=percent
            )
            self.last = (stage, percent)
        if self.pause:
            time.sleep(self.pause)
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise SoftTimeLimitExceeded(stage)


def _storage_name(report: Report) -> str:
    return f"{report.pk}/{report.kind.replace('_', '-')}-{report.pk}.{report.format}"


def _download_name(report: Report) -> str:
    subject = slugify(report.campaign.name)[:60] if report.campaign else ""
    stem = "-".join(part for part in (report.kind.replace("_", "-"), subject) if part)
    return f"{stem}-{report.pk}.{report.format}"


def _store(*, report: Report, path: Path) -> str:
    """Move the finished file into the reports storage under the report's fixed name,
    replacing the file of an earlier run rather than adding a second one."""
    storage = storages["reports"]
    name = _storage_name(report)
    if storage.exists(name):
        storage.delete(name)
    with path.open("rb") as handle:
        saved = storage.save(name, File(handle, name=Path(name).name))
    if saved != name:
        # Another run wrote the same name in between: keep exactly one file.
        storage.delete(name)
        with path.open("rb") as handle:
            storage.save(name, File(handle, name=Path(name).name))
        storage.delete(saved)
    return name


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def report_build(
    *, report_id: int, task_id: str = "", time_limit: float | None = None
) -> Report | None:
    """Build the report: claim it, collect a plain context, render it to a temporary file,
    move that into storage and record the outcome. Returns None when there was nothing to do
    (already succeeded or failed, or another run holds it). `time_limit`: the seconds the
    build may take (the task's soft time limit); past it the report fails, saying so."""
    if not _report_claim(report_id=report_id, task_id=task_id):
        logger.info("report %s: nothing to do (already built, failed or being built)", report_id)
        return None
    report = Report.objects.select_related("campaign", "requested_by").get(pk=report_id)
    progress = _ProgressRecorder(report_id, time_limit)
    try:
        progress("Collecting the evidence", 5)
        fingerprint = report_evidence_fingerprint(report=report)
        context = report_context_build(report=report)
        progress("Rendering", 40)
        with tempfile.TemporaryDirectory(prefix=f"report-{report_id}-") as folder:
            path = Path(folder) / f"report.{report.format}"
            render_report(context, format=report.format, path=path, progress=progress)
            progress("Storing the file", 95)
            size = path.stat().st_size
            sha256 = _sha256(path)
            name = _store(report=report, path=path)
    except TRANSIENT_ERRORS as error:
        _report_requeue(report_id=report_id, reason=f"{type(error).__name__}: {error}")
        raise
    except SoftTimeLimitExceeded:
        return report_fail(
            report_id=report_id,
            error=f"The report took longer than "
            f"{time_limit or settings.CELERY_TASK_SOFT_TIME_LIMIT:g} s to build and was "
            "stopped. Try a narrower report (fewer facts or messages).",
        )
    except Exception as error:
        logger.exception("report %s failed", report_id)
        return report_fail(
            report_id=report_id,
            error=f"Could not build the report: {type(error).__name__}: {error}",
        )
    history_update(
        Report.objects.filter(pk=report_id),
        {
            "status": Report.Status.SUCCEEDED,
            "progress": 100,
            "stage": "Done",
            "error": "",
            "finished_at": timezone.now(),
            "file": name,
            "file_name": _download_name(report),
            "content_type": CONTENT_TYPES[report.format],
            "size": size,
            "sha256": sha256,
            "evidence_fingerprint": fingerprint,
        },
        action="report.succeeded",
        data={"size": size},
    )
    report.refresh_from_db()
    return report


def _report_requeue(*, report_id: int, reason: str) -> None:
    try:
        history_update(
            Report.objects.filter(pk=report_id, status=Report.Status.RUNNING),
            {
                "status": Report.Status.QUEUED,
                "stage": f"Waiting to retry ({reason})"[:200],
            },
            action="report.requeued",
            comment=reason,
        )
    except TRANSIENT_ERRORS:
        logger.warning("report %s: could not record the retry (%s)", report_id, reason)


def report_fail(*, report_id: int, error: str) -> Report | None:
    """Record that the report failed, with an error a person can read."""
    # A report that succeeded meanwhile (a late sweep, a last retry) stays succeeded, unaudited.
    history_update(
        Report.objects.filter(pk=report_id).exclude(status=Report.Status.SUCCEEDED),
        {
            "status": Report.Status.FAILED,
            "stage": "Failed",
            "error": error,
            "finished_at": timezone.now(),
        },
        action="report.failed",
        comment=error,
    )
    return Report.objects.filter(pk=report_id).first()
