"""GET /api/v1/search/?q=: ranked search over sources, excerpts and facts, with aliases.

Runs on SQLite (FTS5) and, with DATABASE_URL set, on PostgreSQL (tsvector + GIN): the same
assertions hold on both.
"""

import hashlib
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from evidence.models import Actor, Excerpt, Fact, Source
from evidence.search.aliases import query_groups
from evidence.search.models import SearchDocument
from evidence.services.actors import actor_create

URL = "/api/v1/search/"

pytestmark = pytest.mark.django_db


def make_source(title: str, text: str, **fields) -> Source:
    return Source.objects.create(
        title=title,
        text=text,
        content_sha256=hashlib.sha256(text.encode()).hexdigest(),
        reliability="B",
        **fields,
    )


@pytest.fixture
def corpus(db):
    isis = actor_create(name="ISIS", aliases=["ISIL", "IS", "Daesh", "Islamic State"])
    actor_create(name="Jamaat-ul-Ahrar", aliases=["Jamatul Ahrar", "Jamat-ul-Ahrar"])
    church = make_source(
        "Islamic State Gaining Strength In Pakistan",
        "An attack on a church in Quetta killed nine worshipers. ISIS claimed responsibility.",
        publisher="The Media Line",
    )
    hospital = make_source(
        "Pakistan has zero tolerance for ISIL",
        "Jamatul Ahrar took responsibility for a suicide bombing at a Quetta hospital.",
    )
    unrelated = make_source("Weather report", "Sunny skies over Lahore all week.")
    excerpt = Excerpt.objects.create(source=church, exact="killed nine worshipers", start=0, end=1)
    fact = Fact.objects.create(
        kind="incident",
        title="Quetta church attack",
        summary="Suicide attack on the Bethel Memorial Methodist Church",
        place="Quetta",
    )
    fact.claimed_by.add(isis)
    return {
        "church": church,
        "hospital": hospital,
        "unrelated": unrelated,
        "excerpt": excerpt,
        "fact": fact,
    }


def hits(response) -> list[tuple[str, int]]:
    return [(hit["type"], hit["id"]) for hit in response.json()["results"]]


def test_a_word_finds_sources_excerpts_and_facts_ranked(client_for, comms, corpus):
    response = client_for(comms).get(URL, {"q": "church"})

    assert response.status_code == 200
    found = hits(response)
    assert set(found) == {
        ("source", corpus["church"].pk),
        ("fact", corpus["fact"].pk),
    }
    # The fact names the church in its title, the source only in its text: title weighs more.
    assert found[0] == ("fact", corpus["fact"].pk)
    ranks = [hit["rank"] for hit in response.json()["results"]]
    assert ranks == sorted(ranks, reverse=True)


def test_a_hit_has_a_title_and_a_snippet_around_the_match(client_for, comms, corpus):
    response = client_for(comms).get(URL, {"q": "worshipers"})

    by_type = {hit["type"]: hit for hit in response.json()["results"]}
    assert by_type["excerpt"]["id"] == corpus["excerpt"].pk
    assert by_type["excerpt"]["title"] == "Excerpt from Islamic State Gaining Strength In Pakistan"
    assert "killed nine worshipers" in by_type["excerpt"]["snippet"]
    assert "nine worshipers" in by_type["source"]["snippet"]


def test_stemming_matches_other_forms_of_a_word(client_for, comms, corpus):
    response = client_for(comms).get(URL, {"q": "killing"})

    assert ("excerpt", corpus["excerpt"].pk) in hits(response)


def test_every_word_must_match(client_for, comms, corpus):
    response = client_for(comms).get(URL, {"q": "Quetta hospital"})

    assert hits(response) == [("source", corpus["hospital"].pk)]


def test_an_alias_finds_what_names_the_actor_otherwise(client_for, comms, corpus):
    response = client_for(comms).get(URL, {"q": "daesh"})

    found = hits(response)
    # "ISIS" in the church article, "ISIL" in the hospital article's title, the fact through
    # the actor who claimed it; none of them says "Daesh".
    assert ("source", corpus["church"].pk) in found
    assert ("source", corpus["hospital"].pk) in found
    assert ("fact", corpus["fact"].pk) in found
    assert ("source", corpus["unrelated"].pk) not in found


def test_alias_spelling_and_punctuation_are_tolerated(client_for, comms, corpus):
    for query in ("Jamaat-ul-Ahrar", "jamaat ul ahrar", "JAMAT-UL-AHRAR"):
        response = client_for(comms).get(URL, {"q": query})

        assert hits(response) == [("source", corpus["hospital"].pk)], query


def test_a_multiword_alias_expands_inside_a_longer_query(client_for, comms, corpus):
    response = client_for(comms).get(URL, {"q": "islamic state church"})

    assert ("fact", corpus["fact"].pk) in hits(response)
    assert ("source", corpus["hospital"].pk) not in hits(response)


def test_the_short_alias_is_expands_only_when_typed_in_capitals(corpus):
    assert all(len(group.alternatives) == 1 for group in query_groups("what is sunny"))

    typed_in_capitals = query_groups("IS church")

    assert ("Daesh",) in typed_in_capitals[0].alternatives
    assert ("Islamic", "State") in typed_in_capitals[0].alternatives
    # …and "IS" itself is never added as an alternative of ISIS: it would match every "is".
    assert ("IS",) not in query_groups("daesh")[0].alternatives


def test_the_index_follows_edits_and_deletions(client_for, comms, corpus):
    client = client_for(comms)
    fact = corpus["fact"]
    fact.title = "Bethel church bombing"
    fact.save()
    assert ("fact", fact.pk) in hits(client.get(URL, {"q": "bethel bombing"}))

    corpus["unrelated"].text = "Heavy monsoon rain over Lahore."
    corpus["unrelated"].save()
    assert hits(client.get(URL, {"q": "sunny"})) == []
    assert hits(client.get(URL, {"q": "monsoon"})) == [("source", corpus["unrelated"].pk)]

    fact.delete()
    assert ("fact", fact.pk) not in hits(client.get(URL, {"q": "bethel"}))


def test_renaming_a_source_retitles_its_excerpts(client_for, comms, corpus):
    corpus["church"].title = "The Media Line on the Bethel church"
    corpus["church"].save()

    response = client_for(comms).get(URL, {"q": "worshipers"})

    titles = {hit["type"]: hit["title"] for hit in response.json()["results"]}
    assert titles["excerpt"] == "Excerpt from The Media Line on the Bethel church"


def test_a_fact_is_found_by_the_actor_added_after_it_was_saved(client_for, comms, corpus):
    jua = Actor.objects.get(name="Jamaat-ul-Ahrar")
    fact = Fact.objects.create(kind="incident", title="Quetta hospital bombing")
    assert ("fact", fact.pk) not in hits(client_for(comms).get(URL, {"q": "jamatul ahrar"}))

    fact.claimed_by.add(jua)

    assert ("fact", fact.pk) in hits(client_for(comms).get(URL, {"q": "jamatul ahrar"}))


def test_results_are_paginated(client_for, comms, corpus):
    for n in range(5):
        make_source(f"Quetta report {n}", f"Quetta report number {n}")

    first = client_for(comms).get(URL, {"q": "quetta", "page_size": 3}).json()
    second = client_for(comms).get(URL, {"q": "quetta", "page_size": 3, "page": 2}).json()

    assert first["count"] == 8
    assert len(first["results"]) == 3
    assert first["next"] is not None
    assert len(second["results"]) == 3
    assert not {(h["type"], h["id"]) for h in first["results"]} & {
        (h["type"], h["id"]) for h in second["results"]
    }


@pytest.mark.parametrize(
    "params",
    [{}, {"q": ""}, {"q": "   "}, {"q": "?!-"}, {"q": "x" * 201}, {"q": "quetta\x00"}],
)
def test_a_missing_or_unusable_query_is_refused_naming_q(client_for, comms, corpus, params):
    response = client_for(comms).get(URL, params)

    assert response.status_code == 400
    assert "q" in response.json()


def test_fts_syntax_in_a_query_is_searched_as_words(client_for, comms, corpus):
    for query in ('"quetta', "quetta OR", "NEAR(quetta", "quetta*", "-quetta", "church:*"):
        response = client_for(comms).get(URL, {"q": query})

        assert response.status_code == 200, query


def test_search_needs_a_signed_in_user(anon, corpus):
    assert anon.get(URL, {"q": "quetta"}).status_code == 401


def test_every_role_may_search(client_for, comms, reviewer, source_admin, corpus):
    for user in (comms, reviewer, source_admin):
        assert client_for(user).get(URL, {"q": "quetta"}).status_code == 200


def test_a_user_without_a_role_cannot_search(client_for, no_role_user, corpus):
    # The fact and source lists refuse them; search must not show the same texts.
    assert client_for(no_role_user).get(URL, {"q": "quetta"}).status_code == 403


def test_query_count_does_not_grow_with_page_size(
    client_for, comms, corpus, django_assert_max_num_queries
):
    for n in range(30):
        make_source(f"Quetta report {n}", f"Quetta report number {n}")
    client = client_for(comms)

    # roles (1) + aliases (2) + count (1) + page (1), whatever the page size
    with django_assert_max_num_queries(5):
        small = client.get(URL, {"q": "quetta", "page_size": 2})
    with django_assert_max_num_queries(5):
        large = client.get(URL, {"q": "quetta", "page_size": 200})
    assert len(small.json()["results"]) == 2
    assert len(large.json()["results"]) == 33


def test_rebuild_search_index_restores_a_lost_index(client_for, comms, corpus):
    SearchDocument.objects.all().delete()
    assert hits(client_for(comms).get(URL, {"q": "church"})) == []
    out = StringIO()

    call_command("rebuild_search_index", stdout=out)

    assert "Indexed 5 documents" in out.getvalue()  # 3 sources, 1 excerpt, 1 fact
    assert len(hits(client_for(comms).get(URL, {"q": "church"}))) == 2
    assert ("fact", corpus["fact"].pk) in hits(client_for(comms).get(URL, {"q": "daesh"}))


def test_the_index_uses_the_database_own_full_text_search(corpus):
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexdef FROM pg_indexes WHERE tablename = 'evidence_search_document'"
            )
            definitions = " ".join(row[0] for row in cursor.fetchall())
        assert "USING gin (vector)" in definitions
        assert SearchDocument.objects.filter(vector__isnull=True).count() == 0
    else:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM evidence_search_fts WHERE evidence_search_fts MATCH 'church'"
            )
            assert cursor.fetchone()[0] == 2
