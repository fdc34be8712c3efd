"""The excerpt form's suggested figures come from the same vocabulary as the claim checks, in
the source's language: years are not tolls, Urdu tolls and qualifiers are read."""

import pytest

from evidence.services.sources import source_create

pytestmark = pytest.mark.django_db


def _suggested(client, text: str, language: str) -> list[dict]:  # type: ignore[no-untyped-def]
    source = source_create(
        title="Report", text=text, language=language, reliability="B", created_by=None
    )
    response = client.post("/api/v1/excerpts/", {"source": source.pk, "exact": text}, format="json")
    assert response.status_code == 201, response.json()
    return response.json()["suggested_figures"]


def test_a_year_is_not_a_death_toll(client_for, source_admin):
    text = "In the 2016 hospital massacre, 75 people died."

    assert _suggested(client_for(source_admin), text, "en") == [
        {"kind": "killed", "value_min": 75, "value_max": 75, "qualifier": "exact"}
    ]


def test_an_urdu_excerpt_is_read_with_its_qualifiers(client_for, source_admin):
    text = "دھماکے میں کم از کم ۸۸ افراد جاں بحق اور ۳۰۰ سے زائد زخمی ہوئے۔"

    assert _suggested(client_for(source_admin), text, "ur") == [
        {"kind": "killed", "value_min": 88, "value_max": None, "qualifier": "at_least"},
        {"kind": "wounded", "value_min": 300, "value_max": None, "qualifier": "more_than"},
    ]
