"""Context entries for campaigns and the three documents (brief, dossier, register)."""

from dataclasses import dataclass, field
from datetime import date

from .evidence import Citation, FactEntry, ReportHeader, SourceEntry

__all__ = [
    "BriefContext",
    "CampaignPlan",
    "ChartData",
    "CoverageTable",
    "DossierContext",
    "FlagEntry",
    "LinkEntry",
    "MessageEntry",
    "RangeBar",
    "RegisterContext",
    "RegisterRow",
    "ReportContext",
    "ThemeEntry",
]


@dataclass(frozen=True)
class FlagEntry:
    """A claim check's flag. Its `message` is what a reader sees (never the `code`); the
    `suggestion` is either a wording to use instead (`wording`) or what to do next."""

    code: str
    message: str
    suggestion: str = ""
    wording: bool = False


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

    @property
    def rejected(self) -> bool:
        return self.status == "rejected"


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
    language_label: str = ""

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
    # The channels' names ("X (Twitter)"), as the reader sees them; `channels` are the codes.
    channel_labels: tuple[str, ...] = ()


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
                if link.rejected:  # a rejected claim is out of the campaign: nothing to fix
                    continue
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
