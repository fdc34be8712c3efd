"""Benchmark: list and search latency over a large evidence base, and the indexed search's
speed-up over a naive scan measured in the same run.

    .venv/bin/python bench/bench_evidence.py                  # uses / generates cp_bench
    .venv/bin/python bench/bench_evidence.py --scale 1.0      # 10k sources, 100k facts, 300k …
    .venv/bin/python bench/bench_evidence.py --no-generate    # measure what is in the database

Measures, through the Django test client as a signed-in user, p50/p95 of
`GET /api/v1/facts/`, `GET /api/v1/sources/` and `GET /api/v1/search/?q=` for several queries
(frequent, rare, two words, an alias) and the search page `GET /search/?q=`, the ratio of the
frequent word's (and the alias's) p95 to the rare word's (target ≤ ×3), how deep pages of the
frequent word cost; then, unless `--no-naive`, the search selector (capped count + first page,
ranked) against a naive scan that answers the same question with `icontains` over
the same tables (count + first page of sources, excerpts and facts, with the same alias
expansion). Prints one line per measurement and a JSON summary.

PostgreSQL (the database it is meant for) by default: `--database-url` or BENCH_DATABASE_URL,
default postgres://postgres@127.0.0.1:5432/cp_bench. If the database does not hold the requested
scale it is generated first (bench/generate_evidence.py).
"""

import argparse
import json
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate_evidence import (
    BASE,
    DEFAULT_URL,
    GROUPS,
    PLACES,
    WORDS,
    _configure,
    _vocabulary,
    generate,
)

PAGE_SIZE = 20


def _percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def _time(call: Callable[[], Any], repeat: int) -> dict[str, float]:
    call()  # warm the caches and the connection
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    return {
        "p50_ms": round(statistics.median(samples), 2),
        "p95_ms": round(_percentile(samples, 0.95), 2),
    }


def _queries(seed: int) -> dict[str, str]:
    vocabulary = _vocabulary(random.Random(seed))
    rare = vocabulary[len(WORDS) + len(PLACES) + sum(1 + len(a) for _, a in GROUPS) :]
    return {
        "frequent word": "attack",
        "place": "quetta",
        "two words": "suicide bombing",
        "alias (daesh)": "daesh",
        "uncommon word": rare[40],
        "rare word": rare[4000],
    }


def _naive(query: str) -> int:
    """The same question without the index: icontains over every text column."""
    from django.db.models import Q

    from evidence.models import Excerpt, Fact, Source
    from evidence.search.aliases import query_groups

    groups = query_groups(query)

    def condition(fields: list[str]) -> Q:
        where = Q()
        for group in groups:
            alternatives = Q()
            for words in group.alternatives:
                phrase = " ".join(words)
                for field in fields:
                    alternatives |= Q(**{f"{field}__icontains": phrase})
            where &= alternatives
        return where

    total = 0
    for model, fields in (
        (Source, ["title", "publisher", "author", "text"]),
        (Excerpt, ["exact"]),
        (Fact, ["title", "summary", "place", "province", "country"]),
    ):
        matching = model.objects.filter(condition(fields))
        total += matching.count()
        list(matching.order_by("id").values_list("id", flat=True)[:PAGE_SIZE])
    return total


def _indexed(query: str) -> int:
    from evidence.search.selectors import search_evidence

    results = search_evidence(query=query)
    count = results.count()
    results[0:PAGE_SIZE]
    return count


def _hits_label(hits: int) -> str:
    from evidence.search.selectors import COUNT_CAP

    return f"{COUNT_CAP:,}+" if hits > COUNT_CAP else f"{hits:,}"


def _has_scale(scale: float) -> bool:
    from django.db import DatabaseError

    from evidence.models import Excerpt, Fact, Source

    try:
        return (
            Source.objects.count() == max(1, int(BASE["sources"] * scale))
            and Fact.objects.count() == max(1, int(BASE["facts"] * scale))
            and Excerpt.objects.count() == max(1, int(BASE["excerpts"] * scale))
        )
    except DatabaseError:
        return False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=float, default=0.1, help="1.0 = 10k/100k/300k")
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--repeat", type=int, default=30, help="Timed requests per measurement.")
    parser.add_argument("--no-generate", action="store_true")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--no-naive", action="store_true", help="Skip the (slow) naive scan comparison."
    )
    options = parser.parse_args()

    _configure(options.database_url)
    import django

    try:
        django.setup()
        from django.db import connection

        connection.ensure_connection()
        connection.close()
        ready = options.no_generate or _has_scale(options.scale)
    except Exception as error:  # the database may not exist yet
        print(f"Database not ready ({type(error).__name__}); generating.", flush=True)
        ready = False
    if not ready:
        generate(scale=options.scale, database_url=options.database_url, seed=options.seed)

    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment
    from rest_framework.test import APIClient

    from evidence.models import Excerpt, Fact, Source

    setup_test_environment()
    user, _ = get_user_model().objects.get_or_create(
        username="bench", defaults={"is_superuser": True, "is_staff": True}
    )
    client = APIClient()
    client.force_authenticate(user)
    pages = Client()
    pages.force_login(user)
    sizes = {
        "sources": Source.objects.count(),
        "facts": Fact.objects.count(),
        "excerpts": Excerpt.objects.count(),
    }
    print(f"Database: {connection.vendor}; {sizes}; {options.repeat} timed runs each", flush=True)

    def get(url: str, params: dict[str, Any]) -> Callable[[], Any]:
        def call() -> None:
            response = client.get(url, params)
            if response.status_code != 200:
                raise SystemExit(f"{url} {params} → {response.status_code}")

        return call

    results: dict[str, Any] = {"database": connection.vendor, "sizes": sizes, "api": {}}
    for label, url, params in (
        ("GET /api/v1/facts/", "/api/v1/facts/", {"page_size": 50}),
        ("GET /api/v1/facts/?status=disputed", "/api/v1/facts/", {"status": "disputed"}),
        ("GET /api/v1/sources/", "/api/v1/sources/", {"page_size": 50}),
    ):
        measured = _time(get(url, params), options.repeat)
        results["api"][label] = measured
        print(f"  {label:<44} p50 {measured['p50_ms']:9.1f} ms   p95 {measured['p95_ms']:9.1f} ms")

    def page(params: dict[str, Any]) -> Callable[[], Any]:
        def call() -> None:
            response = pages.get("/search/", params)
            if response.status_code != 200:
                raise SystemExit(f"/search/ {params} → {response.status_code}")

        return call

    results["search"] = {}
    naive_total = indexed_total = 0.0
    for label, query in _queries(options.seed).items():
        api = _time(get("/api/v1/search/", {"q": query, "page_size": PAGE_SIZE}), options.repeat)
        web = _time(page({"q": query}), options.repeat)
        indexed = _time(partial(_indexed, query), options.repeat)
        hits = _indexed(query)
        measured = {"q": query, "hits": hits, "api": api, "page": web, "indexed": indexed}
        line = (
            f"  search {label:<16} q={query!r:<18} {_hits_label(hits):>7} hits  API p50"
            f" {api['p50_ms']:7.1f} p95 {api['p95_ms']:7.1f} ms | page p50 {web['p50_ms']:7.1f}"
            f" p95 {web['p95_ms']:7.1f} ms"
        )
        if not options.no_naive:
            # The naive scan is slow: fewer runs, the same statistics.
            naive = _time(partial(_naive, query), max(5, options.repeat // 3))
            speedup = naive["p50_ms"] / indexed["p50_ms"] if indexed["p50_ms"] else float("inf")
            naive_total += naive["p50_ms"]
            indexed_total += indexed["p50_ms"]
            measured.update(naive_hits=_naive(query), naive=naive, speedup_p50=round(speedup, 1))
            line += f" | indexed p50 {indexed['p50_ms']:7.1f} vs naive {naive['p50_ms']:8.1f} ms"
        results["search"][label] = measured
        print(line, flush=True)

    # Deep pages cost what the first does: every page ranks the same bounded candidates.
    for number in (1, 10, 50):
        deep = _time(
            get("/api/v1/search/", {"q": "attack", "page": number, "page_size": 20}), options.repeat
        )
        results["search"][f"frequent word, page {number}"] = {"api": deep}
        print(
            f"  search 'attack' API page {number:<3} p50 {deep['p50_ms']:7.1f}"
            f" p95 {deep['p95_ms']:7.1f} ms"
        )

    rare = results["search"]["rare word"]
    for label in ("frequent word", "alias (daesh)", "two words"):
        for surface in ("api", "page"):
            ratio = results["search"][label][surface]["p95_ms"] / rare[surface]["p95_ms"]
            results["search"][label][f"{surface}_p95_vs_rare"] = round(ratio, 2)
            verdict = "met" if ratio <= 3 else "NOT met"
            print(f"  {surface} p95 {label!r} / 'rare word': ×{ratio:.2f} (target ≤ ×3: {verdict})")
    all_api = [m["api"]["p95_ms"] for m in results["search"].values()]
    results["search_api_p95_ms_worst"] = max(all_api)
    print(f"Search API p95 (worst query): {max(all_api):.1f} ms.")
    if indexed_total:
        results["speedup_overall_p50"] = round(naive_total / indexed_total, 1)
        print(
            f"Indexed search is ×{results['speedup_overall_p50']} faster than the naive scan"
            " (sum of p50s)."
        )
    print(json.dumps(results))


if __name__ == "__main__":
    main()
