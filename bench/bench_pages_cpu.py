"""CPU per request of the two heaviest pages, `/review/` (as the bench Reviewer) and the
dashboard `/` (as the bench Reviewer, as `bench_load.py` requests it, and as the Communications
writer who owns the most campaigns), rendered in-process through Django's test client.

Wall-clock time on a shared machine says little; `time.process_time()` counts only this
process's CPU (the database's own work is not in it, and is small here: see the query counts).
With `--against DIR` (another checkout, e.g. a worktree of main) both versions run as worker
processes and take turns, round after round, so both see the same machine.

The archive is only read: each worker's connection is read-only (PostgreSQL refuses any write)
and sessions are signed cookies, so signing in writes nothing.

    .venv/bin/python bench/bench_pages_cpu.py --database-url postgres://…/cp_bench \
        --against /work/wt/main-copy --rounds 7 --repeat 5
"""

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from statistics import median
from typing import Any

HERE = Path(__file__).resolve()
ROOT = HERE.parents[1]
PAGES = {
    "/review/ (reviewer)": ("/review/", "bench-reviewer"),
    "/ dashboard (reviewer)": ("/", "bench-reviewer"),
    "/ dashboard (writer0)": ("/", "bench-writer0"),
    # The floors `bench_load.py` compares the pages with (bench/floor_urls.py).
    "floor of /review/": ("/floor/review-queue/", "bench-reviewer"),
    "floor of /": ("/floor/campaigns/", "bench-reviewer"),
    # The bare pages in the same layout (bench/floor_urls.py).
    "bare page of /review/": ("/floor/pages/review/", "bench-reviewer"),
    "bare page of /": ("/floor/pages/dashboard/", "bench-reviewer"),
}


def _setup(root: Path, database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.local"
    os.environ["DJANGO_DEBUG"] = "false"
    os.environ.pop("REDIS_URL", None)
    os.chdir(root)
    sys.path[:0] = [str(root), str(root / "bench")]
    from django.conf import settings

    settings.DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        "-c default_transaction_read_only=on"
    )
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
    settings.ALLOWED_HOSTS = ["*"]
    settings.ROOT_URLCONF = "floor_urls"
    # No collectstatic for a benchmark (as floor_settings.py).
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    import django

    django.setup()


def _client(username: str, language: str) -> Any:
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.models import User
    from django.contrib.sessions.backends.signed_cookies import SessionStore
    from django.test import Client

    user = User.objects.get(username=username)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
    return client


def _worker(root: Path, database_url: str, language: str) -> None:
    """Reads a repeat count per line; answers with each page's CPU ms and query count."""
    _setup(root, database_url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    clients = {name: _client(user, language) for name, (_url, user) in PAGES.items()}
    for name, (url, _user) in PAGES.items():  # warm: templates compiled, catalogues loaded
        response = clients[name].get(url)
        assert response.status_code == 200, (name, response.status_code)
    print("ready", flush=True)
    for line in sys.stdin:
        repeat = int(line)
        result: dict[str, Any] = {}
        for name, (url, _user) in PAGES.items():
            times = []
            for _ in range(repeat):
                with CaptureQueriesContext(connection) as queries:
                    started = time.process_time()
                    response = clients[name].get(url)
                    times.append((time.process_time() - started) * 1000)
                assert response.status_code == 200, (name, response.status_code)
            result[name] = {
                "ms": times,
                "queries": len(queries.captured_queries),
                "bytes": len(response.content),
            }
        print(json.dumps(result), flush=True)


def _start(root: Path, args: argparse.Namespace) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [
            sys.executable,
            str(HERE),
            *("--worker", str(root), "--database-url", args.database_url),
            *("--language", args.language),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    if process.stdout.readline().strip() != "ready":
        raise SystemExit(f"worker for {root} did not start")
    return process


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--against", type=Path, help="another checkout, measured alternately")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=5, help="requests per page per round")
    parser.add_argument("--language", default="en", help="Accept-Language (en or ur)")
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        _worker(args.worker, args.database_url, args.language)
        return
    versions = {"this": ROOT, **({"against": args.against.resolve()} if args.against else {})}
    workers = {name: _start(root, args) for name, root in versions.items()}
    samples: dict[str, dict[str, list[float]]] = {v: {p: [] for p in PAGES} for v in versions}
    facts: dict[str, dict[str, Any]] = {v: {} for v in versions}
    loads = [os.getloadavg()[0]]
    for _round in range(args.rounds):
        for name, process in workers.items():
            assert process.stdin is not None and process.stdout is not None
            process.stdin.write(f"{args.repeat}\n")
            process.stdin.flush()
            for page, found in json.loads(process.stdout.readline()).items():
                samples[name][page].extend(found["ms"])
                facts[name][page] = found
        loads.append(os.getloadavg()[0])
    for process in workers.values():
        assert process.stdin is not None
        process.stdin.close()
        process.wait()
    print(
        f"{args.rounds} rounds x {args.repeat} requests per page, language {args.language}, "
        f"load average (1 min) {min(loads):.1f}-{max(loads):.1f}"
    )
    print("| page | version | CPU ms min / median | queries | HTML bytes |")
    print("|---|---|---|---|---|")
    for page in PAGES:
        for name, root in versions.items():
            times = samples[name][page]
            print(
                f"| {page} | {name} ({root.name}) | {min(times):.1f} / {median(times):.1f} | "
                f"{facts[name][page]['queries']} | {facts[name][page]['bytes']:,} |"
            )


if __name__ == "__main__":
    main()
