"""Template context every page needs: the user's roles for the header, and what the
navigation may offer them (the same predicates the views check, so no link leads to a 403)."""

from django.http import HttpRequest
from django.utils.translation import gettext

from common.access import (
    may_change_evidence,
    may_plan_campaigns,
    may_read_audit,
    may_review,
    may_use_admin,
    may_use_counterpoint,
)
from common.roles import ALL_ROLES, role_names

__all__ = ["roles"]


def roles(request: HttpRequest) -> dict[str, object]:
    """`roles`: the user's roles in the catalogue's order, in the reader's language (empty for
    anonymous visitors);
    `can`: what the navigation and the pages may offer (`can.use`, `can.review`,
    `can.change_evidence`, `can.plan`).

    A superuser holds every role, so the header says so instead of listing no group at all.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"roles": [], "can": {}}
    can = {
        "use": may_use_counterpoint(user),
        "review": may_review(user),
        "change_evidence": may_change_evidence(user),
        "plan": may_plan_campaigns(user),
        "read_audit": may_read_audit(user),
        "admin": may_use_admin(user),
    }
    names = ALL_ROLES if user.is_superuser else role_names(user)
    return {"roles": [gettext(name) for name in ALL_ROLES if name in names], "can": can}
