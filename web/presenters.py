"""Shaping selector results into tables a page can show. Presentation only: no rules."""

import datetime
from typing import Any

from django.template.defaultfilters import date as date_filter
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from evidence.models import Fact

__all__ = ["BUCKET_LABELS", "DayMonthYear", "TranslatedLabels", "UrlPattern", "coverage_table"]

# A stand-in id: a route is reversed once with it, then filled in per row.
_ANY_ID = 2_147_483_647


class UrlPattern:
    """A route's address for many rows: reversed once (`{% url %}` costs tens of microseconds,
    and a page of cards or campaign rows needed a hundred), then filled in with each id."""

    def __init__(self, name: str, *after_id: Any) -> None:
        self._address = reverse(name, args=[_ANY_ID, *after_id])

    def __call__(self, pk: int) -> str:
        return self._address.replace(str(_ANY_ID), str(pk))


class TranslatedLabels(dict[str, str]):
    """gettext of labels the models mark with `gettext_noop` (statuses, channels, grades), as
    `{% translate label %}` gives them, each looked up once per page."""

    def __missing__(self, label: str) -> str:
        self[label] = gettext(label)
        return self[label]


class DayMonthYear:
    """Dates as `{{ day|date:"j M Y" }}` writes them ("8 Dec 2026"), for many rows: the filter
    reads its format and translates the month's name on every call (40 dates of a campaign
    table took half a millisecond); here each month's name is asked of the filter once per
    page. None is "" (as the filter gives it)."""

    def __init__(self) -> None:
        self._months: dict[int, str] = {}

    def __call__(self, day: datetime.date | None) -> str:
        if day is None:
            return ""
        month = self._months.get(day.month)
        if month is None:
            month = self._months[day.month] = date_filter(day, "M")
        return f"{day.day} {month} {day.year:04d}"


BUCKET_LABELS = {
    "muslim": _("Muslim victims (all)"),
    "non_muslim": _("Non-Muslim victims (all)"),
}


def coverage_table(coverage: dict[str, Any]) -> dict[str, Any]:
    """Theme × victim community from `campaign_coverage`: the distinct facts behind the
    campaign's approved evidence in each cell, then the recommendation's two buckets.

    A fact has one target type, so adding a theme's cells over target types counts each fact
    once."""
    community_labels: dict[str, Any] = dict(Fact.VictimCommunity.choices)
    community_labels["unknown"] = _("Unknown")
    cells = coverage.get("cells", [])
    communities = sorted(
        {cell["victim_community"] for cell in cells},
        key=lambda c: list(community_labels).index(c) if c in community_labels else 99,
    )
    counts: dict[tuple[Any, str], int] = {}
    for cell in cells:
        key = (cell["theme"], cell["victim_community"])
        counts[key] = counts.get(key, 0) + int(cell["facts"])
    themes = [
        (row["theme"], row["name"], row.get("by_bucket", {})) for row in coverage.get("themes", [])
    ]
    if any(cell["theme"] is None for cell in cells):
        themes.append((None, _("No theme"), {}))
    rows = []
    for theme_id, name, by_bucket in themes:
        row_counts = [counts.get((theme_id, c), 0) for c in communities]
        row_counts += [by_bucket.get(bucket, 0) for bucket in BUCKET_LABELS]
        rows.append({"label": name, "counts": row_counts})
    columns = [{"key": c, "label": community_labels.get(c, c)} for c in communities]
    columns += [{"key": b, "label": label} for b, label in BUCKET_LABELS.items()]
    return {
        "columns": columns,
        "rows": rows,
        "warnings": coverage.get("gaps", []),
    }
