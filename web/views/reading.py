"""The reading view of a source: its text exactly as stored, with each anchored excerpt
highlighted at its offsets and linked to its fact.

The text is cut into pieces at every excerpt boundary; each piece is one element holding one
text node and says where it starts in the source text (`data-start`, in characters, as Python
counts them). `desk.js` turns a selection into offsets from those, so the offsets the server
receives point into the very text it anchors against. A carriage return is left out of the
page (the HTML parser would turn "\\r\\n" into "\\n" and shift every later offset) and its
piece skipped: offsets stay right either side of it.
"""

from dataclasses import dataclass
from itertools import pairwise

from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from evidence.models import Excerpt

__all__ = ["ReadingExcerpt", "reading_view_html"]


@dataclass(frozen=True)
class ReadingExcerpt:
    number: int
    excerpt: Excerpt
    fact_title: str


def _boundaries(text: str, excerpts: list[ReadingExcerpt]) -> list[int]:
    points = {0, len(text)}
    for item in excerpts:
        points.update((item.excerpt.start or 0, item.excerpt.end or 0))
    for at, char in enumerate(text):
        if char == "\r":
            points.update((at, at + 1))
    return sorted(p for p in points if 0 <= p <= len(text))


def _reference(item: ReadingExcerpt) -> SafeString:
    fact_id = item.excerpt.fact_id
    href = reverse("web:fact", args=[fact_id]) if fact_id else f"#excerpt-{item.excerpt.pk}"
    label = (
        _("Excerpt %(n)s supports: %(fact)s") % {"n": item.number, "fact": item.fact_title}
        if fact_id
        else _("Excerpt %(n)s (not attached to a fact)") % {"n": item.number}
    )
    return format_html(
        '<a class="excerpt-ref" href="{}" aria-label="{}" data-n="{}"></a>',
        href,
        label,
        item.number,
    )


def reading_view_html(text: str, excerpts: list[ReadingExcerpt]) -> SafeString:
    """The pieces of the reading view (to go inside its `pre-wrap` element)."""
    anchored = [
        item
        for item in excerpts
        if item.excerpt.anchored and item.excerpt.start is not None and item.excerpt.end
    ]
    points = _boundaries(text, anchored)
    parts: list[SafeString] = []
    for start, end in pairwise(points):
        piece = text[start:end]
        if piece == "\r":
            continue
        covering = [
            item
            for item in anchored
            if (item.excerpt.start or 0) <= start and end <= (item.excerpt.end or 0)
        ]
        if covering:
            numbers = " ".join(str(item.number) for item in covering)
            parts.append(
                format_html(
                    '<mark data-start="{}" data-excerpts="{}" title="{}">{}</mark>',
                    start,
                    numbers,
                    _("Excerpt %(numbers)s") % {"numbers": numbers},
                    piece,
                )
            )
        else:
            parts.append(format_html('<span data-start="{}">{}</span>', start, piece))
        ending = [item for item in anchored if item.excerpt.end == end]
        if ending:
            parts.append(format_html_join("", "{}", ((_reference(item),) for item in ending)))
    return mark_safe("".join(parts))  # noqa: S308 - every piece was escaped by format_html
