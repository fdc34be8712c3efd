"""A real Celery worker in its own process, for tests whose behaviour depends on one.

The worker gets the test database (SQLite file or PostgreSQL test database) through
DATABASE_URL and the same broker as the test process, so a task sent by a test travels through
the real broker to a separate process, exactly as in production.
"""

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

from django.conf import settings
from django.db import connection

from config.celery_app import ALL_QUEUES, ensure_broker_folders
from config.celery_app import app as celery_app

ROOT = Path(__file__).resolve().parent.parent


def database_url_for_tests() -> str:
    """The URL of the database the test session is using right now."""
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    user = db.get("USER") or "postgres"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{db['NAME']}"


class WorkerProcess:
    """Start, stop and SIGKILL a `celery worker` subprocess."""

    def __init__(
        self,
        *,
        concurrency: int = 1,
        extra_env: dict[str, str] | None = None,
        queues: tuple[str, ...] = ALL_QUEUES,
    ) -> None:
        self.name = f"test-{uuid.uuid4().hex[:8]}@localhost"
        self.concurrency = concurrency
        self.queues = queues
        self.extra_env = extra_env or {}
        self.process: subprocess.Popen[bytes] | None = None
        self.log_path = Path(settings.VAR_DIR) / f"{self.name.split('@')[0]}.log"

    def start(self, timeout: float = 60) -> "WorkerProcess":
        ensure_broker_folders()
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": database_url_for_tests(),
            "CELERY_TASK_ALWAYS_EAGER": "false",
            "PYTHONUNBUFFERED": "1",
            **self.extra_env,
        }
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        log = self.log_path.open("wb")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "--loglevel",
                "INFO",
                "--pool",
                "prefork",
                "--concurrency",
                str(self.concurrency),
                "--hostname",
                self.name,
                "--without-gossip",
                "--without-mingle",
                # By default one worker does all the work: reports have their own queue.
                "--queues",
                ",".join(self.queues),
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.wait_until_ready(timeout)
        return self

    def wait_until_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise RuntimeError(f"worker exited early:\n{self.log()}")
            replies = celery_app.control.inspect(timeout=0.5, destination=[self.name]).ping()
            if replies:
                return
        raise TimeoutError(f"worker {self.name} did not answer a ping:\n{self.log()}")

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def kill(self) -> None:
        """SIGKILL the worker and its pool children at once: a crash, not a shutdown."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()


def wait_for(predicate, timeout: float = 30, interval: float = 0.2):  # type: ignore[no-untyped-def]
    """Poll `predicate` until it returns something truthy; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise TimeoutError(f"condition not met within {timeout} s")
