"""The Celery application: one app for the web process, the workers and beat."""

import logging
import os
from pathlib import Path

from celery import Celery
from celery.signals import celeryd_after_setup

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

app = Celery("counterpoint")
# Every CELERY_* Django setting configures Celery, so settings stay in one place.
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Report rendering is CPU-heavy and can take minutes: it has its own queue, so a separate,
# lower-priority (`nice`) worker pool can build reports without starving the web server or
# the quick tasks on the default queue (README, "Production deployment").
DEFAULT_QUEUE = "celery"
REPORTS_QUEUE = "reports"
app.conf.task_default_queue = DEFAULT_QUEUE
app.conf.task_routes = {"reports.build": {"queue": REPORTS_QUEUE}}
# Every queue a single worker must consume to do all the work (the embedded default, tests).
ALL_QUEUES = (DEFAULT_QUEUE, REPORTS_QUEUE)


def ensure_broker_folders() -> None:
    """Create the filesystem broker's folders; kombu fails on a folder that does not exist."""
    options = app.conf.broker_transport_options or {}
    if not str(app.conf.broker_url).startswith("filesystem"):
        return
    for key in ("data_folder_in", "data_folder_out", "processed_folder", "control_folder"):
        if options.get(key):
            os.makedirs(options[key], exist_ok=True)


@app.on_after_configure.connect
def _prepare_broker(sender: Celery, **kwargs: object) -> None:
    ensure_broker_folders()


logger = logging.getLogger(__name__)
AUTOGROUP_SWITCH = Path("/proc/sys/kernel/sched_autogroup_enabled")
AUTOGROUP = Path("/proc/self/autogroup")


def lower_cpu_priority(niceness: int) -> list[str]:
    """Give this process (and the pool children it forks later) a lower CPU priority, and say
    what was done. `os.nice` alone is not enough on Linux with autogroups (the default on most
    distributions): the scheduler first shares the CPU equally between sessions, so a worker
    in its own session (systemd, honcho, supervisord) gets as much CPU as the whole web server
    whatever its nice value. The session's autogroup is niced too, but only when the session
    is the worker's own (it leads it, or its parent does, as `sh -c` under honcho): an
    autogroup holds every process of the session, and a terminal's shell must not be slowed."""
    done = [f"nice {os.nice(niceness)}"]
    # Nice lowers the pool's share, but a web worker that wakes up still waits for a running
    # build's time slice: with the lists cheaper, that wait became most of the slowdown (the
    # facts list's p95 1.43-1.54x idle while 20 briefs built, 1.27-1.29x as SCHED_IDLE, which
    # any waking normal task preempts). Reports still get every cycle the web leaves idle.
    if hasattr(os, "SCHED_IDLE"):
        os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))
        done.append("SCHED_IDLE")
    try:
        autogroups = AUTOGROUP_SWITCH.read_text().strip() == "1"
    except OSError:
        autogroups = False
    if autogroups:
        if os.getsid(0) in (os.getpid(), os.getppid()):
            try:
                AUTOGROUP.write_text(str(niceness))
                done.append(f"autogroup nice {niceness}")
            except OSError as error:
                logger.warning("Could not lower the session's CPU priority: %s", error)
        else:
            logger.warning(
                "This worker shares its session with other processes: start it in its own "
                "session (setsid) or nice does not lower its share of the CPU (autogroups)."
            )
    return done


@celeryd_after_setup.connect
def _lower_priority_of_a_reports_pool(sender: str, instance: object, **kwargs: object) -> None:
    """A worker that builds only reports runs at REPORTS_WORKER_NICENESS: reports take minutes
    of CPU and must not slow the web server on the same machine (issue 12). Runs in the main
    process before the pool forks, so every child inherits it. A worker that also takes the
    quick tasks (the embedded default, tests) keeps its priority."""
    from django.conf import settings

    niceness = int(getattr(settings, "REPORTS_WORKER_NICENESS", 0))
    consumed = set(instance.app.amqp.queues.consume_from)  # type: ignore[attr-defined]
    if niceness > 0 and consumed == {REPORTS_QUEUE}:
        logger.info("Reports pool: %s", ", ".join(lower_cpu_priority(niceness)))
