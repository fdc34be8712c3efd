"""Keep the reports storage in step with the reports table.

A report's file is deleted with its row, whether the row goes on its own (admin) or with its
campaign (cascade). Deleted after the transaction commits, so a rolled-back delete keeps its
file, and a storage hiccup cannot undo the database change.
"""

from typing import Any

from django.core.files.storage import storages
from django.db import transaction
from django.db.models.signals import post_delete

from reports.models import Report

__all__ = ["connect_report_receivers"]


def _delete_file(sender: type[Report], instance: Report, **kwargs: Any) -> None:
    if instance.file:
        name = instance.file
        transaction.on_commit(lambda: storages["reports"].delete(name))


def connect_report_receivers() -> None:
    post_delete.connect(_delete_file, sender=Report, dispatch_uid="reports.delete_file")
