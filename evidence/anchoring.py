"""Anchoring quotes in a source text, after the W3C Web Annotation model (pure functions).

An excerpt is a TextQuoteSelector (`exact` with optional `prefix`/`suffix`) plus a
TextPositionSelector (`start`/`end`). People paste quotes from a browser, a PDF or an e-mail, so
the quote is looked for in the *normalised* source text (NFC, straight quotes, plain dashes, one
space for any whitespace: `evidence.text.normalize_text`); the match is then mapped back to the
offsets of the ORIGINAL text, so `source.text[start:end]` is the passage as the source prints it.
"""

import re
import unicodedata
from array import array
from dataclasses import dataclass

from evidence.text import QUOTE_DASH_TABLE

__all__ = [
    "Anchor",
    "ContextMismatch",
    "NormalizedText",
    "QuoteAmbiguous",
    "QuoteError",
    "QuoteNotFound",
    "find_quote",
    "normalize_with_offsets",
]

_RUNS = re.compile(r"\s+|\S+")


@dataclass(frozen=True)
class NormalizedText:
    """A normalised text plus, for each of its characters, where it starts and ends in the
    original text."""

    text: str
    # Machine integers, not Python ints: a long source costs 16 bytes per character here.
    starts: array
    ends: array

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The original offsets of the normalised slice `text[start:end]` (end > start)."""
        return self.starts[start], self.ends[end - 1]


@dataclass(frozen=True)
class Anchor:
    """Where a quote sits in the original text."""

    start: int
    end: int


class QuoteError(Exception):
    """The quote cannot be anchored; `message` is for the person who typed it."""

    def __init__(self, message: str, *, occurrences: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.occurrences = occurrences


class QuoteNotFound(QuoteError):
    pass


class QuoteAmbiguous(QuoteError):
    pass


class ContextMismatch(QuoteError):
    """The quote occurs, but never with the given prefix/suffix around it."""


def _compose(text: str) -> tuple[str, array, array]:
    """NFC with offsets. Text that is already NFC (nearly all of it) costs one C-level check;
    otherwise each base character and the combining marks after it are composed together."""
    if unicodedata.is_normalized("NFC", text):
        return text, array("q", range(len(text))), array("q", range(1, len(text) + 1))
    parts: list[str] = []
    starts, ends = array("q"), array("q")
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        composed = unicodedata.normalize("NFC", text[i:j])
        parts.append(composed)
        starts.extend(array("q", [i]) * len(composed))
        ends.extend(array("q", [j]) * len(composed))
        i = j
    return "".join(parts), starts, ends


def normalize_with_offsets(original: str) -> NormalizedText:
    """The normalised text (as `normalize_text` gives it) with its map back to `original`."""
    composed, starts1, ends1 = _compose(original)
    # The quote/dash table maps one character to one character, so offsets are unchanged.
    composed = composed.translate(QUOTE_DASH_TABLE)
    parts: list[str] = []
    starts, ends = array("q"), array("q")
    for match in _RUNS.finditer(composed):
        a, b = match.span()
        if match.group().isspace():
            if not parts or b == len(composed):  # stripped at both ends
                continue
            parts.append(" ")
            starts.append(starts1[a])
            ends.append(ends1[b - 1])
        else:
            parts.append(match.group())
            starts.extend(starts1[a:b])
            ends.extend(ends1[a:b])
    return NormalizedText("".join(parts), starts, ends)


def _occurrences(haystack: str, needle: str) -> list[int]:
    found: list[int] = []
    i = haystack.find(needle)
    while i != -1:
        found.append(i)
        i = haystack.find(needle, i + 1)
    return found


def _prefix_fits(text: str, at: int, prefix: str) -> bool:
    k = at
    while k > 0 and text[k - 1] == " ":
        k -= 1
    return k >= len(prefix) and text[k - len(prefix) : k] == prefix


def _suffix_fits(text: str, at: int, suffix: str) -> bool:
    k = at
    while k < len(text) and text[k] == " ":
        k += 1
    return text.startswith(suffix, k)


def find_quote(source: NormalizedText, exact: str, prefix: str = "", suffix: str = "") -> Anchor:
    """Anchor `exact` in `source` (whose `text` is already normalised).

    Raises QuoteNotFound when the passage does not occur, QuoteAmbiguous when it occurs more
    than once and prefix/suffix do not single one occurrence out, ContextMismatch when the
    prefix/suffix given fit none of its occurrences.
    """
    needle = normalize_with_offsets(exact).text
    if not needle:
        raise QuoteNotFound("The passage is empty.")
    found = _occurrences(source.text, needle)
    if not found:
        raise QuoteNotFound("This passage does not occur in the source text.")
    norm_prefix = normalize_with_offsets(prefix).text
    norm_suffix = normalize_with_offsets(suffix).text
    fitting = [
        at
        for at in found
        if (not norm_prefix or _prefix_fits(source.text, at, norm_prefix))
        and (not norm_suffix or _suffix_fits(source.text, at + len(needle), norm_suffix))
    ]
    if not fitting:
        raise ContextMismatch(
            f"The passage occurs {len(found)} time(s) in the source, but never with this "
            "prefix/suffix around it.",
            occurrences=len(found),
        )
    if len(fitting) > 1:
        raise QuoteAmbiguous(
            f"The passage is ambiguous: it occurs {len(found)} times in the source"
            + (f" ({len(fitting)} with this prefix/suffix)" if norm_prefix or norm_suffix else "")
            + "; give a prefix or suffix that makes it unique.",
            occurrences=len(found),
        )
    start, end = source.original_span(fitting[0], fitting[0] + len(needle))
    return Anchor(start=start, end=end)
