"""Writing the audit trail: every service that changes a workflow's state calls `audit_record`.

The field values before and after come from `common.history`, which sees the save itself;
`audit_record` names that same entry (its action, actor and reason) instead of writing a
second one, so one act is one entry.
"""

from collections.abc import Sequence
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import models

from common.history import history_current_actor, history_entry_for
from common.models import AuditEntry

__all__ = ["audit_record", "audit_record_many"]


def _entry(
    *,
    actor: AbstractBaseUser | None,
    action: str,
    target: models.Model,
    comment: str = "",
    data: dict[str, Any] | None = None,
) -> AuditEntry:
    return AuditEntry(
        actor=actor if actor is not None and actor.is_authenticated else None,  # type: ignore[misc]
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        target_repr=str(target)[:300],
        comment=comment,
        data=data or {},
    )


def audit_record_many(
    *,
    actor: AbstractBaseUser | None,
    action: str,
    targets: Sequence[models.Model],
    comment: str = "",
) -> None:
    """The same action on many targets (a batch import), in one query."""
    AuditEntry.objects.bulk_create(
        [_entry(actor=actor, action=action, target=t, comment=comment) for t in targets]
    )


def audit_record(
    *,
    actor: AbstractBaseUser | AnonymousUser | None,
    action: str,
    target: models.Model,
    comment: str = "",
    data: dict[str, Any] | None = None,
    changes: dict[str, list[Any]] | None = None,
) -> AuditEntry:
    who: Any = actor if actor is not None and actor.is_authenticated else history_current_actor()
    entry = history_entry_for(target)
    if entry is not None:
        entry.actor = who
        entry.action = action
        entry.comment = comment
        entry.data = {**entry.data, **(data or {})}
        entry.changes = {**entry.changes, **(changes or {})}
        entry.target_repr = str(target)[:300]
        entry.save(update_fields=["actor", "action", "comment", "data", "changes", "target_repr"])
        return entry
    entry = AuditEntry.objects.create(
        actor=who,
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        target_repr=str(target)[:300],
        comment=comment,
        data=data or {},
        changes=changes or {},
    )
    if not entry.changes:  # a save or delete right after adds its values to this entry
        target.__dict__["_history_named_entry"] = entry
    return entry
