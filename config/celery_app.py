"""The Celery application: one app for the web process, the workers and beat."""

import os

from celery import Celery

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
