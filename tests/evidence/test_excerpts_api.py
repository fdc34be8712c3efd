"""`/api/v1/excerpts/`: quotes anchored in their source, with the figures they report."""

import json

import pytest

from evidence.models import Excerpt
from tests.evidence.factories import make_actor, make_excerpt, make_fact, make_source
from tests.versioning import patch_current

pytestmark = pytest.mark.django_db

TEXT = (
    "\u201cOur movement has no organisational link with [ISIL],\u201d said Khorasani, whose "
    "group took responsibility for an August 9 suicide bombing at a Quetta hospital.\n"
    "The bombing took about 70\u00a0lives. Police said 70 lives were lost."
)


@pytest.fixture
def source():  # type: ignore[no-untyped-def]
    return make_source(TEXT)


def post(client, data):  # type: ignore[no-untyped-def]
    return client.post("/api/v1/excerpts/", json.dumps(data), content_type="application/json")


def test_a_quote_is_anchored_in_the_original_text(client_for, source_admin, source):
    fact = make_fact()
    jua = make_actor("Jamaat-ul-Ahrar")

    response = post(
        client_for(source_admin),
        {
            "source": source.pk,
            "fact": fact.pk,
            "exact": '"Our movement has no organisational link with [ISIL]," said Khorasani',
            "credibility": 2,
            "reported_claimed_by": [jua.pk],
            "reported_on": "2016-08-09",
        },
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert response["Location"] == f"/api/v1/excerpts/{body['id']}/"
    assert body["anchored"] is True
    assert TEXT[body["start"] : body["end"]] == (
        "\u201cOur movement has no organisational link with [ISIL],\u201d said Khorasani"
    )
    assert body["reported_claimed_by"] == [jua.pk]
    fact.refresh_from_db()
    assert fact.excerpt_count == 1


def test_figures_are_suggested_from_the_words_and_stored_when_confirmed(
    client_for, source_admin, source
):
    response = post(
        client_for(source_admin),
        {
            "source": source.pk,
            "exact": "The bombing took about 70 lives.",
            "figures": [{"kind": "killed", "value_min": 70, "qualifier": "about"}],
        },
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["suggested_figures"] == [
        {"kind": "killed", "value_min": 70, "value_max": 70, "qualifier": "about"}
    ]
    assert body["figures"] == [
        {"kind": "killed", "value_min": 70, "value_max": None, "qualifier": "about"}
    ]


def test_a_quote_not_in_the_source_is_a_400_on_exact(client_for, source_admin, source):
    response = post(client_for(source_admin), {"source": source.pk, "exact": "about 75 lives"})

    assert response.status_code == 400
    assert "does not occur" in response.json()["exact"][0]
    assert not Excerpt.objects.exists()


def test_an_ambiguous_quote_says_how_often_it_occurs(client_for, source_admin, source):
    client = client_for(source_admin)

    response = post(client, {"source": source.pk, "exact": "70 lives"})

    assert response.status_code == 400
    message = response.json()["exact"][0]
    assert "ambiguous" in message and "2 times" in message

    fixed = post(client, {"source": source.pk, "exact": "70 lives", "prefix": "Police said"})
    assert fixed.status_code == 201
    assert TEXT[fixed.json()["start"] :].startswith("70 lives were lost")


def test_a_prefix_that_fits_nowhere_is_a_400_on_prefix(client_for, source_admin, source):
    response = post(
        client_for(source_admin),
        {"source": source.pk, "exact": "70 lives", "prefix": "nobody said"},
    )
    assert response.status_code == 400
    assert "prefix" in response.json()


@pytest.mark.parametrize(
    "data, field",
    [
        ({"credibility": 7}, "credibility"),
        ({"credibility": 0}, "credibility"),
        ({"figures": [{"kind": "killed", "value_min": 70, "value_max": 60}]}, "figures"),
        ({"figures": [{"kind": "eaten", "value_min": 1}]}, "figures"),
        ({"figures": [{"kind": "killed", "value_min": 1, "qualifier": "roughly"}]}, "figures"),
        ({"figures": [{"kind": "killed", "value_min": -1}]}, "figures"),
        ({"figures": [{"kind": "killed", "value_min": "seventy"}]}, "figures"),
        ({"reported_relation": "friendship"}, "reported_relation"),
        ({"reported_claimed_by": [999999]}, "reported_claimed_by"),
        ({"fact": 999999}, "fact"),
        ({"source": 999999}, "source"),
        ({"exact": "a\x00b"}, "exact"),
        ({"exact": "lone \ud800"}, "exact"),
        ({"exact": "   "}, "exact"),
        ({"reported_on": "August 9"}, "reported_on"),
    ],
)
def test_bad_excerpt_input_is_a_400_naming_the_field(client_for, source_admin, source, data, field):
    body = {"source": source.pk, "exact": "The bombing took about 70", **data}

    response = post(client_for(source_admin), body)

    assert response.status_code == 400, response.content
    assert field in response.json()
    assert not Excerpt.objects.exists()


def test_editing_figures_recomputes_the_fact(client_for, source_admin, source):
    fact = make_fact()
    other = make_source("Officials said 75 were killed.", publisher="Other")
    make_excerpt(other, "75 were killed", fact=fact, figures=[{"kind": "killed", "value_min": 75}])
    excerpt = make_excerpt(
        source,
        "The bombing took about 70",
        fact=fact,
        figures=[{"kind": "killed", "value_min": 70, "qualifier": "about"}],
    )
    fact.refresh_from_db()
    assert fact.status == "disputed"

    response = patch_current(
        client_for(source_admin),
        f"/api/v1/excerpts/{excerpt.pk}/",
        {"figures": [{"kind": "killed", "value_min": 75}]},
        format="json",
    )

    assert response.status_code == 200, response.content
    fact.refresh_from_db()
    assert fact.status == "corroborated"
    assert fact.figures["killed"]["wording"] == "75"


def test_moving_an_excerpt_to_another_fact_recomputes_both(client_for, source_admin, source):
    first, second = make_fact(title="First"), make_fact(title="Second")
    excerpt = make_excerpt(source, "The bombing took about 70", fact=first)

    patch_current(
        client_for(source_admin),
        f"/api/v1/excerpts/{excerpt.pk}/",
        {"fact": second.pk},
        format="json",
    )

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.excerpt_count, second.excerpt_count) == (0, 1)


def test_changing_the_quote_reanchors_it(client_for, source_admin, source):
    excerpt = make_excerpt(source, "The bombing took about 70")

    response = patch_current(
        client_for(source_admin),
        f"/api/v1/excerpts/{excerpt.pk}/",
        {"exact": "a Quetta hospital"},
        format="json",
    )
    assert response.status_code == 200
    assert TEXT[response.json()["start"] : response.json()["end"]] == "a Quetta hospital"

    bad = patch_current(
        client_for(source_admin),
        f"/api/v1/excerpts/{excerpt.pk}/",
        {"exact": "not there"},
        format="json",
    )
    assert bad.status_code == 400
    excerpt.refresh_from_db()
    assert excerpt.exact == "a Quetta hospital"


def test_deleting_an_excerpt_recomputes_its_fact(client_for, source_admin, source):
    fact = make_fact()
    excerpt = make_excerpt(source, "The bombing took about 70", fact=fact)

    response = client_for(source_admin).delete(f"/api/v1/excerpts/{excerpt.pk}/")

    assert response.status_code == 204
    fact.refresh_from_db()
    assert fact.excerpt_count == 0


def test_excerpts_are_filtered_by_source_and_fact(client_for, comms, source):
    fact = make_fact()
    mine = make_excerpt(source, "The bombing took about 70", fact=fact)
    make_excerpt(make_source("Another text altogether."), "Another text")
    client = client_for(comms)

    by_source = client.get(f"/api/v1/excerpts/?source={source.pk}").json()["results"]
    by_fact = client.get(f"/api/v1/excerpts/?fact={fact.pk}").json()["results"]

    assert [e["id"] for e in by_source] == [mine.pk]
    assert [e["id"] for e in by_fact] == [mine.pk]


def test_the_excerpt_list_query_count_does_not_grow(
    client_for, comms, django_assert_max_num_queries
):
    isis = make_actor("ISIS")
    for n in range(12):
        source = make_source(f"Report {n}: at least {n + 10} people were killed.")
        make_excerpt(
            source,
            f"at least {n + 10} people were killed",
            figures=[{"kind": "killed", "value_min": n + 10, "qualifier": "at_least"}],
            reported_claimed_by=[isis],
        )
    client = client_for(comms)

    with django_assert_max_num_queries(7):
        small = client.get("/api/v1/excerpts/?page_size=2")
    with django_assert_max_num_queries(7):
        large = client.get("/api/v1/excerpts/?page_size=12")

    assert len(small.json()["results"]) == 2
    assert len(large.json()["results"]) == 12
    assert large.json()["results"][0]["figures"]
