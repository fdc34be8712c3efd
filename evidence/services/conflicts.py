"""Recomputing what a fact's evidence says: figures, conflicts, status (and telling others).

Every service that changes evidence calls `fact_recompute` for each fact it touches, so the
stored `figures`, `conflicts`, `status` and `excerpt_count` are never stale. The rules
themselves are in `evidence.services.conflict_rules`.
"""

from collections import defaultdict
from typing import Any

from django.db import transaction
from django.db.models import Prefetch

from common.audit import audit_record
from common.batching import batched
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
from evidence.services.origins import SourceText, origins_of
from evidence.signals import (
    CHANGE_ATTRIBUTION,
    CHANGE_DATE,
    CHANGE_FIGURES,
    CHANGE_RELATION,
    evidence_changed,
)
from evidence.vocabulary.names import parents_of

__all__ = ["fact_countable_excerpts", "fact_recompute", "facts_recompute"]


def fact_countable_excerpts(*, fact: Fact) -> list[Excerpt]:
    """The excerpts that count as evidence: anchored, and of an active source."""
    return list(
        Excerpt.objects.filter(fact=fact, anchored=True, source__status=Source.Status.ACTIVE)
        .select_related("source")
        .prefetch_related(
            Prefetch("figures", queryset=FigureReport.objects.order_by("id")),
            "reported_claimed_by",
            "reported_attributed_to",
            "reported_denied_by",
        )
        .order_by("id")
    )


def _report(excerpt: Excerpt) -> Report:
    return Report(
        excerpt=excerpt.pk,
        source=excerpt.source_id,
        figures=tuple(
            FigureClaim(f.kind, f.value_min, f.value_max, f.qualifier)
            for f in excerpt.figures.all()
        ),
        reported_on=excerpt.reported_on,
        claimed_by=frozenset((a.pk, a.name) for a in excerpt.reported_claimed_by.all()),
        attributed_to=frozenset((a.pk, a.name) for a in excerpt.reported_attributed_to.all()),
        relation=excerpt.reported_relation,
        denied_by=frozenset((a.pk, a.name) for a in excerpt.reported_denied_by.all()),
    )


def _origins(excerpts: list[Excerpt]) -> dict[str, Any]:
    """How many sources report the fact and from how many independent origins: copies of one
    story and sources of one publisher are one origin (evidence.services.origins)."""
    return origins_of(SourceText(e.source_id, e.source.publisher, e.source.text) for e in excerpts)


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


def _compute(fact: Fact, excerpts: list[Excerpt]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    reports = [_report(e) for e in excerpts]
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


@transaction.atomic
@batched
def fact_recompute(*, fact: Fact) -> Fact:
    """Recompute and save `figures`, `conflicts`, `status` and `excerpt_count` from the fact's
    countable excerpts; send `evidence_changed` for what changed: CHANGE_FIGURES when the
    figure summaries change, CHANGE_DATE / CHANGE_ATTRIBUTION / CHANGE_RELATION when the
    disagreement on that field appears, changes or disappears (edits of the fact's own date,
    responsibility or relation are announced by `fact_update`). A verification lapses when the
    evidence changed after it (figures, conflicts or the number of countable excerpts)."""
    # Lock the row so two writers recomputing one fact do not interleave; read the previous
    # results from the database, not from a caller's possibly stale instance.
    stored = Fact.objects.select_for_update().get(pk=fact.pk)
    fact.verified_at, fact.verified_by_id = stored.verified_at, stored.verified_by_id
    old_figures, old_conflicts = stored.figures or {}, stored.conflicts or []
    old_count = stored.excerpt_count
    excerpts = fact_countable_excerpts(fact=fact)
    figures, conflicts = _compute(fact, excerpts)
    origins = _origins(excerpts)
    _carry_resolutions(old_conflicts, conflicts)
    evidence_moved = (
        figures != old_figures
        or _bare(conflicts) != _bare(old_conflicts)
        or len(excerpts) != old_count
    )
    if fact.verified_at is not None and evidence_moved:
        audit_record(
            actor=None,
            action="fact.verification_lapsed",
            target=fact,
            comment="The evidence changed after the fact was verified.",
        )
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
    fact.excerpt_count = len(excerpts)
    fact.origins = origins
    fact.status = status
    fact.save(
        update_fields=[
            "figures",
            "conflicts",
            "excerpt_count",
            "origins",
            "status",
            "verified_at",
            "verified_by",
            "updated_at",
        ]
    )
    changes = []
    if figures != old_figures:
        changes.append((CHANGE_FIGURES, "The figures its sources report changed"))
    for kind, code, words in (
        ("date", CHANGE_DATE, "The dates its sources give changed"),
        ("attribution", CHANGE_ATTRIBUTION, "Who its sources say claimed or did it changed"),
        ("relationship", CHANGE_RELATION, "The relation its sources state changed"),
    ):
        if _of_kind(conflicts, kind) != _of_kind(old_conflicts, kind):
            changes.append((code, words))
    for code, words in changes:
        evidence_changed.send(
            sender=Fact, fact_ids=[fact.pk], code=code, reason=f"{words}: '{fact.title}'."
        )
    return fact


def facts_recompute(*, fact_ids: list[int]) -> list[Fact]:
    """`fact_recompute` each of these facts (in id order, so concurrent calls lock alike)."""
    return [fact_recompute(fact=f) for f in Fact.objects.filter(pk__in=fact_ids).order_by("pk")]
