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

Rows are written `batch_size` at a time (`writing.incident_rows_write`): each row checked by the
same services as a fact or excerpt typed in by hand, the batch written in a fixed number of
queries, each row's offset known from the source text the importer built; the facts' figures and
conflicts are recomputed once, after the last batch, and the claim checks run once (one
`common.batching.batch()` around the whole import).

A dry run does all the work, reports it, and rolls it back, so its report is exactly what the
real import would do. Without `skip_invalid`, one invalid row means nothing is written.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from common.batching import batch
from common.errors import Conflict
from evidence.models import Actor, Source
from evidence.selectors.actors import actor_find
from evidence.services.conflicts import facts_recompute_many
from evidence.services.sources import source_create

from .parsing import IncidentRow, RowError, incidents_csv_parse
from .writing import ImportedRow, incident_rows_write

__all__ = ["ImportReport", "incidents_import"]

SOURCE_PART_CHARS = 50_000
# Rows written together: the queries of an import grow with the number of batches, not rows.
BATCH_ROWS = 500


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
) -> tuple[Source, dict[str, tuple[int, int]]]:
    """The part's source, and where each row's summary sits in its text (known while the
    text is built, so no excerpt has to search for it)."""
    lines, placed, offset = [], {}, 0
    for row in rows:
        line = _line(row)
        start = offset + len(row.eventid) + 3  # after "[eventid] "
        placed[row.eventid] = (start, start + len(row.summary))
        lines.append(line)
        offset += len(line) + 1
    text = "\n".join(lines)
    title = f"Incident import: {name}"
    if parts > 1:
        title += f" (part {part} of {parts})"
    try:
        source = source_create(
            title=title[:500],
            text=text,
            reliability=reliability,
            created_by=user,
            publisher="Incident dataset import",
            kind=Source.Kind.REPORT,
        )
    except Conflict as duplicate:
        # The same rows were imported before: their source is this one.
        source = Source.objects.get(pk=duplicate.extra["existing"])
    return source, placed


def incidents_import(
    *,
    data: bytes,
    name: str,
    user: AbstractBaseUser | None,
    dry_run: bool = False,
    skip_invalid: bool = False,
    reliability: str = "B",
    progress: Callable[[int, int], None] | None = None,
    batch_size: int = BATCH_ROWS,
) -> ImportReport:
    """Import the incidents of a CSV file (see the module docstring). A file that cannot be
    read raises InvalidInput/PayloadTooLarge on `file`; bad rows are in the report.
    `progress(done, total)` is called after each batch of rows is written (`batch_size`
    rows, written in a fixed number of queries)."""
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
    # One batch of derived work (claim checks) for the whole import, not one per row.
    with batch(), transaction.atomic():
        parts = _parts(parsed.rows)
        touched: set[int] = set()
        created: set[int] = set()
        for number, part in enumerate(parts, start=1):
            source, placed = _source_for(
                rows=part,
                name=name,
                part=number,
                parts=len(parts),
                user=user,
                reliability=reliability,
            )
            report.sources.append(source.pk)
            for start in range(0, len(part), batch_size):
                rows = part[start : start + batch_size]
                written = incident_rows_write(rows=rows, source=source, placed=placed, user=user)
                report.errors.extend(written.errors)
                touched |= written.touched
                created |= written.created
                for item in written.rows:
                    _count(report, item, dry_run=dry_run)
                done += len(rows)
                if progress:
                    progress(done, len(parsed.rows))
        # Each fact's figures and conflicts, once, from all its excerpts.
        facts_recompute_many(fact_ids=sorted(touched), new_fact_ids=created)
        failed = bool(report.errors) and not skip_invalid
        if dry_run or failed:
            transaction.set_rollback(True)
    return _finish(report, parsed.rows, written=not (dry_run or failed))


def _count(report: ImportReport, item: ImportedRow, *, dry_run: bool) -> None:
    setattr(report, item.action, getattr(report, item.action) + 1)
    report.facts.append(
        {
            "row": item.row.row,
            "eventid": item.row.eventid,
            # A dry run's facts are rolled back: their ids would mislead.
            "fact": None if dry_run else item.fact.pk,
            "action": item.action,
        }
    )


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
