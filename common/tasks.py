"""Operational tasks that are not about any one workflow."""

import os

from celery import shared_task

from common.models import AuditEntry

__all__ = ["worker_probe"]


@shared_task(name="common.worker_probe")
def worker_probe(token: str) -> None:
    """Record that a worker took a task from the broker: proves the whole path works end to
    end (used by the test suite and handy in production to check a newly added worker)."""
    AuditEntry.objects.create(
        action="worker.probe",
        target_type="worker",
        target_id=str(os.getpid()),
        target_repr=token,
    )
