"""Fixtures for the reports tests: a campaign with evidence, an empty reports storage."""

import shutil
from pathlib import Path

import pytest
from django.conf import settings

from tests.reports.factories import brief_scenario


@pytest.fixture(autouse=True)
def _empty_reports_storage() -> None:
    """Report ids restart in every test database: files left by an earlier test under the
    same id would be counted as this test's (this run's own folder, see test settings)."""
    root = Path(settings.REPORTS_ROOT)
    assert root.name.startswith("test-reports-")
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def scenario(comms, reviewer):  # type: ignore[no-untyped-def]
    return brief_scenario(owner=comms, reviewer=reviewer)
