"""The periodic sweep (celery beat) that keeps any report from being lost."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from reports.models import Report

from .builds import report_fail
from .requests import report_send

__all__ = ["report_sweep"]


def report_sweep() -> dict[str, int]:
    """The periodic sweep (celery beat): re-send reports that stayed queued, re-queue those
    whose worker was lost, and fail those that have used up their attempts."""
    now = timezone.now()
    resend_before = now - timedelta(seconds=settings.REPORTS_RESEND_QUEUED_AFTER)
    stuck_before = now - timedelta(seconds=settings.REPORTS_RUNNING_STUCK_AFTER)
    requeued = failed = 0
    stuck = list(Report.objects.filter(status=Report.Status.RUNNING, started_at__lt=stuck_before))
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
