"""Input the schema calls invalid is refused, naming the parameter or field, where it used to
be ignored or read loosely: what a script sends wrongly it learns about, rather than getting
another answer than it asked for (tests/test_schema_conformance.py checks the rest)."""

import pytest

from tests.evidence.factories import make_source

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url", ["/api/v1/facts/", "/api/v1/search/?q=bomb", "/api/v1/auth/tokens/"]
)
@pytest.mark.parametrize("size", ["500", "0", "-1", "2.5", "", " 5"])
def test_a_page_size_outside_1_to_200_is_refused_on_every_list(client_for, reviewer, url, size):
    joiner = "&" if "?" in url else "?"
    response = client_for(reviewer).get(f"{url}{joiner}page_size={size}")

    assert response.status_code == 400
    assert response.json() == {"page_size": ["Give a whole number from 1 to 200."]}


@pytest.mark.parametrize(
    "url", ["/api/v1/facts/", "/api/v1/search/?q=bomb", "/api/v1/auth/tokens/"]
)
@pytest.mark.parametrize("page", ["0", "-3", "+1", "last", "", "٢"])
def test_a_page_that_is_not_a_whole_number_from_1_is_not_found(client_for, reviewer, url, page):
    joiner = "&" if "?" in url else "?"
    response = client_for(reviewer).get(f"{url}{joiner}page={page}")

    assert response.status_code == 404
    assert response.json() == {"detail": "Invalid page."}


@pytest.mark.parametrize("value", ["5", "yes", "True", ""])
def test_a_yes_no_filter_takes_only_true_or_false(client_for, reviewer, value):
    response = client_for(reviewer).get(f"/api/v1/excerpts/?anchored={value}")

    assert response.status_code == 400
    assert "anchored" in response.json()


def test_a_yes_no_filter_still_filters(client_for, reviewer):
    assert client_for(reviewer).get("/api/v1/excerpts/?anchored=false").status_code == 200


def test_a_key_a_figure_does_not_have_is_refused_not_dropped(client_for, source_admin):
    source = make_source(text="Twelve people were killed in the blast at the shrine.")
    response = client_for(source_admin).post(
        "/api/v1/excerpts/",
        {
            "source": source.pk,
            "exact": "Twelve people were killed",
            "figures": [{"kind": "killed", "value_min": 12, "value_mx": 14}],
        },
        format="json",
    )

    assert response.status_code == 400
    assert response.json() == {"figures": {"0": {"value_mx": ["This object has no such field."]}}}


def test_a_conflict_lists_its_reason_as_every_409_does(client_for, source_admin):
    text = "The same report, registered twice."
    first = make_source(text=text)
    response = client_for(source_admin).post(
        "/api/v1/sources/",
        {"title": "Again", "reliability": "B", "text": text},
        format="json",
    )

    assert response.status_code == 409
    body = response.json()
    assert body["existing"] == first.pk
    assert body["problems"] == [{"code": "conflict", "message": body["detail"]}]


def test_a_text_problem_in_a_field_the_api_does_not_know_names_it(client_for, comms):
    """An undeclared property with a control character is refused under its own name, not
    as a problem of the whole body."""
    response = client_for(comms).post(
        "/api/v1/campaigns/", {"name": "Plan", "notes": "a\x07b"}, format="json"
    )

    assert response.status_code == 400
    assert list(response.json()) == ["notes"]
