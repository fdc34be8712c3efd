"""Numbers in a text, and what each one counts (killed, wounded, joined …) or why it is no count.

ONE reader for the excerpt figure suggestions and the message claim checks: both call
`read_numbers`, with the words of `evidence.vocabulary`. A source admin pastes "killing 61 and
injuring more than 165"; Counterpoint suggests `killed: 61 (exact)` and `wounded: 165 (more
than)`. A campaign writes "۱۲۰ افراد جاں بحق ہوئے"; the claim checks read `killed: 120`.

Reading fails closed: every number (digits in any script, number words, vague plurals) comes
back either with the figure kind it counts, or with the reason it is no count (a year, a date,
an age, an ordinal, part of a name, a length of time), or with neither: unread, for a person to
decide.

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
    "NumberMention",
    "NumberReading",
    "normalise_digits",
    "numbers_in_text",
    "read_numbers",
    "suggest_figures",
    "unread",
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


@dataclass(frozen=True)
class NumberReading:
    """A number and how it was read: `kind` (what it counts), or `not_count` (why it is none:
    year, date, age, ordinal, name, time, pronoun), or neither (unread). `near` is False when
    the word naming the kind stood outside the number's own clause."""

    mention: NumberMention
    kind: str | None = None
    not_count: str | None = None
    near: bool = True


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
_CLAUSE_END = re.compile(
    r"[;:()\[\]\n,،؛]|\s[-–—]\s|—|\s(?:and|but|while|whereas|اور|جبکہ|لیکن|او|۽)\s", re.IGNORECASE
)
_SENTENCE_END = re.compile(r"(?<!\d)[.!?](?!\d)|[۔؟\n]")
# A number written into a name or a code ("AK-47", "F-16", "Khyber-4", "#Sehwan88", "COVID-19").
_NAME_BEFORE = re.compile(r"(?:[A-Za-z][-/]?|[#@/])$")
_NAME_AFTER = re.compile(r"^(?:[A-Za-z]|-\w)")
_ORDINAL = re.compile(r"^(?:st|nd|rd|th)\b", re.IGNORECASE)
_CLOCK = re.compile(r"^(?::\d\d|\s*[ap]\.?m\b)", re.IGNORECASE)
_DATE_NUMERIC = re.compile(r"\b\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\b")
_ANY_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
# Vague plurals the mention pattern left alone ("hundreds more than expected"): still numbers.
_ANY_VAGUE = re.compile(r"\b(?:dozens|hundreds|thousands|scores(?=\s+of\b))\b", re.IGNORECASE)


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


def _mentions(text: str, words: Words) -> list[NumberMention]:
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
    return _mentions(text, words_for(language))


def _not_count(text: str, normal: str, mention: NumberMention, words: Words) -> str | None:
    """Why this number is no count of anything, or None."""
    before, after = normal[: mention.start], normal[mention.end :]
    core = mention.text.strip()
    if mention.qualifier == EXACT and mention.text.lower().strip() == "one":
        window = normal[max(0, mention.start - 6) : mention.end + 8]
        if words.pronoun_one.search(window):
            return "pronoun"
    four_digits = normalise_digits(core).isdigit() and len(core) == 4
    year_like = four_digits and mention.qualifier == EXACT and 1000 <= mention.value_min <= 2199
    if _ORDINAL.match(after) or words.ordinal_after.match(after):
        return "ordinal"
    if year_like and words.year_after.match(after):
        return "year"
    if words.age_before.search(before) or words.age_after.match(after):
        return "age"
    if _NAME_BEFORE.search(before) or _NAME_AFTER.match(after) or words.name_before.search(before):
        return "name"
    if _CLOCK.match(after):
        return "time"
    span = normal[max(0, mention.start - 5) : mention.end + 5]
    if _DATE_NUMERIC.search(span):
        return "date"
    # A year unless a count noun or a casualty word follows at once ("2000 killed").
    if year_like and not (_people_next(after, words) or _kind_at(after, words, start=True)):
        return "year"
    near_before = before[-12:]
    near_after = after[:16]
    month_next = words.months.search(near_before) or words.months.match(near_after.lstrip(" ,.of"))
    if month_next and mention.value_max is not None and mention.value_min <= 31:
        return "date"
    if words.time_after.match(after):
        return "time"
    return None


def _people_next(after: str, words: Words) -> bool:
    """Is the number followed by a noun for people (at most one word between)?"""
    return bool(words.count_noun.match(after[:60]))


def _kind_at(words_text: str, words: Words, *, start: bool) -> str | None:
    """A kind named right at the start (or end) of `words_text`, allowing one noun between."""
    probe = words_text[:40] if start else words_text[-40:]
    found = _nearest_kind(probe, words, from_end=not start)
    if found and found[1] <= (1 if start else 4):
        return found[0]
    return None


def _nearest_kind(words_text: str, words: Words, *, from_end: bool) -> tuple[str, int] | None:
    best: tuple[str, int] | None = None
    for kind, pattern in words.kinds.items():
        for found in pattern.finditer(words_text):
            distance = len(words_text) - found.end() if from_end else found.start()
            if best is None or distance < best[1]:
                best = (kind, distance)
    return best


def _kind(
    normal: str, mention: NumberMention, words: Words, bounds: tuple[int, int]
) -> tuple[str, bool] | None:
    """What the number counts: the nearest kind word in its own clause (before or after, not
    past another number), else in its sentence; a death-toll phrase before it wins."""
    previous_end, next_start = bounds
    sentence_start = max(
        (m.end() for m in _SENTENCE_END.finditer(normal, 0, mention.start)), default=0
    )
    found_end = _SENTENCE_END.search(normal, mention.end)
    sentence_end = found_end.start() if found_end else len(normal)
    before = normal[max(previous_end, sentence_start) : mention.start]
    after = normal[mention.end : min(next_start, sentence_end)]
    if words.toll_before.search(before):
        return "killed", True
    # Before the number only the words right before it ("killing 61", "murdered 120"): a
    # kind word earlier in the clause usually belongs to something else ("have joined ISIS
    # … a population of 180 million").
    near_before = " ".join(_CLAUSE_END.split(before)[-1].split()[-3:]) + " "
    near_after = _CLAUSE_END.split(after)[0]
    found = [
        k
        for k in (
            _nearest_kind(near_before, words, from_end=True),
            _nearest_kind(near_after, words, from_end=False),
        )
        if k is not None
    ]
    if found:
        return min(found, key=lambda k: k[1])[0], True
    # Far: a toll stated away from its verb in a long sentence ("88 people, most of them
    # pilgrims who had come for the evening ritual, were killed"): only for a number of people
    # that the rest of its sentence says something of.
    if _people_next(normal[mention.end :], words):
        far = _nearest_kind(after, words, from_end=False)
        if far:
            return far[0], False
    return None


def _stray_digits(
    normal: str, text: str, covered: list[NumberMention], words: Words
) -> list[NumberMention]:
    """Digits and vague plurals no mention took ("AK-47", "20th", "90%", "hundreds more"):
    each still has to be read."""
    stray = []
    for match in _ANY_VAGUE.finditer(normal):
        if not any(m.start <= match.start() < m.end for m in covered):
            stray.append(
                NumberMention(
                    start=match.start(),
                    end=match.end(),
                    text=text[match.start() : match.end()],
                    value_min=words.vague.get(match.group(0).lower(), 0),
                    value_max=None,
                    qualifier=AT_LEAST,
                )
            )
    for match in _ANY_DIGITS.finditer(normal):
        if any(m.start <= match.start() < m.end for m in covered):
            continue
        value = int(float(match.group(0).replace(",", "")))
        stray.append(
            NumberMention(
                start=match.start(),
                end=match.end(),
                text=text[match.start() : match.end()],
                value_min=value,
                value_max=value,
                qualifier=EXACT,
            )
        )
    return stray


def read_numbers(text: str, language: str | None = None) -> list[NumberReading]:
    """Every number in `text`, read: with its kind, or why it is no count, or unread."""
    words = words_for(language)
    normal = normalise_digits(text)
    mentions = _mentions(text, words)
    stray = _stray_digits(normal, text, mentions, words)
    mentions = sorted([*mentions, *stray], key=lambda m: m.start)
    readings = []
    for index, mention in enumerate(mentions):
        previous_end = mentions[index - 1].end if index else 0
        next_start = mentions[index + 1].start if index + 1 < len(mentions) else len(normal)
        reason = _not_count(text, normal, mention, words)
        if reason:
            readings.append(NumberReading(mention, not_count=reason))
            continue
        kind = _kind(normal, mention, words, (previous_end, next_start))
        if kind:
            readings.append(NumberReading(mention, kind=kind[0], near=kind[1]))
        else:
            readings.append(NumberReading(mention))
    return readings


def suggest_figures(text: str, language: str | None = None) -> list[dict]:
    """The figures an excerpt reports, as `{"kind", "value_min", "value_max", "qualifier"}`,
    each kind once: the first number read in its own clause wins (a later number of the same
    kind is usually a subset, "15 people, including eight soldiers"); a number whose kind word
    stood further away is suggested only when nothing nearer says that kind."""
    chosen: dict[str, NumberReading] = {}
    for reading in read_numbers(text, language):
        if reading.kind is None:
            continue
        held = chosen.get(reading.kind)
        if held is None or (reading.near and not held.near):
            chosen[reading.kind] = reading
    ordered = sorted(chosen.values(), key=lambda r: r.mention.start)
    return [
        {
            "kind": r.kind,
            "value_min": r.mention.value_min,
            "value_max": r.mention.value_max,
            "qualifier": r.mention.qualifier,
        }
        for r in ordered
    ]


def unread(reading: NumberReading) -> bool:
    return reading.kind is None and reading.not_count is None
