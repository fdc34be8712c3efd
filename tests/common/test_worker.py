"""A task sent through the real broker is executed by a separate worker process."""

import os
import uuid

import pytest

from common.models import AuditEntry
from common.tasks import worker_probe
from tests.workers import wait_for

pytestmark = pytest.mark.worker


def test_task_travels_through_the_broker_to_a_worker_process(celery_worker_process, settings):
    token = uuid.uuid4().hex

    worker_probe.delay(token)

    entry = wait_for(
        lambda: AuditEntry.objects.filter(action="worker.probe", target_repr=token).first()
    )
    # The row was written by another process: the worker's pool child, not this test.
    assert int(entry.target_id) != os.getpid()
    assert settings.CELERY_BROKER_URL.split(":")[0] in {"filesystem", "redis"}


def test_healthz_counts_the_live_worker(celery_worker_process, client):
    response = client.get("/healthz")

    body = response.json()
    assert response.status_code == 200, body
    assert body["database"] == "ok"
    assert body["broker"] == "ok"
    assert body["workers"] >= 1
