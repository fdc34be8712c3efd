"""The navigation's unread count (one COUNT query, only for signed-in users)."""

from typing import Any

from django import template

from campaigns.selectors.notifications import notification_unread_count

register = template.Library()

__all__ = ["inbox_unread"]


@register.simple_tag
def inbox_unread(user: Any) -> int:
    return notification_unread_count(user=user)
