"""Wrong types and odd values on every evidence endpoint: always a 4xx, never a 500."""

import json

import pytest

from tests.evidence.factories import make_actor, make_excerpt, make_fact, make_source
from tests.versioning import patch_current

pytestmark = pytest.mark.django_db

ODD_VALUES = [None, True, -1, 10**30, "x" * 5000, [1, "a"], {"a": 1}, "\x00", "\ud800"]


@pytest.fixture
def targets():  # type: ignore[no-untyped-def]
    source = make_source("The bombing took about 70 lives.")
    fact = make_fact()
    return {
        "/api/v1/sources/": ["title", "text", "reliability", "kind", "published_on", "url"],
        "/api/v1/actors/": ["name", "aliases", "kind"],
        "/api/v1/facts/": [
            "kind",
            "title",
            "occurred_on",
            "claimed_by",
            "subject_actor",
            "relation",
            "date_precision",
        ],
        "/api/v1/excerpts/": [
            "source",
            "fact",
            "exact",
            "prefix",
            "figures",
            "credibility",
            "reported_on",
            "reported_claimed_by",
            "reported_relation",
        ],
        f"/api/v1/sources/{source.pk}/retract/": ["reason"],
        f"/api/v1/facts/{fact.pk}/resolve-conflict/": ["field", "wording", "reason"],
    }


def valid_body(url: str, source_id: int) -> dict:  # type: ignore[type-arg]
    if url == "/api/v1/sources/":
        return {"title": "t", "reliability": "B", "text": "Some new text."}
    if url == "/api/v1/actors/":
        return {"name": "TTP"}
    if url == "/api/v1/facts/":
        return {"kind": "statistic", "title": "t"}
    if url == "/api/v1/excerpts/":
        return {"source": source_id, "exact": "about 70"}
    if url.endswith("retract/"):
        return {"reason": "Wrong"}
    return {"field": "killed", "wording": "w", "reason": "r"}


def test_odd_values_in_any_field_get_a_4xx(client_for, superuser_factory, targets):
    user = superuser_factory()
    client = client_for(user)
    source_id = make_source("Another text: about 70 died.").pk
    for url, fields in targets.items():
        for field in fields:
            for value in ODD_VALUES:
                body = {**valid_body(url, source_id), field: value}
                response = client.post(url, json.dumps(body), content_type="application/json")
                assert response.status_code < 500, (url, field, value, response.content[:200])


def test_a_body_that_is_not_an_object_gets_a_400(client_for, source_admin):
    client = client_for(source_admin)
    for url in ("/api/v1/sources/", "/api/v1/actors/", "/api/v1/facts/", "/api/v1/excerpts/"):
        for body in ("[1, 2]", '"text"', "null", "{not json"):
            response = client.post(url, body, content_type="application/json")
            assert response.status_code == 400, (url, body, response.status_code)


def test_patching_with_odd_values_gets_a_4xx(client_for, superuser_factory):
    client = client_for(superuser_factory())
    source = make_source("Some text with about 70 lives.")
    excerpt = make_excerpt(source, "about 70 lives")
    actor = make_actor("ISIS")
    fact = make_fact()
    patches = {
        f"/api/v1/sources/{source.pk}/": ("text", "reliability"),
        f"/api/v1/excerpts/{excerpt.pk}/": ("exact", "figures", "source", "fact"),
        f"/api/v1/actors/{actor.pk}/": ("aliases", "name"),
        f"/api/v1/facts/{fact.pk}/": ("claimed_by", "kind", "occurred_on"),
    }
    for url, fields in patches.items():
        for field in fields:
            for value in ODD_VALUES:
                response = patch_current(
                    client, url, json.dumps({field: value}), content_type="application/json"
                )
                assert response.status_code < 500, (url, field, value, response.content[:200])
