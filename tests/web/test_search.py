"""The search page and its htmx fragment: who may search, alias expansion (Latin and Arabic
script), highlighting that never lets archive text become markup, filters, bad input."""

import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from evidence.models import Fact
from tests.evidence.factories import make_actor, make_excerpt, make_fact, make_source

pytestmark = pytest.mark.django_db

URL = reverse("web:search")


def words(html: str) -> str:
    """The page's text as a reader sees it (the <mark> tags around matched words removed)."""
    return re.sub(r"</?mark>", "", html)


FRAGMENT = reverse("web:search-results")


@pytest.fixture
def archive():  # type: ignore[no-untyped-def]
    isis = make_actor("ISIS", aliases=["ISIL", "Daesh", "داعش", "Islamic State"])
    ttp = make_actor("Tehreek-e-Taliban Pakistan", aliases=["TTP"])
    quetta = make_fact(
        title="Quetta hospital bombing",
        summary="A suicide bomber killed lawyers gathered at the hospital.",
        place="Quetta",
        occurred_on=date(2016, 8, 8),
        claimed_by=[isis],
    )
    peshawar = make_fact(
        title="Peshawar school attack",
        summary="Gunmen stormed the school.",
        place="Peshawar",
        occurred_on=date(2014, 12, 16),
        claimed_by=[ttp],
    )
    source = make_source(
        title="<b>Bold</b> report",
        text="ISIS claimed the <script>alert(1)</script> bombing in Quetta.",
    )
    make_excerpt(source=source, exact="ISIS claimed the", fact=quetta)
    return {"isis": isis, "quetta": quetta, "peshawar": peshawar, "source": source}


def test_anonymous_visitors_are_sent_to_sign_in(page_client):
    for address in (URL, FRAGMENT):
        response = page_client().get(address, {"q": "ISIS"})
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_users_without_a_role_get_403(page_client, no_role_user):
    for address in (URL, FRAGMENT):
        assert page_client(no_role_user).get(address, {"q": "ISIS"}).status_code == 403


def test_every_role_can_search(page_client, comms, reviewer, source_admin, archive):
    for user in (comms, reviewer, source_admin):
        page = words(page_client(user).get(URL, {"q": "Quetta"}).content.decode())
        assert "Quetta hospital bombing" in page


@pytest.mark.parametrize("query", ["Daesh", "daesh", "ISIL", "داعش"])
def test_an_alias_finds_what_names_the_actor_and_marks_the_name(page_client, comms, archive, query):
    page = page_client(comms).get(URL, {"q": query}).content.decode()
    assert "Quetta hospital bombing" in words(page)
    assert "Peshawar school attack" not in page
    assert "<mark>ISIS</mark>" in page


def test_archive_text_is_escaped_never_markup(page_client, comms, archive):
    page = page_client(comms).get(URL, {"q": "bombing"}).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b>Bold</b>" not in page
    assert "&lt;b&gt;Bold&lt;/b&gt; report" in page
    assert "<mark>bombing</mark>" in page


def test_filters_narrow_the_results(page_client, comms, archive):
    client = page_client(comms)
    facts_only = words(client.get(URL, {"q": "ISIS", "kind": "fact"}).content.decode())
    assert "Quetta hospital bombing" in facts_only
    assert "&lt;b&gt;Bold" not in facts_only

    def titles(**params: object) -> str:
        return words(client.get(URL, params).content.decode())

    assert "Quetta hospital bombing" in titles(q="bombing", place="Quetta")
    assert "Quetta hospital bombing" not in titles(q="bombing", place="Peshawar")
    assert "Quetta hospital bombing" in titles(q="bombing", actor=archive["isis"].pk)
    period = {"since": "2017-01-01", "until": "2018-01-01", "kind": "fact"}
    assert "Quetta hospital bombing" not in titles(q="Quetta", **period)
    assert "Quetta hospital bombing" in titles(q="Quetta", since="2016-01-01", kind="fact")
    status = archive["quetta"].status
    other = next(s for s in Fact.Status.values if s != status)
    assert "Quetta hospital bombing" in titles(q="Quetta", status=status)
    assert "Quetta hospital bombing" not in titles(q="Quetta", status=other)


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"q": "x", "kind": "person"}, "Kind"),
        ({"q": "x", "status": "<b>"}, "Fact status"),
        ({"q": "x", "actor": "999999"}, "Actor"),
        ({"q": "x", "since": "not-a-date"}, "From"),
        ({"q": "x", "since": "2020-01-02", "until": "2020-01-01"}, "Until"),
        ({"q": "!!!"}, "Search for"),
        ({"q": "x" * 201}, "Search for"),
    ],
)
def test_bad_input_is_a_400_naming_the_field(page_client, comms, params, field):
    response = page_client(comms).get(URL, params)
    assert response.status_code == 400
    page = response.content.decode()
    assert f"<li>{field}: " in page


def test_results_are_paginated(page_client, comms):
    for n in range(25):
        make_fact(title=f"Mosque attack number {n}", place="Kabul")
    client = page_client(comms)
    first = client.get(URL, {"q": "mosque"}).content.decode()
    assert "25 results for" in first and "page 1 of 2" in first
    second = client.get(URL, {"q": "mosque", "page": 2}).content.decode()
    assert "page 2 of 2" in second
    assert second.count('class="search-hit"') == 5


def test_the_fragment_is_the_results_alone(page_client, comms, archive):
    response = page_client(comms).get(FRAGMENT, {"q": "Daesh", "kind": "fact"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "<html" not in body
    assert "Quetta hospital bombing" in words(body) and "<mark>ISIS</mark>" in body
    assert reverse("web:fact", args=[archive["quetta"].pk]) in body


def test_htmx_request_to_the_page_gets_the_fragment(page_client, comms, archive):
    response = page_client(comms).get(URL, {"q": "Daesh"}, HTTP_HX_REQUEST="true")
    assert "<html" not in response.content.decode()
    assert "Quetta hospital bombing" in words(response.content.decode())


def test_admin_fact_search_expands_aliases(page_client, archive, django_user_model):
    admin = django_user_model.objects.create_superuser("root", "root@example.org", "pw-12345-x")
    page = page_client(admin).get("/admin/evidence/fact/", {"q": "Daesh"}).content.decode()
    assert "Quetta hospital bombing" in page
    assert "Peshawar school attack" not in page


def test_query_count_does_not_grow_with_the_results(
    page_client, comms, django_assert_max_num_queries
):
    client = page_client(comms)
    make_fact(title="Shrine attack one", place="Sehwan")
    with CaptureQueriesContext(connection) as few:
        client.get(URL, {"q": "shrine"})
    for n in range(19):
        make_fact(title=f"Shrine attack {n}", place="Sehwan")
    with CaptureQueriesContext(connection) as many:
        page = client.get(URL, {"q": "shrine"}).content.decode()
    assert page.count('class="search-hit"') == 20
    assert len(many.captured_queries) == len(few.captured_queries)
