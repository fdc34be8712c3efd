"""Benchmark: writes whose cost does not grow with a fact's excerpts or the links resting on it.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cp_bench_writes \
        .venv/bin/python bench/bench_writes.py

Recreates the database named in DATABASE_URL (never point it at a database you keep), builds a
fact with 3 excerpts and one with 1,000 (distinct sources, disagreeing figures, so the fact is
disputed and its conflict lists every report), each with 5 evidence links, and a fact with 100
links; then times, each run rolled back so every run sees the same archive:

- adding one excerpt (a new source) to the 3- and to the 1,000-excerpt fact;
- `fact_update` of the place (not substantive) and of the date (substantive: the links go back
  to review) on the fact with 100 links.

Prints the median time and the number of queries of each, then a JSON summary.
Targets (issue 12): 1,000 excerpts ≤ 2× 3 excerpts; fact_update with 100 links < 100 ms.
"""

import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
RUNS = int(os.environ.get("BENCH_RUNS", "15"))
BIG, LINKS_ON_FACT, LINKS_MANY = 1000, 5, 100


def _database() -> None:
    """(Re)create the benchmark's own PostgreSQL database."""
    url = os.environ.setdefault(
        "DATABASE_URL", "postgres://postgres@127.0.0.1:5432/cp_bench_writes"
    )
    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    if name in ("cp_bench", "counterpoint"):
        sys.exit(f"Refusing to recreate {name}: give the benchmark a database of its own.")
    import psycopg

    admin = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def _setup() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    os.environ.setdefault("COUNTERPOINT_TEST_ID", "bench_writes")
    _database()
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


_WORDS = [
    *("police", "officials", "hospital", "sources", "witnesses", "reporters", "district"),
    *("administration", "rescue", "teams", "provincial", "government", "spokesman"),
    *("television", "channel", "local", "residents", "survivors"),
]


def _text(n: int) -> str:
    """A distinct report (few five-word sequences in common with the others)."""
    words = [_WORDS[(n * 7 + i * (n % 5 + 1)) % len(_WORDS)] for i in range(12)]
    return f"Dispatch {n}: {' '.join(words)} said the blast killed {40 + n % 60} people."


def _big_fact(fact: Any) -> None:
    """1,000 excerpts of distinct sources and publishers (bulk: the setup is not measured),
    then the fact recomputed as the product would have."""
    from evidence.models import Excerpt, FigureReport, Source, SourceShingleIndex
    from evidence.services.conflicts import facts_recompute_many
    from evidence.services.origins import shingle_index
    from evidence.services.sources import source_content_sha256

    qualifiers = ["exact", "about", "at_least", "more_than", "up_to"]
    sources = Source.objects.bulk_create(
        Source(
            title=f"Dispatch {n}",
            publisher=f"Publisher {n}",
            reliability="ABCD"[n % 4],
            text=_text(n),
            content_sha256=source_content_sha256(_text(n)),
        )
        for n in range(BIG)
    )
    excerpts = []
    for n, source in enumerate(sources):
        exact = f"killed {40 + n % 60} people"
        start = source.text.index(exact)
        excerpts.append(
            Excerpt(
                source=source,
                fact=fact,
                exact=exact,
                start=start,
                end=start + len(exact),
                anchored=True,
                reported_on=date(2017, 2, 16 + n % 2),
            )
        )
    Excerpt.objects.bulk_create(excerpts)
    SourceShingleIndex.objects.bulk_create(
        SourceShingleIndex(source=s, hashes=shingle_index(s.text)) for s in sources
    )
    FigureReport.objects.bulk_create(
        FigureReport(
            excerpt=e,
            kind="killed",
            value_min=40 + n % 60,
            value_max=None,
            qualifier=qualifiers[n % len(qualifiers)],
        )
        for n, e in enumerate(excerpts)
    )
    facts_recompute_many(fact_ids=[fact.pk])


def _links(fact: Any, count: int, owner: Any) -> None:
    from campaigns.services.links import evidence_link_propose
    from tests.campaigns.factories import make_campaign, make_message

    campaign = make_campaign(owner)
    for n in range(count):
        message = make_message(campaign, owner, f"Message {n}: the blast killed 88 worshippers.")
        evidence_link_propose(
            message=message, fact=fact, claim="killed 88 worshippers", actor=owner
        )


def _measure(action: Callable[[int], Any]) -> tuple[float, int]:
    """Median milliseconds and queries of `action(run)`, each run rolled back."""
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    times, counts = [], []
    for run in range(RUNS):
        with transaction.atomic():
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                action(run)
                times.append((time.perf_counter() - started) * 1000)
            counts.append(len(captured.captured_queries))
            transaction.set_rollback(True)
    return statistics.median(times), max(counts)


def main() -> None:
    _setup()
    from evidence.models import Fact
    from evidence.services.excerpts import excerpt_create
    from evidence.services.facts import fact_update
    from evidence.services.sources import source_create
    from tests.campaigns.factories import Report, killed, make_fact
    from tests.factories import communications_user, source_admin_user

    comms = communications_user(username="bench-comms")
    admin = source_admin_user(username="bench-admin")
    reports = [Report(f"The blast killed {88 + n} people.", [killed(88 + n)]) for n in range(3)]
    small = make_fact(reports=reports)
    big = make_fact(reports=[])
    _big_fact(big)
    for fact in (small, big):
        _links(fact, LINKS_ON_FACT, comms)
    linked = make_fact(reports=[Report("The blast killed 88 worshippers.", [killed(88)])])
    _links(linked, LINKS_MANY, comms)
    big.refresh_from_db()
    from django.db import connection

    # Fresh planner statistics after the bulk inserts, as autovacuum keeps them on a live archive.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(
        f"setup: big fact has {big.excerpt_count} countable excerpts, status {big.status}, "
        f"{len(big.conflicts)} conflict(s); {RUNS} runs each, rolled back"
    )

    def add_to(fact: Fact) -> Callable[[int], Any]:
        def add(run: int) -> None:
            source = source_create(
                title=f"Late report {run}",
                text=f"A late report {run} from the coast: 90 were killed in the blast.",
                reliability="B",
                created_by=None,
            )
            excerpt_create(source=source, exact="90 were killed", fact=fact, figures=[killed(90)])

        return add

    def update(field: str) -> Callable[[int], Any]:
        def change(run: int) -> None:
            value: Any = f"Sehwan {run}" if field == "place" else date(2017, 2, 1 + run % 27)
            fact_update(fact=linked, actor=admin, **{field: value})

        return change

    results: dict[str, dict[str, float]] = {}
    for name, action in (
        ("excerpt_create, fact with 3 excerpts", add_to(small)),
        (f"excerpt_create, fact with {BIG} excerpts", add_to(big)),
        (f"fact_update place, {LINKS_MANY} links", update("place")),
        (f"fact_update occurred_on, {LINKS_MANY} links", update("occurred_on")),
    ):
        ms, queries = _measure(action)
        results[name] = {"ms": round(ms, 1), "queries": queries}
        print(f"{name:42} {ms:8.1f} ms {queries:5} queries")
    small_ms = results["excerpt_create, fact with 3 excerpts"]["ms"]
    big_ms = results[f"excerpt_create, fact with {BIG} excerpts"]["ms"]
    print(f"ratio {BIG} / 3 excerpts: {big_ms / small_ms:.2f} (target ≤ 2)")
    print(json.dumps(results))


if __name__ == "__main__":
    main()
