"""The API's role permissions: thin wrappers over `common.access`, the one place the rules live.

Kept apart from `common.api` because DRF imports the default permission class while it loads
its own views.
"""

from typing import TYPE_CHECKING

from rest_framework import permissions

from common.access import (
    NO_ROLE_MESSAGE,
    NOT_REVIEWER_MESSAGE,
    NOT_SOURCE_ADMIN_MESSAGE,
    may_change_evidence,
    may_review,
    may_use_counterpoint,
)

if TYPE_CHECKING:
    from rest_framework.request import Request
    from rest_framework.views import APIView

__all__ = ["HasRole", "IsReviewer", "IsSourceAdmin", "IsSourceAdminOrReadOnly"]


class HasRole(permissions.IsAuthenticated):
    """The default for every endpoint: signed in (else 401) and holding a role (else 403), the
    same rule as every page (`common.access.may_use_counterpoint`)."""

    message = NO_ROLE_MESSAGE

    def has_permission(self, request: "Request", view: "APIView") -> bool:
        return super().has_permission(request, view) and may_use_counterpoint(request.user)


class IsSourceAdminOrReadOnly(permissions.BasePermission):
    """Every role reads; Source admins write (sources, actors, facts, excerpts, themes)."""

    message = NOT_SOURCE_ADMIN_MESSAGE

    def has_permission(self, request: "Request", view: "APIView") -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        return may_change_evidence(request.user)


class IsSourceAdmin(permissions.BasePermission):
    message = "Only Source admins may do this."

    def has_permission(self, request: "Request", view: "APIView") -> bool:
        return may_change_evidence(request.user)


class IsReviewer(permissions.BasePermission):
    message = NOT_REVIEWER_MESSAGE

    def has_permission(self, request: "Request", view: "APIView") -> bool:
        return may_review(request.user)
