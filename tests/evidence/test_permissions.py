"""Who may do what on the evidence endpoints: every role reads, Source admins write,
Reviewers verify and resolve, a user without a role gets 403, anonymous callers 401."""

import pytest

from tests.evidence.factories import make_actor, make_excerpt, make_fact, make_source
from tests.versioning import patch_current

pytestmark = pytest.mark.django_db


@pytest.fixture
def evidence():  # type: ignore[no-untyped-def]
    source = make_source("The bombing took about 70 lives. Police said 75 died.")
    fact = make_fact()
    excerpt = make_excerpt(
        source,
        "about 70 lives",
        fact=fact,
        figures=[{"kind": "killed", "value_min": 70, "qualifier": "about"}],
    )
    make_excerpt(
        make_source("Officials: 75 died.", publisher="Other"),
        "75 died",
        fact=fact,
        figures=[{"kind": "killed", "value_min": 75}],
    )
    return {"source": source, "fact": fact, "excerpt": excerpt, "actor": make_actor("ISIS")}


def read_urls(e):  # type: ignore[no-untyped-def]
    return [
        "/api/v1/sources/",
        f"/api/v1/sources/{e['source'].pk}/",
        "/api/v1/actors/",
        f"/api/v1/actors/{e['actor'].pk}/",
        "/api/v1/facts/",
        f"/api/v1/facts/{e['fact'].pk}/",
        "/api/v1/excerpts/",
        f"/api/v1/excerpts/{e['excerpt'].pk}/",
    ]


def writes(e):  # type: ignore[no-untyped-def]
    return [
        ("post", "/api/v1/sources/", {"title": "t", "reliability": "B", "text": "New text."}),
        ("patch", f"/api/v1/sources/{e['source'].pk}/", {"title": "Renamed"}),
        ("post", "/api/v1/actors/", {"name": "TTP"}),
        ("patch", f"/api/v1/actors/{e['actor'].pk}/", {"aliases": ["Daesh"]}),
        ("post", "/api/v1/facts/", {"kind": "statement", "title": "t"}),
        ("patch", f"/api/v1/facts/{e['fact'].pk}/", {"title": "Renamed"}),
        ("post", "/api/v1/excerpts/", {"source": e["source"].pk, "exact": "Police said"}),
        ("patch", f"/api/v1/excerpts/{e['excerpt'].pk}/", {"credibility": 2}),
        ("delete", f"/api/v1/excerpts/{e['excerpt'].pk}/", None),
        ("post", f"/api/v1/sources/{e['source'].pk}/retract/", {"reason": "Wrong"}),
    ]


def reviews(e):  # type: ignore[no-untyped-def]
    return [
        (
            "post",
            f"/api/v1/facts/{e['fact'].pk}/resolve-conflict/",
            {"field": "killed", "wording": "at least 70", "reason": "Lower figure"},
        ),
        ("post", f"/api/v1/facts/{e['fact'].pk}/verify/", None),
    ]


def call(client, method, url, data):  # type: ignore[no-untyped-def]
    if method == "patch":
        return patch_current(client, url, data, format="json")
    return getattr(client, method)(url, data, format="json")


@pytest.mark.parametrize("role", ["comms", "reviewer", "source_admin"])
def test_every_role_reads(request, client_for, evidence, role):
    client = client_for(request.getfixturevalue(role))
    for url in read_urls(evidence):
        assert client.get(url).status_code == 200, url


def test_a_user_without_a_role_gets_403_everywhere(client_for, no_role_user, evidence):
    client = client_for(no_role_user)
    for url in read_urls(evidence):
        assert client.get(url).status_code == 403, url
    for method, url, data in writes(evidence) + reviews(evidence):
        assert call(client, method, url, data).status_code == 403, url


def test_anonymous_callers_get_401(anon, evidence):
    for url in read_urls(evidence):
        assert anon.get(url).status_code == 401, url


@pytest.mark.parametrize("role", ["comms", "reviewer"])
def test_only_source_admins_change_the_evidence_base(request, client_for, evidence, role):
    client = client_for(request.getfixturevalue(role))
    for method, url, data in writes(evidence):
        assert call(client, method, url, data).status_code == 403, url


def test_source_admins_write(client_for, source_admin, evidence):
    client = client_for(source_admin)
    for method, url, data in writes(evidence):
        assert call(client, method, url, data).status_code in (200, 201, 204), url


@pytest.mark.parametrize("role", ["comms", "source_admin"])
def test_only_reviewers_verify_and_resolve(request, client_for, evidence, role):
    client = client_for(request.getfixturevalue(role))
    for method, url, data in reviews(evidence):
        assert call(client, method, url, data).status_code == 403, url


def test_reviewers_resolve_then_verify(client_for, reviewer, evidence):
    client = client_for(reviewer)
    for method, url, data in reviews(evidence):
        assert call(client, method, url, data).status_code == 200, url


def test_services_refuse_non_reviewers_too(source_admin, evidence):
    from common.errors import NotAllowed
    from evidence.services.facts import fact_verify

    with pytest.raises(NotAllowed):
        fact_verify(fact=evidence["fact"], reviewer=source_admin)
