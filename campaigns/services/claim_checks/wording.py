"""Reading numbers and actors in a claim's words (the parts the claim checks share)."""

import re
import unicodedata
from dataclasses import dataclass

from evidence.figure_text import NumberMention, numbers_in_text

__all__ = [
    "ActorName",
    "actor_mentions",
    "actor_names",
    "claim_spans",
    "figure_kind",
    "figure_mentions",
    "fold",
    "mention_interval",
]

INFINITY = float("inf")

# Words saying what a number counts, nearest to the number wins ("killing 61 and injuring 165").
_KIND_STEMS: tuple[tuple[str, str], ...] = (
    ("wounded", r"wound|injur|hurt"),
    ("killed", r"kill|dead|death|died|dying|lives\b|life\b|perish|massacr|slain|slaughter|martyr"),
    ("joined", r"join|recruit|enlist|fighters\b"),
    ("arrested", r"arrest|detain|apprehend|captur"),
)
_CLAUSE_END = re.compile(r"[.;:!?()\[\]\n]|\s(?:and|but|while|whereas)\s")
_WINDOW = 60


def fold(text: str) -> str:
    """Case, accents and punctuation folded, words kept apart: "ISIS-K" → "isis k"."""
    bare = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(re.sub(r"[\W_]+", " ", bare.casefold()).split())


def _nearest_kind(words: str, *, from_end: bool) -> tuple[str, int] | None:
    best: tuple[str, int] | None = None
    for kind, stems in _KIND_STEMS:
        for found in re.finditer(rf"\b(?:{stems})", words, re.IGNORECASE):
            distance = len(words) - found.end() if from_end else found.start()
            if best is None or distance < best[1]:
                best = (kind, distance)
    return best


def figure_kind(text: str, mention: NumberMention) -> str | None:
    """What the number counts (killed, wounded, joined, arrested), from the nearest word
    naming it in the same clause, before or after; None when nothing says."""
    before = text[max(0, mention.start - _WINDOW) : mention.start]
    before_parts = _CLAUSE_END.split(before)
    before = before_parts[-1] if before_parts else ""
    after = text[mention.end : mention.end + _WINDOW]
    after = _CLAUSE_END.split(after)[0]
    found = [
        k
        for k in (_nearest_kind(before, from_end=True), _nearest_kind(after, from_end=False))
        if k is not None
    ]
    return min(found, key=lambda k: k[1])[0] if found else None


def _is_year(mention: NumberMention) -> bool:
    text = mention.text.strip()
    return (
        mention.qualifier == "exact"
        and text.isdigit()
        and len(text) == 4
        and 1800 <= mention.value_min <= 2100
    )


def figure_mentions(text: str) -> list[tuple[NumberMention, str]]:
    """The numbers in `text` that count people (with the kind they count); years and
    numbers nothing names ("five reasons") are left out."""
    found = []
    for mention in numbers_in_text(text):
        if _is_year(mention):
            continue
        kind = figure_kind(text, mention)
        if kind:
            found.append((mention, kind))
    return found


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


@dataclass(frozen=True)
class ActorName:
    """One name of an actor as it may appear in a claim."""

    actor_id: int
    actor_name: str
    pattern: re.Pattern[str]
    folded: bool


def actor_names(actors: list[tuple[int, str, list[str]]]) -> list[ActorName]:
    """Patterns for each actor's name and aliases. Short all-capital names ("IS", "TTP")
    match case-sensitively, so "is" in a sentence is not the Islamic State."""
    names: list[ActorName] = []
    for actor_id, actor_name, aliases in actors:
        for name in {actor_name, *aliases}:
            if len(name.strip()) <= 3:
                pattern = re.compile(rf"(?<!\w){re.escape(name.strip())}(?!\w)")
                names.append(ActorName(actor_id, actor_name, pattern, folded=False))
            elif fold(name):
                pattern = re.compile(rf"(?<!\w){re.escape(fold(name))}(?!\w)")
                names.append(ActorName(actor_id, actor_name, pattern, folded=True))
    return names


def actor_mentions(text: str, names: list[ActorName]) -> list[tuple[ActorName, str]]:
    """The actors `text` names, each with the words around the name; a name inside a longer
    one ("ISIS" in "ISIS-K") does not count."""
    folded_text = fold(text)
    hits: list[tuple[int, int, ActorName, str]] = []
    for name in names:
        haystack = folded_text if name.folded else text
        for match in name.pattern.finditer(haystack):
            hits.append((match.start(), match.end(), name, haystack))
    found: list[tuple[ActorName, str]] = []
    for start, end, name, haystack in hits:
        inside_longer = any(
            h is not name
            and h.folded == name.folded
            and s <= start
            and end <= e
            and (e - s) > (end - start)
            for s, e, h, _ in hits
        )
        if not inside_longer:
            context = haystack[max(0, start - 30) : end + 30]
            found.append((name, context))
    return found
