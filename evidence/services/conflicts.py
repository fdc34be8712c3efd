"""Recomputing what a fact's evidence says: figures, conflicts, status (and telling others).

Every service that changes evidence calls `fact_recompute` for each fact it touches, so the
stored `figures`, `conflicts`, `status` and `excerpt_count` are never stale. The rules
themselves are in `evidence.services.conflict_rules`.
"""

import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.db.models import Prefetch
from django.utils import timezone

from common.audit import audit_record, audit_record_many
from common.batching import batched
from common.history import history_read_before
from evidence.models import Actor, Excerpt, Fact, FigureReport, Source
from evidence.services.conflict_rules import (
    FigureClaim,
    Report,
    attribution_conflict,
    date_conflict,
    denial_conflict,
    figure_summary,
    relationship_conflict,
)
from evidence.services.origins import SourceIndex, SourceText, origins_of, origins_regrouped
from evidence.signals import (
    CHANGE_ATTRIBUTION,
    CHANGE_DATE,
    CHANGE_FIGURES,
    CHANGE_RELATION,
    evidence_changed,
)
from evidence.vocabulary.names import parents_of

__all__ = [
    "FACT_FIELDS_RECOMPUTED_FROM",
    "conflicts_change",
    "fact_countable_excerpts",
    "fact_recompute",
    "facts_recompute",
    "facts_recompute_many",
]


def _countable_by_fact(fact_ids: list[int]) -> dict[int | None, list[Excerpt]]:
    excerpts = (
        Excerpt.objects.filter(
            fact_id__in=fact_ids, anchored=True, source__status=Source.Status.ACTIVE
        )
        .select_related("source")
        .prefetch_related(
            Prefetch("figures", queryset=FigureReport.objects.order_by("id")),
            "reported_claimed_by",
            "reported_attributed_to",
            "reported_denied_by",
        )
        .order_by("id")
    )
    by_fact: dict[int | None, list[Excerpt]] = defaultdict(list)
    for excerpt in excerpts:
        by_fact[excerpt.fact_id].append(excerpt)
    return by_fact


def fact_countable_excerpts(*, fact: Fact) -> list[Excerpt]:
    """The excerpts that count as evidence: anchored, and of an active source."""
    return _countable_by_fact([fact.pk]).get(fact.pk, [])


_REPORTED_ACTORS = ("reported_claimed_by", "reported_attributed_to", "reported_denied_by")


def _reports_by_fact(fact_ids: list[int]) -> dict[int, list[Report]]:
    """What each countable excerpt of these facts says, as plain rows: five queries however
    many excerpts, and no model instances or source texts (a fact may have thousands)."""
    countable = {"anchored": True, "source__status": Source.Status.ACTIVE}
    rows = (
        Excerpt.objects.filter(fact_id__in=fact_ids, **countable)
        .order_by("id")
        .values_list("id", "fact_id", "source_id", "reported_on", "reported_relation")
    )
    excerpts = {
        pk: (fact_id, source_id, on, relation) for pk, fact_id, source_id, on, relation in rows
    }
    of_excerpt = {f"excerpt__{k}": v for k, v in countable.items()}
    figures: dict[int, list[FigureClaim]] = defaultdict(list)
    for excerpt_id, kind, low, high, qualifier in (
        FigureReport.objects.filter(excerpt__fact_id__in=fact_ids, **of_excerpt)
        .order_by("id")
        .values_list("excerpt_id", "kind", "value_min", "value_max", "qualifier")
    ):
        figures[excerpt_id].append(FigureClaim(kind, low, high, qualifier))
    actors: dict[str, dict[int, frozenset[tuple[int, str]]]] = {}
    for name in _REPORTED_ACTORS:
        through = getattr(Excerpt, name).through
        named: dict[int, set[tuple[int, str]]] = defaultdict(set)
        for excerpt_id, actor_id, actor_name in through.objects.filter(
            excerpt__fact_id__in=fact_ids, **of_excerpt
        ).values_list("excerpt_id", "actor_id", "actor__name"):
            named[excerpt_id].add((actor_id, actor_name))
        actors[name] = {pk: frozenset(pairs) for pk, pairs in named.items()}
    claimed, attributed, denied = (actors[name] for name in _REPORTED_ACTORS)
    none: frozenset[tuple[int, str]] = frozenset()
    by_fact: dict[int, list[Report]] = defaultdict(list)
    # Positional: a thousand excerpts and more per fact.
    for pk, (fact_id, source_id, reported_on, relation) in excerpts.items():
        by_fact[fact_id].append(
            Report(
                pk,
                source_id,
                tuple(figures.get(pk, ())),
                reported_on,
                claimed.get(pk, none),
                attributed.get(pk, none),
                relation,
                denied.get(pk, none),
            )
        )
    return by_fact


def _source_texts(source_ids: set[int]) -> list[SourceText]:
    return [
        SourceText(*row)
        for row in Source.objects.filter(pk__in=source_ids).values_list("id", "publisher", "text")
    ]


def _source_indexes(fact_id: int) -> Callable[[set[int]], list[SourceIndex]]:
    """Loads the stored shingle indexes of these sources of the fact: read through the fact's
    excerpts, as a list of a thousand ids costs more to send than the rows."""

    def load(source_ids: set[int]) -> list[SourceIndex]:
        if not source_ids:
            return []
        columns = ("id", "publisher", "shingle_index__hashes")
        rows = Source.objects.filter(excerpts__fact_id=fact_id).values_list(*columns)
        found = {pk: SourceIndex(pk, publisher, index) for pk, publisher, index in rows}
        if not source_ids <= found.keys():  # not through this fact: read them by id
            rows = Source.objects.filter(pk__in=source_ids - found.keys()).values_list(*columns)
            found.update((pk, SourceIndex(pk, publisher, index)) for pk, publisher, index in rows)
        return [found[pk] for pk in source_ids]

    return load


def _origins(
    fact: Fact,
    reports: list[Report],
    old: dict[str, Any] | None = None,
    texts: dict[int, SourceText] | None = None,
) -> dict[str, Any]:
    """How many sources report the fact and from how many independent origins: copies of one
    story and sources of one publisher are one origin (evidence.services.origins). With `old`
    (the stored origins, when no source's text or publisher changed since) only the change
    is worked out; `texts`: the sources' texts, already loaded for many facts."""
    now = {r.source for r in reports}
    if texts is not None:
        return origins_of(texts[s] for s in now)
    if old and "groups" in old:
        return origins_regrouped(old, now, _source_texts, _source_indexes(fact.pk))
    return origins_of(_source_texts(now)) if now else origins_of([])


def _parents(reports: list[Report]) -> dict[int, int]:
    """Which group each actor of these reports belongs to, only when a denial is recorded."""
    if not any(r.denied_by for r in reports):
        return {}
    actors = Actor.objects.prefetch_related("aliases")
    return parents_of((a.pk, a.name, [x.alias for x in a.aliases.all()]) for a in actors)


def _bare(conflicts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{k: v for k, v in c.items() if k != "resolution"} for c in conflicts]


def _of_kind(conflicts: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    return [c for c in _bare(conflicts) if c["kind"] == kind]


def _carry_resolutions(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> None:
    """A reviewer's resolution stays with its conflict while the disagreement is the same
    (the same distinct values); if sources now say something else, the conflict re-opens."""
    previous = {(c["kind"], c["field"]): c for c in old}
    for conflict in new:
        before = previous.get((conflict["kind"], conflict["field"]))
        if before and before.get("resolution"):
            same = {v["value"] for v in before["values"]} == {
                v["value"] for v in conflict["values"]
            }
            if same:
                conflict["resolution"] = before["resolution"]


def _value_key(value: dict[str, Any]) -> tuple[tuple[str, Any], ...]:
    # A value names an excerpt, its words and maybe its actors (a list): hashable as a tuple.
    return tuple((k, tuple(v) if isinstance(v, list) else v) for k, v in sorted(value.items()))


def _values_changed(
    before: list[dict[str, Any]], after: list[dict[str, Any]]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The values only `before` has and those only `after` has (both in excerpt order, so
    the common start and end are skipped without hashing a thousand values)."""
    limit = min(len(before), len(after))
    start = 0
    while start < limit and before[start] == after[start]:
        start += 1
    end = 0
    while end < limit - start and before[-1 - end] == after[-1 - end]:
        end += 1
    was, now = before[start : len(before) - end], after[start : len(after) - end]
    common = Counter(map(_value_key, was)) & Counter(map(_value_key, now))
    changed = []
    for values in (was, now):
        left = Counter(common)
        kept = []
        for value in values:
            key = _value_key(value)
            if left[key] > 0:
                left[key] -= 1
            else:
                kept.append(value)
        changed.append(kept)
    return changed[0], changed[1]


def conflicts_change(before: Any, after: Any) -> list[Any]:
    """How the audit trail records a change of a fact's conflicts: [before, after], each the
    conflicts that changed, with only the reports' values that left (before) or joined
    (after) it and its resolution if that changed — not every report twice (a conflict of a
    fact with a thousand excerpts lists a thousand values). A conflict that appeared or went
    is recorded whole."""
    old = {(c["kind"], c["field"]): c for c in before or []}
    new = {(c["kind"], c["field"]): c for c in after or []}
    was: list[dict[str, Any]] = []
    now: list[dict[str, Any]] = []
    for key in [*old, *(k for k in new if k not in old)]:
        a, b = old.get(key), new.get(key)
        if a == b:
            continue
        if a is None or b is None:
            (was if a is not None else now).append(a if a is not None else b)  # type: ignore[arg-type]
            continue
        gone, came = _values_changed(a["values"], b["values"])
        for side, conflict, values in ((was, a, gone), (now, b, came)):
            part = {"kind": conflict["kind"], "field": conflict["field"], "values": values}
            if a.get("resolution") != b.get("resolution"):
                part["resolution"] = conflict.get("resolution")
            side.append(part)
    return [was, now]


def _compute(fact: Fact, reports: list[Report]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    by_kind: dict[str, list[tuple[FigureClaim, int, int]]] = defaultdict(list)
    for report in reports:
        for claim in report.figures:
            by_kind[claim.kind].append((claim, report.excerpt, report.source))
    figures: dict[str, Any] = {}
    conflicts: list[dict[str, Any]] = []
    for kind in sorted(by_kind):
        summary, conflict = figure_summary(by_kind[kind])
        figures[kind] = summary
        if conflict:
            conflicts.append(conflict)
    # On a relationship, an excerpt's date is when the relation was said to hold (it orders
    # cooperation before a split), not a date of the fact to disagree about.
    dates = (
        None if fact.kind == Fact.Kind.RELATIONSHIP else date_conflict(reports, fact.date_precision)
    )
    for conflict in (
        dates,
        attribution_conflict(reports, "claimed_by"),
        attribution_conflict(reports, "attributed_to"),
        denial_conflict(reports, _parents(reports)),
        relationship_conflict(reports),
    ):
        if conflict:
            conflicts.append(conflict)
    return figures, conflicts


# The fact's own fields the recompute reads besides its excerpts (`_compute`, `_apply`): an edit
# of any other field (its place, its date) leaves what was computed as it was.
FACT_FIELDS_RECOMPUTED_FROM = frozenset({"kind", "date_precision", "verified_at", "verified_by"})

_COMPUTED = [
    "figures",
    "conflicts",
    "excerpt_count",
    "origins",
    "status",
    "verified_at",
    "verified_by",
]
_LAPSED = "The evidence changed after the fact was verified."


def _apply(
    fact: Fact,
    reports: list[Report],
    *,
    old: dict[str, Any],
    sources_unchanged: bool = False,
    texts: dict[int, SourceText] | None = None,
) -> tuple[bool, list[tuple[str, str]]]:
    """Set the fact's computed fields from its countable excerpts' reports (`old`: the stored
    figures, conflicts, excerpt_count and origins). Returns whether a verification lapsed and
    what changed, as (code, words) to announce."""
    figures, conflicts = _compute(fact, reports)
    origins = _origins(fact, reports, old["origins"] if sources_unchanged else None, texts)
    _carry_resolutions(old["conflicts"], conflicts)
    evidence_moved = (
        figures != old["figures"]
        or _bare(conflicts) != _bare(old["conflicts"])
        or len(reports) != old["excerpt_count"]
    )
    lapsed = fact.verified_at is not None and evidence_moved
    if lapsed:
        fact.verified_at = None
        fact.verified_by = None
    if fact.verified_at is not None:
        status = Fact.Status.VERIFIED
    elif any(c["resolution"] is None for c in conflicts):
        status = Fact.Status.DISPUTED
    elif origins["independent"] >= 2:
        status = Fact.Status.CORROBORATED
    else:
        status = Fact.Status.UNVERIFIED
    fact.figures = figures
    fact.conflicts = conflicts
    fact.excerpt_count = len(reports)
    fact.origins = origins
    fact.status = status
    changes = []
    if figures != old["figures"]:
        changes.append((CHANGE_FIGURES, "The figures its sources report changed"))
    for kind, code, words in (
        ("date", CHANGE_DATE, "The dates its sources give changed"),
        ("attribution", CHANGE_ATTRIBUTION, "Who its sources say claimed or did it changed"),
        ("relationship", CHANGE_RELATION, "The relation its sources state changed"),
    ):
        if _of_kind(conflicts, kind) != _of_kind(old["conflicts"], kind):
            changes.append((code, words))
    return lapsed, changes


def _stored(fact: Fact) -> dict[str, Any]:
    return {
        "figures": fact.figures or {},
        "conflicts": fact.conflicts or [],
        "excerpt_count": fact.excerpt_count,
        "origins": fact.origins or {},
    }


def _announce(fact: Fact, changes: list[tuple[str, str]]) -> None:
    for code, words in changes:
        evidence_changed.send(
            sender=Fact, fact_ids=[fact.pk], code=code, reason=f"{words}: '{fact.title}'."
        )


@transaction.atomic
@batched
def fact_recompute(*, fact: Fact, sources_unchanged: bool = False) -> Fact:
    """Recompute and save `figures`, `conflicts`, `status` and `excerpt_count` from the fact's
    countable excerpts; send `evidence_changed` for what changed: CHANGE_FIGURES when the
    figure summaries change, CHANGE_DATE / CHANGE_ATTRIBUTION / CHANGE_RELATION when the
    disagreement on that field appears, changes or disappears (edits of the fact's own date,
    responsibility or relation are announced by `fact_update`). A verification lapses when the
    evidence changed after it (figures, conflicts or the number of countable excerpts).

    `sources_unchanged`: no source's text or publisher changed since the stored origins were
    computed (an excerpt was added, moved or removed, the fact itself edited), so only the
    sources that joined or left the fact are compared."""
    # Lock the row so two writers recomputing one fact do not interleave; read the previous
    # results from the database, not from a caller's possibly stale instance.
    stored = Fact.objects.select_for_update().get(pk=fact.pk)
    fact.verified_at, fact.verified_by_id = stored.verified_at, stored.verified_by_id
    lapsed, changes = _apply(
        fact,
        _reports_by_fact([fact.pk]).get(fact.pk, []),
        old=_stored(stored),
        sources_unchanged=sources_unchanged,
    )
    if lapsed:
        audit_record(actor=None, action="fact.verification_lapsed", target=fact, comment=_LAPSED)
    history_read_before(fact, stored)  # the row was just read under its lock
    fact.save(update_fields=[*_COMPUTED, "updated_at"])
    _announce(fact, changes)
    return fact


@transaction.atomic
@batched
def facts_recompute_many(*, fact_ids: list[int], new_fact_ids: Iterable[int] = ()) -> None:
    """`fact_recompute` many facts with one read of their excerpts (an import). Facts in
    `new_fact_ids` were created in this transaction, so nothing rests on them yet: they are
    written in one query and not announced. The others are saved and announced one by one,
    exactly as `fact_recompute` does."""
    new = set(new_fact_ids)
    facts = list(Fact.objects.select_for_update().filter(pk__in=fact_ids).order_by("pk"))
    reports = _reports_by_fact([fact.pk for fact in facts])
    texts = {s.id: s for s in _source_texts({r.source for rs in reports.values() for r in rs})}
    quiet: list[Fact] = []
    lapsed_facts: list[Fact] = []
    now = timezone.now()
    for fact in facts:
        lapsed, changes = _apply(fact, reports.get(fact.pk, []), old=_stored(fact), texts=texts)
        if lapsed:
            lapsed_facts.append(fact)
        if fact.pk in new:
            fact.updated_at = now
            quiet.append(fact)
        else:
            fact.save(update_fields=[*_COMPUTED, "updated_at"])
            _announce(fact, changes)
    audit_record_many(
        actor=None, action="fact.verification_lapsed", targets=lapsed_facts, comment=_LAPSED
    )
    _computed_save(quiet)


# One UPDATE … FROM (VALUES …) per chunk: Django's bulk_update writes a CASE with one branch
# per row, which PostgreSQL evaluates for every row (quadratic: minutes for 20,000 facts).
_UPDATE_FROM_VALUES = """
    UPDATE evidence_fact AS f SET
        figures = v.figures::jsonb, conflicts = v.conflicts::jsonb,
        excerpt_count = v.excerpt_count::integer, origins = v.origins::jsonb, status = v.status,
        verified_at = v.verified_at::timestamptz, verified_by_id = v.verified_by_id::bigint,
        updated_at = v.updated_at::timestamptz
    FROM (VALUES {rows}) AS v(
        id, figures, conflicts, excerpt_count, origins, status, verified_at, verified_by_id,
        updated_at
    )
    WHERE f.id = v.id::bigint
"""
_CHUNK = 5000


def _computed_save(facts: list[Fact]) -> None:
    """Write the computed fields of many facts (no signals: see `facts_recompute_many`)."""
    if connection.vendor != "postgresql":
        Fact.objects.bulk_update(facts, [*_COMPUTED, "updated_at"], batch_size=_CHUNK)
        return
    with connection.cursor() as cursor:
        for start in range(0, len(facts), _CHUNK):
            chunk = facts[start : start + _CHUNK]
            params: list[Any] = []
            for fact in chunk:
                params += [
                    fact.pk,
                    json.dumps(fact.figures, cls=DjangoJSONEncoder),
                    json.dumps(fact.conflicts, cls=DjangoJSONEncoder),
                    fact.excerpt_count,
                    json.dumps(fact.origins, cls=DjangoJSONEncoder),
                    fact.status,
                    fact.verified_at,
                    fact.verified_by_id,
                    fact.updated_at,
                ]
            rows = ", ".join(["(%s, %s, %s, %s, %s, %s, %s, %s, %s)"] * len(chunk))
            cursor.execute(_UPDATE_FROM_VALUES.format(rows=rows), params)


def facts_recompute(*, fact_ids: list[int], sources_unchanged: bool = False) -> list[Fact]:
    """`fact_recompute` each of these facts (in id order, so concurrent calls lock alike)."""
    return [
        fact_recompute(fact=f, sources_unchanged=sources_unchanged)
        for f in Fact.objects.filter(pk__in=fact_ids).order_by("pk")
    ]
