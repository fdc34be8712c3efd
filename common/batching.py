"""Derived work done once per service call, however many of its steps ask for it.

A write to the evidence touches a fact several times (its row, who claimed it, its recomputed
figures, the change announcement), and each touch used to re-run the claim checks over every
link on the fact: three to four passes per `fact_update`. Inside `batch()` (services enter it
through `@batched`, under their `transaction.atomic`) such work is collected and run once, at the
end of the outermost service, still inside its transaction, so the flags commit or roll back
with the change that caused them. Outside a batch (an admin save, a shell) it runs at once.
"""

import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import Any

__all__ = ["batch", "batched", "once_per_batch"]

Work = Callable[[set[Any]], None]

_local = threading.local()


def _pending() -> dict[Work, set[Any]] | None:
    return getattr(_local, "pending", None)


@contextmanager
def batch() -> Iterator[None]:
    """Collect `once_per_batch` work until the outermost batch ends, then run it; work that
    queues more work (a recompute announcing a change) is run in the same flush."""
    if _pending() is not None:
        yield
        return
    _local.pending = {}
    try:
        yield
        pending = _pending()
        while pending:
            work = next(iter(pending))
            work(pending.pop(work))
    finally:
        _local.pending = None


def batched[**P, R](service: Callable[P, R]) -> Callable[P, R]:
    """Run `service` inside `batch()`; put it under `@transaction.atomic`."""

    @wraps(service)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with batch():
            return service(*args, **kwargs)

    return wrapper


def once_per_batch(work: Work, ids: Iterable[Any]) -> None:
    """Run `work(ids)` at the end of the current batch, merged with every other request for
    the same `work` (a module-level function) in it; at once when no batch is open."""
    pending = _pending()
    if pending is None:
        work(set(ids))
        return
    pending.setdefault(work, set()).update(ids)
