"""Handing a finished report to the person who asked for it: the one path the page and the
API share, so both refuse the same way and every download is on the audit trail."""

from typing import IO

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.http import Http404

from common.audit import audit_record
from common.errors import Conflict
from reports.models import Report
from reports.storage import report_open

__all__ = ["report_download_open"]


def report_download_open(*, report: Report, user: AbstractBaseUser | AnonymousUser) -> IO[bytes]:
    """The report's file opened for streaming, the download recorded. A report with no file
    yet is a Conflict (409); a file gone missing from storage is a 404."""
    if report.status != Report.Status.SUCCEEDED or not report.file:
        raise Conflict(
            f"The report is {report.get_status_display().lower()}, there is no file yet.",
            status=report.status,
        )
    handle = report_open(report=report)
    if handle is None:
        raise Http404("The report's file is missing.")
    audit_record(actor=user, action="report.download", target=report)
    return handle
