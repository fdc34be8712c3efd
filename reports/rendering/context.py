"""The plain context a report is rendered from: frozen dataclasses, no models.

Selectors (reports.selectors.context) fill these from the database; the renderers read only
these, so rendering can never issue a query and the same context renders to every format.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

__all__ = [
    "BriefContext",
    "CampaignPlan",
    "ChartData",
    "Citation",
    "ConflictEntry",
    "ConflictValue",
    "CoverageTable",
    "DossierContext",
    "ExcerptEntry",
    "FactEntry",
    "FigureLine",
    "FlagEntry",
    "LinkEntry",
    "MessageEntry",
    "RangeBar",
    "RegisterContext",
    "RegisterRow",
    "ReportContext",
    "ReportHeader",
    "SourceEntry",
    "ThemeEntry",
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


@dataclass(frozen=True)
class FlagEntry:
    code: str
    message: str
    suggestion: str = ""


@dataclass(frozen=True)
class LinkEntry:
    """A claim of a message and the fact behind it, with its review."""

    id: int
    claim: str
    fact_id: int
    fact_title: str
    fact_status: str
    status: str
    status_label: str
    proposed_by: str
    reviewed_by: str
    review_comment: str
    flags: tuple[FlagEntry, ...]
    citations: tuple[Citation, ...]


@dataclass(frozen=True)
class MessageEntry:
    """A campaign message; `direction` is "rtl" for Urdu, Arabic and other RTL scripts."""

    id: int
    number: int
    theme: str
    channel: str
    channel_label: str
    language: str
    direction: str
    text: str
    status: str
    status_label: str
    revision: int
    flags: tuple[FlagEntry, ...]
    links: tuple[LinkEntry, ...]

    @property
    def is_rtl(self) -> bool:
        return self.direction == "rtl"

    @property
    def citations(self) -> tuple[Citation, ...]:
        """The notes under the message: each cited excerpt once, in note-number order."""
        seen: dict[int, Citation] = {}
        for link in self.links:
            for citation in link.citations:
                seen.setdefault(citation.number, citation)
        return tuple(seen[number] for number in sorted(seen))


@dataclass(frozen=True)
class ThemeEntry:
    name: str
    description: str
    recommendation_clause: int
    victim_focus: str


@dataclass(frozen=True)
class CampaignPlan:
    """The GAMMMA+ plan: Goal, Audience, Message (themes), Messenger, Media, Action, M&E."""

    id: int
    name: str
    status: str
    status_label: str
    goal: str
    audiences: tuple[str, ...]
    messengers: tuple[str, ...]
    channels: tuple[str, ...]
    call_to_action: str
    indicators: tuple[tuple[str, str], ...]
    starts_on: date | None
    ends_on: date | None
    owner: str
    team: tuple[str, ...]


@dataclass(frozen=True)
class CoverageTable:
    """Approved evidence counted by theme (rows) × victim community (columns)."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, tuple[int, ...]], ...]
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class RangeBar:
    """A category's killed and wounded, as the range the sources allow (max None: open)."""

    label: str
    killed_min: int
    killed_max: int | None
    wounded_min: int
    wounded_max: int | None


@dataclass(frozen=True)
class ChartData:
    incidents_by_month: tuple[tuple[str, int], ...]
    casualties_by_target: tuple[RangeBar, ...]
    casualties_by_community: tuple[RangeBar, ...]


@dataclass(frozen=True)
class BriefContext:
    header: ReportHeader
    campaign: CampaignPlan
    themes: tuple[ThemeEntry, ...]
    messages: tuple[MessageEntry, ...]
    facts: tuple[FactEntry, ...]
    coverage: CoverageTable
    charts: ChartData
    bibliography: tuple[SourceEntry, ...]
    readiness_problems: tuple[str, ...] = ()

    @property
    def conflicted_facts(self) -> tuple[FactEntry, ...]:
        return tuple(fact for fact in self.facts if fact.conflicts)

    @property
    def open_flags(self) -> tuple[tuple[MessageEntry, tuple[str, ...], FlagEntry], ...]:
        """Every open flag once per message, with the claims it sits on (none: on the
        message itself); one flag repeated on several claims of a message is listed once."""
        found: list[tuple[MessageEntry, tuple[str, ...], FlagEntry]] = []
        for message in self.messages:
            claims: dict[tuple[str, str, str], list[str]] = {}
            flags: dict[tuple[str, str, str], FlagEntry] = {}
            for flag in message.flags:
                key = (flag.code, flag.message, flag.suggestion)
                flags.setdefault(key, flag)
                claims.setdefault(key, [])
            for link in message.links:
                for flag in link.flags:
                    key = (flag.code, flag.message, flag.suggestion)
                    flags.setdefault(key, flag)
                    if link.claim not in claims.setdefault(key, []):
                        claims[key].append(link.claim)
            found.extend((message, tuple(claims[key]), flag) for key, flag in flags.items())
        return tuple(found)

    @property
    def citations(self) -> tuple[Citation, ...]:
        """The notes: every excerpt cited by a message, once, in note-number order."""
        seen: dict[int, Citation] = {}
        for message in self.messages:
            for citation in message.citations:
                seen.setdefault(citation.number, citation)
        return tuple(seen[number] for number in sorted(seen))


@dataclass(frozen=True)
class DossierContext:
    header: ReportHeader
    filters: tuple[tuple[str, str], ...]
    facts: tuple[FactEntry, ...]
    bibliography: tuple[SourceEntry, ...]


@dataclass(frozen=True)
class RegisterRow:
    source: SourceEntry
    excerpt_count: int
    fact_count: int
    approved_link_count: int


@dataclass(frozen=True)
class RegisterContext:
    header: ReportHeader
    rows: tuple[RegisterRow, ...] = field(default_factory=tuple)


ReportContext = BriefContext | DossierContext | RegisterContext
