"""Facts with their figures and sources, as CSV or JSON (for analysts and other tools).

`facts_for_export` is the selector (a bounded number of queries, whatever the number of facts);
`facts_export_stream` turns them into CSV or JSON text piece by piece, loading
`EXPORT_CHUNK` facts at a time, so exporting the whole archive holds one chunk in memory, not
100,000 facts with their excerpts.
"""

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Prefetch, QuerySet

from common.text import spreadsheet_cell
from evidence.models import Excerpt, Fact, FigureReport
from evidence.selectors.evidence import FACT_ORDER
from evidence.vocabulary import FIGURE_KINDS

__all__ = [
    "CSV_COLUMNS",
    "EXPORT_CHUNK",
    "facts_export_stream",
    "facts_for_export",
]

# Facts loaded (with their excerpts and sources) per step of a streamed export.
EXPORT_CHUNK = 500
CSV_COLUMNS = [
    "id",
    "kind",
    "title",
    "status",
    "occurred_on",
    "date_precision",
    "place",
    "province",
    "country",
    "target_type",
    "victim_community",
    "claimed_by",
    "attributed_to",
    "subject_actor",
    "relation",
    "object_actor",
    *(f"{kind}_{part}" for kind in FIGURE_KINDS for part in ("min", "max", "wording")),
    "disputed",
    "excerpt_count",
    "source_ids",
    "sources",
    "summary",
]


def facts_for_export(
    *, kind: str = "", status: str = "", ids: Iterable[int] | None = None
) -> QuerySet[Fact]:
    """Facts with everything the export shows, prefetched (a fixed number of queries)."""
    excerpts = (
        Excerpt.objects.select_related("source")
        .prefetch_related(Prefetch("figures", queryset=FigureReport.objects.order_by("id")))
        .order_by("source_id", "start", "id")
    )
    facts = Fact.objects.select_related("subject_actor", "object_actor").prefetch_related(
        "claimed_by", "attributed_to", Prefetch("excerpts", queryset=excerpts)
    )
    if kind:
        facts = facts.filter(kind=kind)
    if status:
        facts = facts.filter(status=status)
    if ids is not None:
        facts = facts.filter(pk__in=list(ids))
    return facts.order_by(*FACT_ORDER)


def _names(actors: Iterable[Any]) -> list[str]:
    return sorted(actor.name for actor in actors)


def _record(fact: Fact) -> dict[str, Any]:
    sources: dict[int, dict[str, Any]] = {}
    for excerpt in fact.excerpts.all():
        source = excerpt.source
        entry = sources.setdefault(
            source.pk,
            {
                "id": source.pk,
                "title": source.title,
                "publisher": source.publisher,
                "author": source.author,
                "url": source.url,
                "published_on": source.published_on,
                "reliability": source.reliability,
                "status": source.status,
                "excerpts": [],
            },
        )
        entry["excerpts"].append(
            {
                "id": excerpt.pk,
                "exact": excerpt.exact,
                "start": excerpt.start,
                "end": excerpt.end,
                "anchored": excerpt.anchored,
                "credibility": excerpt.credibility,
                "figures": [
                    {
                        "kind": f.kind,
                        "value_min": f.value_min,
                        "value_max": f.value_max,
                        "qualifier": f.qualifier,
                    }
                    for f in excerpt.figures.all()
                ],
            }
        )
    return {
        "id": fact.pk,
        "kind": fact.kind,
        "title": fact.title,
        "summary": fact.summary,
        "status": fact.status,
        "occurred_on": fact.occurred_on,
        "date_precision": fact.date_precision,
        "place": fact.place,
        "province": fact.province,
        "country": fact.country,
        "target_type": fact.target_type,
        "victim_community": fact.victim_community,
        "claimed_by": _names(fact.claimed_by.all()),
        "attributed_to": _names(fact.attributed_to.all()),
        "subject_actor": fact.subject_actor.name if fact.subject_actor else None,
        "relation": fact.relation,
        "object_actor": fact.object_actor.name if fact.object_actor else None,
        "figures": fact.figures,
        "conflicts": fact.conflicts,
        "excerpt_count": fact.excerpt_count,
        "sources": list(sources.values()),
    }


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return spreadsheet_cell(str(value))


def _row(record: dict[str, Any]) -> list[str]:
    flat: dict[str, Any] = {
        **record,
        "claimed_by": "; ".join(record["claimed_by"]),
        "attributed_to": "; ".join(record["attributed_to"]),
        "disputed": ", ".join(
            sorted({c["field"] for c in record["conflicts"] if not c.get("resolution")})
        ),
        "source_ids": " ".join(str(s["id"]) for s in record["sources"]),
        "sources": "; ".join(
            f"{s['title']} ({s['publisher']}, {s['reliability']})"
            if s["publisher"]
            else f"{s['title']} ({s['reliability']})"
            for s in record["sources"]
        ),
    }
    for kind in FIGURE_KINDS:
        figure = record["figures"].get(kind) or {}
        flat[f"{kind}_min"] = figure.get("min")
        flat[f"{kind}_max"] = figure.get("max")
        flat[f"{kind}_wording"] = figure.get("wording")
    return [_cell(flat.get(column)) for column in CSV_COLUMNS]


def _csv_lines(rows: Iterable[list[str]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue()


def _json_record(record: dict[str, Any]) -> str:
    return json.dumps(record, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1)


def facts_export_stream(
    *, format: str, kind: str = "", status: str = "", chunk: int | None = None
) -> Iterator[str]:
    """The export as `format` ("csv" or "json"), in pieces: the ids in the export's order
    first (one small query), then `chunk` facts at a time through `facts_for_export`."""
    chunk = chunk or EXPORT_CHUNK
    ids = list(facts_for_export(kind=kind, status=status).values_list("pk", flat=True))
    if format == "csv":
        yield _csv_lines([CSV_COLUMNS])
    else:
        yield '{"facts": ['
    first = True
    for start in range(0, len(ids), chunk):
        wanted = ids[start : start + chunk]
        by_id = {fact.pk: fact for fact in facts_for_export(ids=wanted)}
        records = [_record(by_id[pk]) for pk in wanted if pk in by_id]
        if format == "csv":
            yield _csv_lines(_row(record) for record in records)
            continue
        for record in records:
            yield ("\n" if first else ",\n") + _json_record(record)
            first = False
    if format != "csv":
        yield "\n]}"
