"""Who may use the evidence endpoints: every role reads, Source admins write, Reviewers verify
(`common.api.IsReviewer`). The rules themselves live in `common.access`."""

from rest_framework.request import Request
from rest_framework.views import APIView

from common.permissions import HasRole, IsSourceAdminOrReadOnly

__all__ = ["EvidenceAccess"]


class EvidenceAccess(IsSourceAdminOrReadOnly):
    """Reading needs one of the three roles (a signed-in user without a role gets 403);
    changing the evidence base needs Source admins."""

    def has_permission(self, request: Request, view: APIView) -> bool:
        role = HasRole()
        if not role.has_permission(request, view):
            self.message = role.message
            return False
        return super().has_permission(request, view)
