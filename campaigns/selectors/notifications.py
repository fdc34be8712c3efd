"""A person's notifications: only their own, ever."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import QuerySet

from campaigns.models import Notification

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


def notification_unread_count(*, user: AbstractBaseUser | AnonymousUser) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient_id=user.pk, read_at=None).count()
