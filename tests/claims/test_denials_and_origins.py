"""Denials of responsibility and independent origins, through the evidence services and the
API: a claim opposed by a denial (of the group or its parent) is an attribution conflict and a
message repeating it is flagged; copies of one story count as one origin."""

from datetime import date

import pytest

from campaigns.services.links import evidence_link_propose
from evidence.models import Fact
from evidence.services.excerpts import excerpt_create
from evidence.services.facts import fact_create
from evidence.services.sources import source_create
from tests.campaigns.factories import make_actor, make_message

pytestmark = pytest.mark.django_db

STORY = (
    "QUETTA: A suicide bomber struck the Shah Noorani shrine in Khuzdar district on Saturday "
    "evening as devotees gathered for the dhamaal, killing 53 people and wounding more than "
    "a hundred others, officials said. The shrine is remote and rescue teams took hours to "
    "reach it. A commander of the Khorasan branch claimed the attack in a message to reporters."
)


def _source(text: str, publisher: str):  # type: ignore[no-untyped-def]
    return source_create(
        title=publisher, text=text, publisher=publisher, reliability="B", created_by=None
    )


def _fact(**fields):  # type: ignore[no-untyped-def]
    return fact_create(
        kind="incident",
        title="Shah Noorani shrine",
        occurred_on=date(2016, 11, 12),
        created_by=None,
        **fields,
    )


@pytest.fixture
def groups(db):  # type: ignore[no-untyped-def]
    return make_actor("ISIS", ["Daesh"]), make_actor("ISIS-K", ["ISKP"])


@pytest.fixture
def shah_noorani(groups):  # type: ignore[no-untyped-def]
    isis, isis_k = groups
    fact = _fact(place="Khuzdar")
    claim = _source("The Khorasan branch of ISIS claimed the Shah Noorani attack.", "Wire A")
    denial = _source("An ISIS spokesman denied any role in the Shah Noorani attack.", "Paper B")
    excerpt_create(
        source=claim, exact=claim.text, fact=fact, reported_claimed_by=[isis_k], created_by=None
    )
    excerpt_create(
        source=denial, exact=denial.text, fact=fact, reported_denied_by=[isis], created_by=None
    )
    fact.refresh_from_db()
    return fact


class TestDenials:
    def test_a_denial_by_the_parent_group_is_an_attribution_conflict(self, shah_noorani, groups):
        isis, isis_k = groups

        [conflict] = [c for c in shah_noorani.conflicts if c["kind"] == "attribution"]
        assert conflict["field"] == "denied_by"
        assert sorted(a for v in conflict["values"] for a in v["actors"]) == sorted(
            [isis.pk, isis_k.pk]
        )
        assert {v["value"] for v in conflict["values"]} == {
            "claimed by ISIS-K",
            "denied by ISIS",
        }
        assert shah_noorani.status == Fact.Status.DISPUTED

    def test_a_message_stating_the_claim_is_flagged_with_a_wording(
        self, campaign, comms, shah_noorani
    ):
        claim = "The Shah Noorani bombing was claimed by ISIS-K"
        message = make_message(campaign, comms, claim + ".")
        link = evidence_link_propose(message=message, fact=shah_noorani, claim=claim, actor=comms)

        [flag] = [f for f in link.flags if f["code"] == "attribution_denied"]
        assert flag["words"] == "claimed by ISIS-K"
        assert claim[flag["start"] : flag["end"]] == flag["words"]
        assert flag["suggestion"] == "claimed by ISIS-K (a claim ISIS denied)"
        assert "denied" in flag["message"]

    def test_saying_the_claim_is_disputed_passes(self, campaign, comms, shah_noorani):
        claim = "ISIS-K claimed the Shah Noorani bombing, although ISIS denied it"
        message = make_message(campaign, comms, claim + ".")
        link = evidence_link_propose(message=message, fact=shah_noorani, claim=claim, actor=comms)

        assert "attribution_denied" not in [f["code"] for f in link.flags]

    def test_the_api_records_who_denied(self, client_for, source_admin, groups):
        isis, _ = groups
        source = _source("The group's spokesman denied responsibility for the blast.", "Paper C")

        response = client_for(source_admin).post(
            "/api/v1/excerpts/",
            {"source": source.pk, "exact": source.text, "reported_denied_by": [isis.pk]},
            format="json",
        )

        assert response.status_code == 201
        assert response.json()["reported_denied_by"] == [isis.pk]


class TestOrigins:
    def test_two_copies_of_one_story_are_one_independent_origin(self, client_for, comms):
        fact = _fact()
        wire = _source(STORY, "Wire agency")
        copy = _source(STORY.replace("QUETTA:", "KHUZDAR (Reuters) -"), "Daily reprint")
        for source in (wire, copy):
            excerpt_create(
                source=source,
                exact="killing 53 people",
                fact=fact,
                created_by=None,
                figures=[{"kind": "killed", "value_min": 53, "value_max": 53}],
            )

        body = client_for(comms).get(f"/api/v1/facts/{fact.pk}/").json()

        assert body["origins"] == {
            "reports": 2,
            "independent": 1,
            "groups": [sorted([wire.pk, copy.pk])],
        }
        assert body["status"] == "unverified"

    def test_an_independent_report_corroborates(self, client_for, comms):
        fact = _fact()
        wire = _source(STORY, "Wire agency")
        copy = _source(STORY.replace("QUETTA:", "KHUZDAR:"), "Daily reprint")
        other = _source(
            "Fifty-three pilgrims died when a bomb went off at the Shah Noorani shrine.",
            "Local paper",
        )
        for source, exact in (
            (wire, "killing 53 people"),
            (copy, "killing 53 people"),
            (other, "Fifty-three pilgrims died"),
        ):
            excerpt_create(source=source, exact=exact, fact=fact, created_by=None)

        body = client_for(comms).get(f"/api/v1/facts/{fact.pk}/").json()

        assert (body["origins"]["reports"], body["origins"]["independent"]) == (3, 2)
        assert body["status"] == "corroborated"
