"""Search that stays fast for common words: a word in most of the archive is counted up to a
cap ("1,000+"), only the newest `CANDIDATES_MAX` matches are ranked, every page of them costs
the same queries, and an actor's aliases are one full-text query, not one per alias.

Runs on SQLite (FTS5) and, with DATABASE_URL set, on PostgreSQL (tsvector + GIN).
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from evidence.search.documents import search_documents_save
from evidence.search.models import SearchDocument
from evidence.search.selectors import CANDIDATES_MAX, COUNT_CAP, search_evidence
from evidence.services.actors import actor_create

URL = "/api/v1/search/"

pytestmark = pytest.mark.django_db


def index_reports(count: int, *, first_id: int = 1, text: str = "attack near the market") -> None:
    """`count` source entries in the search index, ids `first_id`…, each saying `text`."""
    search_documents_save(
        [
            SearchDocument(
                kind="source",
                object_id=first_id + n,
                title=f"Report {first_id + n}",
                body=f"An {text}, report number {first_id + n}.",
            )
            for n in range(count)
        ]
    )


def search_statements(queries: list[dict[str, str]]) -> list[str]:
    """The SQL of the captured queries that read the search index."""
    return [
        q["sql"]
        for q in queries
        if "evidence_search_document" in q["sql"] or "evidence_search_fts" in q["sql"]
    ]


def hit_ids(response) -> set[int]:  # type: ignore[no-untyped-def]
    return {hit["id"] for hit in response.json()["results"]}


def test_a_count_under_the_cap_is_exact(client_for, comms):
    index_reports(30)

    body = client_for(comms).get(URL, {"q": "attack"}).json()

    assert body["count"] == 30
    assert body["count_capped"] is False


def test_results_are_the_newest_matches_and_end_with_them(client_for, comms):
    index_reports(CANDIDATES_MAX + 200)
    client = client_for(comms)
    pages = CANDIDATES_MAX // 200

    seen: set[int] = set()
    for number in range(1, pages + 1):
        response = client.get(URL, {"q": "attack", "page_size": 200, "page": number})
        assert response.status_code == 200
        seen |= hit_ids(response)
    last = client.get(URL, {"q": "attack", "page_size": 200, "page": pages}).json()
    beyond = client.get(URL, {"q": "attack", "page_size": 200, "page": pages + 1})

    # The newest CANDIDATES_MAX reports, each once; the 200 oldest are beyond the bound.
    assert seen == set(range(201, CANDIDATES_MAX + 201))
    assert last["next"] is None
    assert beyond.status_code == 404


def test_the_best_match_among_the_candidates_comes_first(client_for, comms):
    index_reports(CANDIDATES_MAX + 10)
    search_documents_save(
        [
            SearchDocument(
                kind="source",
                object_id=CANDIDATES_MAX + 500,
                title="Attack on the attack memorial",
                body="Attack, attack: the attack was claimed.",
            )
        ]
    )

    first = client_for(comms).get(URL, {"q": "attack"}).json()["results"][0]

    assert first["id"] == CANDIDATES_MAX + 500


def test_a_relevant_match_older_than_the_candidates_needs_another_word_to_be_found(
    client_for, comms
):
    # The trade-off of ranking only the newest matches, pinned so it is a choice, not a surprise.
    index_reports(1, text="attack attack attack on the old mosque")
    index_reports(CANDIDATES_MAX + 10, first_id=2)
    client = client_for(comms)

    every_page = set()
    for number in range(1, CANDIDATES_MAX // 200 + 1):
        every_page |= hit_ids(client.get(URL, {"q": "attack", "page_size": 200, "page": number}))

    assert 1 not in every_page
    assert hit_ids(client.get(URL, {"q": "attack mosque"})) == {1}


def test_a_word_in_more_matches_than_the_cap_is_counted_as_1000_plus_at_a_fixed_cost(
    client_for, comms
):
    client = client_for(comms)
    index_reports(5)
    client.get(URL, {"q": "attack"})  # the first request loads what every later one reuses
    with CaptureQueriesContext(connection) as small:
        client.get(URL, {"q": "attack"})
    index_reports(COUNT_CAP + 50, first_id=10)
    with CaptureQueriesContext(connection) as large:
        body = client.get(URL, {"q": "attack", "page_size": 20}).json()

    assert body["count"] == COUNT_CAP + 1
    assert body["count_capped"] is True
    assert len(body["results"]) == 20
    assert len(large.captured_queries) == len(small.captured_queries)
    # The count reads at most COUNT_CAP + 1 rows and the page ranks at most CANDIDATES_MAX.
    count_sql, page_sql = search_statements(large.captured_queries)
    assert f"LIMIT {COUNT_CAP + 1}" in count_sql
    assert f"LIMIT {CANDIDATES_MAX}" in page_sql


def test_a_deep_page_costs_the_same_queries_as_the_first(client_for, comms):
    index_reports(CANDIDATES_MAX + 10)
    client = client_for(comms)
    client.get(URL, {"q": "attack"})
    with CaptureQueriesContext(connection) as first:
        client.get(URL, {"q": "attack", "page_size": 20, "page": 1})
    with CaptureQueriesContext(connection) as deep:
        response = client.get(URL, {"q": "attack", "page_size": 20, "page": CANDIDATES_MAX // 20})

    assert len(response.json()["results"]) == 20
    assert len(deep.captured_queries) == len(first.captured_queries)


def test_daesh_finds_isis_entries_with_one_full_text_query(client_for, comms):
    actor_create(name="ISIS", aliases=["ISIL", "Daesh", "Islamic State", "Dawlah"])
    search_documents_save(
        [
            SearchDocument(kind="fact", object_id=1, title="ISIS claimed the bombing"),
            SearchDocument(kind="fact", object_id=2, title="ISIL claimed the shooting"),
            SearchDocument(kind="fact", object_id=3, title="Islamic State claimed the attack"),
            SearchDocument(kind="fact", object_id=4, title="Unclaimed attack in Quetta"),
        ]
    )

    with CaptureQueriesContext(connection) as queries:
        response = client_for(comms).get(URL, {"q": "Daesh"})

    assert hit_ids(response) == {1, 2, 3}
    # One count and one page, each a single full-text query holding every name of the actor.
    statements = search_statements(queries.captured_queries)
    assert len(statements) == 2
    page_sql = statements[1].lower()
    assert all(name in page_sql for name in ("daesh", "isis", "isil", "islamic", "dawlah"))


def test_the_selector_reads_at_most_the_candidates(comms):
    index_reports(CANDIDATES_MAX + 10)

    results = search_evidence(query="attack")

    assert len(results[0 : CANDIDATES_MAX + 10]) == CANDIDATES_MAX
    assert results[CANDIDATES_MAX : CANDIDATES_MAX + 10] == []
    assert results.reachable() == CANDIDATES_MAX


@pytest.mark.parametrize(
    "q",
    ["quetta\tattack", "quetta\nattack", "quetta\x07", "\x1b[31mquetta", "quetta\u202eattack"],
)
def test_a_query_with_control_characters_is_refused_naming_q(client_for, comms, q):
    response = client_for(comms).get(URL, {"q": q})

    assert response.status_code == 400
    assert "q" in response.json()
