"""Celery tasks for reports: thin, they take an id and call a service (STYLE.md rule 4)."""

import logging

from celery import Task, shared_task
from django.conf import settings

from reports.services import TRANSIENT_ERRORS, report_build, report_fail, report_sweep

__all__ = ["report_build_task", "report_sweep_task"]

logger = logging.getLogger(__name__)

MAX_RETRIES = 5


@shared_task(
    bind=True,
    name="reports.build",
    # Retry only what a later attempt can fix: the database or broker briefly unreachable.
    autoretry_for=TRANSIENT_ERRORS,
    max_retries=MAX_RETRIES,
    retry_backoff=5,
    retry_backoff_max=300,
    retry_jitter=True,
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=settings.CELERY_TASK_SOFT_TIME_LIMIT,
    time_limit=settings.CELERY_TASK_TIME_LIMIT,
)
def report_build_task(self: Task, report_id: int) -> None:
    # The limits a message carries win over the task's own, as Celery applies them.
    _hard, soft = self.request.timelimit or (None, None)
    try:
        report_build(
            report_id=report_id,
            task_id=self.request.id or "",
            time_limit=soft or self.soft_time_limit,
        )
    except TRANSIENT_ERRORS as error:
        if self.request.retries >= MAX_RETRIES:
            report_fail(
                report_id=report_id,
                error=f"Gave up after {MAX_RETRIES + 1} tries: a service stayed unreachable "
                f"({type(error).__name__}: {error}).",
            )
            return
        raise


@shared_task(name="reports.sweep", ignore_result=True)
def report_sweep_task() -> None:
    summary = report_sweep()
    if any(summary.values()):
        logger.info("report sweep", extra=summary)
