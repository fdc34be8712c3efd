"""Importing incidents: each valid row becomes a fact whose figures rest on an excerpt.

How the evidence is kept honest: an imported row is not a document, so the file itself is
registered as the source (through `source_create`, like any source). Its text is the rows'
summaries, one line per row as "[eventid] summary (scite1)", and each row's excerpt is anchored
to its own summary (the "[eventid]" prefix makes it unique even when two rows share a summary).
The fact's killed/wounded figures are that excerpt's figures, so the conflict service compares
them with every other source's figures exactly as it does for articles. Long files are split
into parts of at most `SOURCE_PART_CHARS` characters (anchoring reads the whole source text).

Importing the same file again finds the same source (same text → its existing id) and, through
`ImportedIncident`, the same facts: they are updated, never duplicated.

A dry run does all the work, reports it, and rolls it back, so its report is exactly what the
real import would do. Without `skip_invalid`, one invalid row means nothing is written.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from common.errors import Conflict, DomainError, InvalidInput
from evidence.models import Actor, Excerpt, Fact, Source
from evidence.selectors.actors import actor_find
from evidence.services.excerpts import excerpt_create, excerpt_delete
from evidence.services.facts import fact_create, fact_update
from evidence.services.sources import source_create

from .models import ImportedIncident
from .parsing import IncidentRow, RowError, incidents_csv_parse

__all__ = ["ImportReport", "incidents_import"]

SOURCE_PART_CHARS = 50_000
EXCERPT_CREDIBILITY = 3  # "possibly true": a dataset's coding, not yet corroborated
# Where a service's complaint about a field points in the file.
_COLUMN_OF = {
    "title": "summary",
    "summary": "summary",
    "exact": "summary",
    "prefix": "eventid",
    "place": "city",
    "province": "provstate",
    "country": "country",
    "occurred_on": "iyear",
    "target_type": "targtype1",
    "claimed_by": "gname",
    "attributed_to": "gname",
    "figures": "nkill",
}


@dataclass
class ImportReport:
    """What an import did (or, in a dry run, would do), row by row."""

    file: str
    dry_run: bool
    skip_invalid: bool
    rows: int = 0
    valid: int = 0
    invalid: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    written: bool = False
    sources: list[int] = field(default_factory=list)
    facts: list[dict[str, Any]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "dry_run": self.dry_run,
            "skip_invalid": self.skip_invalid,
            "rows": self.rows,
            "valid": self.valid,
            "invalid": self.invalid,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "written": self.written,
            "sources": self.sources,
            "facts": self.facts,
            "errors": [error.as_dict() for error in self.errors],
        }


def _line(row: IncidentRow) -> str:
    citation = f" ({row.citation})" if row.citation else ""
    return f"[{row.eventid}] {row.summary}{citation}"


def _parts(rows: list[IncidentRow]) -> list[list[IncidentRow]]:
    parts: list[list[IncidentRow]] = [[]]
    size = 0
    for row in rows:
        length = len(_line(row)) + 1
        if parts[-1] and size + length > SOURCE_PART_CHARS:
            parts.append([])
            size = 0
        parts[-1].append(row)
        size += length
    return [part for part in parts if part]


def _source_for(
    *,
    rows: list[IncidentRow],
    name: str,
    part: int,
    parts: int,
    user: AbstractBaseUser | None,
    reliability: str,
) -> Source:
    text = "\n".join(_line(row) for row in rows)
    title = f"Incident import: {name}"
    if parts > 1:
        title += f" (part {part} of {parts})"
    try:
        return source_create(
            title=title[:500],
            text=text,
            reliability=reliability,
            created_by=user,
            publisher="Incident dataset import",
            kind=Source.Kind.REPORT,
        )
    except Conflict as duplicate:
        # The same rows were imported before: their source is this one.
        return Source.objects.get(pk=duplicate.extra["existing"])


_DATE_CHARS = {"day": 10, "month": 7, "year": 4}


def _title(row: IncidentRow) -> str:
    where = row.place or row.province or row.country or "Unknown place"
    what = Fact.TargetType(row.target_type).label if row.target_type else "Attack"
    return f"{where}: {what} ({row.occurred_on.isoformat()[: _DATE_CHARS[row.date_precision]]})"


def _fact_fields(row: IncidentRow) -> dict[str, Any]:
    actors = [row.actor] if row.actor else []
    return {
        "title": _title(row)[:300],
        "summary": row.summary,
        "occurred_on": row.occurred_on,
        "date_precision": row.date_precision,
        "place": row.place,
        "province": row.province,
        "country": row.country,
        "target_type": row.target_type,
        "claimed_by": actors if row.claimed else [],
        "attributed_to": actors,
    }


def _figures(row: IncidentRow) -> list[dict[str, Any]]:
    figures = []
    for kind, value in (("killed", row.killed), ("wounded", row.wounded)):
        if value is not None:
            figures.append(
                {"kind": kind, "value_min": value, "value_max": value, "qualifier": "exact"}
            )
    return figures


def _changed_fields(fact: Fact, wanted: dict[str, Any]) -> dict[str, Any]:
    changed = {}
    for name, value in wanted.items():
        if name in ("claimed_by", "attributed_to"):
            current = {actor.pk for actor in getattr(fact, name).all()}
            if current != {actor.pk for actor in value}:
                changed[name] = value
        elif getattr(fact, name) != value:
            changed[name] = value
    return changed


def _excerpt_matches(excerpt: Excerpt | None, source: Source, row: IncidentRow) -> bool:
    if excerpt is None or excerpt.source_id != source.pk or excerpt.exact != row.summary:
        return False
    stored = sorted((f.kind, f.value_min, f.value_max, f.qualifier) for f in excerpt.figures.all())
    wanted = sorted(
        (f["kind"], f["value_min"], f["value_max"], f["qualifier"]) for f in _figures(row)
    )
    return stored == wanted


def _import_row(
    *, row: IncidentRow, source: Source, user: AbstractBaseUser | None
) -> tuple[Fact, str]:
    """Create or update the row's fact and excerpt; returns the fact and what happened."""
    record = (
        ImportedIncident.objects.select_related("fact", "excerpt")
        .filter(eventid=row.eventid)
        .first()
    )
    wanted = _fact_fields(row)
    if record is None:
        fact = fact_create(kind=Fact.Kind.INCIDENT, created_by=user, **wanted)
        record = ImportedIncident(eventid=row.eventid, fact=fact)
        action = "created"
    else:
        fact = record.fact
        changed = _changed_fields(fact, wanted)
        if changed:
            fact = fact_update(fact=fact, actor=user, **changed)
        action = "updated" if changed else "unchanged"
    if not _excerpt_matches(record.excerpt, source, row):
        if record.excerpt is not None:
            excerpt_delete(excerpt=record.excerpt, actor=user)
        actors = [row.actor] if row.actor else []
        record.excerpt = excerpt_create(
            source=source,
            exact=row.summary,
            prefix=f"[{row.eventid}]",
            fact=fact,
            credibility=EXCERPT_CREDIBILITY,
            figures=_figures(row),
            reported_on=row.occurred_on,
            reported_claimed_by=actors if row.claimed else [],
            reported_attributed_to=actors,
            created_by=user,
        )
        action = "updated" if action == "unchanged" else action
    record.fact = fact
    record.save()
    return fact, action


def _service_errors(row: IncidentRow, error: DomainError) -> list[RowError]:
    if isinstance(error, InvalidInput):
        return [
            RowError(row.row, row.eventid, _COLUMN_OF.get(name, name), " ".join(messages))
            for name, messages in error.errors.items()
        ]
    return [RowError(row.row, row.eventid, "summary", error.message)]


def incidents_import(
    *,
    data: bytes,
    name: str,
    user: AbstractBaseUser | None,
    dry_run: bool = False,
    skip_invalid: bool = False,
    reliability: str = "B",
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Import the incidents of a CSV file (see the module docstring). A file that cannot be
    read raises InvalidInput/PayloadTooLarge on `file`; bad rows are in the report.
    `progress(done, total)` is called after each row is written."""
    found: dict[str, Actor | None] = {}

    def find_actor(value: str) -> Actor | None:
        if value not in found:
            found[value] = actor_find(name=value)
        return found[value]

    parsed = incidents_csv_parse(data, find_actor=find_actor)
    report = ImportReport(
        file=name, dry_run=dry_run, skip_invalid=skip_invalid, rows=parsed.row_count
    )
    report.errors = list(parsed.errors)
    if report.errors and not (skip_invalid or dry_run):
        return _finish(report, parsed.rows, written=False)
    done = 0
    with transaction.atomic():
        parts = _parts(parsed.rows)
        for number, part in enumerate(parts, start=1):
            source = _source_for(
                rows=part,
                name=name,
                part=number,
                parts=len(parts),
                user=user,
                reliability=reliability,
            )
            report.sources.append(source.pk)
            for row in part:
                try:
                    with transaction.atomic():
                        fact, action = _import_row(row=row, source=source, user=user)
                except DomainError as error:
                    report.errors.extend(_service_errors(row, error))
                else:
                    setattr(report, action, getattr(report, action) + 1)
                    report.facts.append(
                        {
                            "row": row.row,
                            "eventid": row.eventid,
                            # A dry run's facts are rolled back: their ids would mislead.
                            "fact": None if dry_run else fact.pk,
                            "action": action,
                        }
                    )
                done += 1
                if progress:
                    progress(done, len(parsed.rows))
        failed = bool(report.errors) and not skip_invalid
        if dry_run or failed:
            transaction.set_rollback(True)
    return _finish(report, parsed.rows, written=not (dry_run or failed))


def _finish(report: ImportReport, rows: list[IncidentRow], *, written: bool) -> ImportReport:
    report.errors.sort(key=lambda error: (error.row, error.column))
    report.invalid = len({error.row for error in report.errors})
    report.valid = report.rows - report.invalid
    report.written = written
    if not written and not report.dry_run:
        # Nothing was kept: the ids of rolled-back rows would point at nothing.
        report.created = report.updated = report.unchanged = 0
        report.sources, report.facts = [], []
    return report
