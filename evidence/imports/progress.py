"""How far a running import has got, readable while its transaction is still open.

The import service writes everything in one transaction (all or nothing), so a progress count
written to the database from inside it would stay invisible until the end, and SQLite would not
even let a second connection write beside it. The live count therefore goes to Redis when the
app has one (REDIS_URL), else to a small file under VAR_DIR (one host, as the embedded broker);
the run's row gets the final count when the worker finishes.
"""

import json
import os
import time
from pathlib import Path

from django.conf import settings

__all__ = ["ProgressWriter", "progress_clear", "progress_read"]

# Rewrite at most this often: a 20,000-row file must not spend its time reporting.
WRITE_EVERY_SECONDS = 0.25
KEY_TTL_SECONDS = 24 * 3600


def _redis():  # type: ignore[no-untyped-def]
    import redis

    return redis.Redis.from_url(settings.REDIS_URL)


def _path(run_id: int) -> Path:
    return Path(settings.VAR_DIR) / "import-progress" / f"{run_id}.json"


def _key(run_id: int) -> str:
    return f"counterpoint:import-progress:{run_id}"


def _write(run_id: int, done: int, total: int) -> None:
    value = json.dumps({"done": done, "total": total})
    if settings.REDIS_URL:
        _redis().set(_key(run_id), value, ex=KEY_TTL_SECONDS)
        return
    path = _path(run_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".tmp")
    partial.write_text(value)
    os.replace(partial, path)  # readers never see half a file


def progress_read(run_id: int) -> tuple[int, int] | None:
    """(rows done, rows in all) of a running import, or None when nothing was reported."""
    try:
        if settings.REDIS_URL:
            raw = _redis().get(_key(run_id))
            if raw is None:
                return None
            data = json.loads(raw)
        else:
            data = json.loads(_path(run_id).read_text())
        return int(data["done"]), int(data["total"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def progress_clear(run_id: int) -> None:
    if settings.REDIS_URL:
        _redis().delete(_key(run_id))
    else:
        _path(run_id).unlink(missing_ok=True)


class ProgressWriter:
    """The service's `progress(done, total)` callback, throttled."""

    def __init__(self, run_id: int) -> None:
        self.run_id = run_id
        self._last = 0.0

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done >= total or now - self._last >= WRITE_EVERY_SECONDS:
            self._last = now
            _write(self.run_id, done, total)
        if settings.INCIDENT_IMPORT_PROGRESS_PAUSE and done < total:
            time.sleep(settings.INCIDENT_IMPORT_PROGRESS_PAUSE)
