"""Excerpts shown where they stand in their source: a window of the source text around the
excerpt's anchored offsets, cut by the database so a long source is never loaded whole."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import F, Prefetch, Value
from django.db.models.functions import Greatest, Substr

from evidence.models import Excerpt, FigureReport

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


def _figure_words(figure: FigureReport) -> str:
    qualifier = "" if figure.qualifier == "exact" else f"{figure.get_qualifier_display()} "
    upper = f"–{figure.value_max}" if figure.value_max not in (None, figure.value_min) else ""
    return f"{qualifier}{figure.value_min}{upper} {figure.get_kind_display().lower()}"


def excerpts_in_context(
    *, fact_ids: Iterable[int], around: int = WINDOW_CHARS
) -> dict[int, list[ExcerptInContext]]:
    """The anchored excerpts of these facts, by fact id, each in its window of source text.
    Two queries (excerpts with their sources' windows, then figures), however many facts."""
    excerpts = (
        Excerpt.objects.filter(fact_id__in=list(fact_ids), anchored=True)
        .exclude(start=None)
        .exclude(end=None)
        .select_related("source")
        .only(
            "id",
            "fact_id",
            "exact",
            "start",
            "end",
            "credibility",
            "source__id",
            "source__title",
            "source__publisher",
            "source__reliability",
            "source__status",
            "source__language",
        )
        .annotate(
            # SQL strings count from 1; offsets from 0.
            window_from=Greatest(F("start") - around, Value(0)),
            window=Substr(
                "source__text",
                Greatest(F("start") - around, Value(0)) + 1,
                F("end") - Greatest(F("start") - around, Value(0)) + around + 1,
            ),
        )
        .prefetch_related(Prefetch("figures", queryset=FigureReport.objects.order_by("kind")))
        .order_by("source__published_on", "source_id", "start", "id")
    )
    found: dict[int, list[ExcerptInContext]] = defaultdict(list)
    for excerpt in excerpts:
        window: str = excerpt.window or ""  # type: ignore[attr-defined]
        offset = int(excerpt.window_from)  # type: ignore[attr-defined]
        start, end = int(excerpt.start or 0) - offset, int(excerpt.end or 0) - offset
        after = window[end:]
        # One extra character was read to tell whether the text goes on after the window.
        ends_mid_text = len(after) > around
        source = excerpt.source
        found[int(excerpt.fact_id or 0)].append(
            ExcerptInContext(
                id=excerpt.pk,
                fact_id=int(excerpt.fact_id or 0),
                before=window[:start],
                exact=window[start:end],
                after=after[:around],
                starts_mid_text=offset > 0,
                ends_mid_text=ends_mid_text,
                source_id=source.pk,
                source_title=source.title,
                publisher=source.publisher,
                reliability=source.reliability,
                reliability_label=source.get_reliability_display(),
                source_retracted=source.status == "retracted",
                language=source.language,
                credibility=excerpt.credibility,
                figures=tuple(_figure_words(f) for f in excerpt.figures.all()),
            )
        )
    return dict(found)
