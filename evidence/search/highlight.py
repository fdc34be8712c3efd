"""Which words of a result matched the query (or one of an actor's aliases), as plain-text
pieces: the page wraps the matched ones in <mark> and escapes every piece, so no text from the
archive is ever treated as markup."""

import re
from dataclasses import dataclass

from .aliases import QueryGroup

__all__ = ["TextPiece", "highlight_pattern", "highlight_pieces"]

# Shorter words are matched whole: "IS" must not light up every "is".
STEM_FROM = 6


@dataclass(frozen=True)
class TextPiece:
    text: str
    matched: bool


def _word_pattern(word: str, *, last: bool) -> str:
    # Stemming found "killing" for "killed": match the shared start and any ending.
    if len(word) >= STEM_FROM:
        return re.escape(word[: max(STEM_FROM - 2, len(word) - 2)]) + r"\w*"
    return re.escape(word) + (r"\w{0,3}" if last else "")


def highlight_pattern(groups: list[QueryGroup]) -> re.Pattern[str] | None:
    """One case-insensitive pattern for every alternative of every group (phrases as phrases),
    longest first so "Islamic State" wins over "Islamic"."""
    phrases = {alternative for group in groups for alternative in group.alternatives}
    parts = []
    for phrase in sorted(phrases, key=lambda words: -sum(len(w) for w in words)):
        words = [_word_pattern(w, last=i == len(phrase) - 1) for i, w in enumerate(phrase)]
        if words:
            parts.append(r"\W+".join(words))
    if not parts:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)


def highlight_pieces(text: str, pattern: re.Pattern[str] | None) -> list[TextPiece]:
    """`text` cut into pieces, each marked as matched or not."""
    if pattern is None or not text:
        return [TextPiece(text, False)] if text else []
    pieces: list[TextPiece] = []
    end = 0
    for found in pattern.finditer(text):
        if found.start() > end:
            pieces.append(TextPiece(text[end : found.start()], False))
        pieces.append(TextPiece(found.group(0), True))
        end = found.end()
    if end < len(text):
        pieces.append(TextPiece(text[end:], False))
    return pieces
