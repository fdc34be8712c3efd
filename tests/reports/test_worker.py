"""Reports built by a REAL Celery worker process on the configured broker (filesystem on the
embedded default, Redis on the PostgreSQL run): every kind in every format, a worker killed
mid-render, and a broker that is down when the report is requested."""

import csv
import io
import json
import re
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import docx
import pypdf
import pytest
from django.conf import settings
from docx.oxml.ns import qn
from kombu import pools as kombu_pools

from common.models import AuditEntry
from config.celery_app import app as celery_app
from reports.models import Report
from reports.tasks import report_sweep_task
from tests.reports.factories import URDU_MESSAGE
from tests.workers import WorkerProcess, wait_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
KINDS = ["campaign_brief", "evidence_dossier", "source_register"]
FORMATS = ["pdf", "docx", "html", "json", "csv"]


@pytest.fixture(autouse=True)
def _roles(transactional_db):  # type: ignore[no-untyped-def]
    """A transactional test empties every table afterwards, the role groups (created by a
    data migration) included: make sure they exist before the users are created."""
    from django.contrib.auth.models import Group

    from common.roles import ALL_ROLES

    for name in ALL_ROLES:
        Group.objects.get_or_create(name=name)


def request_report(client, **body):  # type: ignore[no-untyped-def]
    response = client.post("/api/v1/reports/", body, format="json")
    assert response.status_code == 202, response.content
    return response.json()["id"]


def finished(*ids: int):  # type: ignore[no-untyped-def]
    def check():  # type: ignore[no-untyped-def]
        reports = list(Report.objects.filter(pk__in=ids))
        if all(r.status in ("succeeded", "failed") for r in reports):
            return reports
        return None

    return check


def report_files(report_id: int) -> list[Path]:
    folder = Path(settings.REPORTS_ROOT) / str(report_id)
    return sorted(folder.iterdir()) if folder.exists() else []


def download(client, report_id: int) -> bytes:  # type: ignore[no-untyped-def]
    response = client.get(f"/api/v1/reports/{report_id}/download/")
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def test_every_kind_in_every_format_is_built_by_a_worker(
    celery_worker_process, scenario, comms, client_for
):
    client = client_for(comms)
    ids = {}
    for kind in KINDS:
        for fmt in FORMATS:
            campaign = scenario.campaign.pk if kind == "campaign_brief" else None
            ids[kind, fmt] = request_report(client, kind=kind, format=fmt, campaign=campaign)
    reports = wait_for(finished(*ids.values()), timeout=240, interval=0.5)
    failed = {(r.kind, r.format): r.error for r in reports if r.status != "succeeded"}
    assert failed == {}, f"{failed}\n{celery_worker_process.log()[-3000:]}"
    assert all(r.attempts == 1 and r.progress == 100 for r in reports)

    files = {key: download(client, report_id) for key, report_id in ids.items()}

    pdf = pypdf.PdfReader(io.BytesIO(files["campaign_brief", "pdf"]))
    text = " ".join(BIDI_CONTROLS.sub("", "\n".join(p.extract_text() for p in pdf.pages)).split())
    assert scenario.campaign.name in text
    assert URDU_MESSAGE in text  # the Urdu message, its letters in reading order
    assert "“took about 70 lives” — Quetta hospital bombing report" in text  # a citation
    assert "Bibliography" in text
    assert "Islamic State in Pakistan analysis" in text  # a bibliography entry
    assert "B – usually reliable" in text

    brief = docx.Document(io.BytesIO(files["campaign_brief", "docx"]))
    rtl = [
        p.text
        for p in brief.paragraphs
        if p._p.pPr is not None and p._p.pPr.find(qn("w:bidi")) is not None
    ]
    assert rtl == [URDU_MESSAGE]

    for kind in KINDS:
        document = json.loads(files[kind, "json"])
        assert document["report"]["kind"] == kind
        rows = list(csv.DictReader(io.StringIO(files[kind, "csv"].decode("utf-8"))))
        assert rows
        assert scenario.campaign.name.encode() in files["campaign_brief", "html"]
    claim_reviews = json.loads(files["evidence_dossier", "json"])["claim_reviews"]
    assert {review["@type"] for review in claim_reviews} == {"ClaimReview"}
    register = list(csv.DictReader(io.StringIO(files["source_register", "csv"].decode())))
    assert {row["title"] for row in register} >= {s.title for s in scenario.sources}


@pytest.fixture
def tasks_sent() -> Iterator[None]:
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    try:
        yield
    finally:
        celery_app.conf.task_always_eager = previous


def test_worker_killed_mid_render_and_the_report_still_succeeds_once(
    transactional_db, tasks_sent, scenario, comms, client_for
):
    # Each progress step pauses, so "mid-render" lasts long enough to aim a SIGKILL at.
    slow = WorkerProcess(extra_env={"REPORTS_RENDER_PAUSE": "1.5"}).start()
    replacement = None
    try:
        report_id = request_report(
            client_for(comms), kind="campaign_brief", format="pdf", campaign=scenario.campaign.pk
        )
        wait_for(
            lambda: Report.objects.filter(
                pk=report_id, status="running", progress__gte=40, progress__lt=95
            ).exists(),
            timeout=60,
            interval=0.1,
        )
        slow.kill()
        killed_at = time.monotonic()
        killed = Report.objects.get(pk=report_id)
        assert (killed.status, killed.attempts) == ("running", 1)

        # A new worker, with the production time limits; the sweeper (beat's task, run by that
        # worker every few seconds here) sees that no live worker holds the report's task and
        # sends it again: no waiting for the hard time limit.
        replacement = WorkerProcess().start()

        def swept_and_finished() -> list[Report] | None:
            report_sweep_task.delay()
            return finished(report_id)()

        report = wait_for(swept_and_finished, timeout=90, interval=5)[0]
        assert time.monotonic() - killed_at < 90
        assert report.status == "succeeded", report.error
        assert report.attempts == 2
        assert len(report_files(report_id)) == 1
        assert (
            AuditEntry.objects.filter(action="report.succeeded", target_id=str(report_id)).count()
            == 1
        )
    finally:
        slow.kill()
        if replacement is not None:
            replacement.stop()


def test_report_past_its_soft_time_limit_fails_with_a_readable_error(
    transactional_db, tasks_sent, scenario, comms
):
    from reports.tasks import report_build_task

    # A pause at each progress step, and a 2 s soft limit sent with the message (Celery takes
    # the limits from the sender): the build cannot finish in time.
    worker = WorkerProcess(extra_env={"REPORTS_RENDER_PAUSE": "1"}).start()
    try:
        report = Report.objects.create(
            kind="campaign_brief", format="pdf", campaign=scenario.campaign, requested_by=comms
        )
        report_build_task.apply_async(args=[report.pk], soft_time_limit=2)
        report = wait_for(finished(report.pk), timeout=60, interval=0.3)[0]
        assert report.status == "failed", worker.log()[-3000:]
        assert "took longer than" in report.error and "narrower report" in report.error
        assert report.attempts == 1  # not retried: a second try would run out of time too
        assert report_files(report.pk) == []
    finally:
        worker.stop()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PrivateRedis:
    """A redis-server of this test's own, so stopping it disturbs nobody else's broker."""

    def __init__(self) -> None:
        self.port = _free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> "PrivateRedis":
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for(self._answers, timeout=10, interval=0.1)
        return self

    def _answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


@contextmanager
def broker_of_this_process(url: str) -> Iterator[None]:
    """Point this process's Celery app at `url` (tasks are sent and workers pinged there)."""
    conf = celery_app.conf
    saved = conf.broker_url, conf.broker_transport_options

    def drop_pools() -> None:
        # The app caches its connection pools per broker URL: drop them so the next send
        # connects to the broker now configured.
        if celery_app._pool is not None:
            celery_app._pool.force_close_all()
        celery_app._pool = None
        celery_app.amqp._producer_pool = None
        # kombu's global producer pools are keyed by broker URL and would still hand out the
        # pool closed above to the next test that sends a task: clear them too.
        kombu_pools.reset()

    drop_pools()
    conf.broker_url, conf.broker_transport_options = url, {"visibility_timeout": 3600}
    try:
        yield
    finally:
        drop_pools()
        conf.broker_url, conf.broker_transport_options = saved


def test_report_requested_while_the_broker_is_down_succeeds_once_it_is_back(
    transactional_db, tasks_sent, scenario, comms, client_for
):
    """Runs on both CI passes: the broker here is a Redis of the test's own."""
    redis = PrivateRedis().start()
    worker = None
    try:
        with broker_of_this_process(redis.url):
            worker = WorkerProcess(
                extra_env={"REDIS_URL": redis.url, "REPORTS_RESEND_QUEUED_AFTER": "0"}
            ).start()
            redis.stop()

            started = time.monotonic()
            report_id = request_report(
                client_for(comms), kind="campaign_brief", format="docx",
                campaign=scenario.campaign.pk,
            )  # fmt: skip
            assert time.monotonic() - started < 15, "the request must not hang on the broker"
            waiting = Report.objects.get(pk=report_id)
            assert waiting.status == "queued"
            assert waiting.sent_at is None
            assert "waiting for the task queue" in waiting.stage

            redis.start()
            # Beat's sweeper, run by the worker once it has reconnected, re-sends the report.
            wait_for(lambda: report_sweep_task.delay() or True, timeout=5)
            report = wait_for(finished(report_id), timeout=120, interval=0.5)[0]
            assert report.status == "succeeded", report.error
            assert report.attempts == 1
            assert len(report_files(report_id)) == 1
    finally:
        if worker is not None:
            worker.stop()
        redis.stop()
