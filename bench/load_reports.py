"""Reports under load, for bench/bench_load.py: the p95 of a hot list while 20 PDF campaign
briefs are requested at once through the API and built by real Celery workers, started here as
Procfile.dev starts them (a default-queue worker, and the pool on the `reports` queue, which
lowers its own CPU priority: REPORTS_WORKER_NICENESS),
against the same database and a Redis broker. Compared with the idle p95 measured in the same
run, before and after; then checks that every report was built exactly once (status
succeeded, one attempt, one `report.succeeded` audit entry, one file with the recorded digest).
"""

import hashlib
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
# bench_reports.py measures a brief of 200 messages at ≤ 30 s; the archive's busiest
# campaigns hold thousands, which would measure one giant PDF instead of 20 ordinary ones.
MAX_MESSAGES = 200


def brief_campaigns(count: int, max_messages: int = MAX_MESSAGES) -> list[int]:
    """The `count` largest campaigns with at most `max_messages` messages, so the briefs are
    real work of a realistic size."""
    from django.db.models import Count

    from campaigns.models import Campaign

    rows = (
        Campaign.objects.annotate(n=Count("messages"))
        .filter(n__gt=0, n__lte=max_messages)
        .order_by("-n", "id")
        .values_list("id", flat=True)
    )
    found = list(rows[:count])
    if len(found) < count:  # a tiny archive: repeat campaigns rather than measure fewer
        everything = list(Campaign.objects.order_by("id").values_list("id", flat=True))
        found += [everything[n % len(everything)] for n in range(count - len(found))]
    return found


def worker_env(*, database_url: str, redis_url: str, var_dir: Path) -> dict[str, str]:
    """What the server and the workers share: database, broker, settings and reports folder."""
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "DJANGO_SETTINGS_MODULE": "floor_settings",
        "PYTHONPATH": f"{BENCH}:{ROOT}",
        "DJANGO_DEBUG": "false",
        "COUNTERPOINT_VAR_DIR": str(var_dir),
        "REPORTS_ROOT": str(var_dir / "reports"),
    }


def _celery(*args: str) -> list[str]:
    return [str(Path(sys.executable).with_name("celery")), "-A", "config", *args]


def reports_concurrency() -> int:
    """The reports pool's size in Procfile.dev, which the benchmark runs as `make run` does."""
    for line in (ROOT / "Procfile.dev").read_text().splitlines():
        if line.startswith("reports:"):
            found = re.search(r"--concurrency (\d+)", line)
            if found:
                return int(found.group(1))
    raise SystemExit("Procfile.dev has no reports worker with --concurrency.")


def start_workers(env: dict[str, str]) -> list[subprocess.Popen[bytes]]:
    """The two workers of Procfile.dev, with host names of the benchmark's own; the queues are
    emptied first so a task left by an interrupted run cannot count."""
    subprocess.run(_celery("purge", "-f", "-Q", "celery,reports"), env=env, cwd=ROOT, check=True)
    host = socket.gethostname()
    names = [f"bench-worker@{host}", f"bench-reports@{host}"]
    commands = [
        _celery("worker", "--queues", "celery", "--concurrency", "1", "--hostname", names[0]),
        _celery(
            "worker",
            "--queues",
            "reports",
            "--concurrency",
            str(reports_concurrency()),
            "--hostname",
            names[1],
        ),
    ]
    workers = [
        # The banner goes to stdout; warnings and errors (stderr) stay on the terminal.
        subprocess.Popen(
            [*command, "--loglevel", "WARNING"],
            cwd=ROOT,
            env=env,
            start_new_session=True,
            stdout=subprocess.DEVNULL,
        )
        for command in commands
    ]
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        answer = subprocess.run(
            _celery("inspect", "ping", "--timeout", "2", "--json"),
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        if all(name in answer.stdout for name in names):
            return workers
        time.sleep(1)
    stop(workers)
    raise SystemExit("The Celery workers did not answer a ping within 90 s.")


def stop(processes: list[subprocess.Popen[bytes]]) -> None:
    for process in processes:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def _request_brief(base: str, token: str, campaign: int) -> int:
    body = json.dumps({"kind": "campaign_brief", "format": "pdf", "campaign": campaign}).encode()
    # `base` is the benchmark's own server on loopback (http://127.0.0.1:…), never user input.
    request = urllib.request.Request(  # noqa: S310
        f"{base}/api/v1/reports/",
        data=body,
        method="POST",
        headers={"Authorization": f"Token {token}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
        if response.status != 202:
            raise SystemExit(f"POST /api/v1/reports/ answered {response.status}")
        return int(json.loads(response.read())["id"])


def _wrk_until_stopped(command: list[str]) -> subprocess.Popen[str]:
    """wrk with a long duration; SIGINT makes it stop and still print its summary."""
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _wrk_result(process: subprocess.Popen[str]) -> dict[str, Any]:
    process.send_signal(signal.SIGINT)
    output, errors = process.communicate(timeout=60)
    lines = [line for line in output.strip().splitlines() if line.startswith("{")]
    if not lines:
        raise SystemExit(f"wrk printed no summary: {output}\n{errors}")
    result: dict[str, Any] = json.loads(lines[-1])
    result["rps"] = result["requests"] / max(result["duration_us"] / 1e6, 1e-9)
    return result


def _wait_finished(ids: list[int], timeout: float) -> float:
    """Seconds until every report is succeeded or failed (raises after `timeout`)."""
    from reports.models import Report

    started = time.perf_counter()
    finished = {Report.Status.SUCCEEDED, Report.Status.FAILED}
    while time.perf_counter() - started < timeout:
        statuses = list(Report.objects.filter(pk__in=ids).values_list("status", flat=True))
        if len(statuses) == len(set(ids)) and set(statuses) <= finished:
            return time.perf_counter() - started
        time.sleep(0.5)
    raise SystemExit(f"The reports did not all finish within {timeout:.0f} s.")


def _check_once(ids: list[int], var_dir: Path) -> dict[str, Any]:
    """Each report succeeded exactly once: one attempt, one `report.succeeded` entry, one file
    whose digest is the recorded one, and no other file in the reports folder."""
    from django.db.models import Count

    from common.models import AuditEntry
    from reports.models import Report

    reports = list(Report.objects.filter(pk__in=ids))
    successes = dict(
        AuditEntry.objects.filter(
            action="report.succeeded", target_type="reports.report", target_id__in=map(str, ids)
        )
        .values_list("target_id")
        .annotate(n=Count("id"))
    )
    folder = var_dir / "reports"
    files = sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []
    problems = []
    for report in reports:
        path = folder / report.file if report.file else None
        if report.status != Report.Status.SUCCEEDED:
            problems.append(f"#{report.pk} {report.status}: {report.error[:200]}")
        elif report.attempts != 1 or successes.get(str(report.pk)) != 1:
            problems.append(
                f"#{report.pk}: {report.attempts} attempts, "
                f"{successes.get(str(report.pk), 0)} report.succeeded entries"
            )
        elif path is None or not path.is_file():
            problems.append(f"#{report.pk}: no file {report.file!r}")
        elif hashlib.sha256(path.read_bytes()).hexdigest() != report.sha256:
            problems.append(f"#{report.pk}: the file's digest is not the recorded one")
    if len(files) != len(ids):
        problems.append(f"{len(files)} files in {folder} for {len(ids)} reports")
    succeeded = sum(r.status == Report.Status.SUCCEEDED for r in reports)
    build = [
        (r.finished_at - r.started_at).total_seconds()
        for r in reports
        if r.started_at and r.finished_at
    ]
    return {
        "succeeded": succeeded,
        "files": len(files),
        "problems": problems,
        "mean_build_s": sum(build) / len(build) if build else 0.0,
        "bytes": sum(r.size or 0 for r in reports),
    }


def measure(
    *,
    base: str,
    wrk_command: list[str],
    idle_seconds: int,
    token: str,
    count: int,
    timeout: float,
    var_dir: Path,
    max_messages: int = MAX_MESSAGES,
) -> dict[str, Any]:
    """Idle p95, then p95 from the moment `count` briefs are requested at once until the last
    one is finished, then idle again. `wrk_command` lacks only its duration."""
    campaigns = brief_campaigns(count, max_messages)

    def idle() -> dict[str, Any]:
        process = _wrk_until_stopped([*wrk_command[:-1], "-d3600s", wrk_command[-1]])
        time.sleep(idle_seconds)
        return _wrk_result(process)

    before = idle()
    process = _wrk_until_stopped([*wrk_command[:-1], "-d3600s", wrk_command[-1]])
    try:
        time.sleep(1)  # wrk's connections are open and busy before the burst
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=count) as pool:
            ids = list(pool.map(lambda c: _request_brief(base, token, c), campaigns))
        _wait_finished(ids, timeout)
        elapsed = time.perf_counter() - started
    finally:
        during = _wrk_result(process)
    after = idle()
    checked = _check_once(ids, var_dir)
    idle_p95 = (before["p95_us"] + after["p95_us"]) / 2 / 1000
    return {
        "count": count,
        "max_messages": max_messages,
        "idle_p95_before": before["p95_us"] / 1000,
        "idle_p95_after": after["p95_us"] / 1000,
        "idle_p95": idle_p95,
        "idle_rps": (before["rps"] + after["rps"]) / 2,
        "loaded_p95": during["p95_us"] / 1000,
        "loaded_rps": during["rps"],
        "loaded_errors": during["errors"] + during["non_2xx"],
        "ratio": during["p95_us"] / 1000 / max(idle_p95, 1e-9),
        "seconds": elapsed,
        **checked,
    }


def summary(result: dict[str, Any], label: str) -> str:
    from django.conf import settings

    niceness = settings.REPORTS_WORKER_NICENESS
    verdict = "met" if result["ratio"] <= 1.3 and not result["problems"] else "NOT met"
    lines = [
        f"Reports under load ({label}): {result['count']} PDF campaign briefs (the largest "
        f"campaigns of at most {result['max_messages']} messages) requested at once "
        "through `POST /api/v1/reports/`, built by a Celery worker pool on the `reports` queue "
        f"(REPORTS_WORKER_NICENESS {niceness}, concurrency {reports_concurrency()}, "
        "as Procfile.dev) while wrk loads the list.",
        "",
        "| idle p95 (before / after) | p95 while reports build | ratio (target ≤ 1.3×) "
        "| reports succeeded once | all done in | mean build |",
        "|---|---|---|---|---|---|",
        f"| {result['idle_p95']:.1f} ms ({result['idle_p95_before']:.1f} / "
        f"{result['idle_p95_after']:.1f}) | {result['loaded_p95']:.1f} ms "
        f"| {result['ratio']:.2f}× ({verdict}) "
        f"| {result['succeeded']}/{result['count']} ({result['files']} files) "
        f"| {result['seconds']:.1f} s | {result['mean_build_s']:.1f} s |",
    ]
    if result["loaded_errors"]:
        lines.append(f"\nwrk saw {result['loaded_errors']} errors or non-2xx answers meanwhile.")
    if result["problems"]:
        lines.append("\nProblems: " + "; ".join(result["problems"]))
    return "\n".join(lines)
