"""The PostgreSQL plans of the hot lists: each request goes through the Django test client
with a reviewer's token, the queries it runs are captured, and the main list query (the
`LIMIT`ed read of the listed table) and the page's capped count are run again under
`EXPLAIN (ANALYZE, BUFFERS)`.

    .venv/bin/python bench/bench_explain.py --database-url postgres://…/cp_bench
    .venv/bin/python bench/bench_explain.py --no-write   # print only

Needs an archive made by bench/generate_evidence.py and bench/generate_campaigns.py (or
bench/bench_load.py). Writes the plans into BENCHMARKS.md between the `explain:begin` and
`explain:end` markers, labelled with the archive's size, unless --no-write.
"""

import argparse
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/cp_bench"
BEGIN, END = "<!-- explain:begin -->", "<!-- explain:end -->"
# (label, path, the table the list reads)
LISTS = [
    ("facts list", "/api/v1/facts/", "evidence_fact"),
    ("facts list, status filter", "/api/v1/facts/?status=corroborated", "evidence_fact"),
    ("review queue", "/api/v1/evidence-links/?status=proposed", "campaigns_evidencelink"),
    ("campaigns list", "/api/v1/campaigns/", "campaigns_campaign"),
    ("sources list", "/api/v1/sources/", "evidence_source"),
]


def _setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "floor_settings"
    os.environ.pop("REDIS_URL", None)
    sys.path[:0] = [str(BENCH), str(ROOT)]
    import django

    django.setup()


def _main_queries(queries: list[dict[str, str]], table: str) -> list[str]:
    """The list's own read (FROM the table, with a LIMIT; it may carry the capped count as a
    subquery) and its count query, if the count is a query of its own."""
    sql = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith("SELECT")]
    source = re.compile(rf'FROM "{table}"')
    counts = [q for q in sql if q.lstrip().upper().startswith("SELECT COUNT(") and table in q]
    reads = [q for q in sql if source.search(q) and " LIMIT " in q and q not in counts]
    chosen = reads[:1] + counts[:1]
    if not chosen:  # the list's shape changed: show its longest query rather than nothing
        chosen = sorted(sql, key=len)[-1:]
    return chosen


def explain(database_url: str) -> str:
    _setup_django(database_url)
    from django.contrib.auth.models import User
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from knox.models import AuthToken

    from campaigns.models import Campaign, EvidenceLink
    from evidence.models import Fact, Source

    if connection.vendor != "postgresql":
        raise SystemExit("EXPLAIN (ANALYZE, BUFFERS) needs PostgreSQL.")
    user = User.objects.get(username="bench-reviewer")
    instance, token = AuthToken.objects.create(user=user)
    client = Client(HTTP_HOST="127.0.0.1", HTTP_AUTHORIZATION=f"Token {token}")
    sizes = (
        f"{Source.objects.count():,} sources, {Fact.objects.count():,} facts, "
        f"{Campaign.objects.count():,} campaigns, {EvidenceLink.objects.count():,} evidence links"
    )
    head = [
        f"Archive: {sizes} (`{database_url.rsplit('/', 1)[-1]}`). Reproduce: "
        f"`.venv/bin/python bench/bench_explain.py {' '.join(sys.argv[1:])}`.",
        "",
        "| list | queries | main query (ms) | capped count, if a query of its own (ms) |",
        "|---|---|---|---|",
    ]
    out: list[str] = []
    try:
        for label, path, table in LISTS:
            client.get(path)  # warm: the plan of a second, cached request is the usual one
            with CaptureQueriesContext(connection) as captured:
                response = client.get(path)
            if response.status_code != 200:
                raise SystemExit(f"{path}: {response.status_code} {response.content[:300]!r}")
            queries = len(captured.captured_queries)
            out.append(f"\n#### {label}: `GET {path}` ({queries} queries)\n")
            times = []
            chosen = _main_queries(captured.captured_queries, table)
            for sql in chosen:
                with connection.cursor() as cursor:
                    cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
                    plan = "\n".join(row[0] for row in cursor.fetchall())
                found = re.search(r"Execution Time: ([0-9.]+) ms", plan)
                times.append(found.group(1) if found else "?")
                out += ["```sql", sql, "```", "```", plan, "```"]
            if len(chosen) == 1 and "_keyset_capped_count" in chosen[0]:
                times.append("in the main query")
            times += ["–"] * (2 - len(times))
            head.append(f"| {label} | {queries} | {times[0]} | {times[1]} |")
    finally:
        instance.delete()
    return "\n".join(head + out)


def _write(text: str) -> None:
    path = ROOT / "BENCHMARKS.md"
    content = path.read_text()
    if BEGIN not in content or END not in content:
        raise SystemExit(f"BENCHMARKS.md has no {BEGIN} … {END} markers.")
    block = f"{BEGIN}\n{text}\n{END}"
    content = content[: content.index(BEGIN)] + block + content[content.index(END) + len(END) :]
    path.write_text(content)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--no-write", action="store_true", help="print only; leave BENCHMARKS.md")
    args = parser.parse_args()
    text = explain(args.database_url)
    print(text)
    if not args.no_write:
        _write(text)


if __name__ == "__main__":
    main()
