"""The model permissions each role holds, and the one function that creates the role groups.

Used by the data migration (common/0002_roles) and by `seed_demo`; idempotent, so it also
repairs a database whose groups were deleted (the test suite flushes them between
transactional tests).
"""

from django.apps import apps as global_apps
from django.apps.registry import Apps
from django.contrib.auth.management import create_permissions

from common.roles import COMMUNICATIONS, REVIEWERS, SOURCE_ADMINS

__all__ = ["ROLE_PERMISSIONS", "roles_ensure"]

_EVIDENCE = [
    "source",
    "excerpt",
    "figurereport",
    "actor",
    "actoralias",
    "fact",
    "conflictresolution",
]
_CAMPAIGNS = [
    "theme",
    "campaign",
    "message",
    "messagerevision",
    "evidencelink",
    "evidencelinkreview",
]

ROLE_PERMISSIONS: dict[str, list[tuple[str, str, str]]] = {
    COMMUNICATIONS: [
        *[("evidence", m, "view") for m in _EVIDENCE],
        ("campaigns", "theme", "view"),
        *[
            ("campaigns", m, a)
            for m in ("campaign", "message", "evidencelink")
            for a in ("view", "add", "change")
        ],
        ("reports", "report", "view"),
        ("reports", "report", "add"),
    ],
    REVIEWERS: [
        *[("evidence", m, "view") for m in _EVIDENCE],
        ("evidence", "fact", "change"),
        ("evidence", "conflictresolution", "add"),
        *[("campaigns", m, "view") for m in _CAMPAIGNS],
        ("campaigns", "evidencelink", "change"),
        ("campaigns", "campaign", "change"),
        ("reports", "report", "view"),
        ("reports", "report", "add"),
    ],
    SOURCE_ADMINS: [
        *[("evidence", m, a) for m in _EVIDENCE for a in ("view", "add", "change", "delete")],
        *[("campaigns", "theme", a) for a in ("view", "add", "change", "delete")],
        *[("campaigns", m, "view") for m in _CAMPAIGNS],
        ("reports", "report", "view"),
        ("reports", "report", "add"),
        *[("auth", m, a) for m in ("user", "group") for a in ("view", "add", "change")],
    ],
}


def roles_ensure(*, apps: Apps = global_apps) -> None:
    """Create the three role groups with their permissions; add whatever is missing."""
    for app_label in ("auth", "evidence", "campaigns", "reports"):
        create_permissions(global_apps.get_app_config(app_label), verbosity=0, apps=apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, grants in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, model, action in grants:
            permission = Permission.objects.get(
                content_type__app_label=app_label, codename=f"{action}_{model}"
            )
            group.permissions.add(permission)
