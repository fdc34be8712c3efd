"""Writing the audit trail: every service that changes a workflow's state calls `audit_record`."""

from collections.abc import Sequence
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import models

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
    actor: AbstractBaseUser | None,
    action: str,
    target: models.Model,
    comment: str = "",
    data: dict[str, Any] | None = None,
) -> AuditEntry:
    entry = _entry(actor=actor, action=action, target=target, comment=comment, data=data)
    entry.save()
    return entry
