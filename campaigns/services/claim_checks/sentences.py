"""The sentences of a message that make a checkable claim: a count, a named actor doing or
claiming something, a date, or a place the archive knows."""

import re
from dataclasses import dataclass

from campaigns.services.claim_checks.actors import ActorMention
from campaigns.services.claim_checks.responsibility import responsibility_statements
from evidence.figure_text import read_numbers
from evidence.vocabulary.names import fold_with_offsets

__all__ = ["Sentence", "checkable_sentences", "sentences"]

_SENTENCE = re.compile(r"[^.!?۔؟\n]+(?:[.!?۔؟]+|$)")


@dataclass(frozen=True)
class Sentence:
    """One sentence of a message, where it is, and what makes it checkable (in words)."""

    start: int
    end: int
    words: str
    what: str = ""


def sentences(text: str) -> list[Sentence]:
    found = []
    for match in _SENTENCE.finditer(text):
        words = match.group(0).strip()
        if not words:
            continue
        start = text.index(words, match.start())
        found.append(Sentence(start, start + len(words), words))
    return found


def _places_in(sentence: str, places: list[str]) -> list[str]:
    folded, _ = fold_with_offsets(sentence)
    return [
        p
        for p in places
        # A hashtag (#Quetta) tags the topic; it states nothing about the place.
        if re.search(rf"(?<![\w#]){re.escape(fold_with_offsets(p)[0])}(?!\w)", folded)
    ]


def checkable_sentences(
    text: str, language: str | None, actors: list[ActorMention], places: list[str]
) -> list[Sentence]:
    """Each sentence making a claim that evidence could support, with what that claim is."""
    readings = read_numbers(text, language)
    statements = responsibility_statements(text, actors)
    checkable = []
    for sentence in sentences(text):
        inside = range(sentence.start, sentence.end)
        reasons = []
        if any(r.kind and r.mention.start in inside for r in readings):
            reasons.append("a number of people")
        if any(s.start in inside for s in statements):
            reasons.append("who did or claimed an attack")
        if any(r.not_count in ("year", "date") and r.mention.start in inside for r in readings):
            reasons.append("a date")
        if _places_in(sentence.words, places):
            reasons.append("a place")
        if reasons:
            checkable.append(
                Sentence(sentence.start, sentence.end, sentence.words, " and ".join(reasons))
            )
    return checkable
