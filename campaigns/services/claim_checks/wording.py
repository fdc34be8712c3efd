"""Reading numbers in a claim's words, and finding a claim in its message."""

import re

from evidence.figure_text import NumberMention, read_numbers

__all__ = ["claim_spans", "figure_mentions", "mention_interval"]

INFINITY = float("inf")


def figure_mentions(text: str, language: str | None = None) -> list[tuple[NumberMention, str]]:
    """The numbers in `text` that count people, with the kind they count, read exactly as the
    excerpt figure suggestions read them (`evidence.figure_text.read_numbers`)."""
    return [(r.mention, r.kind) for r in read_numbers(text, language) if r.kind]


def mention_interval(mention: NumberMention, *, lenient: bool = False) -> tuple[float, float]:
    """The counts a stated number allows, both ends included ("at least 70" → [70, ∞)).

    `lenient` widens "about N" by a tenth either way: a campaign that writes "about 70" for
    sources saying 70 to 75 states what they support; the evidence's own wording is not
    widened (evidence.services.conflict_rules reads "about 70" as 70)."""
    top = mention.value_max if mention.value_max is not None else mention.value_min
    qualifier = mention.qualifier
    if qualifier == "at_least" or (mention.value_max is None and qualifier != "more_than"):
        return mention.value_min, INFINITY
    if qualifier == "more_than":
        return mention.value_min + 1, INFINITY
    if qualifier == "up_to":
        return 0, top
    if qualifier == "about" and lenient:
        return mention.value_min * 0.9, top * 1.1
    return mention.value_min, top


def claim_spans(*, claim: str, text: str) -> list[tuple[int, int]]:
    """Where `claim` occurs in `text`, ignoring case, quote style and spacing."""
    words = [re.escape(w) for w in re.split(r"\s+", claim.strip()) if w]
    if not words:
        return []
    pattern = r"\s+".join(words)
    # Straight and typographic quotes and dashes are interchangeable here.
    for plain, fancy in (("'", "['‘’]"), ('"', '["“”]'), ("\\-", "[-–—]")):
        pattern = pattern.replace(plain, fancy)
    return [m.span() for m in re.finditer(pattern, text, re.IGNORECASE)]
