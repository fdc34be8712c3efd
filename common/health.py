"""`GET /healthz`: is the database reachable, the broker reachable, and is any worker alive?

Left unauthenticated on purpose: load balancers and orchestrators probe it without credentials,
and it reveals nothing but up/down and a worker count. Because anyone may call it, the probe
(a broker connection and a second of waiting for workers to answer) runs at most once every
`HEALTHZ_CACHE_SECONDS` per process; other calls get that answer.
"""

import threading
import time
from typing import Any

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from config.celery_app import app as celery_app

__all__ = ["health_cache_clear", "health_check", "health_check_cached", "healthz"]

_lock = threading.Lock()
_cached: tuple[float, dict[str, Any]] | None = None


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        return False


def _broker_ok() -> bool:
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return True
    except Exception:
        return False


def _live_workers() -> int:
    try:
        replies = celery_app.control.inspect(timeout=1.0).ping() or {}
    except Exception:
        return 0
    return len(replies)


def health_check() -> dict[str, Any]:
    """Each component's state; `down` names whatever is not working."""
    database = _database_ok()
    broker = _broker_ok()
    workers = _live_workers() if broker else 0
    result: dict[str, Any] = {
        "database": "ok" if database else "down",
        "broker": "ok" if broker else "down",
        "workers": workers,
    }
    down = [name for name, ok in (("database", database), ("broker", broker)) if not ok]
    if workers == 0:
        down.append("workers")
    if down:
        result["down"] = down
    return result


def health_check_cached() -> dict[str, Any]:
    """`health_check()`, probed at most once every `HEALTHZ_CACHE_SECONDS` (one probe at a
    time: concurrent callers wait for it and share its answer)."""
    global _cached
    max_age = getattr(settings, "HEALTHZ_CACHE_SECONDS", 5)
    with _lock:
        if _cached is None or time.monotonic() - _cached[0] >= max_age:
            _cached = (time.monotonic(), health_check())
        return dict(_cached[1])


def health_cache_clear() -> None:
    global _cached
    with _lock:
        _cached = None


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    result = health_check_cached()
    return JsonResponse(result, status=503 if "down" in result else 200)
