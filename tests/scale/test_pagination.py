"""List pages never count a whole table: the count stops at a cap, and the pages beyond it are
still served, with a `next` link while rows remain."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.evidence.factories import make_source

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_cap(monkeypatch):  # type: ignore[no-untyped-def]
    # The real cap is 1,000 rows; a cap of 5 shows the same behaviour on 8 sources.
    monkeypatch.setattr("common.pagination.COUNT_CAP", 5)


def test_a_long_list_says_its_count_is_capped_and_still_pages_on(client_for, reviewer, small_cap):
    for _ in range(8):
        make_source()
    client = client_for(reviewer)

    first = client.get("/api/v1/sources/?page_size=3").json()
    assert (first["count"], first["count_capped"]) == (6, True)
    assert first["next"] and len(first["results"]) == 3

    last = client.get("/api/v1/sources/?page_size=3&page=3").json()
    assert len(last["results"]) == 2
    assert last["next"] is None
    assert client.get("/api/v1/sources/?page_size=3&page=4").status_code == 404


def test_a_short_list_gives_its_exact_count(client_for, reviewer):
    for _ in range(3):
        make_source()
    body = client_for(reviewer).get("/api/v1/sources/").json()
    assert (body["count"], body["count_capped"], body["next"]) == (3, False, None)


def test_the_count_query_is_bounded(client_for, reviewer, small_cap):
    for _ in range(8):
        make_source()
    with CaptureQueriesContext(connection) as captured:
        client_for(reviewer).get("/api/v1/sources/?page_size=3")
    counts = [q["sql"] for q in captured.captured_queries if "COUNT(" in q["sql"].upper()]
    assert counts and all("LIMIT 6" in sql for sql in counts), counts


@pytest.mark.parametrize(("rows", "more"), [(3, False), (8, True)])
def test_the_count_comes_with_the_page_in_the_same_query(client_for, reviewer, rows, more):
    for _ in range(rows):
        make_source()
    with CaptureQueriesContext(connection) as captured:
        body = client_for(reviewer).get("/api/v1/sources/?page_size=3").json()
    assert (body["count"], body["count_capped"], body["next"] is not None) == (rows, False, more)
    reads = [q["sql"] for q in captured.captured_queries if '"evidence_source"' in q["sql"]]
    assert len(reads) == 1, reads
