"""Campaign test data built through the real services, and evidence built through the evidence
services (so `fact.figures`, `conflicts` and `status` are what the product computes)."""

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from campaigns.models import Campaign, EvidenceLink, Message, Theme
from campaigns.services.campaigns import campaign_create
from campaigns.services.links import evidence_link_approve, evidence_link_propose
from campaigns.services.messages import message_approve, message_create, message_submit
from campaigns.services.themes import theme_catalogue_ensure
from evidence.models import Actor, Fact
from evidence.services.actors import actor_create
from evidence.services.excerpts import excerpt_create
from evidence.services.facts import fact_create
from evidence.services.sources import source_create

__all__ = [
    "Report",
    "approved_link",
    "approved_message",
    "killed",
    "make_actor",
    "make_campaign",
    "make_fact",
    "make_message",
    "theme",
]

_numbers = itertools.count(1)


def theme(slug: str) -> Theme:
    # A transactional test empties the tables, the catalogue's data migration included.
    if not Theme.objects.filter(slug=slug).exists():
        theme_catalogue_ensure()
    return Theme.objects.get(slug=slug)


def killed(value_min: int, value_max: int | None = -1, qualifier: str = "exact") -> dict[str, Any]:
    """A figure report of people killed; value_max defaults to value_min (an exact count)."""
    top = value_min if value_max == -1 else value_max
    return {"kind": "killed", "value_min": value_min, "value_max": top, "qualifier": qualifier}


@dataclass
class Report:
    """What one source says about a fact: its words, the figures they report, who it says
    claimed or did the attack, and the source's grade."""

    text: str
    figures: Sequence[dict[str, Any]] = ()
    reliability: str = "B"
    publisher: str = ""
    claimed_by: Sequence[Actor] = ()
    attributed_to: Sequence[Actor] = ()
    extra: dict[str, Any] = field(default_factory=dict)


def make_actor(name: str, aliases: Sequence[str] = ()) -> Actor:
    return actor_create(name=name, aliases=list(aliases))


def make_fact(*, reports: Sequence[Report] = (), **fields: Any) -> Fact:
    """An incident (by default) with one source and excerpt per report; each source has its
    own publisher, so two agreeing reports corroborate the fact."""
    n = next(_numbers)
    fields.setdefault("kind", Fact.Kind.INCIDENT)
    fields.setdefault("title", f"Attack number {n}")
    fields.setdefault("created_by", None)
    if fields["kind"] == Fact.Kind.INCIDENT:
        fields.setdefault("occurred_on", date(2017, 2, 16))
        fields.setdefault("target_type", Fact.TargetType.PLACE_OF_WORSHIP)
        fields.setdefault("victim_community", Fact.VictimCommunity.SUFI_MUSLIM)
    fact = fact_create(**fields)
    for index, report in enumerate(reports):
        source = source_create(
            title=f"Report {n}.{index}",
            text=f"{report.text} (Filed as report {n}.{index}.)",
            reliability=report.reliability,
            publisher=report.publisher or f"Publisher {n}.{index}",
            created_by=None,
        )
        excerpt_create(
            source=source,
            exact=report.text,
            fact=fact,
            figures=list(report.figures),
            reported_claimed_by=list(report.claimed_by),
            reported_attributed_to=list(report.attributed_to),
            **report.extra,
        )
    fact.refresh_from_db()
    return fact


def make_campaign(owner: Any, **fields: Any) -> Campaign:
    """A complete plan (every GAMMMA+ field) that would pass readiness once it has messages
    and approved evidence; override any field."""
    today = timezone.localdate()
    fields.setdefault("name", f"Campaign {next(_numbers)}")
    fields.setdefault("goal", "Expose the group's brutality towards Muslims and non-Muslims.")
    fields.setdefault("audiences", ["University students in Karachi"])
    fields.setdefault("messengers", ["Survivors", "Religious scholars"])
    fields.setdefault("channels", ["x"])
    fields.setdefault("call_to_action", "Share the facts with #NotInOurName.")
    fields.setdefault("indicators", [{"name": "Shares", "target": 5000}])
    fields.setdefault("starts_on", today + timedelta(days=7))
    fields.setdefault("ends_on", today + timedelta(days=37))
    fields.setdefault(
        "themes",
        [theme("brutality-against-muslims"), theme("brutality-against-non-muslims")],
    )
    return campaign_create(owner=owner, **fields)


def make_message(campaign: Campaign, actor: Any, text: str, **fields: Any) -> Message:
    fields.setdefault("channel", campaign.channels[0] if campaign.channels else "x")
    fields.setdefault("language", "en")
    if "theme" not in fields:
        fields["theme"] = campaign.themes.order_by("pk").first()
    return message_create(campaign=campaign, actor=actor, text=text, **fields)


def approved_message(message: Message, *, author: Any, reviewer: Any) -> Message:
    message_submit(message=message, actor=author)
    return message_approve(message=message, reviewer=reviewer)


def approved_link(
    message: Message, fact: Fact, claim: str, *, proposer: Any, reviewer: Any
) -> EvidenceLink:
    link = evidence_link_propose(message=message, fact=fact, claim=claim, actor=proposer)
    return evidence_link_approve(link=link, reviewer=reviewer)
