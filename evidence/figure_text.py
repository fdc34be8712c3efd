"""Numbers in an excerpt's words, and the figures (killed, wounded, joined …) they report.

A source admin pastes "killing 61 and injuring more than 165"; Counterpoint suggests
`killed: 61 (exact)` and `wounded: 165 (more than)` so the admin only confirms them.

Conventions of a `NumberMention` (the same as a `FigureReport`'s):

- `value_min` is the number the words state; `value_max` is that number too when the words
  bound it from above ("75", "about 70", "nearly fifty", "up to 100"), `None` when they do not
  ("at least 70", "more than 165", "dozens", "hundreds"), and the upper end of a range
  ("between 40 and 45", "40-45").
- `qualifier` is one of `FigureReport.Qualifier`: `exact`, `about` (about, around, nearly,
  almost, some …), `at_least`, `more_than` (more than, over …), `up_to` (up to, as many as …).
- Vague plurals are read conservatively: "dozens" is at least 24, "hundreds" at least 200,
  "thousands" at least 2,000; "two dozen" is 24.

Number words are turned into values by text2num (the well-kept Rust-backed parser); finding
where they are in the text, with their offsets, and the dozen/plural forms it does not know,
is done here.
"""

import re
from dataclasses import dataclass

from text_to_num import text2num

__all__ = ["NumberMention", "numbers_in_text", "suggest_figures"]

EXACT = "exact"
ABOUT = "about"
AT_LEAST = "at_least"
MORE_THAN = "more_than"
UP_TO = "up_to"


@dataclass(frozen=True)
class NumberMention:
    """One number stated in a text, with the words that qualify it, and where it stands."""

    start: int
    end: int
    text: str
    value_min: int
    value_max: int | None
    qualifier: str


_QUALIFIERS: dict[str, str] = {
    "about": ABOUT,
    "around": ABOUT,
    "approximately": ABOUT,
    "roughly": ABOUT,
    "some": ABOUT,
    "an estimated": ABOUT,
    "nearly": ABOUT,
    "almost": ABOUT,
    "close to": ABOUT,
    "at least": AT_LEAST,
    "no fewer than": AT_LEAST,
    "no less than": AT_LEAST,
    "not less than": AT_LEAST,
    "more than": MORE_THAN,
    "over": MORE_THAN,
    "upwards of": MORE_THAN,
    "in excess of": MORE_THAN,
    "up to": UP_TO,
    "as many as": UP_TO,
    "at most": UP_TO,
    "no more than": UP_TO,
}

_UNITS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000}
# Vague plurals, read as their smallest sensible value ("dozens" = at least two dozen).
_PLURALS = {"dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2_000}

_SIMPLE = "|".join(sorted(_UNITS + _TENS, key=len, reverse=True))
_WORD = rf"(?:(?:{'|'.join(_TENS)})[-\s](?:{'|'.join(_UNITS[1:10])})|{_SIMPLE})"
_SCALE = r"(?:hundred|thousand|million)"
# "one hundred and five", "seventy-five", "sixty thousand", "a hundred". No literal spaces:
# the pattern is compiled in verbose mode.
_WORDS = rf"(?:{_WORD}|an?)(?:[-\s]{_SCALE}(?:(?:\s+and)?\s+{_WORD})?)*|{_WORD}"
_DIGITS = r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?"
_QUALIFIER = "|".join(sorted((re.escape(q) for q in _QUALIFIERS), key=len, reverse=True))

# A vague plural counts people only when a count follows ("hundreds of worshippers") or it is
# the subject of a casualty verb ("hundreds killed"); "in the hundreds of years" stays words.
_PLURAL_NEXT = "of|killed|dead|died|wounded|injured|hurt|were|have|had|lost|joined|left"

_NUMBER = rf"""
    (?P<digits>(?<![\w.,-])(?:{_DIGITS})(?:\s+(?P<dscale>hundred|thousand|million))?(?![\w%-]|,\d))
  | (?P<halfdozen>\bhalf\s+a\s+dozen\b)
  | (?P<dozen>\b(?P<dn>{_WORDS}|\d+)\s+dozen\b)
  | (?P<plural>\b(?:dozens|scores|hundreds|thousands)\b(?=\s+(?:{_PLURAL_NEXT})\b))
  | (?P<words>\b(?:{_WORDS})\b(?![-]\w))
"""
_MENTION_RE = re.compile(
    rf"""
    (?:\b(?P<qualifier>{_QUALIFIER})\s+)?
    (?:
        (?P<between>\bbetween\s+(?P<lo>{_DIGITS})\s+and\s+(?P<hi>{_DIGITS})\b)
      | (?P<range>(?<![\w.,-])(?P<rlo>{_DIGITS})\s?[-–]\s?(?P<rhi>{_DIGITS})(?![\w-]))
      | {_NUMBER}
    )
    """,
    re.IGNORECASE | re.VERBOSE,
)


def _digits_value(text: str, scale: str | None) -> int:
    value = float(text.replace(",", ""))
    if scale:
        value *= _SCALES[scale.lower()]
    return int(value)


def _words_value(text: str) -> int:
    words = re.sub(r"\s+", " ", text.lower().strip())
    if words in ("a", "an"):
        raise ValueError("an article alone is not a number")
    words = re.sub(r"^an? ", "one ", words)
    return int(text2num(words, "en"))


def _mention(match: re.Match[str]) -> NumberMention | None:
    qualifier_words = (match.group("qualifier") or "").lower()
    qualifier = _QUALIFIERS.get(re.sub(r"\s+", " ", qualifier_words), EXACT)
    value_max: int | None
    if match.group("between") or match.group("range"):
        lo = match.group("lo") or match.group("rlo")
        hi = match.group("hi") or match.group("rhi")
        value_min, value_max = _digits_value(lo, None), _digits_value(hi, None)
        if value_max < value_min:
            return None
    elif match.group("digits"):
        value_min = _digits_value(match.group("digits").split()[0], match.group("dscale"))
        value_max = value_min
    elif match.group("halfdozen"):
        value_min = value_max = 6
    elif match.group("dozen"):
        count = match.group("dn").strip().lower()
        if count.isdigit():
            dozens = int(count)
        else:
            dozens = 1 if count in ("a", "an") else _words_value(count)
        value_min = 12 * dozens
        value_max = value_min
    elif match.group("plural"):
        value_min, value_max = _PLURALS[match.group("plural").lower()], None
        if qualifier == EXACT:
            qualifier = AT_LEAST
    else:
        try:
            value_min = _words_value(match.group("words"))
        except ValueError:
            return None
        value_max = value_min
    if qualifier in (AT_LEAST, MORE_THAN):
        value_max = None
    start, end = match.span()
    return NumberMention(
        start=start,
        end=end,
        text=match.group(0),
        value_min=value_min,
        value_max=value_max,
        qualifier=qualifier,
    )


def numbers_in_text(text: str) -> list[NumberMention]:
    """Every number stated in `text` (digits, number words, dozens, vague plurals), in order,
    each with the qualifier that precedes it and its character offsets in `text`."""
    mentions = []
    for match in _MENTION_RE.finditer(text):
        mention = _mention(match)
        if mention is not None:
            mentions.append(mention)
    return mentions


# Word stems that say what a number counts. Checked right before the number ("killing 61",
# "injuring more than 165") and then after it, within the same clause ("about 70 lives",
# "26 madressah students lost their lives", "more than 200 Pakistanis have joined").
_KIND_STEMS: list[tuple[str, str]] = [
    ("wounded", r"wound|injur|hurt"),
    ("killed", r"kill|dead|death|died|dying|lives\b|life\b|perish|massacr|slain|slaughter"),
    ("joined", r"join|recruit|enlist|travel+ed to|left (?:pakistan|the country|home)"),
    ("arrested", r"arrest|detain|apprehend|captur"),
]
_CLAUSE_END = re.compile(r"[.;:!?()\[\]\n,]|\s(?:and|but|while|whereas)\s|\s[-–—]\s")
_FOLLOWING_WORDS = 9


def _kind_in(words: str) -> tuple[str, int] | None:
    """The figure kind named earliest in `words`, with its position."""
    best: tuple[str, int] | None = None
    for kind, stems in _KIND_STEMS:
        found = re.search(rf"\b(?:{stems})", words, re.IGNORECASE)
        if found and (best is None or found.start() < best[1]):
            best = (kind, found.start())
    return best


def _kind_of(text: str, mention: NumberMention) -> str | None:
    before = text[max(0, mention.start - 60) : mention.start]
    previous_word = re.search(r"(\w[\w']*)\s*$", before)
    if previous_word:
        named = _kind_in(previous_word.group(1))
        if named:
            return named[0]
    if re.search(r"\b(?:death|casualty) toll\b[\w\s]{0,20}$", before, re.IGNORECASE):
        return "killed"
    after = text[mention.end :]
    clause_end = _CLAUSE_END.search(after)
    clause = after[: clause_end.start()] if clause_end else after
    clause = " ".join(clause.split()[:_FOLLOWING_WORDS])
    named = _kind_in(clause)
    return named[0] if named else None


def suggest_figures(text: str) -> list[dict]:
    """The figures an excerpt reports, as `{"kind", "value_min", "value_max", "qualifier"}`,
    in the order the text states them, each kind once (the first mention wins: a later number
    of the same kind is usually a subset, "15 people, including eight soldiers")."""
    figures: list[dict] = []
    seen: set[str] = set()
    for mention in numbers_in_text(text):
        kind = _kind_of(text, mention)
        if kind is None or kind in seen:
            continue
        seen.add(kind)
        figures.append(
            {
                "kind": kind,
                "value_min": mention.value_min,
                "value_max": mention.value_max,
                "qualifier": mention.qualifier,
            }
        )
    return figures
