"""The evidence app's Celery tasks, where `autodiscover_tasks` looks for them."""

from evidence.imports.tasks import incident_import_run_task

__all__ = ["incident_import_run_task"]
