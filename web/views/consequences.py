"""What a change to the evidence does, shown before it is made and after.

Before: the change is rehearsed by its own service (`evidence.services.previews`), so the
figures, safe wording, conflicts and status shown are computed by the same rules, and the
evidence links shown as going back to review are the ones the campaigns app's receiver really
re-opens in the rehearsal. After: the same comparison, from what was saved.

Only plain values leave a rehearsal: the rows it wrote are rolled back.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AbstractBaseUser

from campaigns.models import EvidenceLink
from campaigns.selectors.messages import evidence_link_list_visible
from evidence.models import Excerpt, Fact, FigureReport, Source
from evidence.services.previews import change_rehearse

__all__ = [
    "Consequence",
    "FactChange",
    "LinkLine",
    "consequence_of",
    "fact_snapshots",
    "links_approved",
    "links_reopened",
]

_FIGURE_LABELS = dict(FigureReport.Kind.choices)
_STATUS_LABELS = dict(Fact.Status.choices)


@dataclass(frozen=True)
class FigureLine:
    label: str
    before: str
    after: str
    range_before: str
    range_after: str
    disputed: bool

    @property
    def changed(self) -> bool:
        return (self.before, self.range_before) != (self.after, self.range_after)


@dataclass(frozen=True)
class ConflictLine:
    """A disagreement after the change: `state` is "new", "changed" (other values), "same",
    or "gone" (the sources no longer disagree on this field)."""

    kind: str
    field: str
    values: list[str]
    state: str

    @property
    def new(self) -> bool:
        return self.state == "new"


@dataclass(frozen=True)
class FactChange:
    """One fact before and after the change."""

    id: int
    title: str
    status_before: str
    status_after: str
    status_after_code: str
    figures: list[FigureLine]
    conflicts: list[ConflictLine]
    excerpts_before: int
    excerpts_after: int

    @property
    def new_conflicts(self) -> list[ConflictLine]:
        return [c for c in self.conflicts if c.new]


@dataclass(frozen=True)
class LinkLine:
    """An evidence link a reviewer will see again, and why."""

    id: int
    claim: str
    campaign: str
    fact_title: str
    reason: str


@dataclass
class Consequence:
    facts: list[FactChange] = field(default_factory=list)
    links: list[LinkLine] = field(default_factory=list)
    excerpts_kept: list[dict[str, Any]] = field(default_factory=list)
    excerpts_lost: list[dict[str, Any]] = field(default_factory=list)


def _range(summary: dict[str, Any] | None) -> str:
    if not summary:
        return "—"
    low, high = summary.get("min"), summary.get("max")
    if high is None:
        return f"{low} or more"
    return str(low) if low == high else f"{low}–{high}"


def fact_snapshots(fact_ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    """What each fact's evidence says now (plain values)."""
    return {
        fact.pk: {
            "title": fact.title,
            "status": fact.status,
            "figures": fact.figures or {},
            "conflicts": fact.conflicts or [],
            "excerpt_count": fact.excerpt_count,
        }
        for fact in Fact.objects.filter(pk__in=list(fact_ids)).only(
            "id", "title", "status", "figures", "conflicts", "excerpt_count"
        )
    }


def _values(conflict: dict[str, Any]) -> list[str]:
    return [str(v["value"]) for v in conflict["values"]]


def _conflict_lines(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> list[ConflictLine]:
    before = {(c["kind"], c["field"]): c for c in old}
    after = {(c["kind"], c["field"]): c for c in new}
    lines = []
    for key, conflict in after.items():
        previous = before.get(key)
        if previous is None:
            state = "new"
        elif set(_values(previous)) != set(_values(conflict)):
            state = "changed"
        else:
            state = "same"
        lines.append(ConflictLine(*key, values=_values(conflict), state=state))
    lines += [
        ConflictLine(*key, values=_values(conflict), state="gone")
        for key, conflict in before.items()
        if key not in after
    ]
    return lines


def _fact_change(fact_id: int, before: dict[str, Any] | None, after: dict[str, Any]) -> FactChange:
    old = before or {"status": "", "figures": {}, "conflicts": [], "excerpt_count": 0}
    kinds = sorted(set(old["figures"]) | set(after["figures"]))
    return FactChange(
        id=fact_id,
        title=after["title"],
        status_before=_STATUS_LABELS.get(old["status"], "—"),
        status_after=_STATUS_LABELS.get(after["status"], after["status"]),
        status_after_code=after["status"],
        figures=[
            FigureLine(
                label=str(_FIGURE_LABELS.get(kind, kind)),
                before=(old["figures"].get(kind) or {}).get("wording", "—"),
                after=(after["figures"].get(kind) or {}).get("wording", "—"),
                range_before=_range(old["figures"].get(kind)),
                range_after=_range(after["figures"].get(kind)),
                disputed=bool((after["figures"].get(kind) or {}).get("disputed")),
            )
            for kind in kinds
        ],
        conflicts=_conflict_lines(old["conflicts"], after["conflicts"]),
        excerpts_before=old["excerpt_count"],
        excerpts_after=after["excerpt_count"],
    )


def facts_compare(
    before: dict[int, dict[str, Any]], after: dict[int, dict[str, Any]]
) -> list[FactChange]:
    return [_fact_change(pk, before.get(pk), after[pk]) for pk in sorted(after)]


def links_approved(*, user: AbstractBaseUser, fact_ids: Iterable[int]) -> list[int]:
    """The approved evidence links (that the user may see) resting on these facts."""
    return list(
        evidence_link_list_visible(user=user)
        .filter(fact_id__in=list(fact_ids), status=EvidenceLink.Status.APPROVED)
        .values_list("pk", flat=True)
    )


def links_reopened(link_ids: Iterable[int]) -> list[LinkLine]:
    """Those of these links that are back in the review queue, with the reason given."""
    links = (
        EvidenceLink.objects.filter(pk__in=list(link_ids), status=EvidenceLink.Status.PROPOSED)
        .select_related("message__campaign", "fact")
        .order_by("pk")
    )
    return [
        LinkLine(
            id=link.pk,
            claim=link.claim,
            campaign=link.message.campaign.name,
            fact_title=link.fact.title,
            reason=link.reopened_reason,
        )
        for link in links
    ]


def _excerpt_states(source_id: int) -> dict[int, tuple[bool, str, int | None]]:
    return {
        pk: (anchored, exact, fact_id)
        for pk, anchored, exact, fact_id in Excerpt.objects.filter(source_id=source_id).values_list(
            "pk", "anchored", "exact", "fact_id"
        )
    }


def consequence_of(
    *,
    user: AbstractBaseUser,
    change: Callable[[], Any],
    fact_ids: Iterable[int] = (),
    facts_of_result: Callable[[Any], Iterable[int]] = lambda _: (),
    source: Source | None = None,
) -> Consequence:
    """Rehearse `change` and say what it does to these facts (and to the facts
    `facts_of_result(result)` names, e.g. a fact the change creates), to the approved links
    resting on them and, given `source`, to the anchoring of its excerpts."""
    fact_ids = list(fact_ids)
    before = fact_snapshots(fact_ids)
    approved = links_approved(user=user, fact_ids=fact_ids)
    excerpts_before = _excerpt_states(source.pk) if source is not None else {}

    def observe(result: Any) -> Consequence:
        ids = set(fact_ids) | set(facts_of_result(result))
        seen = Consequence(
            facts=facts_compare(before, fact_snapshots(ids)), links=links_reopened(approved)
        )
        if source is not None:
            for pk, (anchored, exact, fact_id) in _excerpt_states(source.pk).items():
                was_anchored = excerpts_before.get(pk, (False, "", None))[0]
                line = {"id": pk, "exact": exact, "fact": fact_id}
                if was_anchored and anchored:
                    seen.excerpts_kept.append(line)
                elif was_anchored:
                    seen.excerpts_lost.append(line)
        return seen

    return change_rehearse(change=change, observe=observe)
