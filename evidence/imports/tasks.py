"""Celery task for import runs: thin, it takes an id and calls the service (STYLE.md rule 4)."""

from celery import shared_task
from django.conf import settings

from .runs import incident_import_run_perform

__all__ = ["incident_import_run_task"]


@shared_task(
    name="evidence.import_incidents",
    ignore_result=True,
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=settings.CELERY_TASK_SOFT_TIME_LIMIT,
    time_limit=settings.CELERY_TASK_TIME_LIMIT,
)
def incident_import_run_task(run_id: int) -> None:
    incident_import_run_perform(run_id=run_id)
