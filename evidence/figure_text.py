"""Numbers in a text, and what each one counts (killed, wounded, joined …) or why it is no count.

ONE reader for the excerpt figure suggestions and the message claim checks: both call
`read_numbers`, with the words of `evidence.vocabulary`. A source admin pastes "killing 61 and
injuring more than 165"; Counterpoint suggests `killed: 61 (exact)` and `wounded: 165 (more
than)`. A campaign writes "۱۲۰ افراد جاں بحق ہوئے"; the claim checks read `killed: 120`.

Reading fails closed: every number (digits in any script, number words, vague plurals) comes
back either with the figure kind it counts, or with the reason it is no count (a year, a date,
an age, an ordinal, part of a name, a length of time), or with neither: unread, for a person to
decide.

The numbers themselves (scripts, words, qualifiers) are found by `evidence.figure_numbers`.
"""

import re
from dataclasses import dataclass

from evidence.figure_numbers import (
    AT_LEAST,
    EXACT,
    NumberMention,
    mentions_in,
    normalise_digits,
    numbers_in_text,
)
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


@dataclass(frozen=True)
class NumberReading:
    """A number and how it was read: `kind` (what it counts), or `not_count` (why it is none:
    year, date, age, ordinal, name, time, pronoun), or neither (unread). `near` is False when
    the word naming the kind stood outside the number's own clause."""

    mention: NumberMention
    kind: str | None = None
    not_count: str | None = None
    near: bool = True


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
    mentions = mentions_in(text, words)
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
