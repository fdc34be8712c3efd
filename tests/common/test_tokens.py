"""API tokens expire, can be listed and revoked, and die with a password change or a
deactivation; the contract (`{"token": ...}`, `Authorization: Token <key>`) is unchanged."""

import time
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from rest_framework.test import APIClient

from tests.factories import communications_user

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-passphrase-1"


def token_for(username: str, password: str = PASSWORD) -> str:
    response = APIClient().post(
        "/api/v1/auth/token/", {"username": username, "password": password}, format="json"
    )
    assert response.status_code == 200, response.content
    return str(response.json()["token"])


def with_token(token: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


@pytest.fixture
def writer() -> Any:
    return communications_user(username="writer", password=PASSWORD)


def test_a_token_works_until_its_owner_revokes_it(writer):
    token = token_for("writer")
    client = with_token(token)
    assert client.get("/api/v1/campaigns/").status_code == 200

    revoked = client.delete("/api/v1/auth/token/")

    assert revoked.status_code == 204
    refused = client.get("/api/v1/campaigns/")
    assert refused.status_code == 401
    assert "detail" in refused.json()


def test_a_token_expires_after_the_configured_time(writer, settings):
    settings.API_TOKEN_TTL = timedelta(seconds=1)
    token = token_for("writer")
    assert with_token(token).get("/api/v1/campaigns/").status_code == 200

    time.sleep(1.2)

    assert with_token(token).get("/api/v1/campaigns/").status_code == 401


def test_the_answer_says_when_the_token_expires(writer, settings):
    settings.API_TOKEN_TTL = timedelta(hours=2)
    response = APIClient().post(
        "/api/v1/auth/token/", {"username": "writer", "password": PASSWORD}, format="json"
    )
    assert set(response.json()) == {"token", "expiry"}
    assert response.json()["expiry"]


def test_changing_the_password_revokes_every_token(writer):
    tokens = [token_for("writer"), token_for("writer")]
    page = Client()
    page.force_login(writer)

    changed = page.post(
        "/accounts/password_change/",
        {
            "old_password": PASSWORD,
            "new_password1": "another-long-passphrase-2",
            "new_password2": "another-long-passphrase-2",
        },
    )

    assert changed.status_code == 302
    for token in tokens:
        assert with_token(token).get("/api/v1/campaigns/").status_code == 401
    fresh = token_for("writer", "another-long-passphrase-2")
    assert with_token(fresh).get("/api/v1/campaigns/").status_code == 200


def test_deactivating_an_account_revokes_its_tokens(writer):
    token = token_for("writer")
    writer.is_active = False
    writer.save()
    writer.is_active = True
    writer.save()  # even re-activated, the old token stays dead

    assert with_token(token).get("/api/v1/campaigns/").status_code == 401


def test_owners_list_and_revoke_their_own_tokens_only(writer):
    first, second = token_for("writer"), token_for("writer")
    communications_user(username="other", password=PASSWORD)
    others = token_for("other")
    client = with_token(second)

    listing = client.get("/api/v1/auth/tokens/")

    assert listing.status_code == 200
    rows = listing.json()["results"]
    assert len(rows) == 2
    assert [row["current"] for row in rows] == [True, False]
    assert all(first not in str(row) and second not in str(row) for row in rows)
    assert client.delete(f"/api/v1/auth/tokens/{others[:15]}/").status_code == 404
    assert with_token(others).get("/api/v1/campaigns/").status_code == 200

    older = rows[1]["id"]
    assert client.delete(f"/api/v1/auth/tokens/{older}/").status_code == 204
    assert with_token(first).get("/api/v1/campaigns/").status_code == 401
    assert client.get("/api/v1/campaigns/").status_code == 200


def test_revoking_without_a_token_says_there_is_nothing_to_revoke(writer):
    client = APIClient()
    client.force_login(writer)
    response = client.delete("/api/v1/auth/token/")
    assert response.status_code == 400
    assert "not signed with a token" in response.json()["detail"]
    assert APIClient().delete("/api/v1/auth/token/").status_code == 401


def test_there_are_no_password_reset_pages(client):
    # The app sends no e-mail: a reset link could never arrive, so the pages do not exist.
    for url in ("/accounts/password_reset/", "/accounts/reset/MQ/set-password/"):
        assert client.get(url).status_code == 404
    assert client.get("/accounts/login/").status_code == 200
