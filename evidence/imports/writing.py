"""Writing checked incident rows, a batch at a time (see `incidents` for what a row becomes).

Each row is checked by the same services that check a fact or an excerpt typed in by hand
(`fact_prepare`, `excerpt_prepare`); the new facts and excerpts of a batch are then written with
their batch entry points (`facts_create_many`, `excerpts_create_many`) in a fixed number of
queries, whatever the batch's size. A row whose fact already exists and changed goes through
`fact_update` (and its stale excerpt through `excerpt_delete`), as an edit by hand would: those
are the rare rows of a corrected file. The facts are recomputed once, after the last batch.
"""

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from common.errors import DomainError, InvalidInput
from evidence.models import Excerpt, Fact, Source
from evidence.services.excerpts import (
    ExcerptDraft,
    excerpt_delete,
    excerpt_prepare,
    excerpts_create_many,
)
from evidence.services.facts import FactDraft, fact_prepare, fact_update, facts_create_many

from .models import ImportedIncident
from .parsing import IncidentRow, RowError

__all__ = ["BatchWritten", "ImportedRow", "incident_rows_write"]

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


def _service_errors(row: IncidentRow, error: DomainError) -> list[RowError]:
    if isinstance(error, InvalidInput):
        return [
            RowError(row.row, row.eventid, _COLUMN_OF.get(name, name), " ".join(messages))
            for name, messages in error.errors.items()
        ]
    return [RowError(row.row, row.eventid, "summary", error.message)]


@dataclass
class ImportedRow:
    """What one row became."""

    row: IncidentRow
    fact: Fact
    action: str  # created, updated or unchanged


@dataclass
class BatchWritten:
    """What a batch did: its rows (in file order), its refused rows, the facts to recompute."""

    rows: list[ImportedRow]
    errors: list[RowError]
    touched: set[int]
    created: set[int]


def _excerpt_draft(
    row: IncidentRow, source: Source, placed: tuple[int, int] | None, user: Any
) -> ExcerptDraft:
    actors = [row.actor] if row.actor else []
    return excerpt_prepare(
        source=source,
        exact=row.summary,
        prefix=f"[{row.eventid}]",
        credibility=EXCERPT_CREDIBILITY,
        figures=_figures(row),
        reported_on=row.occurred_on,
        reported_claimed_by=actors if row.claimed else [],
        reported_attributed_to=actors,
        created_by=user,
        placed=placed,
    )


def _records(rows: list[IncidentRow]) -> dict[str, ImportedIncident]:
    """The rows imported before, with what `_changed_fields` and `_excerpt_matches` read."""
    return {
        record.eventid: record
        for record in ImportedIncident.objects.filter(eventid__in=[r.eventid for r in rows])
        .select_related("fact", "excerpt")
        .prefetch_related("fact__claimed_by", "fact__attributed_to", "excerpt__figures")
    }


def _existing_row(
    *,
    row: IncidentRow,
    record: ImportedIncident,
    draft: ExcerptDraft | None,
    user: AbstractBaseUser | None,
) -> tuple[Fact, str]:
    """Bring an imported fact up to date with its row (one savepoint: all or nothing)."""
    fact = record.fact
    changed = _changed_fields(fact, _fact_fields(row))
    if not changed and draft is None:
        return fact, "unchanged"
    with transaction.atomic():
        if changed:
            fact = fact_update(fact=fact, actor=user, **changed)
        if draft is not None and record.excerpt is not None:
            excerpt_delete(excerpt=record.excerpt, actor=user)
    return fact, "updated"


def incident_rows_write(
    *,
    rows: list[IncidentRow],
    source: Source,
    placed: dict[str, tuple[int, int]],
    user: AbstractBaseUser | None,
) -> BatchWritten:
    """Create or update the facts and excerpts of a batch of checked rows. A row a service
    refuses is reported (by column) and leaves no trace; the others are written."""
    records = _records(rows)
    done: dict[str, ImportedRow] = {}
    errors: list[RowError] = []
    new_facts: dict[str, FactDraft] = {}
    new_excerpts: dict[str, ExcerptDraft] = {}
    for row in rows:
        record = records.get(row.eventid)
        try:
            fact_draft = None
            if record is None:
                fact_draft = fact_prepare(
                    kind=Fact.Kind.INCIDENT, created_by=user, **_fact_fields(row)
                )
            excerpt_draft = None
            if record is None or not _excerpt_matches(record.excerpt, source, row):
                excerpt_draft = _excerpt_draft(row, source, placed.get(row.eventid), user)
            if record is not None:
                fact, action = _existing_row(row=row, record=record, draft=excerpt_draft, user=user)
                done[row.eventid] = ImportedRow(row, fact, action)
        except DomainError as error:
            errors.extend(_service_errors(row, error))
            continue
        if fact_draft is not None:
            new_facts[row.eventid] = fact_draft
        if excerpt_draft is not None:
            new_excerpts[row.eventid] = excerpt_draft
    facts_create_many(drafts=list(new_facts.values()), created_by=user)
    by_eventid = {row.eventid: row for row in rows}
    for eventid, fact_draft in new_facts.items():
        done[eventid] = ImportedRow(by_eventid[eventid], fact_draft.fact, "created")
    for eventid, excerpt_draft in new_excerpts.items():
        excerpt_draft.excerpt.fact = done[eventid].fact
    excerpts_create_many(drafts=list(new_excerpts.values()), created_by=user)
    _records_save(records, done, new_excerpts)
    written = [done[row.eventid] for row in rows if row.eventid in done]
    return BatchWritten(
        rows=written,
        errors=errors,
        touched={item.fact.pk for item in written if item.action != "unchanged"},
        created={new_facts[eventid].fact.pk for eventid in new_facts},
    )


def _records_save(
    records: dict[str, ImportedIncident],
    done: dict[str, ImportedRow],
    new_excerpts: dict[str, ExcerptDraft],
) -> None:
    """Remember what each row became, so that importing it again updates it."""
    now = timezone.now()
    fresh, kept = [], []
    for eventid, item in done.items():
        record = records.get(eventid)
        excerpt = new_excerpts[eventid].excerpt if eventid in new_excerpts else None
        if record is None:
            fresh.append(ImportedIncident(eventid=eventid, fact=item.fact, excerpt=excerpt))
            continue
        record.fact = item.fact
        if excerpt is not None:
            record.excerpt = excerpt
        record.imported_at = now
        kept.append(record)
    ImportedIncident.objects.bulk_create(fresh)
    ImportedIncident.objects.bulk_update(kept, ["fact", "excerpt", "imported_at"], batch_size=1000)
