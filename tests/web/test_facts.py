"""Facts: the list with its status filter, and a fact's figures, excerpts and conflicts."""

import re

import pytest
from django.urls import reverse

from evidence.services.facts import fact_resolve_conflict
from evidence.services.sources import source_retract

pytestmark = pytest.mark.django_db

URL = reverse("web:facts")


def fact_url(fact) -> str:  # type: ignore[no-untyped-def]
    return reverse("web:fact", args=[fact.pk])


def test_anonymous_visitors_are_sent_to_sign_in(page_client, scenario):
    for address in (URL, fact_url(scenario.hospital)):
        response = page_client().get(address)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_every_signed_in_role_sees_the_facts(page_client, comms, reviewer, source_admin, scenario):
    for user in (comms, reviewer, source_admin):
        page = page_client(user).get(URL).content.decode()
        assert scenario.hospital.title in page
        assert scenario.church.title in page


def test_status_filter_shows_only_disputed_facts(page_client, comms, scenario):
    page = page_client(comms).get(URL, {"status": "disputed"}).content.decode()
    assert scenario.hospital.title in page
    assert scenario.church.title not in page
    assert '<span class="badge disputed">Disputed</span>' in page


def test_unknown_status_is_a_400_naming_the_field(page_client, comms, scenario):
    response = page_client(comms).get(URL, {"status": "<script>"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "status: unknown value" in page
    assert "<script>" not in page


def test_fact_page_shows_figures_by_source_excerpts_and_conflicts(page_client, comms, scenario):
    response = page_client(comms).get(fact_url(scenario.hospital))
    assert response.status_code == 200
    page = response.content.decode()
    assert scenario.hospital.title in page
    assert f"<strong>{scenario.hospital.figures['killed']['wording']}</strong>" in page
    dawn, tribune = scenario.sources
    # Figures by source: each source with its grade and what it says.
    assert re.search(
        rf"<td [^>]*>{re.escape(dawn.title)} <span class=\"muted\">\(Dawn\)</span></td>"
        r"<td [^>]*>B</td><td [^>]*>about 70 killed</td>",
        page,
    )
    assert f">{tribune.title} <span" in page and ">75 killed</td>" in page
    # Excerpts quoted with source, grade and credibility.
    assert "“took about 70 lives”" in page
    grade = 'grade <strong class="grade">B</strong>'
    assert f'{grade} · credibility <strong class="credibility">2</strong>' in page
    # The conflict, not yet resolved.
    assert '<span class="badge disputed">figure</span> <strong>killed</strong>' in page
    assert "Not resolved yet." in page


def test_a_resolved_conflict_shows_its_resolution(page_client, comms, reviewer, scenario):
    fact_resolve_conflict(
        fact=scenario.hospital,
        field="killed",
        wording="at least 70 killed",
        reason="The conservative figure of the sources.",
        reviewer=reviewer,
    )
    page = page_client(comms).get(fact_url(scenario.hospital)).content.decode()
    assert (
        "Resolved by reviewer1 on" in page
        and "<strong>“at least 70 killed”</strong> — The conservative figure of the sources."
        in page
    )
    assert "Not resolved yet." not in page


def test_a_retracted_source_is_marked(page_client, comms, source_admin, scenario):
    source_retract(source=scenario.sources[1], reason="Wrong figures.", actor=source_admin)
    page = page_client(comms).get(fact_url(scenario.hospital)).content.decode()
    assert '<span class="badge retracted">source retracted</span>' in page


def test_unknown_fact_is_404(page_client, comms):
    assert page_client(comms).get(reverse("web:fact", args=[999999])).status_code == 404


def test_fact_list_query_count_does_not_grow(
    page_client, comms, scenario, django_assert_max_num_queries
):
    from tests.web.factories import web_scenario

    client = page_client(comms)
    with django_assert_max_num_queries(20) as few:
        client.get(URL)
    web_scenario(owner=comms, name="Second campaign")
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(URL).content.decode()
    assert page.count("<tr>") == 5
