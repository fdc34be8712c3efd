"""The hot lists (facts, campaigns, evidence links) read `.values()` rows and represent them
with the serializer's fields (`common.api_rows`); so does the fact detail, and the other detail
endpoints serialise instances. For random stored rows, as each role sees them, every listed item
is the detail's JSON exactly, and both are the instance's serialisation, field order, nulls,
dates, JSON columns and the order of many-to-many ids included. A serializer the row reading
cannot serve is refused when its list is set up, never answered wrongly."""

import json
import random
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Q
from rest_framework import serializers
from rest_framework.permissions import BasePermission
from rest_framework.test import APIRequestFactory, force_authenticate

from campaigns.channels import CHANNEL_LIMITS
from campaigns.models import Campaign, EvidenceLink, Message, Theme
from common.api_rows import RowPlan
from common.versioning import representation_version
from evidence.api.facts import FactViewSet
from evidence.api.serializers.facts import FactSerializer
from evidence.models import Actor, Fact
from tests.campaigns.factories import theme
from tests.factories import communications_user

pytestmark = pytest.mark.django_db

SEEDS = range(4)
TEXTS = [
    "",
    "Quetta",
    "کوئٹہ میں دھماکہ",
    "Peshawar \u2014 “quoted” & <tagged>",
    "Line one\nline two",
    "x" * 300,
]


def _text(rng: random.Random, blank: bool = True) -> str:
    return rng.choice(TEXTS if blank else TEXTS[1:])


def _moment(rng: random.Random) -> datetime:
    # Microseconds and whole seconds both: DRF writes them differently.
    start = datetime(2014, 1, 1, tzinfo=UTC)
    moment = start + timedelta(seconds=rng.randrange(10**8))
    return moment.replace(microsecond=rng.choice([0, rng.randrange(1, 10**6)]))


def _json_value(rng: random.Random, depth: int = 0) -> Any:
    choices: list[Any] = [None, True, 0, -3, 2.5, 10**12, "", "at least 70", "ستر"]
    if depth < 2:
        choices += [[], {}]
    value = rng.choice(choices)
    if value == []:
        return [_json_value(rng, depth + 1) for _ in range(rng.randrange(3))]
    if value == {}:
        return {_text(rng, blank=False)[:12]: _json_value(rng, depth + 1) for _ in range(3)}
    return value


def _same_json(client: Any, list_url: str, detail_url: str) -> int:
    """Every item of the list is its detail's JSON, compared as text (so in field order)."""
    response = client.get(list_url)
    assert response.status_code == 200, response.content
    items = response.json()["results"]
    for item in items:
        detail = client.get(detail_url.format(item["id"]))
        assert detail.status_code == 200
        assert json.dumps(item) == json.dumps(detail.json())
    return len(items)


def _random_facts(rng: random.Random, users: list[Any]) -> None:
    # Stored straight, not through the services: states no single service call makes (any
    # figures, conflicts and origins, verified or not, any actors in any number).
    actors = [
        Actor.objects.create(name=name)
        for name in rng.sample(["Zeta", "alpha", "Beta", "Ägypt", "ژ", "gamma"], 6)
    ]
    for _ in range(10):
        fact = Fact.objects.create(
            kind=rng.choice(Fact.Kind.values),
            title=_text(rng, blank=False),
            summary=_text(rng),
            occurred_on=rng.choice([None, date(2010, 1, 1) + timedelta(days=rng.randrange(5000))]),
            date_precision=rng.choice(Fact.DatePrecision.values),
            place=_text(rng)[:200],
            province=_text(rng)[:100],
            country=rng.choice(["", "Pakistan"]),
            target_type=rng.choice(["", *Fact.TargetType.values]),
            victim_community=rng.choice(["", *Fact.VictimCommunity.values]),
            subject_actor=rng.choice([None, *actors]),
            object_actor=rng.choice([None, *actors]),
            relation=rng.choice(["", *Fact.Relation.values]),
            status=rng.choice(Fact.Status.values),
            figures={"killed": {"min": 70, "max": rng.choice([None, 75]), "reports": 2}}
            if rng.random() < 0.5
            else _json_value(rng) or {},
            conflicts=[_json_value(rng) for _ in range(rng.randrange(3))],
            excerpt_count=rng.randrange(40),
            origins=rng.choice([{}, {"reports": 3, "independent": 2, "groups": [[4, 7], [9]]}]),
            verified_by=rng.choice([None, *users]),
            verified_at=rng.choice([None, _moment(rng)]),
            created_by=rng.choice([None, *users]),
        )
        fact.claimed_by.set(rng.sample(actors, rng.randrange(4)))
        fact.attributed_to.set(rng.sample(actors, rng.randrange(3)))
        Fact.objects.filter(pk=fact.pk).update(created_at=_moment(rng))


@pytest.mark.parametrize("seed", SEEDS)
def test_listed_facts_are_their_detail_json(client_for, reviewer, seed):
    rng = random.Random(seed)
    _random_facts(rng, [reviewer, communications_user()])
    client = client_for(reviewer)
    assert _same_json(client, "/api/v1/facts/", "/api/v1/facts/{}/") == 10
    # The detail is read as a row too: both are what serialising the instance gives, and the
    # ETag a client sends back with an edit is the instance's version.
    for fact in Fact.objects.all():
        detail = client.get(f"/api/v1/facts/{fact.pk}/")
        assert json.dumps(detail.json()) == json.dumps(FactSerializer(fact).data)
        assert detail["ETag"] == representation_version(FactSerializer(fact))


def test_a_fact_not_there_or_filtered_out_is_404(client_for, reviewer):
    fact = Fact.objects.create(kind="incident", title="Quetta", status="unverified")
    client = client_for(reviewer)
    assert client.get(f"/api/v1/facts/{fact.pk + 1}/").status_code == 404
    assert client.get(f"/api/v1/facts/{fact.pk}/?status=disputed").status_code == 404
    assert client.get(f"/api/v1/facts/{fact.pk}/?status=unverified").status_code == 200


class _OnlyQuetta(BasePermission):
    """A permission that looks at the object, as a future one might: it reads an attribute
    that a row (a dict) does not have."""

    def has_object_permission(self, request: Any, view: Any, obj: Any) -> bool:
        return bool(obj.title == "Quetta")


class _FactsCheckedByObject(FactViewSet):
    permission_classes = [*FactViewSet.permission_classes, _OnlyQuetta]


def test_a_detail_whose_permission_checks_the_object_is_checked_on_the_instance(reviewer):
    """The fact detail reads a row; a permission that looks at the object still gets the
    instance, so it decides (and never fails on a dict)."""
    allowed = Fact.objects.create(kind="incident", title="Quetta", status="unverified")
    refused = Fact.objects.create(kind="incident", title="Peshawar", status="unverified")
    view = _FactsCheckedByObject.as_view({"get": "retrieve"})
    answers = {}
    for fact in (allowed, refused):
        request = APIRequestFactory().get(f"/api/v1/facts/{fact.pk}/")
        force_authenticate(request, user=reviewer)
        answers[fact.title] = view(request, pk=fact.pk)
    assert answers["Quetta"].status_code == 200
    assert answers["Quetta"].data["title"] == "Quetta"
    assert answers["Peshawar"].status_code == 403


def _random_campaigns(rng: random.Random, users: list[Any]) -> list[Campaign]:
    themes = [theme("brutality-against-muslims"), theme("brutality-against-non-muslims")]
    # Themes equal in the catalogue's order (clause, name): their ids decide, on every read.
    themes += [
        Theme.objects.create(slug=f"tie-{seed}", name="Tie", recommendation_clause=1)
        for seed in range(3)
    ]
    campaigns = []
    for _ in range(8):
        starts = rng.choice([None, date(2026, 1, 1) + timedelta(days=rng.randrange(300))])
        campaign = Campaign.objects.create(
            name=_text(rng, blank=False)[:200],
            goal=_text(rng),
            audiences=[_text(rng, blank=False) for _ in range(rng.randrange(3))],
            messengers=[_text(rng, blank=False) for _ in range(rng.randrange(3))],
            channels=rng.sample(list(CHANNEL_LIMITS), rng.randrange(4)),
            call_to_action=_text(rng),
            indicators=[
                {"name": _text(rng, blank=False), "target": rng.choice([5000, 2.5, "5%"])}
                for _ in range(rng.randrange(3))
            ],
            starts_on=starts,
            ends_on=None if starts is None else starts + timedelta(days=rng.randrange(90)),
            owner=rng.choice(users),
            status=rng.choice(Campaign.Status.values),
            follows_main_idea=rng.random() < 0.5,
            minimum_reliability=rng.choice("ABCDEF"),
        )
        campaign.themes.set(rng.sample(themes, rng.randrange(len(themes) + 1)))
        campaign.team.set(rng.sample(users, rng.randrange(len(users) + 1)))
        Campaign.objects.filter(pk=campaign.pk).update(
            created_at=_moment(rng), updated_at=_moment(rng)
        )
        campaigns.append(campaign)
    return campaigns


@pytest.mark.parametrize("seed", SEEDS)
def test_listed_campaigns_are_their_detail_json(client_for, reviewer, comms, seed):
    rng = random.Random(seed)
    users = [comms, *(communications_user() for _ in range(3))]
    _random_campaigns(rng, users)
    assert _same_json(client_for(reviewer), "/api/v1/campaigns/", "/api/v1/campaigns/{}/") == 8
    # A Communications user, through the visibility filter: their own and their teams' only.
    visible = Campaign.objects.filter(Q(owner=comms) | Q(team=comms)).distinct().count()
    listed = _same_json(client_for(comms), "/api/v1/campaigns/", "/api/v1/campaigns/{}/")
    assert listed == visible


@pytest.mark.parametrize("seed", SEEDS)
def test_listed_evidence_links_are_their_detail_json(client_for, reviewer, comms, seed):
    rng = random.Random(seed)
    users = [comms, reviewer, communications_user()]
    campaigns = _random_campaigns(rng, [comms, users[2]])
    _random_facts(rng, users)
    facts = list(Fact.objects.all())
    messages = [
        Message.objects.create(campaign=c, channel="x", text=_text(rng, blank=False))
        for c in campaigns
    ]
    for n in range(12):
        link = EvidenceLink.objects.create(
            message=rng.choice(messages),
            fact=rng.choice(facts),
            claim=f"{n}: {_text(rng, blank=False)}",
            status=rng.choice(EvidenceLink.Status.values),
            proposed_by=rng.choice(users),
            reviewed_by=rng.choice([None, *users]),
            reviewed_at=rng.choice([None, _moment(rng)]),
            review_comment=_text(rng),
            reopened_reason=_text(rng),
            flags=[
                {"code": "disputed_fact", "message": _text(rng, blank=False), "link_id": n}
                for _ in range(rng.randrange(3))
            ],
        )
        EvidenceLink.objects.filter(pk=link.pk).update(
            created_at=_moment(rng), updated_at=_moment(rng)
        )
    for user in (reviewer, comms):
        client = client_for(user)
        _same_json(client, "/api/v1/evidence-links/", "/api/v1/evidence-links/{}/")
        _same_json(client, "/api/v1/evidence-links/?status=proposed", "/api/v1/evidence-links/{}/")


class _Shown(FactSerializer):
    shown = serializers.SerializerMethodField()

    class Meta(FactSerializer.Meta):
        fields = [*FactSerializer.Meta.fields, "shown"]

    def get_shown(self, fact: Fact) -> str:
        return "computed per instance"


class _Dotted(FactSerializer):
    creator = serializers.CharField(source="created_by.username")

    class Meta(FactSerializer.Meta):
        fields = [*FactSerializer.Meta.fields, "creator"]


class _Reshaped(FactSerializer):
    def to_representation(self, instance: Fact) -> dict[str, Any]:
        return {**super().to_representation(instance), "extra": 1}


class _Named(FactSerializer):
    created_by: Any = serializers.SlugRelatedField(slug_field="username", read_only=True)


@pytest.mark.parametrize("serializer", [_Shown, _Dotted, _Reshaped, _Named])
def test_a_serializer_showing_more_than_a_row_holds_is_refused(serializer):
    with pytest.raises(ImproperlyConfigured):
        RowPlan(serializer)


class _Addressed(serializers.CharField):
    # Reads the request, as a file's or a link's address does.
    def to_representation(self, value: Any) -> str:
        return self.context["request"].build_absolute_uri(f"/{value}")


class _WithAddress(FactSerializer):
    title = _Addressed()


def test_fields_are_built_once_only_when_they_read_nothing_but_the_value():
    assert RowPlan(FactSerializer).value_only
    # Built for each page, with that page's request in their context.
    assert not RowPlan(_WithAddress).value_only
