"""The reports admin: staff follow reports and see why one failed."""

import pytest

from reports.models import Report
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_admin_lists_reports_with_their_error(client, comms):
    Report.objects.create(
        kind="source_register",
        format="pdf",
        requested_by=comms,
        status="failed",
        error="Could not build the report: disk full",
    )
    admin = UserFactory(username="admin", is_staff=True, is_superuser=True)
    client.force_login(admin)
    listing = client.get("/admin/reports/report/")
    assert listing.status_code == 200
    assert b"Source register" in listing.content
    report = Report.objects.get()
    detail = client.get(f"/admin/reports/report/{report.pk}/change/")
    assert b"disk full" in detail.content
    assert client.get("/admin/reports/report/add/").status_code == 403
