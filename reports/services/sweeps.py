"""The periodic sweep (celery beat) that keeps any report from being lost.

A report's worker can die whole (not just its child): then no message is redelivered and the
row says "running" for ever. The sweeper asks the live workers which tasks they hold (`celery
inspect active/reserved`, answered by each worker's main process even while its children
render); a running report whose task no live worker holds is re-queued at once, instead of
after the hard time limit. A report never sent to the broker (it was down) is re-sent at the
next sweep, so a broker outage ends within a sweep interval of the broker's return.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from common.history import history_update
from config.celery_app import app as celery_app
from reports.models import Report

from .builds import report_fail
from .requests import report_send

__all__ = ["report_sweep", "tasks_held_by_live_workers"]

logger = logging.getLogger(__name__)

# A report claimed this recently is left alone even if no worker lists it yet.
LOST_WORKER_GRACE = timedelta(seconds=15)
# A report waiting this long without ever reaching the broker is sent again.
UNSENT_GRACE = timedelta(seconds=10)


def tasks_held_by_live_workers() -> set[str] | None:
    """The ids of the tasks the live workers are running or have reserved; an empty set when
    no worker answered (none is alive); None when the broker could not be asked (then nobody
    can tell, and only the time limit decides)."""
    try:
        inspector = celery_app.control.inspect(timeout=1.0)
        active = inspector.active() or {}
        reserved = inspector.reserved() or {}
    except Exception as error:  # the broker is unreachable: kombu raises many types
        logger.info("workers could not be asked", extra={"error": repr(error)})
        return None
    return {
        str(task.get("id"))
        for replies in (active, reserved)
        for tasks in replies.values()
        for task in tasks or []
    }


def report_sweep() -> dict[str, int]:
    """The periodic sweep (celery beat): re-send reports that stayed queued, re-queue those
    whose worker was lost, and fail those that have used up their attempts."""
    now = timezone.now()
    resend_before = now - timedelta(seconds=settings.REPORTS_RESEND_QUEUED_AFTER)
    stuck_before = now - timedelta(seconds=settings.REPORTS_RUNNING_STUCK_AFTER)
    requeued = failed = 0
    stuck = list(Report.objects.filter(status=Report.Status.RUNNING, started_at__lt=stuck_before))
    running = Report.objects.filter(
        status=Report.Status.RUNNING, started_at__lt=now - LOST_WORKER_GRACE
    ).exclude(pk__in=[r.pk for r in stuck])
    if running.exists():
        held = tasks_held_by_live_workers()
        if held is not None:
            stuck += [report for report in running if report.task_id not in held]
    for report in stuck:
        if report.attempts >= settings.REPORTS_MAX_ATTEMPTS:
            report_fail(
                report_id=report.pk,
                error=f"The worker building this report stopped responding {report.attempts} "
                f"times (time limit {settings.CELERY_TASK_TIME_LIMIT} s); giving up.",
            )
            failed += 1
            continue
        requeued += history_update(
            Report.objects.filter(
                pk=report.pk, status=Report.Status.RUNNING, started_at=report.started_at
            ),
            {
                "status": Report.Status.QUEUED,
                "stage": "Queued again: the worker building it was lost",
                "task_id": "",
            },
            action="report.requeued",
            comment="The worker building it was lost.",
        )
    waiting = list(
        Report.objects.annotate(last_sent=Coalesce("sent_at", "created_at"))
        .filter(status=Report.Status.QUEUED)
        .filter(
            Q(last_sent__lt=resend_before)
            | Q(sent_at__isnull=True, created_at__lt=now - UNSENT_GRACE)
            | Q(pk__in=[r.pk for r in stuck])
        )
        .values_list("pk", flat=True)
    )
    sent = sum(report_send(report_id=pk) for pk in waiting)
    return {"resent": sent, "requeued": requeued, "failed": failed}
