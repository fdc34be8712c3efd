"""A campaign with evidence, built through the real evidence and campaigns services, so a
report is rendered from data every rule has been applied to."""

import itertools
from dataclasses import dataclass
from datetime import date

from campaigns.models import Campaign, EvidenceLink, Message, Theme
from campaigns.services.campaigns import campaign_create
from campaigns.services.links import evidence_link_approve, evidence_link_propose
from campaigns.services.messages import message_create
from campaigns.services.themes import theme_catalogue_ensure
from evidence.models import Fact, Source
from evidence.services.actors import actor_create
from evidence.services.excerpts import excerpt_create
from evidence.services.facts import fact_create
from evidence.services.sources import source_create

__all__ = ["URDU_MESSAGE", "BriefScenario", "brief_scenario"]

# "Daesh attacked shrines and churches; Muslims and Christians were both its victims."
URDU_MESSAGE = "داعش نے مزاروں اور گرجا گھروں پر حملے کیے، مسلمان اور مسیحی دونوں اس کا نشانہ بنے۔"

_numbers = itertools.count(1)


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
    n = next(_numbers)
    theme_catalogue_ensure()
    themes = [
        Theme.objects.get(slug="brutality-against-muslims"),
        Theme.objects.get(slug="brutality-against-non-muslims"),
    ]
    isis = actor_create(name=f"Islamic State {n}", aliases=[f"Daesh {n}"])
    dawn = source_create(
        title=f"Quetta hospital bombing report {n}",
        publisher="Dawn",
        reliability="B",
        created_by=None,
        published_on=date(2016, 8, 9),
        text=f"Report {n}. The suicide bombing at the Quetta civil hospital took about 70 lives "
        "on 8 August 2016. In December 2017 nine worshippers were killed and nearly fifty "
        "injured when a church in Quetta was attacked.",
    )
    tribune = source_create(
        title=f"Islamic State in Pakistan analysis {n}",
        publisher="Express Tribune",
        reliability="C",
        created_by=None,
        published_on=date(2017, 12, 20),
        text=f"Analysis {n}. The group claimed the hospital attack in Quetta that killed 75 "
        "people, most of them lawyers.",
    )
    hospital = fact_create(
        kind=Fact.Kind.INCIDENT,
        title=f"Quetta civil hospital bombing {n}",
        created_by=None,
        occurred_on=date(2016, 8, 8),
        place="Quetta",
        province="Balochistan",
        country="Pakistan",
        target_type=Fact.TargetType.HEALTH,
        victim_community=Fact.VictimCommunity.MUSLIM,
        claimed_by=[isis],
    )
    church = fact_create(
        kind=Fact.Kind.INCIDENT,
        title=f"Quetta church attack {n}",
        created_by=None,
        occurred_on=date(2017, 12, 17),
        place="Quetta",
        target_type=Fact.TargetType.WORSHIPPERS,
        victim_community=Fact.VictimCommunity.CHRISTIAN,
        claimed_by=[isis],
    )
    excerpt_create(
        source=dawn,
        fact=hospital,
        exact="took about 70 lives",
        credibility=2,
        figures=[{"kind": "killed", "value_min": 70, "value_max": 70, "qualifier": "about"}],
    )
    excerpt_create(
        source=tribune,
        fact=hospital,
        exact="killed 75 people",
        credibility=3,
        figures=[{"kind": "killed", "value_min": 75, "value_max": 75, "qualifier": "exact"}],
    )
    excerpt_create(
        source=dawn,
        fact=church,
        exact="nine worshippers were killed and nearly fifty injured",
        credibility=2,
        figures=[
            {"kind": "killed", "value_min": 9, "value_max": 9, "qualifier": "exact"},
            {"kind": "wounded", "value_min": 50, "value_max": 50, "qualifier": "about"},
        ],
    )
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
        sources=[dawn, tribune],
        messages=[english, urdu],
        links=links,
        isis_alias=f"Daesh {n}",
    )
