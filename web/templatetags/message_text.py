"""Showing message text in either direction: hashtags, mentions, links, numbers and runs of
Latin words are isolated in <bdi>, so "#ISIS" in an Urdu sentence keeps its # on the left of
its word and "88" is not reordered with the words around it."""

import re

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

_ISOLATE = re.compile(
    r"https?://\S+"  # a link
    r"|[#@][\w_]+"  # a hashtag or a mention, with its sign
    r"|\d[\d,.]*%?"  # a number, with its separators and per cent
    r"|[A-Za-z][A-Za-z'’-]*(?:\s+[A-Za-z][A-Za-z'’-]*)*"  # a run of Latin words
)


@register.filter(is_safe=True)
def bidi_isolate(text: str) -> SafeString:
    """`text`, escaped, with every mixed-direction fragment in its own <bdi>."""
    text = str(text or "")
    parts: list[str] = []
    position = 0
    for match in _ISOLATE.finditer(text):
        parts.append(conditional_escape(text[position : match.start()]))
        parts.append(f"<bdi>{conditional_escape(match.group())}</bdi>")
        position = match.end()
    parts.append(conditional_escape(text[position:]))
    return mark_safe("".join(parts))  # noqa: S308 — every piece is escaped above
