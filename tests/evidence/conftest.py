"""Fixtures for the evidence tests: signals captured as a user-visible outcome."""

from collections.abc import Iterator
from typing import Any

import pytest

from evidence.signals import evidence_changed


@pytest.fixture
def changes() -> Iterator[list[dict[str, Any]]]:
    """Every `evidence_changed` sent during the test, as `{"fact_ids", "code", "reason"}`."""
    sent: list[dict[str, Any]] = []

    def receive(sender: object, **kwargs: Any) -> None:
        sent.append({k: kwargs[k] for k in ("fact_ids", "code", "reason")})

    evidence_changed.connect(receive, dispatch_uid="tests.evidence.changes")
    try:
        yield sent
    finally:
        evidence_changed.disconnect(dispatch_uid="tests.evidence.changes")


@pytest.fixture
def superuser_factory(db):  # type: ignore[no-untyped-def]
    """`superuser_factory()`: a superuser (every role), for tests that try every write."""
    from tests.factories import UserFactory

    def make():  # type: ignore[no-untyped-def]
        return UserFactory(username="root", is_superuser=True, is_staff=True)

    return make
