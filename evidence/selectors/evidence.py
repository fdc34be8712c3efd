"""Lists of sources, facts and excerpts, with what their API representation reads prefetched
(one query per relation, however long the page)."""

from collections.abc import Mapping
from functools import cache
from typing import Any

from django.db.models import F, Prefetch, Q, QuerySet

from common.compiled import Statement
from evidence.models import Actor, Excerpt, Fact, FigureReport, Source

__all__ = [
    "FACT_ORDER",
    "excerpt_list",
    "fact_headlines",
    "fact_ids_for_actor",
    "fact_list",
    "fact_list_by_ids",
    "fact_resting_ids",
    "source_list",
]


# Newest first, undated facts (relationships, statements) last on every database: PostgreSQL
# would otherwise sort NULL above every date, SQLite below.
FACT_ORDER = (F("occurred_on").desc(nulls_last=True), "id")


def source_list() -> QuerySet[Source]:
    return Source.objects.select_related("created_by", "retracted_by").order_by(
        "-created_at", "-id"
    )


def fact_list() -> QuerySet[Fact]:
    return (
        Fact.objects.select_related("subject_actor", "object_actor", "created_by", "verified_by")
        .prefetch_related(
            Prefetch("claimed_by", queryset=Actor.objects.only("id", "name")),
            Prefetch("attributed_to", queryset=Actor.objects.only("id", "name")),
        )
        .order_by(*FACT_ORDER)
    )


def fact_list_by_ids() -> QuerySet[Fact]:
    """The facts list for readers that show related rows by their ids only (the API): no
    actor or user row joined, and the actors' ids alone for the many-to-many relations."""
    return Fact.objects.prefetch_related(
        Prefetch("claimed_by", queryset=Actor.objects.only("id")),
        Prefetch("attributed_to", queryset=Actor.objects.only("id")),
    ).order_by(*FACT_ORDER)


def fact_headlines(*, status: str, limit: int) -> list[Mapping[str, Any]]:
    """The newest `limit` facts with this status, as `{"pk", "title", "figures", "conflicts"}`:
    only what a headline shows, in one query on the list's index, no actors or users joined,
    no model instances."""
    names = ("pk", "title", "figures", "conflicts")
    return [dict(zip(names, row, strict=True)) for row in _headlines(limit).rows(status=status)]


@cache
def _headlines(limit: int) -> Statement:
    """The headlines' query, compiled once per length: the dashboard asks on every view."""
    return Statement(
        lambda status: (
            Fact.objects.filter(status=status)
            .order_by(*FACT_ORDER)
            .values_list("pk", "title", "figures", "conflicts")[:limit]
        )
    )


def fact_ids_for_actor(actor_id: int) -> QuerySet[Fact, Any]:
    """Facts the actor is part of: claimed by, attributed to, subject or object of."""
    return Fact.objects.filter(
        Q(claimed_by=actor_id)
        | Q(attributed_to=actor_id)
        | Q(subject_actor=actor_id)
        | Q(object_actor=actor_id)
    ).values("id")


def fact_resting_ids(*, source: Source) -> list[int]:
    """The ids of the facts that have an excerpt of this source."""
    return sorted(
        set(
            Excerpt.objects.filter(source=source, fact__isnull=False).values_list(
                "fact_id", flat=True
            )
        )
    )


def excerpt_list() -> QuerySet[Excerpt]:
    return (
        # The source's language picks the vocabulary of the figure suggestions.
        Excerpt.objects.select_related("created_by", "source")
        .defer("source__text")
        .prefetch_related(
            Prefetch("figures", queryset=FigureReport.objects.order_by("id")),
            Prefetch("reported_claimed_by", queryset=Actor.objects.only("id")),
            Prefetch("reported_attributed_to", queryset=Actor.objects.only("id")),
            Prefetch("reported_denied_by", queryset=Actor.objects.only("id")),
        )
        .order_by("source_id", "start", "id")
    )
