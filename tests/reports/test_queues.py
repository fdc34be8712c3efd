"""Report builds travel on their own queue, so a separate, lower-priority worker pool builds
them and a busy report pool never holds up the web's quick tasks (issue 12)."""

import os
import time
from pathlib import Path

import pytest

from config.celery_app import DEFAULT_QUEUE, REPORTS_QUEUE
from config.celery_app import app as celery_app
from reports.models import Report
from reports.services import report_request
from tests.workers import WorkerProcess, wait_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def sent_to_the_broker():  # type: ignore[no-untyped-def]
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    yield
    celery_app.conf.task_always_eager = previous


def test_report_builds_are_routed_to_the_reports_queue_and_sweeps_are_not():
    route = celery_app.amqp.router.route
    assert route({}, "reports.build", args=(1,), kwargs={})["queue"].name == REPORTS_QUEUE
    assert route({}, "reports.sweep", args=(), kwargs={})["queue"].name == DEFAULT_QUEUE


def test_only_a_worker_on_the_reports_queue_builds_reports(
    sent_to_the_broker, django_capture_on_commit_callbacks
):
    from django.contrib.auth.models import Group

    from common.roles import ALL_ROLES
    from tests.factories import communications_user

    for name in ALL_ROLES:  # a transactional test starts with empty tables
        Group.objects.get_or_create(name=name)
    writer = communications_user(username="queue-writer")
    quick = WorkerProcess(queues=(DEFAULT_QUEUE,)).start()
    try:
        with django_capture_on_commit_callbacks(execute=True):
            report = report_request(
                kind="source_register", format="csv", campaign=None, parameters=None,
                requested_by=writer,
            )  # fmt: skip
        time.sleep(3)  # the default-queue worker is up and polling: it must not take it
        report.refresh_from_db()
        assert report.status == "queued"
    finally:
        quick.stop()
    reports_pool = WorkerProcess(queues=(REPORTS_QUEUE,)).start()
    try:
        built = wait_for(
            lambda: Report.objects.filter(pk=report.pk, status="succeeded").first(), timeout=90
        )
    finally:
        reports_pool.stop()
    assert built.file_name.endswith(".csv")


def _children(pid: int) -> list[int]:
    return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def test_a_worker_on_the_reports_queue_alone_builds_at_a_lower_cpu_priority():
    """Reports take minutes of CPU: the reports pool lowers its own priority (and its
    session's, which is what counts with autogroups, and runs as SCHED_IDLE, so a web request
    waking up takes the CPU at once), so the web on the same machine keeps its speed; a
    worker that also takes the quick tasks keeps its priority."""
    from django.conf import settings

    own = os.getpriority(os.PRIO_PROCESS, 0)
    reports_pool = WorkerProcess(queues=(REPORTS_QUEUE,), concurrency=2).start()
    every_queue = WorkerProcess().start()
    try:
        pool_pid = reports_pool.process.pid  # type: ignore[union-attr]
        lowered = min(19, own + settings.REPORTS_WORKER_NICENESS)
        assert settings.REPORTS_WORKER_NICENESS > 0
        for pid in [pool_pid, *_children(pool_pid)]:
            assert os.getpriority(os.PRIO_PROCESS, pid) == lowered
            assert os.sched_getscheduler(pid) == os.SCHED_IDLE
        assert len(_children(pool_pid)) == 2
        other = every_queue.process.pid  # type: ignore[union-attr]
        assert os.getpriority(os.PRIO_PROCESS, other) == own
        assert os.sched_getscheduler(other) == os.sched_getscheduler(0)
        switch = Path("/proc/sys/kernel/sched_autogroup_enabled")
        if switch.exists() and switch.read_text().strip() == "1":
            autogroup = Path(f"/proc/{pool_pid}/autogroup").read_text().strip()
            assert autogroup.endswith(f"nice {settings.REPORTS_WORKER_NICENESS}")
            assert Path(f"/proc/{other}/autogroup").read_text().strip().endswith("nice 0")
    finally:
        reports_pool.stop()
        every_queue.stop()
