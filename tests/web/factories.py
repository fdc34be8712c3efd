"""A campaign with evidence for the page tests, built through the real evidence and campaigns
services so flags, conflicts and readiness are the ones users would see."""

import itertools
from dataclasses import dataclass
from datetime import date

from campaigns.models import Campaign, EvidenceLink, Message, Theme
from campaigns.services.campaigns import campaign_create
from campaigns.services.links import evidence_link_propose
from campaigns.services.messages import message_create
from campaigns.services.themes import theme_catalogue_ensure
from evidence.models import Fact, Source
from tests.scenarios import URDU_TEXT, quetta_evidence

__all__ = ["URDU_TEXT", "WebScenario", "campaign_with_messages", "web_scenario"]

URDU_CLAIM = "گرجا گھروں پر حملے"

_numbers = itertools.count(1)


@dataclass
class WebScenario:
    campaign: Campaign
    hospital: Fact
    church: Fact
    sources: list[Source]
    english: Message
    urdu: Message
    flagged_link: EvidenceLink
    urdu_link: EvidenceLink


def web_scenario(*, owner, name: str = "Quetta truth campaign") -> WebScenario:  # type: ignore[no-untyped-def]
    """Two sources disagreeing on the Quetta hospital bombing (about 70 vs 75 killed), a
    church attack, and a campaign with an English message that says 75 (flagged: the safe
    wording is "at least 70") and an Urdu one, both with proposed links."""
    theme_catalogue_ensure()
    themes = list(Theme.objects.order_by("recommendation_clause", "id")[:2])
    evidence = quetta_evidence(with_claims=False)
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
        starts_on=date(2030, 1, 1),
        ends_on=date(2030, 3, 31),
        themes=themes,
    )
    english = message_create(
        campaign=campaign,
        actor=owner,
        channel="facebook",
        language="en",
        theme=themes[0],
        text="The bombing of Quetta's civil hospital killed 75 people.",
    )
    urdu = message_create(
        campaign=campaign, actor=owner, channel="x", language="ur", theme=themes[-1], text=URDU_TEXT
    )
    flagged = evidence_link_propose(
        message=english, fact=hospital, claim="killed 75 people", actor=owner
    )
    urdu_link = evidence_link_propose(message=urdu, fact=church, claim=URDU_CLAIM, actor=owner)
    hospital.refresh_from_db()
    church.refresh_from_db()
    return WebScenario(
        campaign=campaign,
        hospital=hospital,
        church=church,
        sources=[evidence.dawn, evidence.tribune],
        english=english,
        urdu=urdu,
        flagged_link=flagged,
        urdu_link=urdu_link,
    )


def campaign_with_messages(*, owner, fact: Fact, messages: int, name: str = "") -> Campaign:  # type: ignore[no-untyped-def]
    """A campaign with `messages` English messages, each with one proposed evidence link."""
    n = next(_numbers)
    campaign = campaign_create(
        owner=owner, name=name or f"Campaign {n}", channels=["facebook"], goal="Inform."
    )
    for i in range(messages):
        message = message_create(
            campaign=campaign,
            actor=owner,
            channel="facebook",
            language="en",
            text=f"Message {i}: the attack on the church killed nine worshippers.",
        )
        evidence_link_propose(
            message=message, fact=fact, claim="killed nine worshippers", actor=owner
        )
    return campaign
