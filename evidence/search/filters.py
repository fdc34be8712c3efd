"""Narrowing a search by kind, fact status, actor, place and period.

A filter is about facts (their status, actors, place and date); an excerpt passes when its fact
passes, a source when one of its excerpts does. The period also bounds a source's publication
date. The result is a condition on `SearchDocument` rows, so the ranked full-text query (on
either database) only has to add `id IN (…)`.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet

from evidence.models import Actor, Excerpt, Fact, Source

from .models import SearchDocument

__all__ = ["SearchFilters", "search_filter_documents"]


@dataclass(frozen=True)
class SearchFilters:
    """What the results are narrowed to; an empty field does not narrow."""

    kind: str = ""
    status: str = ""
    actor: Actor | None = None
    place: str = ""
    since: date | None = None
    until: date | None = None

    @property
    def about_facts(self) -> bool:
        return bool(self.status or self.actor or self.place.strip() or self.since or self.until)

    @property
    def narrows(self) -> bool:
        return bool(self.kind) or self.about_facts


def _facts(filters: SearchFilters) -> QuerySet[Fact]:
    facts = Fact.objects.all()
    if filters.status:
        facts = facts.filter(status=filters.status)
    if filters.actor is not None:
        actor = filters.actor
        facts = facts.filter(
            Q(pk__in=Fact.claimed_by.through.objects.filter(actor=actor).values("fact_id"))
            | Q(pk__in=Fact.attributed_to.through.objects.filter(actor=actor).values("fact_id"))
            | Q(subject_actor=actor)
            | Q(object_actor=actor)
        )
    place = filters.place.strip()
    if place:
        facts = facts.filter(
            Q(place__icontains=place) | Q(province__icontains=place) | Q(country__icontains=place)
        )
    if filters.since:
        facts = facts.filter(occurred_on__gte=filters.since)
    if filters.until:
        facts = facts.filter(occurred_on__lte=filters.until)
    return facts


def _sources(filters: SearchFilters, facts: QuerySet[Fact]) -> QuerySet[Source]:
    sources = Source.objects.all()
    if filters.status or filters.actor is not None or filters.place.strip():
        sources = sources.filter(
            pk__in=Excerpt.objects.filter(fact__in=facts.values("pk")).values("source_id")
        )
    if filters.since:
        sources = sources.filter(published_on__gte=filters.since)
    if filters.until:
        sources = sources.filter(published_on__lte=filters.until)
    return sources


def search_filter_documents(filters: SearchFilters) -> QuerySet[SearchDocument]:
    """The index entries `filters` lets through (all of them when nothing narrows)."""
    documents = SearchDocument.objects.all()
    if filters.kind:
        documents = documents.filter(kind=filters.kind)
    if not filters.about_facts:
        return documents
    facts = _facts(filters)
    excerpts = Excerpt.objects.filter(fact__in=facts.values("pk"))
    kind = SearchDocument.Kind
    return documents.filter(
        Q(kind=kind.FACT, object_id__in=facts.values("pk"))
        | Q(kind=kind.EXCERPT, object_id__in=excerpts.values("pk"))
        | Q(kind=kind.SOURCE, object_id__in=_sources(filters, facts).values("pk"))
    )
