"""What the claim checks say about a message's words before they are saved: the editor asks
as the writer types. The checks are the claim-check service's own (`link_flags`,
`message_flags`), run on an unsaved copy of the message; nothing is written.

Also where each flag's words are in the text, and which sentences carry a number or name an
actor without any evidence link yet (read with the claim checks' own readers).
"""

import copy
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from campaigns.channels import CHANNEL_LIMITS, text_length
from campaigns.models import Campaign, EvidenceLink, Message
from campaigns.services.claim_checks import link_flags, links_with_evidence, message_flags
from campaigns.services.claim_checks.wording import (
    ActorName,
    actor_mentions,
    actor_names,
    claim_spans,
    figure_mentions,
)
from evidence.models import Actor

__all__ = [
    "DraftCheck",
    "DraftFlag",
    "Segment",
    "Sentence",
    "claim_actor_names",
    "message_draft_check",
    "words_find",
]

Flag = dict[str, Any]

# A sentence ends at . ! ? (and the Urdu/Arabic full stop and question mark) or a line break;
# a point between digits ("2.5") does not end one.
_SENTENCE = re.compile(r"(?:[^.!?۔؟\n]|\.(?=\d))+[.!?۔؟]*")


@dataclass
class DraftFlag:
    """One flag as the editor shows it: numbered, with where its words are in the text."""

    number: int
    flag: Flag
    link: EvidenceLink | None
    span: tuple[int, int] | None

    @property
    def words(self) -> str:
        return str(self.flag.get("words") or "")


@dataclass
class Segment:
    """A run of the text and the flags on it; `ending` are those whose words end here (the
    editor numbers a flag once, after its last word)."""

    text: str
    flag_numbers: list[int] = field(default_factory=list)
    ending: list[int] = field(default_factory=list)


@dataclass
class Sentence:
    start: int
    end: int
    segments: list[Segment]
    unlinked: bool


@dataclass
class DraftCheck:
    text: str
    channel: str
    length: int
    limit: int | None
    flags: list[DraftFlag]
    sentences: list[Sentence]
    # True when the words checked are the saved ones: a suggestion can then be applied.
    saved: bool

    @property
    def over_limit(self) -> bool:
        return self.limit is not None and self.length > self.limit

    @property
    def unlinked_count(self) -> int:
        return sum(1 for sentence in self.sentences if sentence.unlinked)


def claim_actor_names() -> list[ActorName]:
    """Every actor's names as the claim checks match them (two queries)."""
    actors = Actor.objects.prefetch_related("aliases")
    return actor_names([(a.pk, a.name, [x.alias for x in a.aliases.all()]) for a in actors])


def words_find(words: str, text: str, *, near: int = 0) -> tuple[int, int] | None:
    """Where `words` occur in `text` (case, spacing and quote style aside), the occurrence
    nearest to `near` first; None when they are not there."""
    spans = claim_spans(claim=words, text=text)
    if not spans:
        return None
    return min(spans, key=lambda span: abs(span[0] - near))


def _locate(flag: Flag, link: EvidenceLink | None, text: str) -> tuple[int, int] | None:
    words = str(flag.get("words") or "")
    given = flag.get("start")
    start = given if isinstance(given, int) else 0
    if link is None:
        return words_find(words, text, near=start) if words else None
    spans = claim_spans(claim=link.claim, text=text)
    if not spans:
        return None
    claim_start, claim_end = spans[0]
    if not words:  # the flag is about the whole claim (its fact, its sources)
        return claim_start, claim_end
    found = words_find(words, text[claim_start:claim_end], near=start)
    return (claim_start + found[0], claim_start + found[1]) if found else None


def _sentences(
    text: str, flags: Sequence[DraftFlag], covered: list[tuple[int, int]], names: list[ActorName]
) -> list[Sentence]:
    figures = [mention for mention, _ in figure_mentions(text)]
    sentences = []
    position = 0
    for match in _SENTENCE.finditer(text):
        if match.start() > position:  # line breaks and spaces between sentences
            sentences.append(
                Sentence(position, match.start(), [Segment(text[position : match.start()])], False)
            )
        start, end = match.span()
        position = end
        claims = any(start <= m.start < end for m in figures) or bool(
            actor_mentions(match.group(), names)
        )
        linked = any(s < end and start < e for s, e in covered)
        cuts = sorted(
            {start, end} | {p for f in flags if f.span for p in f.span if start < p < end}
        )
        segments = []
        for left, right in itertools.pairwise(cuts):
            on = [f for f in flags if f.span and f.span[0] <= left and right <= f.span[1]]
            ending = [f.number for f in on if f.span and f.span[1] == right]
            segments.append(Segment(text[left:right], [f.number for f in on], ending))
        sentences.append(Sentence(start, end, segments, claims and not linked))
    if position < len(text):
        sentences.append(Sentence(position, len(text), [Segment(text[position:])], False))
    return sentences


def message_draft_check(
    *, campaign: Campaign, channel: str, text: str, message: Message | None = None
) -> DraftCheck:
    """The flags `message` (or a new message of `campaign`) would carry with `text`, and the
    length as `channel` counts it. Reads only."""
    draft = copy.copy(message) if message is not None else Message(campaign=campaign)
    draft.text, draft.channel = text, channel
    links: list[EvidenceLink] = []
    names = claim_actor_names()
    if message is not None:
        links = list(links_with_evidence(EvidenceLink.objects.filter(message=message)))
        for link in links:
            link.message = draft
            link.flags = link_flags(link=link, names=names)
    by_pk = {link.pk: link for link in links}
    flags = []
    for number, flag in enumerate(message_flags(message=draft, links=links), start=1):
        flagged = by_pk.get(flag.get("link_id", 0))
        flags.append(DraftFlag(number, flag, flagged, _locate(flag, flagged, text)))
    covered = [
        span
        for link in links
        if link.status != EvidenceLink.Status.REJECTED
        for span in claim_spans(claim=link.claim, text=text)
    ]
    return DraftCheck(
        text=text,
        channel=channel,
        length=text_length(channel=channel, text=text),
        limit=CHANNEL_LIMITS.get(channel),
        flags=flags,
        sentences=_sentences(text, flags, covered, names),
        saved=message is not None and message.text == text,
    )
