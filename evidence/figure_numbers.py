"""Numbers as a text states them: digits in any script, number words (English, Urdu, Pashto,
Sindhi), dozens and vague plurals, each with its qualifier ("at least", "کم از کم", "سے زیادہ")
and its offsets. `evidence.figure_text` reads what each one counts.

Conventions of a `NumberMention` (the same as a `FigureReport`'s):

- `value_min` is the number the words state; `value_max` is that number too when the words
  bound it from above ("75", "about 70", "nearly fifty", "up to 100"), `None` when they do not
  ("at least 70", "more than 165", "dozens", "hundreds"), and the upper end of a range.
- `qualifier` is one of `FigureReport.Qualifier`: `exact`, `about`, `at_least`, `more_than`,
  `up_to`.
- Vague plurals are read conservatively: "dozens" is at least 24, "hundreds" at least 200.

English number words are turned into values by text2num; other languages' number words by their
table (units and tens, then scales: "ایک سو بیس" is 1 × 100 + 20).
"""

import re
from dataclasses import dataclass

from text_to_num import text2num

from evidence.vocabulary import Words, words_for

__all__ = [
    "ABOUT",
    "AT_LEAST",
    "EXACT",
    "MORE_THAN",
    "UP_TO",
    "NumberMention",
    "mentions_in",
    "normalise_digits",
    "numbers_in_text",
]

EXACT = "exact"
ABOUT = "about"
AT_LEAST = "at_least"
MORE_THAN = "more_than"
UP_TO = "up_to"

# Arabic-Indic (٠-٩) and Extended Arabic-Indic (۰-۹) digits and separators, one character for
# one, so offsets in the normalised text are offsets in the original.
_DIGITS_MAP = str.maketrans(
    "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٬٫",
    "01234567890123456789,.",
)


def normalise_digits(text: str) -> str:
    return text.translate(_DIGITS_MAP)


@dataclass(frozen=True)
class NumberMention:
    """One number stated in a text, with the words that qualify it, and where it stands."""

    start: int
    end: int
    text: str
    value_min: int
    value_max: int | None
    qualifier: str


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
_SIMPLE = "|".join(sorted(_UNITS + _TENS, key=len, reverse=True))
_WORD = rf"(?:(?:{'|'.join(_TENS)})[-\s](?:{'|'.join(_UNITS[1:10])})|{_SIMPLE})"
_SCALE = r"(?:hundred|thousand|million)"
_WORDS = rf"(?:{_WORD}|an?)(?:[-\s]{_SCALE}(?:(?:\s+and)?\s+{_WORD})?)*|{_WORD}"
_DIGITS = r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?"
# A vague plural counts people only when a count follows ("hundreds of worshippers") or it is
# the subject of a casualty verb ("hundreds killed"); "in the hundreds of years" stays words.
_PLURAL_NEXT = "of|killed|dead|died|wounded|injured|hurt|were|have|had|lost|joined|left"
_MENTION_RES: dict[tuple[str, ...], re.Pattern[str]] = {}


def _mention_re(words: Words) -> re.Pattern[str]:
    if words.languages not in _MENTION_RES:
        _MENTION_RES[words.languages] = _compile_mention_re(words)
    return _MENTION_RES[words.languages]


def _compile_mention_re(words: Words) -> re.Pattern[str]:
    native = "|".join(
        re.escape(w) for w in sorted({*words.numbers, *words.scales}, key=len, reverse=True)
    )
    native_seq = rf"(?:{native})(?:\s+(?:{native}))*" if native else r"(?!x)x"
    vague_en = "dozens|scores|hundreds|thousands"
    vague_native = "|".join(re.escape(w) for w in words.vague if not w.isascii()) or r"(?!x)x"
    return re.compile(
        rf"""
        (?:(?<!\w)(?P<qualifier>{words.qualifier_before_re})\s+)?
        (?:
            (?P<between>\bbetween\s+(?P<lo>{_DIGITS})\s+and\s+(?P<hi>{_DIGITS})\b)
          | (?P<range>(?<![\w.,-])(?P<rlo>{_DIGITS})\s?[-–]\s?(?P<rhi>{_DIGITS})(?![\w-]))
          | (?P<digits>(?<![\w.,-])(?:{_DIGITS})(?:\s+(?P<dscale>hundred|thousand|million))?
                (?![\w%-]|,\d))
          | (?P<halfdozen>\bhalf\s+a\s+dozen\b)
          | (?P<dozen>\b(?P<dn>{_WORDS}|\d+)\s+dozen\b)
          | (?P<plural>\b(?:{vague_en})\b(?=\s+(?:{_PLURAL_NEXT})\b))
          | (?P<nvague>(?<!\w)(?:{vague_native})(?!\w))
          | (?P<native>(?<!\w){native_seq}(?!\w))
          | (?P<words>\b(?:{_WORDS})\b(?![-]\w))
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


def _native_value(text: str, words: Words) -> int:
    """ "ایک سو بیس" → 120, "دو ہزار" → 2000, "ڈیڑھ سو" → 150."""
    total, current = 0.0, 0.0
    for word in text.split():
        if word in words.scales:
            scale = words.scales[word]
            current = (current or 1) * scale
            if scale >= 1000:
                total, current = total + current, 0.0
        else:
            current += words.numbers.get(word, 0)
    return int(total + current)


def _value(match: re.Match[str], words: Words, qualifier: str) -> tuple[int, int | None, str]:
    if match.group("between") or match.group("range"):
        lo = match.group("lo") or match.group("rlo")
        hi = match.group("hi") or match.group("rhi")
        low, high = _digits_value(lo, None), _digits_value(hi, None)
        if high < low:
            raise ValueError("a range running backwards is no range")
        return low, high, qualifier
    if match.group("digits"):
        value = _digits_value(match.group("digits").split()[0], match.group("dscale"))
        return value, value, qualifier
    if match.group("halfdozen"):
        return 6, 6, qualifier
    if match.group("dozen"):
        count = match.group("dn").strip().lower()
        dozens = int(count) if count.isdigit() else 1 if count in ("a", "an") else 0
        dozens = dozens or _words_value(count)
        return 12 * dozens, 12 * dozens, qualifier
    plural = match.group("plural") or match.group("nvague")
    if plural:
        value = words.vague.get(plural.lower(), words.vague.get(plural, 0))
        return value, None, AT_LEAST if qualifier == EXACT else qualifier
    if match.group("native"):
        value = _native_value(match.group("native"), words)
        if value <= 0:
            raise ValueError("no number")
        return value, value, qualifier
    value = _words_value(match.group("words"))
    return value, value, qualifier


def mentions_in(text: str, words: Words) -> list[NumberMention]:
    normal = normalise_digits(text)
    mentions = []
    for match in _mention_re(words).finditer(normal):
        qualifier_words = " ".join((match.group("qualifier") or "").lower().split())
        qualifier = words.qualifier_before.get(qualifier_words, EXACT)
        try:
            value_min, value_max, qualifier = _value(match, words, qualifier)
        except ValueError:
            continue
        start, end = match.span()
        if qualifier == EXACT:
            for pattern, after_qualifier in words.qualifier_after:
                found = pattern.match(normal[end:])
                if found:
                    qualifier, end = after_qualifier, end + found.end()
                    break
        if qualifier in (AT_LEAST, MORE_THAN):
            value_max = None
        mentions.append(
            NumberMention(
                start=start,
                end=end,
                text=text[start:end],
                value_min=value_min,
                value_max=value_max,
                qualifier=qualifier,
            )
        )
    return mentions


def numbers_in_text(text: str, language: str | None = None) -> list[NumberMention]:
    """Every number stated in `text` (digits in any script, number words, dozens, vague
    plurals), in order, each with its qualifier and its character offsets in `text`."""
    return mentions_in(text, words_for(language))
