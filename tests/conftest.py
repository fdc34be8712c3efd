"""Fixtures shared by the whole suite: users per role, API clients, a real Celery worker."""

from collections.abc import Callable, Iterator

import pytest
from rest_framework.test import APIClient

from config.celery_app import app as celery_app
from tests.factories import (
    UserFactory,
    communications_user,
    reviewer_user,
    source_admin_user,
)
from tests.workers import WorkerProcess


@pytest.fixture
def comms(db):  # type: ignore[no-untyped-def]
    return communications_user(username="comms1")


@pytest.fixture
def comms_outsider(db):  # type: ignore[no-untyped-def]
    """A communications user who is on no campaign's team."""
    return communications_user(username="outsider")


@pytest.fixture
def reviewer(db):  # type: ignore[no-untyped-def]
    return reviewer_user(username="reviewer1")


@pytest.fixture
def reviewer2(db):  # type: ignore[no-untyped-def]
    return reviewer_user(username="reviewer2")


@pytest.fixture
def source_admin(db):  # type: ignore[no-untyped-def]
    return source_admin_user(username="sourceadmin1")


@pytest.fixture
def no_role_user(db):  # type: ignore[no-untyped-def]
    return UserFactory(username="norole")


@pytest.fixture
def client_for() -> Callable[..., APIClient]:
    """`client_for(user)`: an API client signed in as that user (None: anonymous)."""

    def make(user=None) -> APIClient:  # type: ignore[no-untyped-def]
        client = APIClient()
        if user is not None:
            client.force_authenticate(user)
        return client

    return make


@pytest.fixture
def anon() -> APIClient:
    return APIClient()


@pytest.fixture
def celery_worker_process(transactional_db) -> Iterator[WorkerProcess]:  # type: ignore[no-untyped-def]
    """A real worker process on the configured broker; tasks are sent, not run inline."""
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    worker = WorkerProcess().start()
    try:
        yield worker
    finally:
        worker.stop()
        celery_app.conf.task_always_eager = previous
