"""Who may use the evidence endpoints: every role reads, Source admins write, Reviewers verify."""

from rest_framework import permissions
from rest_framework.request import Request
from rest_framework.views import APIView

from common.roles import ALL_ROLES, REVIEWERS, SOURCE_ADMINS, has_role

__all__ = ["EvidenceAccess", "ReviewerAccess"]


class EvidenceAccess(permissions.BasePermission):
    """Reading needs one of the three roles (a signed-in user without a role gets 403);
    changing the evidence base needs Source admins."""

    message = "Only Source admins may change the evidence base."

    def has_permission(self, request: Request, view: APIView) -> bool:
        if not has_role(request.user, *ALL_ROLES):
            self.message = "You have no role in Counterpoint; ask an administrator for one."
            return False
        if request.method in permissions.SAFE_METHODS:
            return True
        return has_role(request.user, SOURCE_ADMINS)


class ReviewerAccess(permissions.BasePermission):
    message = "Only Reviewers may do this."

    def has_permission(self, request: Request, view: APIView) -> bool:
        return has_role(request.user, REVIEWERS)
