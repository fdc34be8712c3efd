"""Fixtures for the reports tests: a campaign with evidence, and a report builder."""

import pytest

from tests.reports.factories import brief_scenario


@pytest.fixture
def scenario(comms, reviewer):  # type: ignore[no-untyped-def]
    return brief_scenario(owner=comms, reviewer=reviewer)
