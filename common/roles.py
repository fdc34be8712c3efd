"""The three roles of PRODUCT.md, stored as Django groups with these exact names (API.md)."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, Group
from django.utils.translation import gettext_noop

from common.compiled import Statement

__all__ = ["ALL_ROLES", "COMMUNICATIONS", "REVIEWERS", "SOURCE_ADMINS", "has_role", "role_names"]

# The exact group names; marked so the pages can name them in the reader's language.
COMMUNICATIONS = gettext_noop("Communications")
REVIEWERS = gettext_noop("Reviewers")
SOURCE_ADMINS = gettext_noop("Source admins")
ALL_ROLES = (COMMUNICATIONS, REVIEWERS, SOURCE_ADMINS)
# Asked on every request (permissions are decided by role): compiled once.
_GROUP_NAMES = Statement(lambda user_id: Group.objects.filter(user=user_id).values_list("name"))


def role_names(user: AbstractBaseUser | AnonymousUser) -> frozenset[str]:
    """The user's role names, read once per user object (permission checks ask many times)."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_counterpoint_roles", None)
    if cached is None:
        cached = frozenset(name for (name,) in _GROUP_NAMES.rows(user_id=user.pk))
        user._counterpoint_roles = cached  # type: ignore[union-attr,attr-defined]
    return cached


def has_role(user: AbstractBaseUser | AnonymousUser, *roles: str) -> bool:
    """True if the user holds any of `roles`; a superuser holds every role."""
    if not user.is_authenticated:
        return False
    if getattr(user, "is_superuser", False):
        return True
    return bool(role_names(user) & set(roles))
