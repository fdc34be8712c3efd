"""Reading the audit trail (the /audit/ page and the admin)."""

import datetime

from django.db.models import QuerySet

from common.models import AuditEntry

__all__ = ["audit_entry_list", "audit_kinds"]


def audit_kinds() -> list[str]:
    """The kinds of object the trail holds entries for, e.g. `evidence.source`."""
    return sorted(set(AuditEntry.objects.values_list("target_type", flat=True).distinct()))


def audit_entry_list(
    *,
    kind: str = "",
    actor: str = "",
    target_id: str = "",
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
) -> QuerySet[AuditEntry]:
    """Entries newest first, narrowed by object kind, actor's user name, object id and day."""
    entries = AuditEntry.objects.select_related("actor").order_by("-created_at", "-id")
    if kind:
        entries = entries.filter(target_type=kind)
    if actor:
        entries = entries.filter(actor__username__iexact=actor)
    if target_id:
        entries = entries.filter(target_id=target_id)
    if date_from:
        entries = entries.filter(created_at__date__gte=date_from)
    if date_to:
        entries = entries.filter(created_at__date__lte=date_to)
    return entries
