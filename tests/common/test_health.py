"""/healthz names what is down with a 503."""

import pytest

pytestmark = pytest.mark.django_db


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
