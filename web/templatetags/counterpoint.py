"""Template filters for the pages: dates at the precision the sources give; field names,
figure kinds and conflict kinds in the reader's language (the stored keys are English
identifiers, shown in neither language)."""

from datetime import date
from typing import Any

from django import template
from django.utils.dateformat import format as date_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, gettext_noop

from common import words
from evidence.models import Fact, FigureReport

register = template.Library()


__all__ = [
    "conflict_kind_label",
    "field_label",
    "figure_kind_label",
    "figures_html",
    "in_reader_language",
    "precise_date",
]

_FIELD_LABELS = {
    "occurred_on": gettext_noop("date"),
    "claimed_by": gettext_noop("claimed by"),
    "attributed_to": gettext_noop("attributed to"),
    "denied_by": gettext_noop("denied by"),
    "relation": gettext_noop("relationship"),
}
_FIGURE_KINDS = dict(FigureReport.Kind.choices)
_CONFLICT_KINDS = dict(Fact.ConflictKind.choices)
_PRECISION_FORMATS = {"day": "j M Y", "month": "M Y", "year": "Y"}


@register.filter
def in_reader_language(text: Any) -> Any:
    """A service's sentence (`common.words.Words`) in the reader's language."""
    return words.in_reader_language(text)


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
    """A conflicting field's name in words ("claimed_by" → "claimed by"; a figure's field is
    its kind, "killed")."""
    if field in _FIGURE_KINDS:
        return figure_kind_label(field)
    return gettext(_FIELD_LABELS.get(field, str(field).replace("_", " ")))


@register.filter
def figure_kind_label(kind: str) -> str:
    """ "killed", "joined the group": lower case, as it follows a number."""
    label = _FIGURE_KINDS.get(kind)
    return gettext(label).lower() if label else str(kind)


@register.filter
def conflict_kind_label(kind: str) -> str:
    label = _CONFLICT_KINDS.get(kind)
    return gettext(label) if label else str(kind)


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
        label = figure_kind_label(kind)
        parts.append(f'<span class="figure{disputed}">{escape(words)} {escape(label)}</span>')
    return mark_safe(f'<span class="figures">{", ".join(parts)}</span>')  # noqa: S308 - escaped
