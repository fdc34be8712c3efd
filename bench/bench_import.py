"""Benchmark: the incident CSV import against a plain bulk insert of the same rows.

    .venv/bin/python bench/bench_import.py                 # 20,000 rows, cp_bench_import
    .venv/bin/python bench/bench_import.py --rows 5000 --rounds 2

Generates a GTD-style CSV (eventid, date with unknown days and months, province and city,
target type labels, group names and aliases and "Unknown", claimed, killed and wounded with
blanks, a summary and a citation), then, alternately in the same run and on the same emptied
tables:

- **import**: `incidents_import` as the API and the command call it (parsing, every check,
  facts, excerpts, figures, actors, audit entries, search entries with their vectors, the
  figures and conflicts recomputed, the import records);
- **bulk insert** (the floor): the same rows parsed by `csv.DictReader` with no checks, written
  with `bulk_create` into the same tables (sources, facts and their actors, excerpts, their
  figures and actors, import records, search entries without vectors), no audit.

Prints rows/s of each and the ratio. PostgreSQL by default (`--database-url` or
BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/cp_bench_import): the database
is dropped and re-created (its name must start with cp_bench).
"""

import argparse
import csv
import io
import os
import random
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate_evidence import GROUPS, PLACES, PROVINCES, _configure, _fresh_database

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/cp_bench_import"
TARGETS = [
    "Police",
    "Military",
    "Private Citizens & Property",
    "Religious Figures/Institutions",
    "Educational Institution",
    "Government (General)",
    "Transportation",
    "Business",
    "Unknown",
]
WEAPONS = ["suicide bomber", "gunmen", "a roadside bomb", "a car bomb", "militants", "a grenade"]
PLACES_HIT = ["checkpoint", "market", "mosque", "shrine", "school", "convoy", "police station"]
OUTLETS = ["Dawn", "The Express Tribune", "The News", "Reuters", "Associated Press", "BBC"]


def incidents_csv(rows: int, seed: int = 1) -> bytes:
    """A GTD-style file of `rows` incidents, skewed like the real data."""
    from evidence.imports.parsing import COLUMNS

    rng = random.Random(seed)
    names = [name for name, _ in GROUPS] + [alias for _, aliases in GROUPS for alias in aliases]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for number in range(rows):
        year = rng.randint(2001, 2024)
        month = rng.randint(1, 12) if rng.random() > 0.03 else 0
        day = rng.randint(1, 28) if month and rng.random() > 0.08 else 0
        city = rng.choice(PLACES)
        group = rng.choice(names) if rng.random() > 0.35 else "Unknown"
        killed = "" if rng.random() < 0.1 else str(min(int(rng.paretovariate(1.6)) - 1, 2000))
        wounded = "" if rng.random() < 0.3 else str(min(int(rng.paretovariate(1.3)) - 1, 5000))
        when = date(year, month or 1, day or 1).strftime("%B %d, %Y")
        summary = (
            f"{when}: {rng.choice(WEAPONS)} attacked a {rng.choice(PLACES_HIT)} in {city}. "
            f"At least {killed or 'an unknown number of'} people were killed and "
            f"{wounded or 'several'} wounded in the attack. "
            + ("No group claimed responsibility." if group == "Unknown" else f"{group} claimed.")
        )
        writer.writerow(
            [
                f"{year}{month:02d}{day:02d}{number:06d}",
                year,
                month,
                day,
                "Pakistan",
                rng.choice(PROVINCES),
                city,
                rng.choice(TARGETS),
                group,
                rng.choice(["1", "0", "-9", ""]) if group != "Unknown" else "",
                killed,
                wounded,
                summary,
                f"{rng.choice(OUTLETS)}, {when}",
            ]
        )
    return buffer.getvalue().encode("utf-8")


def _empty_tables() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE evidence_source, evidence_fact, evidence_excerpt, evidence_figurereport, "
            "evidence_imported_incident, evidence_search_document, common_auditentry "
            "RESTART IDENTITY CASCADE"
        )


def _run_import(data: bytes) -> int:
    from evidence.imports.incidents import incidents_import

    report = incidents_import(data=data, name="gtd.csv", user=None)
    assert report.written and not report.errors, report.errors[:3]
    return report.created


def _run_bulk_insert(data: bytes) -> int:
    """The floor: the same rows into the same tables, no checks, no derived work."""
    from django.db import transaction

    from evidence.imports.incidents import SOURCE_PART_CHARS
    from evidence.imports.models import ImportedIncident
    from evidence.imports.parsing import target_type_from_gtd
    from evidence.models import Excerpt, Fact, FigureReport, Source
    from evidence.search.models import SearchDocument
    from evidence.selectors.actors import actor_find

    actors: dict[str, Any] = {}
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"))))
    with transaction.atomic():
        facts, excerpts, figures, documents = [], [], [], []
        claimed, attributed, imported = [], [], []
        parts: list[list[dict[str, str]]] = [[]]
        size = 0
        for row in rows:
            line = f"[{row['eventid']}] {row['summary']} ({row['scite1']})"
            if size + len(line) + 1 > SOURCE_PART_CHARS:
                parts.append([])
                size = 0
            parts[-1].append(row)
            size += len(line) + 1
        for number, part in enumerate(parts, start=1):
            text = "\n".join(f"[{r['eventid']}] {r['summary']} ({r['scite1']})" for r in part)
            source = Source.objects.create(
                title=f"Bulk: gtd.csv (part {number})",
                text=text,
                reliability="B",
                content_sha256=f"{number:064d}",
            )
            offset = 0
            for row in part:
                year, month, day = int(row["iyear"]), int(row["imonth"]), int(row["iday"])
                gname = row["gname"]
                if gname not in actors:
                    actors[gname] = actor_find(name=gname) if gname != "Unknown" else None
                fact = Fact(
                    kind=Fact.Kind.INCIDENT,
                    title=f"{row['city']}: attack ({year})",
                    summary=row["summary"],
                    occurred_on=date(year, month or 1, day or 1),
                    date_precision="day" if day else "month" if month else "year",
                    place=row["city"],
                    province=row["provstate"],
                    country=row["country"],
                    target_type=target_type_from_gtd(row["targtype1"]) or "",
                )
                start = offset + len(row["eventid"]) + 3
                excerpt = Excerpt(
                    source=source,
                    fact=fact,
                    exact=row["summary"],
                    prefix=f"[{row['eventid']}]",
                    start=start,
                    end=start + len(row["summary"]),
                    credibility=3,
                )
                offset += len(f"[{row['eventid']}] {row['summary']} ({row['scite1']})") + 1
                facts.append(fact)
                excerpts.append((excerpt, row, actors[gname]))
        Fact.objects.bulk_create(facts)
        for excerpt, row, actor in excerpts:
            # bulk_create takes the fact's new id from `excerpt.fact` (kept in its cache).
            if actor is not None:
                attributed.append(Fact.attributed_to.through(fact_id=excerpt.fact.pk, actor=actor))
                if row["claimed"] == "1":
                    claimed.append(Fact.claimed_by.through(fact_id=excerpt.fact.pk, actor=actor))
        Excerpt.objects.bulk_create([e for e, _, _ in excerpts])
        reported = []
        for excerpt, row, actor in excerpts:
            for kind, value in (("killed", row["nkill"]), ("wounded", row["nwound"])):
                if value:
                    figures.append(
                        FigureReport(
                            excerpt=excerpt, kind=kind, value_min=int(value), value_max=int(value)
                        )
                    )
            if actor is not None:
                reported.append(
                    Excerpt.reported_attributed_to.through(excerpt_id=excerpt.pk, actor=actor)
                )
            imported.append(
                ImportedIncident(eventid=row["eventid"], fact=excerpt.fact, excerpt=excerpt)
            )
            documents.append(
                SearchDocument(kind="fact", object_id=excerpt.fact_id, title=excerpt.fact.title)
            )
            documents.append(
                SearchDocument(
                    kind="excerpt", object_id=excerpt.pk, title="Excerpt", body=row["summary"]
                )
            )
        FigureReport.objects.bulk_create(figures)
        Fact.claimed_by.through.objects.bulk_create(claimed)
        Fact.attributed_to.through.objects.bulk_create(attributed)
        Excerpt.reported_attributed_to.through.objects.bulk_create(reported)
        ImportedIncident.objects.bulk_create(imported)
        SearchDocument.objects.bulk_create(documents, batch_size=5000)
    return len(facts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=1, help="alternate runs of each")
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    options = parser.parse_args()

    _configure(options.database_url)
    os.environ["INCIDENT_IMPORT_MAX_ROWS"] = str(max(options.rows, 20_000))
    os.environ["INCIDENT_IMPORT_MAX_BYTES"] = str(200 * 1024 * 1024)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections

    from evidence.services.actors import actor_create

    connections.close_all()
    _fresh_database(options.database_url)
    call_command("migrate", verbosity=0)
    for name, aliases in GROUPS:
        actor_create(name=name, aliases=aliases)
    data = incidents_csv(options.rows)
    print(f"{options.rows} rows, {len(data) / 1e6:.1f} MB of CSV", flush=True)

    rates: dict[str, list[float]] = {"bulk insert": [], "import": []}
    for _ in range(options.rounds):
        for label, run in (("bulk insert", _run_bulk_insert), ("import", _run_import)):
            _empty_tables()
            started = time.perf_counter()
            written = run(data)
            seconds = time.perf_counter() - started
            assert written == options.rows, (label, written)
            rates[label].append(options.rows / seconds)
            print(
                f"  {label:<12} {seconds:7.1f} s  {options.rows / seconds:8.0f} rows/s", flush=True
            )
    best = {label: max(values) for label, values in rates.items()}
    ratio = best["import"] / best["bulk insert"]
    print(f"bulk insert: {best['bulk insert']:.0f} rows/s (best of {options.rounds})")
    print(f"import:      {best['import']:.0f} rows/s (best of {options.rounds})")
    print(f"ratio:       {ratio:.2f} (1/{1 / ratio:.1f}); target ≥ 0.33")


if __name__ == "__main__":
    main()
