"""Excerpts shown where they stand in their source: a window of the source text around the
excerpt's anchored offsets, cut by the database so a long source is never loaded whole."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import F, QuerySet, Value
from django.db.models.functions import Greatest, Substr

from common.compiled import Statement
from evidence.models import Excerpt, FigureReport, Source

__all__ = ["WINDOW_CHARS", "ExcerptInContext", "excerpts_in_context"]

# Characters of source text shown on each side of the excerpt.
WINDOW_CHARS = 160


@dataclass(frozen=True)
class ExcerptInContext:
    """An excerpt in its source text: `before` + `exact` + `after` are consecutive in the
    source; `starts_mid_text`/`ends_mid_text` say whether the window cut the text."""

    id: int
    fact_id: int
    before: str
    exact: str
    after: str
    starts_mid_text: bool
    ends_mid_text: bool
    source_id: int
    source_title: str
    publisher: str
    reliability: str
    reliability_label: str
    source_retracted: bool
    language: str
    credibility: int
    figures: tuple[str, ...]


_KIND_LABELS = dict(FigureReport.Kind.choices)
_QUALIFIER_LABELS = dict(FigureReport.Qualifier.choices)
_RELIABILITY_LABELS = dict(Source.Reliability.choices)


def _figure_words(kind: str, value_min: int, value_max: int | None, qualifier: str) -> str:
    """ "about 70 killed", "70–75 injured": a figure as the card shows it (the models' labels)."""
    prefix = "" if qualifier == "exact" else f"{_QUALIFIER_LABELS.get(qualifier, qualifier)} "
    upper = f"–{value_max}" if value_max not in (None, value_min) else ""
    return f"{prefix}{value_min}{upper} {str(_KIND_LABELS.get(kind, kind)).lower()}"


def _windows(*, fact_ids: list[int], around: int) -> QuerySet[Excerpt, Any]:
    """Anchored excerpts with their sources and a window of source text around each."""
    return (
        Excerpt.objects.filter(fact_id__in=fact_ids, anchored=True)
        .exclude(start=None)
        .exclude(end=None)
        .order_by("source__published_on", "source_id", "start", "id")
        .values_list(
            "id",
            "fact_id",
            "start",
            "end",
            "credibility",
            "source_id",
            "source__title",
            "source__publisher",
            "source__reliability",
            "source__status",
            "source__language",
            # SQL strings count from 1; offsets from 0.
            Greatest(F("start") - around, Value(0)),
            Substr(
                "source__text",
                Greatest(F("start") - around, Value(0)) + 1,
                F("end") - Greatest(F("start") - around, Value(0)) + around + 1,
            ),
        )
    )


# A review page asks for 20 facts' excerpts on every view: both compiled once per count.
_WINDOWS = Statement(_windows)
_FIGURES = Statement(
    lambda ids: (
        FigureReport.objects.filter(excerpt_id__in=ids)
        .order_by("kind")
        .values_list("excerpt_id", "kind", "value_min", "value_max", "qualifier")
    )
)


def excerpts_in_context(
    *, fact_ids: Iterable[int], around: int = WINDOW_CHARS
) -> dict[int, list[ExcerptInContext]]:
    """The anchored excerpts of these facts, by fact id, each in its window of source text.
    Two queries (excerpts with their sources' windows, then figures), however many facts; rows
    as values, not model instances (a review page shows about 60 of them)."""
    rows = _WINDOWS.rows(fact_ids=list(dict.fromkeys(fact_ids)), around=around)
    figures: dict[int, list[str]] = defaultdict(list)
    if rows:
        excerpt_ids = [row[0] for row in rows]
        for excerpt_id, kind, value_min, value_max, qualifier in _FIGURES.rows(ids=excerpt_ids):
            figures[excerpt_id].append(_figure_words(kind, value_min, value_max, qualifier))
    found: dict[int, list[ExcerptInContext]] = defaultdict(list)
    for row in rows:
        (pk, fact_id, start, end, credibility, source_id, title, publisher, reliability) = row[:9]
        status, language, offset, window = row[9:]
        window = window or ""
        offset = int(offset)
        start, end = int(start or 0) - offset, int(end or 0) - offset
        after = window[end:]
        # One extra character was read to tell whether the text goes on after the window.
        ends_mid_text = len(after) > around
        found[int(fact_id or 0)].append(
            ExcerptInContext(
                id=pk,
                fact_id=int(fact_id or 0),
                before=window[:start],
                exact=window[start:end],
                after=after[:around],
                starts_mid_text=offset > 0,
                ends_mid_text=ends_mid_text,
                source_id=source_id,
                source_title=title,
                publisher=publisher,
                reliability=reliability,
                reliability_label=str(_RELIABILITY_LABELS.get(reliability, reliability)),
                source_retracted=status == "retracted",
                language=language,
                credibility=credibility,
                figures=tuple(figures.get(pk, ())),
            )
        )
    return dict(found)
