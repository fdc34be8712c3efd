"""CPU per request of the hot API lists, in-process, against their floors (bench/floor_urls.py).

    .venv/bin/python bench/bench_list_cpu.py --database-url postgres://…/cp_bench
    .venv/bin/python bench/bench_list_cpu.py --compare /work/main --rounds 5   # old vs new, A/B

Each request goes through Django's test client with a knox token, as a Reviewer
(`bench-reviewer`) and a Communications user (`bench-writer0`), the users bench/bench_load.py
loads the server with. It prints the CPU time of this process per request
(`time.process_time()`: the Python side, which is what our code adds; the database's own CPU is
another process), the wall time, and the number of queries. The floors are measured the same
way, so `ours / floor` is the in-process cost ratio that bounds the req/s ratio under wrk.

With `--compare TREE` each round runs one worker process on TREE's code (e.g. main's worktree)
and one on this tree's, alternately, and the table shows both: the machine is shared, so a
single figure says little; the minimum over rounds of each worker's median is the steadiest.

The archive is only read: the tokens are made inside a transaction that is rolled back, with
every request, when the worker ends.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/cp_bench"


def _cases(fact: int) -> list[tuple[str, str, str]]:
    """(label, user, URL): our endpoints and the floors, as bench_load.py pairs them."""
    cases = []
    for user in ("reviewer", "writer0"):
        cases += [
            ("GET /api/v1/facts/", user, "/api/v1/facts/"),
            ("GET /api/v1/campaigns/", user, "/api/v1/campaigns/"),
            (
                "GET /api/v1/evidence-links/?status=proposed",
                user,
                "/api/v1/evidence-links/?status=proposed",
            ),
            ("GET /api/v1/facts/{id}/", user, f"/api/v1/facts/{fact}/"),
        ]
    cases += [
        ("floor facts", "reviewer", "/floor/facts/"),
        ("floor campaigns", "reviewer", "/floor/campaigns/"),
        ("floor review queue", "reviewer", "/floor/review-queue/"),
        ("floor fact", "reviewer", f"/floor/facts/{fact}/"),
    ]
    return cases


class _Counter:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        self.count += 1
        return execute(sql, params, many, context)


def _worker(tree: Path, database_url: str, repeat: int) -> dict[str, Any]:
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "floor_settings"
    os.environ.pop("REDIS_URL", None)
    os.chdir(tree)
    sys.path[:0] = [str(tree / "bench"), str(tree)]
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.db import connection, transaction
    from django.db.models import Count
    from django.test import Client
    from knox.models import AuthToken

    from campaigns.models import EvidenceLink

    results: dict[str, Any] = {}
    with transaction.atomic():
        tokens = {
            role: AuthToken.objects.create(user=User.objects.get(username=f"bench-{role}"))[1]
            for role in ("reviewer", "writer0")
        }
        hot = EvidenceLink.objects.values("fact_id").annotate(n=Count("id")).order_by("-n")
        fact = hot.first()["fact_id"]  # type: ignore[index]
        client = Client(SERVER_NAME="127.0.0.1")
        for label, user, url in _cases(fact):
            headers = {"Authorization": f"Token {tokens[user]}"}
            first = client.get(url, headers=headers)
            assert first.status_code == 200, (url, first.status_code, first.content[:300])
            # Counted by a wrapper: the test client's request_started signal empties
            # connection.queries, which CaptureQueriesContext reads.
            queries = _Counter()
            with connection.execute_wrapper(queries):
                client.get(url, headers=headers)
            cpu, wall = [], []
            for _ in range(repeat):
                started_cpu, started = time.process_time(), time.perf_counter()
                response = client.get(url, headers=headers)
                cpu.append((time.process_time() - started_cpu) * 1000)
                wall.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200
            results[f"{label} ({user})"] = {
                "cpu_median": statistics.median(cpu),
                "cpu_min": min(cpu),
                "wall_median": statistics.median(wall),
                "queries": queries.count,
                "bytes": len(first.content),
            }
        transaction.set_rollback(True)
    return results


def _run_worker(tree: Path, args: argparse.Namespace) -> dict[str, Any]:
    python = tree / ".venv" / "bin" / "python"
    command = [
        str(python if python.exists() else sys.executable),
        str(Path(__file__).resolve()),
        "--worker",
        str(tree),
        "--database-url",
        args.database_url,
        "--repeat",
        str(args.repeat),
    ]
    output = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=True).stdout
    return dict(json.loads(output.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--repeat", type=int, default=20, help="requests per case and worker")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--compare", type=Path, help="another tree (old code) to alternate with")
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(_worker(args.worker, args.database_url, args.repeat)))
        return
    trees = {"this": ROOT}
    if args.compare:
        trees = {"old": args.compare.resolve(), "new": ROOT}
    runs: dict[str, list[dict[str, Any]]] = {name: [] for name in trees}
    for _ in range(args.rounds):
        for name, tree in trees.items():
            runs[name].append(_run_worker(tree, args))
    print(f"load average {os.getloadavg()[0]:.1f} / {os.getloadavg()[1]:.1f} (1 / 5 min)")
    print(f"{args.rounds} rounds x {args.repeat} requests; CPU ms per request: min over rounds of")
    print("each round's median (wall ms likewise); queries per request")
    header = "| request | " + " | ".join(f"{n} CPU ms | {n} wall ms | {n} queries" for n in trees)
    print(header + " |")
    print("|---" * (1 + 3 * len(trees)) + "|")
    for case in runs[next(iter(trees))][0]:
        cells = []
        for name in trees:
            cpu = min(run[case]["cpu_median"] for run in runs[name])
            wall = min(run[case]["wall_median"] for run in runs[name])
            cells.append(f"{cpu:.1f} | {wall:.1f} | {runs[name][0][case]['queries']}")
        print(f"| {case} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
