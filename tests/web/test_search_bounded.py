"""The search page for a word in most of the archive: "1,000+ results", pages only over the
ranked candidates, the same queries on a deep page as on the first, bad queries refused."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from evidence.search.selectors import CANDIDATES_MAX, COUNT_CAP
from tests.evidence.test_search_bounded import index_reports

pytestmark = pytest.mark.django_db

URL = reverse("web:search")
PER_PAGE = 20


def test_a_word_in_more_entries_than_the_cap_shows_1000_plus(page_client, comms):
    index_reports(COUNT_CAP + 50)

    page = page_client(comms).get(URL, {"q": "attack"}).content.decode()

    assert f"{COUNT_CAP:,}+ results for" in page
    assert f"The newest {CANDIDATES_MAX} are ranked by relevance" in page
    assert f"page 1 of {CANDIDATES_MAX // PER_PAGE}" in page
    assert page.count('class="search-hit"') == PER_PAGE


def test_a_count_under_the_cap_is_shown_exactly(page_client, comms):
    index_reports(30)

    page = page_client(comms).get(URL, {"q": "attack"}).content.decode()

    assert "30 results for" in page
    assert "+ results" not in page and "ranked by relevance" not in page


def test_the_last_page_is_the_last_candidate_and_costs_what_the_first_does(page_client, comms):
    index_reports(CANDIDATES_MAX + 30)
    client = page_client(comms)
    last = CANDIDATES_MAX // PER_PAGE
    client.get(URL, {"q": "attack"})
    with CaptureQueriesContext(connection) as first:
        client.get(URL, {"q": "attack"})
    with CaptureQueriesContext(connection) as deep:
        page = client.get(URL, {"q": "attack", "page": last}).content.decode()

    assert f"page {last} of {last}" in page
    assert page.count('class="search-hit"') == PER_PAGE
    assert "next →" not in page
    assert len(deep.captured_queries) == len(first.captured_queries)


@pytest.mark.parametrize("q", ["quetta\x07", "quetta\tattack", "quetta\u202eattack"])
def test_a_query_with_control_characters_is_a_400_naming_the_box(page_client, comms, q):
    response = page_client(comms).get(URL, {"q": q})

    assert response.status_code == 400
    assert "<li>Search for: " in response.content.decode()
