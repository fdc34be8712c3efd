"""A person's notifications: only their own, ever."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Count, QuerySet

from campaigns.models import Notification
from common.compiled import Statement

__all__ = ["notification_list_for", "notification_unread_count"]


def notification_list_for(*, user: AbstractBaseUser | AnonymousUser) -> QuerySet[Notification]:
    """Newest first, with the actor each line names."""
    if not user.is_authenticated:
        return Notification.objects.none()
    return (
        Notification.objects.filter(recipient_id=user.pk)
        .select_related("actor")
        .order_by("-created_at", "-id")
    )


# Every page's header shows it: compiled once. Grouped by recipient, so no unread row, no row.
_UNREAD = Statement(
    lambda user_id: (
        Notification.objects.filter(recipient_id=user_id, read_at=None)
        .values("recipient_id")
        .annotate(unread=Count("id"))
        .values_list("unread")
    )
)


def notification_unread_count(*, user: AbstractBaseUser | AnonymousUser) -> int:
    if not user.is_authenticated:
        return 0
    rows = _UNREAD.rows(user_id=user.pk)
    return rows[0][0] if rows else 0
