"""The rules that decide when sources disagree (pure functions over plain data).

`evidence.services.conflicts.fact_recompute` loads a fact's countable excerpts into `Report`s and
asks these functions for the figure summaries and the conflicts. Keeping the rules free of the
ORM lets them be read, and tested, as the rules they are.
"""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from evidence.models import Fact

__all__ = [
    "FigureClaim",
    "Report",
    "attribution_conflict",
    "claim_wording",
    "date_conflict",
    "denial_conflict",
    "figure_summary",
    "relationship_conflict",
]

LINKS = frozenset({"allegiance", "cooperation"})
BREAKS = frozenset({"split", "rejection"})
NO_LINK = "no_link"
RELATION_WORDS = {
    "allegiance": "pledged allegiance",
    "cooperation": "cooperation",
    "split": "split",
    "rejection": "rejection",
    "no_link": "no organisational link",
}


@dataclass(frozen=True)
class FigureClaim:
    """One figure as one excerpt reports it ("about 70 killed")."""

    kind: str
    value_min: int
    value_max: int | None
    qualifier: str

    @property
    def lower(self) -> int | None:
        """The lowest count this claim allows, as stated; "up to 50" states none."""
        return None if self.qualifier == "up_to" else self.value_min

    @property
    def interval(self) -> tuple[int, float]:
        """The counts the claim allows, both ends included.

        "about 70" is taken as 70: conflict-data practice (and our reviewers) treat "about 70"
        against "75" as a disagreement to be worded conservatively; widening "about" by some
        percentage would hide exactly the disagreements the product exists to show.
        "at least 70" is a lower bound (often an early count), so a later "75" does not
        contradict it: [70, ∞) contains 75 and the two agree.
        """
        top = self.value_max if self.value_max is not None else self.value_min
        if self.qualifier == "at_least":
            return self.value_min, float("inf")
        if self.qualifier == "more_than":
            return self.value_min + 1, float("inf")
        if self.qualifier == "up_to":
            return 0, top
        return self.value_min, top


@dataclass(frozen=True)
class Report:
    """What one countable excerpt (anchored, of an active source) says about its fact."""

    excerpt: int
    source: int
    figures: tuple[FigureClaim, ...] = ()
    reported_on: date | None = None
    claimed_by: frozenset[tuple[int, str]] = field(default_factory=frozenset)
    attributed_to: frozenset[tuple[int, str]] = field(default_factory=frozenset)
    relation: str = ""
    denied_by: frozenset[tuple[int, str]] = field(default_factory=frozenset)


def claim_wording(claim: FigureClaim) -> str:
    """The claim in words: "75", "about 70", "at least 70", "between 40 and 45"."""
    if claim.qualifier == "up_to":
        top = claim.value_max if claim.value_max is not None else claim.value_min
        return f"up to {top}"
    if claim.qualifier in ("at_least", "more_than"):
        return f"{claim.qualifier.replace('_', ' ')} {claim.value_min}"
    if claim.value_max is not None and claim.value_max != claim.value_min:
        number = f"between {claim.value_min} and {claim.value_max}"
    else:
        number = str(claim.value_min)
    return f"about {number}" if claim.qualifier == "about" else number


def _agreed_wording(claims: list[FigureClaim], low: int, high: float) -> str:
    """How to say a figure the sources agree on: what they jointly support."""
    if len({claim_wording(c) for c in claims}) == 1:
        return claim_wording(claims[0])
    if low == high:
        points = [c for c in claims if c.interval == (low, high)]
        if points and all(c.qualifier == "about" for c in points):
            return f"about {low}"
        return str(low)
    if high == float("inf"):
        # The most informative lower bound, in its own words ("more than 100").
        best = max(claims, key=lambda c: c.interval[0])
        return claim_wording(best)
    return f"between {low} and {int(high)}"


def figure_summary(
    claims: list[tuple[FigureClaim, int, int]],
) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """Summary of one figure (`{"min", "max", "reports", "wording", "disputed"}`) and its
    conflict, from (claim, excerpt id, source id) triples of one kind.

    Disputed when no single count satisfies every claim. Disputed wording is the conservative
    one conflict-data projects use: "at least <lowest lower bound>" ("more than N" when that
    bound was itself stated as "more than N"); claims stated only as "up to N" give no lower
    bound, and if all claims are such, the wording is "up to <highest bound>".
    """
    only = [c for c, _, _ in claims]
    low = max(c.interval[0] for c in only)
    high = min(c.interval[1] for c in only)
    disputed = low > high
    lowers = [c for c in only if c.lower is not None]
    bounded_tops = [c.interval[1] for c in only if c.interval[1] != float("inf")]
    open_lows = [c.value_min for c in only if c.interval[1] == float("inf")]
    if not bounded_tops or (open_lows and max(open_lows) >= max(bounded_tops)):
        maximum: int | None = None  # the highest report is open-ended
    else:
        maximum = int(max(bounded_tops))
    if disputed:
        if lowers:
            lowest = min(lowers, key=lambda c: (c.value_min, c.qualifier != "more_than"))
            word = "more than" if lowest.qualifier == "more_than" else "at least"
            wording = f"{word} {lowest.value_min}"
        else:
            wording = f"up to {int(max(bounded_tops))}"
    else:
        wording = _agreed_wording(only, low, high)
    summary = {
        "min": min(c.value_min for c in lowers) if lowers else 0,
        "max": maximum,
        "reports": len(only),
        "wording": wording,
        "disputed": disputed,
    }
    conflict = None
    if disputed:
        conflict = {
            "kind": Fact.ConflictKind.FIGURE.value,
            "field": only[0].kind,
            "values": [
                {"value": claim_wording(c), "excerpt": excerpt, "source": source}
                for c, excerpt, source in claims
            ],
            "resolution": None,
        }
    return summary, conflict


def _date_key(day: date, precision: str) -> str:
    if precision == "year":
        return f"{day.year:04d}"
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


def date_conflict(reports: list[Report], precision: str) -> dict[str, Any] | None:
    """Excerpts giving different dates, compared at the fact's precision (an incident known
    to the month is not disputed by two different days of that month)."""
    values = [
        {"value": _date_key(r.reported_on, precision), "excerpt": r.excerpt, "source": r.source}
        for r in reports
        if r.reported_on is not None
    ]
    if len({v["value"] for v in values}) < 2:
        return None
    return {
        "kind": Fact.ConflictKind.DATE.value,
        "field": "occurred_on",
        "values": values,
        "resolution": None,
    }


def attribution_conflict(reports: list[Report], field_name: str) -> dict[str, Any] | None:
    """Excerpts naming different actors for `claimed_by` or `attributed_to`.

    Sets that nest do not disagree ("ISIS" vs "ISIS and LeJ-A": one source names fewer of the
    same actors); sets that do not nest do ("Jamaat-ul-Ahrar" vs "ISIS-K").
    """
    named = [(r, getattr(r, field_name)) for r in reports if getattr(r, field_name)]
    sets = {frozenset(a for a, _ in actors) for _, actors in named}
    if all(a <= b or b <= a for a in sets for b in sets):
        return None
    return {
        "kind": Fact.ConflictKind.ATTRIBUTION.value,
        "field": field_name,
        "values": [
            {
                "value": ", ".join(sorted(n for _, n in actors)),
                "actors": sorted(a for a, _ in actors),
                "excerpt": r.excerpt,
                "source": r.source,
            }
            for r, actors in named
        ],
        "resolution": None,
    }


def denial_conflict(reports: list[Report], parents: dict[int, int]) -> dict[str, Any] | None:
    """A claim of responsibility opposed by a denial: an excerpt says an actor claimed the
    attack, another (or the same) says that actor, or the group it belongs to (`parents`:
    ISIS-K → ISIS), denied it. The values list the claims and the denials."""
    denials = {a for r in reports for a, _ in r.denied_by}
    opposed = [
        (r, actor)
        for r in reports
        for actor in sorted(r.claimed_by)
        if actor[0] in denials or parents.get(actor[0]) in denials
    ]
    if not opposed:
        return None
    deniers = {a for _, (a, _) in opposed} | {parents.get(a) for _, (a, _) in opposed}
    values = [
        {"value": f"claimed by {name}", "actors": [actor], "excerpt": r.excerpt, "source": r.source}
        for r, (actor, name) in opposed
    ] + [
        {"value": f"denied by {name}", "actors": [actor], "excerpt": r.excerpt, "source": r.source}
        for r in reports
        for actor, name in sorted(r.denied_by)
        if actor in deniers
    ]
    return {
        "kind": Fact.ConflictKind.ATTRIBUTION.value,
        "field": "denied_by",
        "values": values,
        "resolution": None,
    }


def relationship_conflict(reports: list[Report]) -> dict[str, Any] | None:
    """Excerpts stating relations that cannot both hold.

    - "no organisational link" contradicts allegiance and cooperation, whatever the dates: a
      denial of any link is a claim about what the group is, and a pledge refutes it.
    - allegiance/cooperation contradicts split/rejection, unless the excerpts' dates show the
      break came after every reported link (they cooperated, then parted ways: a history, not
      a contradiction). Without dates we cannot tell, so it is a conflict.
    - allegiance and cooperation agree; split, rejection and no link agree with each other.
    """
    stated = [r for r in reports if r.relation]
    relations = {r.relation for r in stated}
    links = [r for r in stated if r.relation in LINKS]
    breaks = [r for r in stated if r.relation in BREAKS]
    contradicted = bool(links) and NO_LINK in relations
    if links and breaks and not contradicted:
        link_days = [r.reported_on for r in links if r.reported_on is not None]
        break_days = [r.reported_on for r in breaks if r.reported_on is not None]
        dated = len(link_days) == len(links) and len(break_days) == len(breaks)
        contradicted = not dated or max(link_days) > min(break_days)
    if not contradicted:
        return None
    return {
        "kind": Fact.ConflictKind.RELATIONSHIP.value,
        "field": "relation",
        "values": [
            {
                "value": RELATION_WORDS.get(r.relation, r.relation),
                "relation": r.relation,
                "excerpt": r.excerpt,
                "source": r.source,
            }
            for r in stated
        ],
        "resolution": None,
    }
