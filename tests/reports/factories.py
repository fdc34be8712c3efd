"""A campaign with evidence, built through the real evidence and campaigns services, so a
report is rendered from data every rule has been applied to."""

from dataclasses import dataclass

from campaigns.models import Campaign, EvidenceLink, Message, Theme
from campaigns.services.campaigns import campaign_create
from campaigns.services.links import evidence_link_approve, evidence_link_propose
from campaigns.services.messages import message_create
from campaigns.services.themes import theme_catalogue_ensure
from evidence.models import Fact, Source
from tests.scenarios import URDU_TEXT, quetta_evidence

__all__ = ["URDU_MESSAGE", "BriefScenario", "brief_scenario"]

URDU_MESSAGE = URDU_TEXT


@dataclass
class BriefScenario:
    campaign: Campaign
    hospital: Fact
    church: Fact
    sources: list[Source]
    messages: list[Message]
    links: list[EvidenceLink]
    isis_alias: str


def brief_scenario(*, owner, reviewer, name: str = "Quetta truth campaign") -> BriefScenario:  # type: ignore[no-untyped-def]
    """Two sources that disagree on the Quetta hospital bombing (70 vs 75 killed), a church
    attack, an English and an Urdu message with approved links to both facts."""
    theme_catalogue_ensure()
    themes = [
        Theme.objects.get(slug="brutality-against-muslims"),
        Theme.objects.get(slug="brutality-against-non-muslims"),
    ]
    evidence = quetta_evidence(with_claims=True)
    hospital, church = evidence.hospital, evidence.church
    campaign = campaign_create(
        owner=owner,
        name=name,
        goal="Expose the group's brutality against Muslims and non-Muslims.",
        audiences=["University students in Quetta"],
        messengers=["Survivors' families"],
        channels=["x", "facebook"],
        call_to_action="Share the survivors' stories.",
        indicators=[{"name": "Shares", "target": "5000"}],
        themes=themes,
    )
    english = message_create(
        campaign=campaign,
        actor=owner,
        channel="facebook",
        language="en",
        theme=themes[0],
        text="The bombing of Quetta's civil hospital killed at least 70 people.",
    )
    urdu = message_create(
        campaign=campaign,
        actor=owner,
        channel="x",
        language="ur",
        theme=themes[1],
        text=URDU_MESSAGE,
    )
    links = [
        evidence_link_propose(
            message=english, fact=hospital, claim="killed at least 70 people", actor=owner
        ),
        evidence_link_propose(message=urdu, fact=church, claim="گرجا گھروں پر حملے", actor=owner),
    ]
    links = [evidence_link_approve(link=link, reviewer=reviewer) for link in links]
    hospital.refresh_from_db()
    church.refresh_from_db()
    return BriefScenario(
        campaign=campaign,
        hospital=hospital,
        church=church,
        sources=[evidence.dawn, evidence.tribune],
        messages=[english, urdu],
        links=links,
        isis_alias=f"Daesh {evidence.number}",
    )
