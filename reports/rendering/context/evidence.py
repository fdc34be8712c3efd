"""Context entries for evidence: sources, citations, facts with figures and conflicts."""

from dataclasses import dataclass
from datetime import date, datetime

__all__ = [
    "Citation",
    "ConflictEntry",
    "ConflictValue",
    "ExcerptEntry",
    "FactEntry",
    "FigureLine",
    "ReportHeader",
    "SourceEntry",
]


@dataclass(frozen=True)
class ReportHeader:
    """What every report says about itself on its first page."""

    report_id: int
    kind: str
    kind_label: str
    title: str
    generated_at: datetime
    requested_by: str
    scope_note: str = ""


@dataclass(frozen=True)
class SourceEntry:
    """A bibliography entry: `number` is the source's label in this report (S1, S2 …)."""

    number: int
    id: int
    title: str
    publisher: str
    author: str
    url: str
    published_on: date | None
    language: str
    kind: str
    reliability: str
    reliability_label: str
    status: str
    status_label: str = ""


@dataclass(frozen=True)
class Citation:
    """One excerpt cited as evidence; `number` is its note number in this report."""

    number: int
    excerpt_id: int
    exact: str
    source_number: int
    source_title: str
    publisher: str
    published_on: date | None
    reliability: str
    credibility: int
    credibility_label: str


@dataclass(frozen=True)
class FigureLine:
    """A fact's aggregated figure: a range, with the conservative wording to use."""

    kind: str
    label: str
    min: int | None
    max: int | None
    wording: str
    reports: int
    disputed: bool

    @property
    def range_text(self) -> str:
        if self.min is None:
            return "–"
        if self.max is None:
            return f"{self.min}+"
        if self.max == self.min:
            return str(self.min)
        return f"{self.min}–{self.max}"


@dataclass(frozen=True)
class ConflictValue:
    value: str
    source_number: int | None
    source_title: str
    excerpt_id: int | None


@dataclass(frozen=True)
class ConflictEntry:
    """Sources disagreeing on one field of a fact, and how a reviewer resolved it, if yet."""

    kind: str
    field: str
    values: tuple[ConflictValue, ...]
    resolution_wording: str = ""
    resolution_reason: str = ""
    resolved_by: str = ""
    resolved_at: str = ""
    # What the sources disagree on, in words ("Number killed", "Date", "Claimed by").
    label: str = ""

    @property
    def resolved(self) -> bool:
        return bool(self.resolution_wording)


@dataclass(frozen=True)
class ExcerptEntry:
    citation: Citation
    figures_text: str


@dataclass(frozen=True)
class FactEntry:
    """A fact as the dossier and the brief show it."""

    id: int
    kind: str
    kind_label: str
    title: str
    summary: str
    occurred_on: date | None
    date_precision: str
    place: str
    province: str
    country: str
    target_type: str
    target_type_label: str
    victim_community: str
    victim_community_label: str
    claimed_by: tuple[str, ...]
    attributed_to: tuple[str, ...]
    relation: str
    subject_actor: str
    object_actor: str
    status: str
    status_label: str
    figures: tuple[FigureLine, ...]
    conflicts: tuple[ConflictEntry, ...]
    excerpts: tuple[ExcerptEntry, ...]
    approved_links: int = 0

    @property
    def date_text(self) -> str:
        if self.occurred_on is None:
            return ""
        if self.date_precision == "year":
            return f"{self.occurred_on:%Y}"
        if self.date_precision == "month":
            return f"{self.occurred_on:%B %Y}"
        return self.occurred_on.isoformat()
