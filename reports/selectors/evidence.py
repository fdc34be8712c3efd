"""Facts, excerpts and sources as report entries, numbered as they are first cited."""

from collections.abc import Iterable, Sequence
from typing import Any

from django.db.models import Prefetch, QuerySet

from evidence.models import Excerpt, Fact, FigureReport, Source
from reports.rendering.context import (
    Citation,
    ConflictEntry,
    ConflictValue,
    ExcerptEntry,
    FactEntry,
    FigureLine,
    SourceEntry,
)

__all__ = ["CitationBook", "conflict_label", "fact_entries", "facts_for_report"]

CREDIBILITY_LABELS = {
    1: "confirmed",
    2: "probably true",
    3: "possibly true",
    4: "doubtful",
    5: "improbable",
    6: "cannot be judged",
}


def facts_for_report(queryset: QuerySet[Fact]) -> QuerySet[Fact]:
    """Facts with everything an entry needs, in a fixed number of queries."""
    excerpts = (
        Excerpt.objects.filter(anchored=True)
        .select_related("source")
        .prefetch_related(Prefetch("figures", queryset=FigureReport.objects.all()))
        .order_by("source__published_on", "source_id", "start", "id")
    )
    return queryset.select_related("subject_actor", "object_actor").prefetch_related(
        "claimed_by",
        "attributed_to",
        Prefetch("excerpts", queryset=excerpts),
    )


class CitationBook:
    """Hands out source numbers (S1, S2 …) and note numbers as sources and excerpts are first
    cited, so every format of a report numbers them alike."""

    def __init__(self) -> None:
        self._sources: dict[int, SourceEntry] = {}
        self._citations: dict[int, Citation] = {}

    def source(self, source: Source) -> SourceEntry:
        entry = self._sources.get(source.pk)
        if entry is None:
            entry = SourceEntry(
                number=len(self._sources) + 1,
                id=source.pk,
                title=source.title,
                publisher=source.publisher,
                author=source.author,
                url=source.url,
                published_on=source.published_on,
                language=source.language,
                kind=source.get_kind_display(),
                reliability=source.reliability,
                reliability_label=source.get_reliability_display(),
                status=source.status,
                status_label=source.get_status_display(),
            )
            self._sources[source.pk] = entry
        return entry

    def cite(self, excerpt: Excerpt) -> Citation:
        citation = self._citations.get(excerpt.pk)
        if citation is None:
            source = self.source(excerpt.source)
            citation = Citation(
                number=len(self._citations) + 1,
                excerpt_id=excerpt.pk,
                exact=excerpt.exact,
                source_number=source.number,
                source_title=source.title,
                publisher=source.publisher,
                published_on=source.published_on,
                reliability=source.reliability,
                credibility=excerpt.credibility,
                credibility_label=CREDIBILITY_LABELS.get(excerpt.credibility, ""),
            )
            self._citations[excerpt.pk] = citation
        return citation

    def source_number(self, source_id: int | None) -> int | None:
        entry = self._sources.get(source_id) if source_id is not None else None
        return entry.number if entry else None

    def source_title(self, source_id: int | None) -> str:
        entry = self._sources.get(source_id) if source_id is not None else None
        return entry.title if entry else ""

    @property
    def bibliography(self) -> tuple[SourceEntry, ...]:
        return tuple(sorted(self._sources.values(), key=lambda entry: entry.number))


def _figures_text(excerpt: Excerpt) -> str:
    parts = []
    for figure in excerpt.figures.all():
        qualifier = "" if figure.qualifier == "exact" else f"{figure.get_qualifier_display()} "
        upper = f"–{figure.value_max}" if figure.value_max not in (None, figure.value_min) else ""
        parts.append(f"{qualifier}{figure.value_min}{upper} {figure.get_kind_display().lower()}")
    return "; ".join(parts)


def _figure_lines(figures: dict[str, Any]) -> tuple[FigureLine, ...]:
    labels = dict(FigureReport.Kind.choices)
    lines = []
    for kind, data in sorted(figures.items()):
        if not isinstance(data, dict):
            continue
        lines.append(
            FigureLine(
                kind=kind,
                label=str(labels.get(kind, kind.replace("_", " ").capitalize())),
                min=data.get("min"),
                max=data.get("max"),
                wording=str(data.get("wording") or ""),
                reports=int(data.get("reports") or 0),
                disputed=bool(data.get("disputed")),
            )
        )
    return tuple(lines)


# What the sources disagree on, in words, by the conflict's kind and field.
_CONFLICT_FIELDS = {
    "occurred_on": "Date",
    "claimed_by": "Who claimed it",
    "attributed_to": "Who it is attributed to",
    "relation": "Relationship between the actors",
}


def conflict_label(*, kind: str, field: str) -> str:
    """ "Number killed" for a figure conflict on `killed`, "Date" for `occurred_on`…"""
    if kind == "figure":
        figure = dict(FigureReport.Kind.choices).get(field, field.replace("_", " "))
        return f"Number {str(figure).lower()}"
    return _CONFLICT_FIELDS.get(field, field.replace("_", " ").capitalize())


def _conflict_entries(
    conflicts: Sequence[dict[str, Any]], book: CitationBook
) -> tuple[ConflictEntry, ...]:
    entries = []
    for conflict in conflicts:
        if not isinstance(conflict, dict):
            continue
        values = tuple(
            ConflictValue(
                value=str(value.get("value", "")),
                source_number=book.source_number(value.get("source")),
                source_title=book.source_title(value.get("source")),
                excerpt_id=value.get("excerpt"),
            )
            for value in conflict.get("values", [])
            if isinstance(value, dict)
        )
        resolution = conflict.get("resolution") or {}
        entries.append(
            ConflictEntry(
                kind=str(conflict.get("kind", "")),
                field=str(conflict.get("field", "")),
                values=values,
                resolution_wording=str(resolution.get("wording", "")),
                resolution_reason=str(resolution.get("reason", "")),
                resolved_by=str(resolution.get("resolved_by") or ""),
                resolved_at=str(resolution.get("resolved_at") or "")[:10],
                label=conflict_label(
                    kind=str(conflict.get("kind", "")), field=str(conflict.get("field", ""))
                ),
            )
        )
    return tuple(entries)


def fact_entries(
    facts: Iterable[Fact], book: CitationBook, approved_links: dict[int, int] | None = None
) -> tuple[FactEntry, ...]:
    """Report entries for prefetched facts (see `facts_for_report`)."""
    approved_links = approved_links or {}
    entries = []
    for fact in facts:
        excerpts = tuple(
            ExcerptEntry(citation=book.cite(excerpt), figures_text=_figures_text(excerpt))
            for excerpt in fact.excerpts.all()
        )
        entries.append(
            FactEntry(
                id=fact.pk,
                kind=fact.kind,
                kind_label=fact.get_kind_display(),
                title=fact.title,
                summary=fact.summary,
                occurred_on=fact.occurred_on,
                date_precision=fact.date_precision,
                place=fact.place,
                province=fact.province,
                country=fact.country,
                target_type=fact.target_type,
                target_type_label=fact.get_target_type_display() if fact.target_type else "",
                victim_community=fact.victim_community,
                victim_community_label=(
                    fact.get_victim_community_display() if fact.victim_community else ""
                ),
                claimed_by=tuple(actor.name for actor in fact.claimed_by.all()),
                attributed_to=tuple(actor.name for actor in fact.attributed_to.all()),
                relation=fact.get_relation_display() if fact.relation else "",
                subject_actor=fact.subject_actor.name if fact.subject_actor else "",
                object_actor=fact.object_actor.name if fact.object_actor else "",
                status=fact.status,
                status_label=fact.get_status_display(),
                figures=_figure_lines(fact.figures or {}),
                conflicts=_conflict_entries(fact.conflicts or [], book),
                excerpts=excerpts,
                approved_links=approved_links.get(fact.pk, 0),
            )
        )
    return tuple(entries)
