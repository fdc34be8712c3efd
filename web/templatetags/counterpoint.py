"""Template filters for the pages: dates at the precision the sources give, field names in
words."""

from datetime import date
from typing import Any

from django import template
from django.utils.dateformat import format as date_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

__all__ = ["field_label", "figures_html", "precise_date"]

_FIELD_LABELS = {
    "occurred_on": "date",
    "claimed_by": "claimed by",
    "attributed_to": "attributed to",
    "relation": "relationship",
}
_PRECISION_FORMATS = {"day": "j M Y", "month": "M Y", "year": "Y"}


@register.filter
def precise_date(fact: Any) -> str:
    """A fact's date as precisely as it is known: "1 May 2015", "May 2017" or "2017"."""
    day: date | None = getattr(fact, "occurred_on", None)
    if day is None:
        return ""
    precision = getattr(fact, "date_precision", "day") or "day"
    return date_format(day, _PRECISION_FORMATS.get(precision, "j M Y"))


@register.filter
def field_label(field: str) -> str:
    """A conflicting field's name in words ("claimed_by" → "claimed by")."""
    return _FIELD_LABELS.get(field, str(field).replace("_", " "))


@register.filter
def figures_html(figures: dict[str, Any] | None) -> SafeString:
    """A fact's figures as the lists show them: "at least 70 killed, 12 injured", a disputed
    one marked. One writer for the Django pages (this filter) and the Jinja2 fragments (the
    dashboard's facts), so the two cannot drift apart."""
    if not figures:
        return mark_safe("")
    parts = []
    for kind, figure in figures.items():
        disputed = " disputed" if figure.get("disputed") else ""
        words = figure.get("wording") or figure.get("min")
        parts.append(f'<span class="figure{disputed}">{escape(words)} {escape(kind)}</span>')
    return mark_safe(f'<span class="figures">{", ".join(parts)}</span>')  # noqa: S308 - escaped
