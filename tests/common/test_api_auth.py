"""Authentication on the API: tokens, 401 for anonymous calls, the same 400 for any bad login."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from tests.factories import communications_user

pytestmark = pytest.mark.django_db


def test_a_token_is_obtained_with_a_username_and_password(anon):
    communications_user(username="writer", password="a-long-passphrase-1")

    response = anon.post(
        "/api/v1/auth/token/",
        {"username": "writer", "password": "a-long-passphrase-1"},
        format="json",
    )

    assert response.status_code == 200
    token = response.json()["token"]
    me = anon.get("/api/schema/", HTTP_AUTHORIZATION=f"Token {token}")
    assert me.status_code == 200


@pytest.mark.parametrize(
    "username, password",
    [("writer", "wrong-password"), ("nobody", "a-long-passphrase-1")],
    ids=["wrong password", "unknown user"],
)
def test_bad_credentials_get_400_without_saying_which_part_was_wrong(anon, username, password):
    communications_user(username="writer", password="a-long-passphrase-1")

    response = anon.post(
        "/api/v1/auth/token/", {"username": username, "password": password}, format="json"
    )

    assert response.status_code == 400
    message = str(response.json())
    assert "Unable to log in with provided credentials" in message
    assert "password" not in message.lower().replace("provided credentials", "")


def test_missing_fields_name_the_field(anon):
    response = anon.post("/api/v1/auth/token/", {"username": "writer"}, format="json")

    assert response.status_code == 400
    assert "password" in response.json()


def _api_routes() -> list[str]:
    """Every concrete path under /api/ (ids replaced by 1, formats by json)."""
    routes: list[str] = []

    def walk(patterns, prefix: str) -> None:  # type: ignore[no-untyped-def]
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, prefix + str(p.pattern))
            elif isinstance(p, URLPattern):
                routes.append(prefix + str(p.pattern))

    walk(get_resolver().url_patterns, "/")
    concrete = set()
    for route in routes:
        if not route.startswith("/api/") or "auth/token" in route:
            continue
        path = route.replace("^", "").replace("$", "")
        if "(?P<format>" in path:  # DRF's optional ".json" suffix routes repeat the plain ones
            continue
        path = re.sub(r"<(?:str:)?format>", "json", path)
        path = re.sub(r"<[^>]+>|\(\?P<[^>]+>[^)]+\)", "1", path)
        concrete.add(path)
    return sorted(concrete)


def test_every_api_route_answers_401_to_an_anonymous_caller(anon):
    routes = _api_routes()
    assert "/api/schema/" in routes
    for path in routes:
        for method in ("get", "post"):
            response = getattr(anon, method)(path)
            if response.status_code == 405:
                continue
            assert response.status_code == 401, (method, path, response.status_code)
            assert response["WWW-Authenticate"].startswith("Token")


def test_the_api_docs_page_uses_no_cdn(client_for, django_user_model):
    user = communications_user(username="reader")

    response = client_for(user).get("/api/docs/")
    html = response.content.decode()

    assert response.status_code == 200
    assert "swagger-ui" in html
    assert "cdn" not in html.lower()
    assert "/static/drf_spectacular_sidecar/" in html
