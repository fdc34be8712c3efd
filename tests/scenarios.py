"""Evidence shared by the report and page tests: two sources that disagree on the Quetta
hospital bombing (about 70 vs 75 killed) and a church attack, built through the real evidence
services so conflicts and figures are the ones users would see."""

import itertools
from dataclasses import dataclass
from datetime import date

from evidence.models import Actor, Fact, Source
from evidence.services.actors import actor_create
from evidence.services.excerpts import excerpt_create
from evidence.services.facts import fact_create
from evidence.services.sources import source_create

__all__ = ["URDU_TEXT", "QuettaEvidence", "quetta_evidence"]

# "Daesh attacked shrines and churches; Muslims and Christians were both its victims."
URDU_TEXT = "داعش نے مزاروں اور گرجا گھروں پر حملے کیے، مسلمان اور مسیحی دونوں اس کا نشانہ بنے۔"

_numbers = itertools.count(1)


@dataclass
class QuettaEvidence:
    number: int
    dawn: Source
    tribune: Source
    hospital: Fact
    church: Fact
    isis: Actor | None


def quetta_evidence(*, with_claims: bool) -> QuettaEvidence:
    """The two sources, both incidents and their excerpts; `with_claims` adds an Islamic
    State actor (alias "Daesh <n>") that claimed both attacks. Titles carry a running number
    so several scenarios can live in one test."""
    n = next(_numbers)
    isis = actor_create(name=f"Islamic State {n}", aliases=[f"Daesh {n}"]) if with_claims else None
    claimed_by = [isis] if isis else []
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
        claimed_by=claimed_by,
    )
    church = fact_create(
        kind=Fact.Kind.INCIDENT,
        title=f"Quetta church attack {n}",
        created_by=None,
        occurred_on=date(2017, 12, 17),
        place="Quetta",
        target_type=Fact.TargetType.WORSHIPPERS,
        victim_community=Fact.VictimCommunity.CHRISTIAN,
        claimed_by=claimed_by,
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
    return QuettaEvidence(
        number=n, dawn=dawn, tribune=tribune, hospital=hospital, church=church, isis=isis
    )
