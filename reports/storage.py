"""Reading a finished report's file back from the private reports storage."""

from typing import IO

from django.core.files.storage import storages

from reports.models import Report

__all__ = ["report_open"]


def report_open(*, report: Report) -> IO[bytes] | None:
    """The stored file, opened for streaming, or None if it has gone missing."""
    storage = storages["reports"]
    if not report.file or not storage.exists(report.file):
        return None
    return storage.open(report.file, "rb")
