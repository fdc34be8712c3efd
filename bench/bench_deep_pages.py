"""Benchmark: a page deep in a big list against the first page, cursor and offset.

    .venv/bin/python bench/bench_deep_pages.py --database-url postgres://postgres@127.0.0.1:5432/cp_bench_keyset

For the facts (all, and one status), the sources and the excerpts, through the Django test
client as a signed-in superuser: p50/p95 of the first page, of a page at a deep position reached
by a cursor (the way `next` links reach it), and of the same position asked for with the old
`?page=N` (an offset). The figure that matters is cursor-deep ÷ first (target ≤ 1.5). The deep
position is 90,000 rows in, or the list's last page on a smaller database. Prints one line per
measurement and a JSON summary. Generate the database first with bench/generate_evidence.py.
"""

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate_evidence import DEFAULT_URL, _configure

PAGE_SIZE = 50
DEEP = 90_000


def _time(call: Callable[[], Any], repeat: int) -> dict[str, float]:
    call()  # warm the caches and the connection
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    ordered = sorted(samples)
    return {
        "p50_ms": round(statistics.median(ordered), 2),
        "p95_ms": round(ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))], 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--repeat", type=int, default=20, help="Timed requests per measurement.")
    options = parser.parse_args()

    _configure(options.database_url)
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test.utils import setup_test_environment
    from rest_framework.test import APIClient

    from common.pagination import KeysetPaginator, list_fingerprint
    from evidence.selectors.evidence import excerpt_list, fact_list, source_list

    setup_test_environment()
    user, _ = get_user_model().objects.get_or_create(
        username="bench", defaults={"is_superuser": True, "is_staff": True}
    )
    client = APIClient()
    client.force_authenticate(user)

    def get(url: str, params: dict[str, Any]) -> Callable[[], Any]:
        def call() -> None:
            response = client.get(url, params)
            if response.status_code != 200:
                raise SystemExit(f"{url} {params} → {response.status_code} {response.content!r}")

        return call

    # The facts' last pages are the undated ones (their own NULL partition); "facts, dated"
    # measures a page halfway down, among the dated facts; "excerpts, middle" likewise.
    lists = [
        ("facts", "/api/v1/facts/", {}, fact_list(), None),
        ("facts, dated", "/api/v1/facts/", {}, fact_list(), 0.5),
        ("facts ?status=unverified", "/api/v1/facts/", {"status": "unverified"}, None, None),
        ("sources", "/api/v1/sources/", {}, source_list(), None),
        ("excerpts", "/api/v1/excerpts/", {}, excerpt_list(), None),
        ("excerpts, middle", "/api/v1/excerpts/", {}, excerpt_list(), 0.5),
    ]
    results: dict[str, Any] = {"database": connection.vendor, "page_size": PAGE_SIZE, "lists": {}}
    print(f"Database: {connection.vendor}; page size {PAGE_SIZE}; {options.repeat} runs each")
    for label, url, filters, queryset, fraction in lists:
        if queryset is None:
            queryset = fact_list().filter(**filters)
        params = {**filters, "page_size": PAGE_SIZE}
        total = queryset.count()
        position = max(0, min(DEEP, total - PAGE_SIZE - 1))
        if fraction is not None:
            position = int(total * fraction)
        paginator = KeysetPaginator(
            queryset, per_page=PAGE_SIZE, fingerprint=list_fingerprint(queryset, params)
        )
        # The row just before the deep page: what the previous page's `next` link points after.
        cursor = paginator.cursor(paginator.queryset[position], forward=True)
        first = _time(get(url, params), options.repeat)
        deep = _time(get(url, {**params, "cursor": cursor}), options.repeat)
        number = (position + 1) // PAGE_SIZE + 1
        offset = _time(get(url, {**params, "page": number}), max(5, options.repeat // 2))
        ratio = deep["p50_ms"] / first["p50_ms"]
        # The paging alone (the page's queries, no serializer): where offset and cursor differ.
        rows_first = _time(partial(paginator.page), options.repeat)
        rows_deep = _time(partial(paginator.page, cursor), options.repeat)
        rows_offset = _time(partial(paginator.page, offset=position + 1), options.repeat)
        rows_ratio = rows_deep["p50_ms"] / rows_first["p50_ms"]
        results["lists"][label] = {
            "rows": total,
            "position": position + 1,
            "api_first": first,
            "api_cursor_deep": deep,
            "api_offset_deep": offset,
            "api_cursor_deep_over_first_p50": round(ratio, 2),
            "page_first": rows_first,
            "page_cursor_deep": rows_deep,
            "page_offset_deep": rows_offset,
            "page_cursor_deep_over_first_p50": round(rows_ratio, 2),
        }
        print(
            f"  {label:<26} {total:>7} rows, deep = row {position + 2}\n"
            f"    API    first p50 {first['p50_ms']:7.1f} ms | cursor deep p50 "
            f"{deep['p50_ms']:7.1f} ms (×{ratio:.2f}) | ?page={number} p50 "
            f"{offset['p50_ms']:7.1f} ms\n"
            f"    paging first p50 {rows_first['p50_ms']:7.1f} ms | cursor deep p50 "
            f"{rows_deep['p50_ms']:7.1f} ms (×{rows_ratio:.2f}) | offset p50 "
            f"{rows_offset['p50_ms']:7.1f} ms",
            flush=True,
        )
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
