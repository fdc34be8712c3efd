"""The report lifecycle: request → (broker) → build → succeeded or failed, and the sweeper.

A report is a database row first (STYLE.md rule 4). `report_request` saves it and sends the
task only once the row is committed; if the broker is down the request still succeeds and
the sweeper sends it later. `report_build` claims the row with a conditional UPDATE, so a
repeated or duplicated task never builds a report twice at once and never rebuilds one that
succeeded, and it writes the file under a name fixed by the report's id, so a second run
overwrites rather than adds a file.
"""

import hashlib
import logging
import shutil
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import kombu.exceptions
import redis.exceptions
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.files import File
from django.core.files.storage import storages
from django.db import InterfaceError, OperationalError, transaction
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.text import slugify

from campaigns.models import Campaign
from campaigns.selectors.campaigns import campaign_list_visible
from common.audit import audit_record
from common.errors import InvalidInput
from reports.models import Report
from reports.rendering import CONTENT_TYPES, render_report
from reports.selectors.context import report_context_build
from reports.selectors.dossier import DOSSIER_PARAMETERS, dossier_filters_resolve
from reports.selectors.fingerprints import report_evidence_fingerprint

__all__ = [
    "BROKER_ERRORS",
    "TRANSIENT_ERRORS",
    "report_build",
    "report_fail",
    "report_request",
    "report_send",
    "report_sweep",
]

logger = logging.getLogger(__name__)

# Sending to a broker that is down raises one of these; the report stays queued.
BROKER_ERRORS: tuple[type[BaseException], ...] = (
    kombu.exceptions.OperationalError,
    redis.exceptions.ConnectionError,
    redis.exceptions.TimeoutError,
    ConnectionError,
)
# Errors a later attempt can get past: worth an automatic retry with backoff, nothing else is.
TRANSIENT_ERRORS: tuple[type[BaseException], ...] = (
    OperationalError,
    InterfaceError,
    *BROKER_ERRORS,
)
# Keep a request snappy when the broker is down: a couple of quick tries, then leave it queued.
SEND_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.5, "interval_max": 1}
MAX_PARAMETERS_BYTES = 2000


def _validate_parameters(*, kind: str, parameters: Any) -> dict[str, Any]:
    if parameters in (None, ""):
        return {}
    if not isinstance(parameters, dict):
        raise InvalidInput("Expected an object.", field="parameters")
    if len(repr(parameters)) > MAX_PARAMETERS_BYTES:
        raise InvalidInput("Too many parameters.", field="parameters")
    allowed = DOSSIER_PARAMETERS if kind == Report.Kind.EVIDENCE_DOSSIER else ()
    unknown = sorted(set(parameters) - set(allowed))
    if unknown:
        accepted = ", ".join(allowed) if allowed else "none"
        raise InvalidInput(
            f"Unknown parameter(s) {', '.join(map(str, unknown))}; accepted: {accepted}.",
            field="parameters",
        )
    if kind == Report.Kind.EVIDENCE_DOSSIER:
        dossier_filters_resolve(parameters=parameters)
    return dict(parameters)


@transaction.atomic
def report_request(
    *,
    kind: str,
    format: str,
    campaign: Campaign | None,
    parameters: dict[str, Any] | None,
    requested_by: AbstractBaseUser,
) -> Report:
    """Save a report request (queued) and send it to a worker once the row is committed.

    A campaign the requester may not see is refused as if it did not exist (400 on
    `campaign`, the same answer as for an unknown id)."""
    if kind not in Report.Kind.values:
        raise InvalidInput(
            f"Unknown kind {kind!r}; expected one of {', '.join(Report.Kind.values)}.",
            field="kind",
        )
    if format not in Report.Format.values:
        raise InvalidInput(
            f"Unknown format {format!r}; expected one of {', '.join(Report.Format.values)}.",
            field="format",
        )
    if kind == Report.Kind.CAMPAIGN_BRIEF and campaign is None:
        raise InvalidInput("A campaign brief needs a campaign.", field="campaign")
    if campaign is not None and not campaign_list_visible(user=requested_by).filter(
        pk=campaign.pk
    ).exists():
        raise InvalidInput(f"No campaign with id {campaign.pk}.", field="campaign")
    report = Report(
        kind=kind,
        format=format,
        campaign=campaign,
        parameters=_validate_parameters(kind=kind, parameters=parameters),
        requested_by=requested_by,
        stage="Queued",
    )
    report.full_clean()
    report.save()
    audit_record(
        actor=requested_by,
        action="report.requested",
        target=report,
        data={"kind": kind, "format": format},
    )
    report_id = report.pk
    transaction.on_commit(lambda: report_send(report_id=report_id))
    return report


def report_send(*, report_id: int) -> bool:
    """Send the build task. With the broker down, log it and leave the report queued: the
    sweeper sends it again once the broker is back. Returns whether it was sent."""
    from reports.tasks import report_build_task

    try:
        report_build_task.apply_async(
            args=[report_id], retry=True, retry_policy=SEND_RETRY_POLICY
        )
    except BROKER_ERRORS as error:
        logger.warning(
            "broker unavailable, report %s stays queued: %s", report_id, error
        )
        Report.objects.filter(pk=report_id, status=Report.Status.QUEUED).update(
            stage="Queued (waiting for the task queue to come back)"
        )
        return False
    Report.objects.filter(pk=report_id).update(sent_at=timezone.now())
    return True


def _report_claim(*, report_id: int, task_id: str) -> bool:
    """Take the report for this run. A queued report is free; a running one is taken over
    only by a redelivery of the same message (its worker died) or once it is stuck."""
    now = timezone.now()
    stuck_before = now - timedelta(seconds=settings.REPORTS_RUNNING_STUCK_AFTER)
    takeover = Q(status=Report.Status.RUNNING) & (
        Q(started_at__lt=stuck_before) | (Q(task_id=task_id) & ~Q(task_id=""))
    )
    claimed = (
        Report.objects.filter(pk=report_id)
        .filter(Q(status=Report.Status.QUEUED) | takeover)
        .update(
            status=Report.Status.RUNNING,
            task_id=task_id,
            attempts=F("attempts") + 1,
            started_at=now,
            progress=1,
            stage="Starting",
            error="",
        )
    )
    return claimed == 1


class _ProgressRecorder:
    """Writes progress and stage to the row as the build goes (outside any transaction, so
    the API shows them at once)."""

    def __init__(self, report_id: int) -> None:
        self.report_id = report_id
        self.pause = settings.REPORTS_RENDER_PAUSE
        self.last: tuple[str, int] | None = None

    def __call__(self, stage: str, percent: int) -> None:
        percent = max(1, min(99, percent))
        if (stage, percent) != self.last:
            Report.objects.filter(pk=self.report_id, status=Report.Status.RUNNING).update(
                stage=stage[:200], progress=percent
            )
            self.last = (stage, percent)
        if self.pause:
            time.sleep(self.pause)


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


def report_build(*, report_id: int, task_id: str = "") -> Report | None:
    """Build the report: claim it, collect a plain context, render it to a temporary file,
    move that into storage and record the outcome. Returns None when there was nothing to do
    (already succeeded or failed, or another run holds it)."""
    if not _report_claim(report_id=report_id, task_id=task_id):
        logger.info("report %s: nothing to do (already built, failed or being built)", report_id)
        return None
    report = Report.objects.select_related("campaign", "requested_by").get(pk=report_id)
    progress = _ProgressRecorder(report_id)
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
            error=f"The report took longer than {settings.CELERY_TASK_SOFT_TIME_LIMIT} s "
            "to build and was stopped. Try a narrower report (fewer facts or messages).",
        )
    except Exception as error:
        logger.exception("report %s failed", report_id)
        return report_fail(
            report_id=report_id, error=f"Could not build the report: {type(error).__name__}: {error}"
        )
    Report.objects.filter(pk=report_id).update(
        status=Report.Status.SUCCEEDED,
        progress=100,
        stage="Done",
        error="",
        finished_at=timezone.now(),
        file=name,
        file_name=_download_name(report),
        content_type=CONTENT_TYPES[report.format],
        size=size,
        sha256=sha256,
        evidence_fingerprint=fingerprint,
    )
    report.refresh_from_db()
    audit_record(actor=None, action="report.succeeded", target=report, data={"size": size})
    return report


def _report_requeue(*, report_id: int, reason: str) -> None:
    try:
        Report.objects.filter(pk=report_id, status=Report.Status.RUNNING).update(
            status=Report.Status.QUEUED, stage=f"Waiting to retry ({reason})"[:200]
        )
    except TRANSIENT_ERRORS:
        logger.warning("report %s: could not record the retry (%s)", report_id, reason)


def report_fail(*, report_id: int, error: str) -> Report | None:
    """Record that the report failed, with an error a person can read."""
    Report.objects.filter(pk=report_id).exclude(status=Report.Status.SUCCEEDED).update(
        status=Report.Status.FAILED, stage="Failed", error=error, finished_at=timezone.now()
    )
    report = Report.objects.filter(pk=report_id).first()
    if report is not None:
        audit_record(actor=None, action="report.failed", target=report, comment=error)
    return report


def report_sweep() -> dict[str, int]:
    """The periodic sweep (celery beat): re-send reports that stayed queued, re-queue those
    whose worker was lost, and fail those that have used up their attempts."""
    now = timezone.now()
    resend_before = now - timedelta(seconds=settings.REPORTS_RESEND_QUEUED_AFTER)
    stuck_before = now - timedelta(seconds=settings.REPORTS_RUNNING_STUCK_AFTER)
    requeued = failed = 0
    stuck = list(
        Report.objects.filter(status=Report.Status.RUNNING, started_at__lt=stuck_before)
    )
    for report in stuck:
        if report.attempts >= settings.REPORTS_MAX_ATTEMPTS:
            report_fail(
                report_id=report.pk,
                error=f"The worker building this report stopped responding {report.attempts} "
                f"times (time limit {settings.CELERY_TASK_TIME_LIMIT} s); giving up.",
            )
            failed += 1
            continue
        requeued += Report.objects.filter(
            pk=report.pk, status=Report.Status.RUNNING, started_at=report.started_at
        ).update(
            status=Report.Status.QUEUED,
            stage="Queued again: the worker building it was lost",
            task_id="",
        )
    waiting = list(
        Report.objects.annotate(last_sent=Coalesce("sent_at", "created_at"))
        .filter(status=Report.Status.QUEUED)
        .filter(Q(last_sent__lt=resend_before) | Q(pk__in=[r.pk for r in stuck]))
        .values_list("pk", flat=True)
    )
    sent = sum(report_send(report_id=pk) for pk in waiting)
    return {"resent": sent, "requeued": requeued, "failed": failed}
