"""Seeing a change's consequence before making it: the real services, rolled back.

A preview must follow the same rules as the change itself (recomputed figures, conflicts,
status, and whatever other apps do when `evidence_changed` is sent), so it is not computed by a
second copy of the rules: the change is run by its service inside a transaction, `observe`
reads what it did, and the transaction is rolled back. Callbacks registered with
`transaction.on_commit` inside it are discarded with it, so no task is sent.
"""

from collections.abc import Callable

from django.db import transaction

__all__ = ["change_rehearse"]


class _RollBack(Exception):
    """Raised to leave the rehearsal's transaction without committing it."""


def change_rehearse[Done, Seen](
    *, change: Callable[[], Done], observe: Callable[[Done], Seen]
) -> Seen:
    """Run `change()`, then `observe(its result)` while the change is still visible, and roll
    both back. A domain error raised by the change propagates unchanged (nothing was written)."""
    seen: list[Seen] = []
    try:
        with transaction.atomic():
            seen.append(observe(change()))
            raise _RollBack
    except _RollBack:
        pass
    return seen[0]
