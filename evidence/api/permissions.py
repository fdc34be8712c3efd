"""Who may use the evidence endpoints: every role reads, Source admins write, Reviewers verify
(`common.api.IsReviewer`)."""

from rest_framework.request import Request
from rest_framework.views import APIView

from common.api import IsSourceAdminOrReadOnly
from common.roles import ALL_ROLES, has_role

__all__ = ["EvidenceAccess"]


class EvidenceAccess(IsSourceAdminOrReadOnly):
    """Reading needs one of the three roles (a signed-in user without a role gets 403);
    changing the evidence base needs Source admins."""

    def has_permission(self, request: Request, view: APIView) -> bool:
        if not has_role(request.user, *ALL_ROLES):
            self.message = "You have no role in Counterpoint; ask an administrator for one."
            return False
        return super().has_permission(request, view)
