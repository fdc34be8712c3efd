"""Guessing passwords is stopped: after AXES_FAILURE_LIMIT failures for one user name from one
address, the token endpoint, the sign-in page and the admin's sign-in refuse (429 with
Retry-After) even the right password; a success before that resets the count. The API is
throttled per user and per anonymous address, with 429, Retry-After and the error format."""

import subprocess
import sys
import textwrap
import uuid
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.test import Client
from rest_framework.test import APIClient

from common.roles import SOURCE_ADMINS
from tests.factories import UserFactory, communications_user

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-passphrase-1"


@pytest.fixture
def writer(settings) -> Any:
    settings.AXES_FAILURE_LIMIT = 3
    return communications_user(username="writer", password=PASSWORD)


def token_attempt(password: str, username: str = "writer") -> Any:
    return APIClient().post(
        "/api/v1/auth/token/", {"username": username, "password": password}, format="json"
    )


def test_the_token_endpoint_locks_out_after_repeated_failures(writer):
    answers = [token_attempt("wrong").status_code for _ in range(3)]
    locked = token_attempt(PASSWORD)

    # The third failure reaches the limit: it and every later attempt are refused.
    assert answers == [400, 400, 429]
    assert locked.status_code == 429
    assert int(locked["Retry-After"]) > 0
    assert "Too many failed sign-in attempts" in locked.json()["detail"]
    # Another account from the same address is not locked out.
    communications_user(username="colleague", password=PASSWORD)
    assert token_attempt(PASSWORD, username="colleague").status_code == 200


def test_a_successful_sign_in_resets_the_count(writer):
    for _ in range(2):
        assert token_attempt("wrong").status_code == 400
    assert token_attempt(PASSWORD).status_code == 200
    for _ in range(2):
        assert token_attempt("wrong").status_code == 400
    assert token_attempt(PASSWORD).status_code == 200


@pytest.mark.parametrize("url", ["/accounts/login/", "/admin/login/"])
def test_the_sign_in_pages_lock_out_after_repeated_failures(writer, url):
    if url.startswith("/admin/"):
        UserFactory(username="staffer", password=PASSWORD, is_staff=True, roles=[SOURCE_ADMINS])
        username = "staffer"
    else:
        username = "writer"
    client = Client()
    for _ in range(2):
        failed = client.post(url, {"username": username, "password": "wrong"})
        assert failed.status_code == 200  # the form again, with its error
    assert client.post(url, {"username": username, "password": "wrong"}).status_code == 429

    locked = client.post(url, {"username": username, "password": PASSWORD})

    assert locked.status_code == 429
    assert "Signing in is locked" in locked.text
    assert int(locked["Retry-After"]) > 0
    assert "_auth_user_id" not in client.session


@pytest.fixture
def low_rates(settings) -> None:
    settings.API_THROTTLE_RATES = {"anon": "3/minute", "user": "4/minute"}
    # A fresh key prefix starts every counter at zero without emptying the shared cache: on
    # Redis, clear() would flush the database the Celery broker uses too.
    settings.CACHES = {
        "default": {**settings.CACHES["default"], "KEY_PREFIX": f"throttle-{uuid.uuid4().hex}"}
    }


def test_signed_in_users_are_throttled_with_retry_after(low_rates, comms):
    client = APIClient()
    client.force_authenticate(comms)
    answers = [client.get("/api/v1/themes/").status_code for _ in range(4)]
    throttled = client.get("/api/v1/themes/")

    assert answers == [200, 200, 200, 200]
    assert throttled.status_code == 429
    assert int(throttled["Retry-After"]) > 0
    assert "throttled" in throttled.json()["detail"]
    # Another user has their own allowance.
    other = APIClient()
    other.force_authenticate(communications_user(username="another"))
    assert other.get("/api/v1/themes/").status_code == 200


def test_anonymous_callers_are_throttled_per_address(low_rates, writer):
    answers = [token_attempt("wrong", username=f"guess{n}").status_code for n in range(3)]
    throttled = token_attempt(PASSWORD)

    assert answers == [400, 400, 400]
    assert throttled.status_code == 429
    assert int(throttled["Retry-After"]) > 0
    assert "detail" in throttled.json()


def test_requests_served_by_another_process_count_against_the_allowance(low_rates, comms):
    """gunicorn runs several worker processes: each must not grant the whole allowance. Four
    requests counted by another process (the user's allowance is four a minute) leave none
    here."""
    other_process = textwrap.dedent(
        f"""
        import django
        django.setup()
        from django.conf import settings
        settings.CACHES = {django_settings.CACHES!r}
        settings.API_THROTTLE_RATES = {django_settings.API_THROTTLE_RATES!r}
        from django.contrib.auth.models import User
        from rest_framework.request import Request
        from rest_framework.test import APIRequestFactory
        from common.throttling import SignedInUserThrottle
        request = Request(APIRequestFactory().get("/api/v1/themes/"))
        request.user = User(pk={comms.pk})
        throttle = SignedInUserThrottle()
        assert all(throttle.allow_request(request, None) for _ in range(4))
        """
    )
    subprocess.run([sys.executable, "-c", other_process], check=True, timeout=60)

    client = APIClient()
    client.force_authenticate(comms)
    throttled = client.get("/api/v1/themes/")

    assert throttled.status_code == 429
