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
from campaigns.models import Campaign, EvidenceLink, Message, NumberAcknowledgement
from campaigns.services.claim_checks import (
    acknowledged_key,
    check_context,
    link_flags,
    links_with_evidence,
    message_flags,
)
from campaigns.services.claim_checks.wording import claim_spans

__all__ = [
    "DraftCheck",
    "DraftFlag",
    "Segment",
    "Sentence",
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


# The claim checks' own verdict that a sentence states something checkable with no evidence
# under it: the editor marks those sentences "unlinked" rather than reading them a second time.
_UNLINKED = frozenset({"claim_without_evidence", "figure_without_evidence"})


def _sentences(text: str, flags: Sequence[DraftFlag]) -> list[Sentence]:
    unlinked = [f.span for f in flags if f.span and f.flag.get("code") in _UNLINKED]
    sentences = []
    position = 0
    for match in _SENTENCE.finditer(text):
        if match.start() > position:  # line breaks and spaces between sentences
            sentences.append(
                Sentence(position, match.start(), [Segment(text[position : match.start()])], False)
            )
        start, end = match.span()
        position = end
        marked = any(s < end and start < e for s, e in unlinked)
        cuts = sorted(
            {start, end} | {p for f in flags if f.span for p in f.span if start < p < end}
        )
        segments = []
        for left, right in itertools.pairwise(cuts):
            on = [f for f in flags if f.span and f.span[0] <= left and right <= f.span[1]]
            ending = [f.number for f in on if f.span and f.span[1] == right]
            segments.append(Segment(text[left:right], [f.number for f in on], ending))
        sentences.append(Sentence(start, end, segments, marked))
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
    context = check_context()
    if message is not None:
        links = list(links_with_evidence(EvidenceLink.objects.filter(message=message)))
        for link in links:
            link.message = draft
            link.flags = link_flags(link=link, context=context)
    by_pk = {link.pk: link for link in links}
    flags = []
    # Words a Reviewer marked "not a count" stay cleared while the writer edits around them.
    acknowledged = (
        {
            acknowledged_key(words)
            for words in NumberAcknowledgement.objects.filter(message=message).values_list(
                "words", flat=True
            )
        }
        if message is not None
        else set()
    )
    drafted = message_flags(message=draft, links=links, context=context, acknowledged=acknowledged)
    for number, flag in enumerate(drafted, start=1):
        flagged = by_pk.get(flag.get("link_id", 0))
        flags.append(DraftFlag(number, flag, flagged, _locate(flag, flagged, text)))
    return DraftCheck(
        text=text,
        channel=channel,
        length=text_length(channel=channel, text=text),
        limit=CHANNEL_LIMITS.get(channel),
        flags=flags,
        sentences=_sentences(text, flags),
        saved=message is not None and message.text == text,
    )
