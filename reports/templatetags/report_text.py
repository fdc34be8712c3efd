"""Template filters for the report documents (HTML and, through it, PDF)."""

from django import template

from common.bidi import bidi_isolate

register = template.Library()

__all__ = ["isolated"]


@register.filter
def isolated(text: str, direction: str = "auto") -> str:
    """`text` with its hashtags, numbers and opposite-direction words wrapped in Unicode
    isolates, so they keep their visual order in an RTL (or LTR) paragraph. The result is
    still escaped by the template like any other text."""
    return bidi_isolate(str(text), direction=direction or "auto")
