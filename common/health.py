"""`GET /healthz`: is the database reachable, the broker reachable, and is any worker alive?

Left unauthenticated on purpose: load balancers and orchestrators probe it without credentials,
and it reveals nothing but up/down and a worker count.
"""

from typing import Any

from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from config.celery_app import app as celery_app

__all__ = ["health_check", "healthz"]


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


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    result = health_check()
    return JsonResponse(result, status=503 if "down" in result else 200)
