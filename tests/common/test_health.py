"""/healthz names what is down with a 503."""

import pytest

from common.health import health_cache_clear

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_probe():  # type: ignore[no-untyped-def]
    health_cache_clear()
    yield
    health_cache_clear()


def test_healthz_probes_at_most_once_every_few_seconds(client, settings):
    """Anonymous callers cannot make it open a broker connection each time."""
    from config.celery_app import app

    settings.HEALTHZ_CACHE_SECONDS = 60
    first = client.get("/healthz")
    previous = app.conf.broker_url
    app.conf.broker_url = "redis://127.0.0.1:1/0"  # would be "down" if probed again
    try:
        again = [client.get("/healthz") for _ in range(20)]
    finally:
        app.conf.broker_url = previous

    assert all(r.json() == first.json() for r in again)
    assert first.json()["broker"] == "ok"


def test_healthz_is_503_and_names_the_workers_when_none_runs(client):
    response = client.get("/healthz")

    assert response.status_code == 503
    body = response.json()
    assert body["database"] == "ok"
    assert body["broker"] == "ok"
    assert body["workers"] == 0
    assert body["down"] == ["workers"]


def test_healthz_names_the_broker_when_it_is_unreachable(client, settings):
    from config.celery_app import app

    previous = app.conf.broker_url
    app.conf.broker_url = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    try:
        response = client.get("/healthz")
    finally:
        app.conf.broker_url = previous

    assert response.status_code == 503
    assert "broker" in response.json()["down"]
