"""Mixed-direction text: keep hashtags, numbers and Latin words in the right visual order
inside Urdu or Arabic (and Urdu words inside English).

The Unicode bidirectional algorithm lays out an RTL paragraph so that neutral characters take
the paragraph's direction: in "… مسلمانوں کو نشانہ بناتا ہے۔ #NotInOurName" the "#" is shown on
the far side of "NotInOurName". Wrapping each such fragment in a first-strong isolate
(U+2068 FSI … U+2069 PDI) lays it out on its own, in its own direction, so the "#" stays
with its word. `bidi_fragments` finds the fragments once; the page (`<bdi>`), the HTML and PDF
reports and the DOCX all use it, so every format shows the text alike.
"""

import re
import unicodedata
from dataclasses import dataclass

__all__ = ["FSI", "PDI", "BidiFragment", "bidi_fragments", "bidi_isolate", "direction_of"]

FSI = "\u2068"  # FIRST STRONG ISOLATE: the fragment takes the direction of its first letter
PDI = "\u2069"  # POP DIRECTIONAL ISOLATE

# A hashtag or a mention is one unit whatever its script: "#" and "@" must stay with the word.
_TAG = re.compile(r"[#@][\w\u200c\u200d]+")
_RTL_CLASSES = {"R", "AL"}
_NUMBER_CLASSES = {"EN", "AN"}
# Characters that may sit inside an opposite-direction fragment without ending it ("ISIS-K",
# "8:30", "1,000", "10%", "May 2017"); the fragment still ends at its last letter or digit.
_JOINING_CLASSES = {"ES", "ET", "CS", "WS", "NSM", "BN"}


@dataclass(frozen=True)
class BidiFragment:
    """A piece of text; `isolated` pieces are laid out on their own (FSI … PDI or `<bdi>`)."""

    text: str
    isolated: bool


def direction_of(text: str) -> str:
    """ "rtl" if the first strong letter of `text` is right-to-left, else "ltr"."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in _RTL_CLASSES:
            return "rtl"
        if kind == "L":
            return "ltr"
    return "ltr"


def _starts_fragment(kind: str, *, rtl: bool) -> bool:
    if rtl:
        return kind == "L" or kind in _NUMBER_CLASSES
    return kind in _RTL_CLASSES


def _ends_fragment(kind: str, *, rtl: bool) -> bool:
    """Whether a fragment may end on this character (it extends the fragment to here)."""
    if rtl:
        return kind == "L" or kind in _NUMBER_CLASSES
    # A number after an Urdu word in English text belongs to the English: it does not end an
    # Urdu fragment, though one between two Urdu words sits inside it.
    return kind in _RTL_CLASSES or kind == "NSM"


def _opposite_runs(text: str, *, rtl: bool) -> list[tuple[int, int]]:
    """(start, end) of each run written in the direction opposite to the paragraph's: from a
    letter (or, in RTL text, a digit) of the other direction to the last such character before
    a letter of the paragraph's own direction."""
    runs: list[tuple[int, int]] = []
    index, length = 0, len(text)
    while index < length:
        if not _starts_fragment(unicodedata.bidirectional(text[index]), rtl=rtl):
            index += 1
            continue
        start = end = index
        probe = index + 1
        while probe < length:
            kind = unicodedata.bidirectional(text[probe])
            if _ends_fragment(kind, rtl=rtl):
                end = probe
            elif kind not in _JOINING_CLASSES and kind not in _NUMBER_CLASSES and kind != "ON":
                break
            probe += 1
        runs.append((start, end + 1))
        index = end + 1
    return runs


def bidi_fragments(text: str, *, direction: str = "auto") -> list[BidiFragment]:
    """Split `text` into the fragments to lay out on their own (hashtags, mentions, and runs of
    the direction opposite to the paragraph's) and the rest. `direction` is the paragraph's:
    "rtl", "ltr" or "auto" (from its first strong letter). Joining the fragments' texts gives
    `text` back unchanged."""
    if not text:
        return []
    rtl = (direction_of(text) if direction == "auto" else direction) == "rtl"
    spans = [(m.start(), m.end()) for m in _TAG.finditer(text)]
    # Opposite-direction runs between the tags (a tag never splits or joins a run).
    cursor, pieces = 0, []
    for start, end in [*spans, (len(text), len(text))]:
        gap = text[cursor:start]
        pieces += [(cursor + a, cursor + b) for a, b in _opposite_runs(gap, rtl=rtl)]
        if start < end:
            pieces.append((start, end))
        cursor = end
    fragments: list[BidiFragment] = []
    cursor = 0
    for start, end in sorted(pieces):
        if cursor < start:
            fragments.append(BidiFragment(text[cursor:start], isolated=False))
        fragments.append(BidiFragment(text[start:end], isolated=True))
        cursor = end
    if cursor < len(text):
        fragments.append(BidiFragment(text[cursor:], isolated=False))
    return fragments


def bidi_isolate(text: str, *, direction: str = "auto") -> str:
    """`text` with each mixed-direction fragment wrapped in FSI … PDI (for PDF and DOCX, where
    there is no `<bdi>`). Text that needs no isolating comes back unchanged."""
    return "".join(
        f"{FSI}{fragment.text}{PDI}" if fragment.isolated else fragment.text
        for fragment in bidi_fragments(text, direction=direction)
    )
