"""Load benchmark: each hot endpoint and page under gunicorn (2 workers, PostgreSQL) against
its floor (bench/floor_urls.py), measured alternately in the same run with `wrk` on loopback.

    .venv/bin/python bench/bench_load.py --scale 1.0        # the issue's archive (slow to make)
    .venv/bin/python bench/bench_load.py --scale 1.0 --no-generate   # on an archive made before

Generates the archive first unless --no-generate (bench/generate_evidence.py, then
bench/generate_campaigns.py), prints a table of req/s, p50, p95 and the ratios, then the facts
list's p95 while 20 PDF briefs build on real Celery workers (bench/load_reports.py) against its
idle p95, and writes both into BENCHMARKS.md between the `load:begin`/`load:end` markers with
the command that made them (not with --no-write). Needs `wrk` (Debian package `wrk`) and Redis
(the workers' broker, --redis-url: its `celery` and `reports` queues are purged).
"""

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

import load_reports

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/cp_bench"
DEFAULT_REDIS = "redis://127.0.0.1:6379/15"
PORT = 8199
BEGIN, END = "<!-- load:begin -->", "<!-- load:end -->"


def _wrk_command(url: str, headers: dict[str, str], connections: int) -> list[str]:
    """wrk without its duration (-d goes before the URL). A slow answer stays in the figures:
    the timeout is 30 s, not wrk's 2 s, past which it drops a request from the latencies."""
    command = ["wrk", "-t2", f"-c{connections}", "--timeout", "30s"]
    command += ["-s", str(BENCH / "wrk_report.lua")]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    return [*command, url]


def _wrk(url: str, headers: dict[str, str], seconds: int, connections: int) -> dict[str, Any]:
    command = _wrk_command(url, headers, connections)
    command = [*command[:-1], f"-d{seconds}s", command[-1]]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    result = json.loads(output.strip().splitlines()[-1])
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    if not result["requests"]:
        raise SystemExit(f"{url}: no request completed in {seconds} s")
    return result


def _setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    # The server's own settings: a session made here must verify there (same SECRET_KEY).
    os.environ["DJANGO_SETTINGS_MODULE"] = "floor_settings"
    os.environ.pop("REDIS_URL", None)
    sys.path[:0] = [str(BENCH), str(ROOT)]
    import django

    django.setup()


def _credentials() -> dict[str, Any]:
    """A token for the API and a session cookie for the pages, for the bench reviewer and
    writer, plus a fact id that carries many links (a hot detail page)."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.models import User
    from django.contrib.sessions.backends.db import SessionStore
    from django.db.models import Count
    from knox.models import AuthToken

    from campaigns.models import EvidenceLink

    found: dict[str, Any] = {}
    for role in ("reviewer", "writer0"):
        user = User.objects.get(username=f"bench-{role}")
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        # Knox reads every token of the user on each request (to drop expired ones): tokens
        # kept from earlier runs would slow later runs, ours and the floors alike.
        AuthToken.objects.filter(user=user).delete()
        found[role] = {
            # The app's tokens (knox, as common/auth.py issues them): the key is shown only now.
            "token": AuthToken.objects.create(user=user)[1],
            "cookie": f"{settings.SESSION_COOKIE_NAME}={session.session_key}",
        }
    hot = EvidenceLink.objects.values("fact_id").annotate(n=Count("id")).order_by("-n").first()
    found["fact"] = hot["fact_id"] if hot else 1
    # The facts list from row 90,001 (of 100,000) on, reached as clients reach it: by the
    # cursor a `next` link carries, made here by the API's own paginator.
    from common.pagination import KeysetPaginator, list_fingerprint
    from evidence.selectors.evidence import fact_list

    facts = fact_list()
    paginator = KeysetPaginator(facts, per_page=50, fingerprint=list_fingerprint(facts, {}))
    position = max(0, int(facts.count() * 0.9) - 1)
    found["deep_cursor"] = paginator.cursor(paginator.queryset[position], forward=True)
    found["deep_position"] = position + 1
    return found


def _start_gunicorn(env: dict[str, str]) -> subprocess.Popen[bytes]:
    """The app as deployed: gunicorn, Redis for the broker and the cache (README)."""
    process = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "config.wsgi",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--log-level",
            "error",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/accounts/login/", timeout=2)
            return process
        except OSError:
            time.sleep(0.5)
    os.killpg(process.pid, signal.SIGKILL)
    raise SystemExit("gunicorn did not start")


def _cases(creds: dict[str, Any]) -> list[tuple[str, str, str, dict[str, str]]]:
    """(label, our URL, floor URL, headers)."""
    reviewer = {"Authorization": f"Token {creds['reviewer']['token']}"}
    page = {"Cookie": creds["reviewer"]["cookie"]}
    fact = creds["fact"]
    return [
        ("GET /api/v1/facts/", "/api/v1/facts/", "/floor/facts/", reviewer),
        (
            "GET /api/v1/evidence-links/?status=proposed",
            "/api/v1/evidence-links/?status=proposed",
            "/floor/review-queue/",
            reviewer,
        ),
        ("GET /api/v1/campaigns/", "/api/v1/campaigns/", "/floor/campaigns/", reviewer),
        ("GET /api/v1/facts/{id}/", f"/api/v1/facts/{fact}/", f"/floor/facts/{fact}/", reviewer),
        ("/review/ page", "/review/", "/floor/review-queue/", page),
        ("/ dashboard", "/", "/floor/campaigns/", page),
        # The same two pages against a bare page in the same layout (bench/floor_urls.py):
        # context for the two rows above, whose target stays the JSON floor.
        ("/review/ page, against a bare page", "/review/", "/floor/pages/review/", page),
        ("/ dashboard, against a bare page", "/", "/floor/pages/dashboard/", page),
        (
            f"GET /api/v1/facts/?cursor=… (after row {creds['deep_position']:,})",
            f"/api/v1/facts/?{urllib.parse.urlencode({'cursor': creds['deep_cursor']})}",
            "/api/v1/facts/",
            reviewer,
        ),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=float, default=0.1)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--seconds", type=int, default=8, help="wrk duration per measurement")
    parser.add_argument("--rounds", type=int, default=2, help="alternations of ours and floor")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--no-generate", action="store_true")
    parser.add_argument("--no-write", action="store_true", help="print only; leave BENCHMARKS.md")
    parser.add_argument(
        "--redis-url",
        default=os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS),
        help="broker and cache of the server and workers; its Celery queues are purged",
    )
    parser.add_argument("--reports", type=int, default=20, help="briefs at once (0: skip)")
    parser.add_argument("--reports-timeout", type=int, default=900, help="seconds")
    parser.add_argument(
        "--brief-messages",
        type=int,
        default=load_reports.MAX_MESSAGES,
        help="the briefs are of the largest campaigns with at most this many messages",
    )
    parser.add_argument("--idle-seconds", type=int, default=20, help="each idle p95 measurement")
    parser.add_argument(
        "--reports-only", action="store_true", help="skip the floors table; print only"
    )
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        help="measure only the requests whose label holds this text (repeatable; implies "
        "--no-write: a partial table must not replace the whole one)",
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("bench_load needs wrk: apt-get install -y wrk (Debian, Ubuntu)")
    if not args.no_generate:
        for script in ("generate_evidence.py", "generate_campaigns.py"):
            subprocess.run(
                [
                    sys.executable,
                    str(BENCH / script),
                    "--scale",
                    str(args.scale),
                    "--database-url",
                    args.database_url,
                ],
                check=True,
            )
    _setup_django(args.database_url)
    creds = _credentials()
    var_dir = Path(tempfile.mkdtemp(prefix="cp-bench-load-"))
    env = load_reports.worker_env(
        database_url=args.database_url, redis_url=args.redis_url, var_dir=var_dir
    )
    server = _start_gunicorn(env)
    rows = []
    loaded: dict[str, Any] | None = None
    workers: list[subprocess.Popen[bytes]] = []
    try:
        base = f"http://127.0.0.1:{PORT}"
        cases = [] if args.reports_only else _cases(creds)
        if args.only:
            cases = [case for case in cases if any(text in case[0] for text in args.only)]
        for label, ours, floor, headers in cases:
            best: dict[str, dict[str, Any]] = {}
            for _ in range(args.rounds):
                for side, url in (("ours", ours), ("floor", floor)):
                    result = _wrk(base + url, headers, args.seconds, args.connections)
                    if result["non_2xx"] or result["errors"]:
                        bad = f"{result['non_2xx']} non-2xx, {result['errors']} errors"
                        print(f"  {label} {side}: {bad}")
                    if side not in best or result["rps"] > best[side]["rps"]:
                        best[side] = result
            o, f = best["ours"], best["floor"]
            row = {
                "request": label,
                "ours_rps": o["rps"],
                "floor_rps": f["rps"],
                "ours_p50": o["p50_us"] / 1000,
                "ours_p95": o["p95_us"] / 1000,
                "floor_p50": f["p50_us"] / 1000,
                "floor_p95": f["p95_us"] / 1000,
                "rps_ratio": o["rps"] / max(f["rps"], 1e-9),
                "p95_ratio": o["p95_us"] / max(1, f["p95_us"]),
            }
            rows.append(row)
            print(
                f"{label:<48} ours {o['rps']:7.1f} req/s "
                f"p50 {row['ours_p50']:6.1f} p95 {row['ours_p95']:6.1f} ms"
                f" | floor {f['rps']:7.1f} req/s p95 {row['floor_p95']:6.1f} ms"
                f" | ×{row['rps_ratio']:.2f} req/s, ×{row['p95_ratio']:.2f} p95",
                flush=True,
            )
        if args.reports:
            workers = load_reports.start_workers(env)
            reviewer = {"Authorization": f"Token {creds['reviewer']['token']}"}
            loaded = load_reports.measure(
                base=base,
                wrk_command=_wrk_command(base + "/api/v1/facts/", reviewer, args.connections),
                idle_seconds=args.idle_seconds,
                token=creds["reviewer"]["token"],
                count=args.reports,
                timeout=args.reports_timeout,
                var_dir=var_dir,
                max_messages=args.brief_messages,
            )
    finally:
        load_reports.stop([*workers, server])
        shutil.rmtree(var_dir, ignore_errors=True)
    command = " ".join(["bench/bench_load.py", *sys.argv[1:]])
    table = _table(rows, command, args) if rows else f"Reproduce: `.venv/bin/python {command}`"
    if loaded is not None:
        table += "\n\n" + load_reports.summary(
            loaded, f"`GET /api/v1/facts/`, wrk -t2 -c{args.connections}, scale {args.scale}"
        )
    print(table)
    # A partial table (--only), or none (--reports-only), must not replace the whole one.
    if not args.no_write and not args.only and rows:
        _write(table)
    if loaded is not None and loaded["problems"]:
        raise SystemExit("Some reports were not built exactly once (see Problems above).")


def _table(rows: list[dict[str, Any]], command: str, args: argparse.Namespace) -> str:
    lines = [
        f"Reproduce: `.venv/bin/python {command}` (scale {args.scale}, "
        f"wrk -t2 -c{args.connections}, {args.seconds} s per measurement, best of {args.rounds} "
        "alternating rounds, gunicorn 2 workers with persistent PostgreSQL connections on "
        'loopback, as production runs). The two rows "against a bare page" measure the same '
        "pages against a bare Django page of the same rows in the app's own layout "
        "(bench/floor_urls.py), for context: the pages' target is their JSON floor. The last "
        "row compares the facts list after row 90,000, reached by a `next` link's cursor, with "
        "its first page (target ≤ 1.5× in time, so ≥ 0.67× in req/s).",
        "",
        "| request | ours req/s | floor req/s | ratio | ours p50 / p95 ms "
        "| floor p50 / p95 ms | p95 ratio |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| `{r['request']}` | {r['ours_rps']:.1f} | {r['floor_rps']:.1f} "
            f"| {r['rps_ratio']:.2f}× | {r['ours_p50']:.1f} / {r['ours_p95']:.1f} "
            f"| {r['floor_p50']:.1f} / {r['floor_p95']:.1f} | {r['p95_ratio']:.2f}× |"
        )
    return "\n".join(lines)


def _write(table: str) -> None:
    path = ROOT / "BENCHMARKS.md"
    text = path.read_text()
    block = f"{BEGIN}\n{table}\n{END}"
    if BEGIN in text and END in text:
        text = text[: text.index(BEGIN)] + block + text[text.index(END) + len(END) :]
    else:
        heading = "## Hot endpoints under load against their floors (`bench/bench_load.py`)"
        text += f"\n{heading}\n\n{block}\n"
    path.write_text(text)


if __name__ == "__main__":
    main()
