"""The evidence dossier's context (facts with their evidence, filtered) and the source
register's (every source with what rests on it)."""

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, Q, QuerySet

from campaigns.models import Campaign, EvidenceLink, Theme
from campaigns.selectors.campaigns import campaign_list_visible
from common.errors import InvalidInput
from evidence.models import Actor, Excerpt, Fact, Source
from evidence.selectors.actors import actor_find
from reports.rendering.context import (
    DossierContext,
    RegisterContext,
    RegisterRow,
    ReportHeader,
)

from .evidence import CitationBook, fact_entries, facts_for_report

__all__ = [
    "DOSSIER_PARAMETERS",
    "DossierFilters",
    "dossier_context_build",
    "dossier_filters_resolve",
    "register_context_build",
    "visible_links",
]

DOSSIER_PARAMETERS = ("actor", "date_from", "date_to", "theme")


@dataclass(frozen=True)
class DossierFilters:
    theme: Theme | None = None
    actor: Actor | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None

    def describe(self) -> tuple[tuple[str, str], ...]:
        shown = []
        if self.theme:
            shown.append(("Theme", self.theme.name))
        if self.actor:
            shown.append(("Actor", self.actor.name))
        if self.date_from:
            shown.append(("From", self.date_from.isoformat()))
        if self.date_to:
            shown.append(("To", self.date_to.isoformat()))
        return tuple(shown)


def _id(value: Any, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise InvalidInput(f"{name}: expected an id.", field="parameters")
    try:
        return int(value)
    except ValueError as error:
        raise InvalidInput(f"{name}: expected an id.", field="parameters") from error


def _date(value: Any, name: str) -> dt.date | None:
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as error:
        raise InvalidInput(f"{name}: expected a date (YYYY-MM-DD).", field="parameters") from error


def dossier_filters_resolve(*, parameters: dict[str, Any]) -> DossierFilters:
    """Theme (id or slug), actor (id or name) and period from a dossier's parameters."""
    theme = actor = None
    if parameters.get("theme") not in (None, ""):
        value = parameters["theme"]
        lookup = Q(slug=value) if isinstance(value, str) and not value.isdigit() else None
        theme = Theme.objects.filter(lookup or Q(pk=_id(value, "theme"))).first()
        if theme is None:
            raise InvalidInput(f"theme: no theme {value!r}.", field="parameters")
    if parameters.get("actor") not in (None, ""):
        value = parameters["actor"]
        if isinstance(value, str) and not value.isdigit():
            # Any name or alias, case, accent and punctuation tolerant ("daesh" finds ISIS).
            actor = actor_find(name=value)
        else:
            actor = Actor.objects.filter(pk=_id(value, "actor")).first()
        if actor is None:
            raise InvalidInput(f"actor: no actor {value!r}.", field="parameters")
    date_from = _date(parameters.get("date_from"), "date_from")
    date_to = _date(parameters.get("date_to"), "date_to")
    if date_from and date_to and date_to < date_from:
        raise InvalidInput("date_to: the period ends before it starts.", field="parameters")
    return DossierFilters(theme=theme, actor=actor, date_from=date_from, date_to=date_to)


def visible_links(
    *, user: AbstractBaseUser | None, campaign: Campaign | None = None
) -> QuerySet[EvidenceLink]:
    """Evidence links in the campaigns `user` may see: a global report never counts or shows
    links from campaigns its requester cannot see. A report on a campaign counts only that
    campaign's links, since everyone who may see the campaign may read the report."""
    if user is None:
        return EvidenceLink.objects.none()
    links = EvidenceLink.objects.filter(
        message__campaign__in=campaign_list_visible(user=user).values("pk")
    )
    return links if campaign is None else links.filter(message__campaign=campaign)


def _approved_counts(links: QuerySet[EvidenceLink], fact_ids: list[int]) -> dict[int, int]:
    rows = (
        links.filter(status=EvidenceLink.Status.APPROVED, fact__in=fact_ids)
        .values("fact")
        .annotate(n=Count("pk"))
    )
    return {row["fact"]: row["n"] for row in rows}


def dossier_context_build(
    *,
    header: ReportHeader,
    filters: DossierFilters,
    user: AbstractBaseUser | None,
    campaign: Campaign | None = None,
) -> DossierContext:
    facts = Fact.objects.all()
    links = visible_links(user=user, campaign=campaign)
    if filters.theme is not None:
        themed = links.filter(message__theme=filters.theme).exclude(
            status=EvidenceLink.Status.REJECTED
        )
        facts = facts.filter(pk__in=themed.values("fact"))
    if filters.actor is not None:
        actor = filters.actor
        facts = facts.filter(
            pk__in=Fact.objects.filter(
                Q(claimed_by=actor)
                | Q(attributed_to=actor)
                | Q(subject_actor=actor)
                | Q(object_actor=actor)
            ).values("pk")
        )
    if filters.date_from is not None:
        facts = facts.filter(occurred_on__gte=filters.date_from)
    if filters.date_to is not None:
        facts = facts.filter(occurred_on__lte=filters.date_to)
    facts = facts.order_by("occurred_on", "id")
    rows = list(facts_for_report(facts))
    book = CitationBook()
    entries = fact_entries(rows, book, _approved_counts(links, [f.pk for f in rows]))
    return DossierContext(
        header=header,
        filters=filters.describe(),
        facts=entries,
        bibliography=book.bibliography,
    )


def register_context_build(
    *, header: ReportHeader, user: AbstractBaseUser | None, campaign: Campaign | None = None
) -> RegisterContext:
    sources = list(Source.objects.order_by("reliability", "title", "id"))
    excerpts = Counter(
        dict(Excerpt.objects.values("source").annotate(n=Count("pk")).values_list("source", "n"))
    )
    facts = Counter(
        dict(
            Excerpt.objects.filter(fact__isnull=False, anchored=True)
            .values("source")
            .annotate(n=Count("fact", distinct=True))
            .values_list("source", "n")
        )
    )
    approved = Counter(
        dict(
            visible_links(user=user, campaign=campaign)
            .filter(status=EvidenceLink.Status.APPROVED, fact__excerpts__anchored=True)
            .values("fact__excerpts__source")
            .annotate(n=Count("pk", distinct=True))
            .values_list("fact__excerpts__source", "n")
        )
    )
    book = CitationBook()
    return RegisterContext(
        header=header,
        rows=tuple(
            RegisterRow(
                source=book.source(source),
                excerpt_count=excerpts[source.pk],
                fact_count=facts[source.pk],
                approved_link_count=approved[source.pk],
            )
            for source in sources
        ),
    )
