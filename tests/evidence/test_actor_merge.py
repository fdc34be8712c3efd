"""Merging two actors that turn out to be one: the service and POST /api/v1/actors/{id}/merge/."""

import pytest

from common.models import AuditEntry
from evidence.models import Actor, ActorAlias, Fact
from evidence.search.selectors import search_evidence
from evidence.services.actors import actor_merge, actor_merge_plan
from tests.evidence.factories import make_actor, make_excerpt, make_fact, make_source

pytestmark = pytest.mark.django_db


def merge_url(actor: Actor) -> str:
    return f"/api/v1/actors/{actor.pk}/merge/"


@pytest.fixture
def pair():  # type: ignore[no-untyped-def]
    """ "Daish group" was registered apart from ISIS; a fact and an excerpt name it."""
    isis = make_actor("ISIS", aliases=["ISIL"])
    daish = make_actor("Daish group", aliases=["داعش"])
    source = make_source(text="The Daish group claimed the attack in Mastung that killed 128.")
    fact = make_fact(title="Mastung rally bombing", claimed_by=[daish], attributed_to=[daish])
    excerpt = make_excerpt(
        source=source,
        exact="The Daish group claimed the attack",
        fact=fact,
        reported_claimed_by=[daish],
    )
    return isis, daish, fact, excerpt


def test_merge_moves_names_and_references_and_removes_the_actor(pair, source_admin):
    isis, daish, fact, excerpt = pair
    plan = actor_merge_plan(actor=daish, into=isis)
    assert plan.facts["claimed_by"] == [fact.pk]
    assert plan.excerpts["reported_claimed_by"] == [excerpt.pk]

    kept = actor_merge(actor=daish, into=isis, merged_by=source_admin)

    assert kept.pk == isis.pk
    assert not Actor.objects.filter(pk=daish.pk).exists()
    names = set(ActorAlias.objects.filter(actor=isis).values_list("alias", flat=True))
    assert {"Daish group", "داعش", "ISIL", "ISIS"} <= names
    fact.refresh_from_db()
    assert list(fact.claimed_by.all()) == [isis]
    assert list(fact.attributed_to.all()) == [isis]
    assert list(excerpt.reported_claimed_by.all()) == [isis]
    # The search index names the actor that stays: searching the old name finds the fact.
    assert fact.pk in {h.id for h in search_evidence(query="Daish group")[0:20] if h.type == "fact"}
    audit = AuditEntry.objects.filter(action="actor.merge", target_id=str(isis.pk)).get()
    assert audit.data["actor"]["name"] == "Daish group"
    assert AuditEntry.objects.filter(action="actor.merged_into", target_id=str(daish.pk)).exists()


def test_merge_recomputes_an_attribution_conflict_that_was_only_two_names(source_admin):
    isis = make_actor("ISIS")
    daish = make_actor("Daesh fighters")
    first = make_source(text="ISIS said it carried out the attack on the shrine.")
    second = make_source(text="Daesh fighters carried out the attack on the shrine.")
    fact = make_fact(title="Shrine attack")
    make_excerpt(source=first, exact="ISIS said it", fact=fact, reported_attributed_to=[isis])
    make_excerpt(
        source=second, exact="Daesh fighters carried", fact=fact, reported_attributed_to=[daish]
    )
    fact.refresh_from_db()
    assert any(c["kind"] == "attribution" for c in fact.conflicts)

    actor_merge(actor=daish, into=isis, merged_by=source_admin)

    fact.refresh_from_db()
    assert not any(c["kind"] == "attribution" for c in fact.conflicts)


def test_merging_an_actor_into_itself_is_refused_and_changes_nothing(
    pair, client_for, source_admin
):
    _, daish, fact, _ = pair
    response = client_for(source_admin).post(merge_url(daish), {"into": daish.pk}, format="json")
    assert response.status_code == 400
    assert "into" in response.json()
    assert Actor.objects.filter(pk=daish.pk).exists()
    assert list(fact.claimed_by.all()) == [daish]


def test_actors_related_by_a_fact_cannot_be_merged(client_for, source_admin):
    a, b = make_actor("Group A"), make_actor("Group B")
    make_fact(
        kind=Fact.Kind.RELATIONSHIP,
        title="Group A split from Group B",
        subject_actor=a,
        object_actor=b,
        relation=Fact.Relation.SPLIT,
    )
    response = client_for(source_admin).post(merge_url(a), {"into": b.pk}, format="json")
    assert response.status_code == 409
    assert "Group A split from Group B" in response.json()["detail"]
    assert Actor.objects.filter(pk=a.pk).exists()


def test_api_merge_by_a_source_admin(pair, client_for, source_admin):
    isis, daish, _, _ = pair
    response = client_for(source_admin).post(merge_url(daish), {"into": isis.pk}, format="json")
    assert response.status_code == 200
    body = response.json()
    assert body["id"] == isis.pk
    assert "Daish group" in body["aliases"] and "داعش" in body["aliases"]
    assert client_for(source_admin).get(f"/api/v1/actors/{daish.pk}/").status_code == 404


@pytest.mark.parametrize("body", [{}, {"into": "x"}, {"into": 999999}, {"into": None}])
def test_api_merge_bad_input_names_the_field(pair, client_for, source_admin, body):
    _, daish, _, _ = pair
    response = client_for(source_admin).post(merge_url(daish), body, format="json")
    assert response.status_code == 400
    assert "into" in response.json()
    assert Actor.objects.filter(pk=daish.pk).exists()


def test_api_merge_only_for_source_admins(pair, client_for, comms, reviewer, no_role_user):
    isis, daish, _, _ = pair
    for user in (comms, reviewer, no_role_user):
        response = client_for(user).post(merge_url(daish), {"into": isis.pk}, format="json")
        assert response.status_code == 403
    anonymous = client_for(None).post(merge_url(daish), {"into": isis.pk}, format="json")
    assert anonymous.status_code == 401
    assert Actor.objects.filter(pk=daish.pk).exists()


def test_merge_is_in_the_schema(client_for, source_admin):
    schema = client_for(source_admin).get("/api/schema/?format=json").json()
    operation = schema["paths"]["/api/v1/actors/{id}/merge/"]["post"]
    assert "200" in operation["responses"] and "409" in operation["responses"]
