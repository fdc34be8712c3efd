"""Who may do what, by role: the one place the API, the pages, the reports, the exports and the
admin ask. A second copy of any of these rules is how a page once answered 200 where the API
answered 403; never re-derive them elsewhere.

Per-object rules build on these: `campaigns.selectors.campaigns.campaign_visible_filter` (the
campaigns a user sees) and `reports.selectors.reports.report_list_visible`.
"""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from common.roles import ALL_ROLES, COMMUNICATIONS, REVIEWERS, SOURCE_ADMINS, has_role

__all__ = [
    "NOT_PLANNER_MESSAGE",
    "NOT_REVIEWER_MESSAGE",
    "NOT_SOURCE_ADMIN_MESSAGE",
    "NO_ROLE_MESSAGE",
    "may_change_evidence",
    "may_manage_roles",
    "may_plan_campaigns",
    "may_read_audit",
    "may_review",
    "may_use_admin",
    "may_use_counterpoint",
    "sees_every_campaign",
]

AnyUser = AbstractBaseUser | AnonymousUser

# The refusals, in the words both the API (403 `detail`) and the pages (the 403 page) use.
NO_ROLE_MESSAGE = "You have no role in Counterpoint; ask an administrator for one."
NOT_SOURCE_ADMIN_MESSAGE = "Only Source admins may change the evidence base."
NOT_REVIEWER_MESSAGE = "Only Reviewers may do this."
NOT_PLANNER_MESSAGE = "Only Communications users may plan campaigns."


def may_use_counterpoint(user: AnyUser) -> bool:
    """Any page or endpoint beyond signing in needs one of the three roles: a signed-in user
    without a role reads nothing (403), neither evidence nor campaigns nor reports."""
    return has_role(user, *ALL_ROLES)


def may_change_evidence(user: AnyUser) -> bool:
    """Sources, excerpts, facts, actors, imports and the theme catalogue: Source admins."""
    return has_role(user, SOURCE_ADMINS)


def may_review(user: AnyUser) -> bool:
    """The review queue, fact verification and conflict resolution, campaign approval."""
    return has_role(user, REVIEWERS)


def may_plan_campaigns(user: AnyUser) -> bool:
    """Creating a campaign (its owner must be a Communications user) and joining a team."""
    return has_role(user, COMMUNICATIONS)


def sees_every_campaign(user: AnyUser) -> bool:
    """Reviewers and Source admins (and superusers) see every campaign; Communications users
    see those they own or are on the team of."""
    return has_role(user, REVIEWERS, SOURCE_ADMINS)


def may_manage_roles(user: AnyUser) -> bool:
    """Giving roles and staff status, resetting passwords: superusers, or whoever a superuser
    granted `common.manage_roles`. Never on one's own account (the admin checks that)."""
    if not user.is_authenticated or not user.is_active:
        return False
    return bool(user.is_superuser or user.has_perm("common.manage_roles"))  # type: ignore[union-attr,attr-defined]


def may_read_audit(user: AnyUser) -> bool:
    """The audit trail (the /audit/ page, the admin's audit list): Source admins, superusers."""
    return has_role(user, SOURCE_ADMINS)


def may_use_admin(user: AnyUser) -> bool:
    """The Django admin: staff status (which only a superuser gives) and a role. A role alone
    is not enough: Communications users get no admin unless a superuser makes them staff."""
    staff = bool(user.is_authenticated and user.is_active and getattr(user, "is_staff", False))
    return staff and (may_use_counterpoint(user) or may_manage_roles(user))
