"""`/api/v1/facts/`: documenting facts, filters, verification and conflict resolution."""

from datetime import date

import pytest

from common.models import AuditEntry
from evidence.models import ConflictResolution, Fact
from tests.evidence.factories import make_actor, make_excerpt, make_fact, make_source
from tests.versioning import patch_current

pytestmark = pytest.mark.django_db


def killed(value_min, qualifier="exact"):  # type: ignore[no-untyped-def]
    return {"kind": "killed", "value_min": value_min, "qualifier": qualifier}


@pytest.fixture
def disputed_fact():  # type: ignore[no-untyped-def]
    fact = make_fact(
        title="Quetta police training centre",
        target_type="police",
        victim_community="muslim",
        place="Quetta",
    )
    make_excerpt(
        make_source("Police training centre attack (67 killed).", publisher="DT"),
        "67 killed",
        fact=fact,
        figures=[killed(67)],
    )
    make_excerpt(
        make_source("The attack killed 61 and injured more than 165.", publisher="TD"),
        "killed 61",
        fact=fact,
        figures=[killed(61)],
    )
    fact.refresh_from_db()
    return fact


def test_a_source_admin_documents_an_incident(client_for, source_admin):
    isis, lej = make_actor("ISIS"), make_actor("LeJ-A")

    response = client_for(source_admin).post(
        "/api/v1/facts/",
        {
            "kind": "incident",
            "title": "Quetta police training centre attack",
            "occurred_on": "2016-10-24",
            "date_precision": "day",
            "place": "Quetta",
            "province": "Balochistan",
            "country": "Pakistan",
            "target_type": "police",
            "victim_community": "muslim",
            "claimed_by": [isis.pk, lej.pk],
        },
        format="json",
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert response["Location"] == f"/api/v1/facts/{body['id']}/"
    assert sorted(body["claimed_by"]) == sorted([isis.pk, lej.pk])
    assert body["status"] == "unverified"
    assert body["figures"] == {}
    assert body["conflicts"] == []
    assert body["excerpt_count"] == 0


def test_a_date_known_to_the_month_is_stored_as_that_month(client_for, source_admin):
    response = client_for(source_admin).post(
        "/api/v1/facts/",
        {
            "kind": "incident",
            "title": "Convoy",
            "occurred_on": "2017-05-12",
            "date_precision": "month",
        },
        format="json",
    )
    assert response.json()["occurred_on"] == "2017-05-01"


@pytest.mark.parametrize(
    "data, field",
    [
        ({"kind": "relationship", "title": "x"}, "subject_actor"),
        ({"kind": "incident", "title": "x"}, "occurred_on"),
        ({"kind": "incident", "title": "x", "occurred_on": "2016-8-40"}, "occurred_on"),
        (
            {"kind": "incident", "title": "x", "occurred_on": "2016-08-08", "relation": "split"},
            "relation",
        ),
        (
            {"kind": "incident", "title": "x", "occurred_on": "2016-08-08", "claimed_by": [999999]},
            "claimed_by",
        ),
        (
            {"kind": "incident", "title": "x", "occurred_on": "2016-08-08", "target_type": "bank"},
            "target_type",
        ),
        ({"kind": "rumour", "title": "x"}, "kind"),
        ({"kind": "statement", "title": "\x00"}, "title"),
        ({"kind": "statement", "title": "x", "date_precision": "week"}, "date_precision"),
    ],
    ids=[
        "relationship without actors",
        "incident without date",
        "bad date",
        "relation on incident",
        "unknown actor id",
        "bad target",
        "bad kind",
        "NUL",
        "bad precision",
    ],
)
def test_bad_fact_input_is_a_400_naming_the_field(client_for, source_admin, data, field):
    response = client_for(source_admin).post("/api/v1/facts/", data, format="json")

    assert response.status_code == 400, response.content
    assert field in response.json()
    assert not Fact.objects.exists()


def test_a_relationship_needs_two_different_actors(client_for, source_admin):
    isis = make_actor("ISIS")
    response = client_for(source_admin).post(
        "/api/v1/facts/",
        {
            "kind": "relationship",
            "title": "x",
            "subject_actor": isis.pk,
            "object_actor": isis.pk,
            "relation": "allegiance",
        },
        format="json",
    )
    assert response.status_code == 400
    assert "object_actor" in response.json()


def test_filters(client_for, comms, disputed_fact):
    jua, isis = make_actor("Jamaat-ul-Ahrar"), make_actor("ISIS")
    church = make_fact(
        title="Quetta church",
        target_type="place_of_worship",
        victim_community="christian",
        summary="Sunday service",
        claimed_by=[isis],
    )
    relation = make_fact(
        Fact.Kind.RELATIONSHIP,
        title="JuA and ISIS",
        subject_actor=jua,
        object_actor=isis,
        relation="allegiance",
    )
    client = client_for(comms)

    def ids(query: str) -> set[int]:
        response = client.get(f"/api/v1/facts/?{query}")
        assert response.status_code == 200, response.content
        return {f["id"] for f in response.json()["results"]}

    assert ids("status=disputed") == {disputed_fact.pk}
    assert ids("kind=relationship") == {relation.pk}
    assert ids("target_type=place_of_worship") == {church.pk}
    assert ids("victim_community=christian") == {church.pk}
    assert ids(f"actor={isis.pk}") == {church.pk, relation.pk}
    assert ids(f"actor={jua.pk}") == {relation.pk}
    assert ids("q=sunday") == {church.pk}
    assert ids("q=quetta") == {church.pk, disputed_fact.pk}
    assert client.get("/api/v1/facts/?status=bogus").status_code == 400
    assert client.get("/api/v1/facts/?actor=abc").status_code == 400
    # Not an id: refused, rather than read as the actor whose id it rounds down to.
    assert client.get(f"/api/v1/facts/?actor={isis.pk}.5").status_code == 400
    assert client.get(f"/api/v1/facts/?actor={10**20}").status_code == 400


def test_the_fact_list_query_count_does_not_grow(client_for, comms, django_assert_max_num_queries):
    isis, jua = make_actor("ISIS"), make_actor("JuA")
    for n in range(12):
        make_fact(
            title=f"Incident {n}",
            claimed_by=[isis, jua],
            attributed_to=[isis],
            occurred_on=date(2016, 1, n + 1),
        )
    client = client_for(comms)

    with django_assert_max_num_queries(7):
        small = client.get("/api/v1/facts/?page_size=2")
    with django_assert_max_num_queries(7):
        large = client.get("/api/v1/facts/?page_size=12")

    assert len(small.json()["results"]) == 2
    assert len(large.json()["results"]) == 12
    assert large.json()["results"][0]["claimed_by"]


def test_a_disputed_fact_shows_its_figures_and_conflicts(client_for, comms, disputed_fact):
    body = client_for(comms).get(f"/api/v1/facts/{disputed_fact.pk}/").json()

    assert body["status"] == "disputed"
    assert body["figures"]["killed"]["wording"] == "at least 61"
    assert body["figures"]["killed"]["min"] == 61
    assert body["figures"]["killed"]["max"] == 67
    assert body["conflicts"][0]["kind"] == "figure"
    assert {v["value"] for v in body["conflicts"][0]["values"]} == {"61", "67"}


def test_a_reviewer_resolves_a_conflict_and_it_stays_visible(client_for, reviewer, disputed_fact):
    client = client_for(reviewer)
    url = f"/api/v1/facts/{disputed_fact.pk}/resolve-conflict/"

    response = client.post(
        url,
        {"field": "killed", "wording": "at least 61 killed", "reason": "The lower official count"},
        format="json",
    )

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "corroborated"
    conflict = body["conflicts"][0]
    assert {v["value"] for v in conflict["values"]} == {"61", "67"}
    assert conflict["resolution"]["wording"] == "at least 61 killed"
    assert conflict["resolution"]["reason"] == "The lower official count"
    assert conflict["resolution"]["resolved_by"] == reviewer.pk
    assert ConflictResolution.objects.filter(fact=disputed_fact).count() == 1
    assert AuditEntry.objects.filter(action="fact.resolve_conflict").exists()


@pytest.mark.parametrize(
    "data, field",
    [
        ({"field": "wounded", "wording": "x", "reason": "y"}, "field"),
        ({"field": "killed", "wording": "", "reason": "y"}, "wording"),
        ({"field": "killed", "wording": "x", "reason": ""}, "reason"),
        ({"field": "killed", "wording": "x"}, "reason"),
    ],
)
def test_resolving_needs_a_current_conflict_a_wording_and_a_reason(
    client_for, reviewer, disputed_fact, data, field
):
    response = client_for(reviewer).post(
        f"/api/v1/facts/{disputed_fact.pk}/resolve-conflict/", data, format="json"
    )

    assert response.status_code == 400
    assert field in response.json()


def test_verifying_is_refused_while_a_conflict_is_open_then_allowed(
    client_for, reviewer, disputed_fact
):
    client = client_for(reviewer)

    refused = client.post(f"/api/v1/facts/{disputed_fact.pk}/verify/")
    assert refused.status_code == 409
    assert refused.json()["problems"][0]["code"] == "unresolved_conflict"

    client.post(
        f"/api/v1/facts/{disputed_fact.pk}/resolve-conflict/",
        {"field": "killed", "wording": "at least 61", "reason": "Lower count"},
        format="json",
    )
    response = client.post(f"/api/v1/facts/{disputed_fact.pk}/verify/")

    assert response.status_code == 200
    assert response.json()["status"] == "verified"
    assert response.json()["verified_by"] == reviewer.pk
    assert client.post(f"/api/v1/facts/{disputed_fact.pk}/verify/").status_code == 409


def test_a_fact_without_evidence_cannot_be_verified(client_for, reviewer):
    fact = make_fact()
    response = client_for(reviewer).post(f"/api/v1/facts/{fact.pk}/verify/")
    assert response.status_code == 409
    assert response.json()["problems"][0]["code"] == "no_evidence"


def test_changing_what_a_verified_fact_claims_lifts_the_verification(
    client_for, reviewer, source_admin, changes
):
    fact = make_fact()
    make_excerpt(
        make_source("The attack killed 9 worshippers."),
        "killed 9 worshippers",
        fact=fact,
        figures=[killed(9)],
    )
    client_for(reviewer).post(f"/api/v1/facts/{fact.pk}/verify/")
    isis = make_actor("ISIS")

    title_only = patch_current(
        client_for(source_admin),
        f"/api/v1/facts/{fact.pk}/",
        {"title": "Quetta church"},
        format="json",
    )
    assert title_only.json()["status"] == "verified"

    response = patch_current(
        client_for(source_admin),
        f"/api/v1/facts/{fact.pk}/",
        {"claimed_by": [isis.pk]},
        format="json",
    )

    assert response.status_code == 200
    assert response.json()["status"] == "unverified"
    assert response.json()["verified_by"] is None
    assert "attribution_changed" in {c["code"] for c in changes}


def test_unknown_fact_is_a_404(client_for, reviewer):
    assert client_for(reviewer).post("/api/v1/facts/999999/verify/").status_code == 404


def test_the_newest_incident_comes_first_and_undated_facts_last(client_for, comms):
    # PostgreSQL sorts NULL above every date, SQLite below: the order must not depend on it.
    isis, jua = make_actor("ISIS"), make_actor("Jamaat-ul-Ahrar")
    undated = make_fact(
        Fact.Kind.RELATIONSHIP,
        subject_actor=jua,
        object_actor=isis,
        relation=Fact.Relation.ALLEGIANCE,
    )
    older = make_fact(occurred_on=date(2016, 8, 8))
    newer = make_fact(occurred_on=date(2017, 2, 16))

    results = client_for(comms).get("/api/v1/facts/").json()["results"]

    assert [f["id"] for f in results] == [newer.pk, older.pk, undated.pk]
