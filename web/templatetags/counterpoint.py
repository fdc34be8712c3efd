"""Template filters for the pages: dates at the precision the sources give, field names in
words."""

from datetime import date
from typing import Any

from django import template
from django.utils.dateformat import format as date_format

register = template.Library()

__all__ = ["field_label", "precise_date"]

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
