"""Writing the audit trail: every service that changes a workflow's state calls `audit_record`."""

from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import models

from common.models import AuditEntry

__all__ = ["audit_record"]


def audit_record(
    *,
    actor: AbstractBaseUser | None,
    action: str,
    target: models.Model,
    comment: str = "",
    data: dict[str, Any] | None = None,
) -> AuditEntry:
    return AuditEntry.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,  # type: ignore[misc]
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        target_repr=str(target)[:300],
        comment=comment,
        data=data or {},
    )
