"""Demo accounts for `seed_demo`: one user per role, so a newcomer can try every workflow."""

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from common.role_permissions import roles_ensure
from common.roles import COMMUNICATIONS, REVIEWERS, SOURCE_ADMINS

__all__ = ["DEMO_ACCOUNTS", "demo_accounts_ensure"]

DEMO_ACCOUNTS = (
    ("comms", COMMUNICATIONS, "Communications staff: plans campaigns and drafts messages"),
    ("reviewer", REVIEWERS, "Reviewer: approves evidence links and campaigns"),
    ("sourceadmin", SOURCE_ADMINS, "Source admin: manages sources, actors and facts"),
)


@transaction.atomic
def demo_accounts_ensure(*, password: str) -> tuple[list[str], str | None]:
    """Create the demo accounts that are missing.

    With `password` set (DEMO_PASSWORD) every demo account gets it, so re-running is how a
    forgotten password is reset. Without it, new accounts share one generated password that is
    returned (to be printed once) and existing accounts keep theirs.
    Returns the usernames created and the generated password, if one was generated.
    """
    roles_ensure()
    User = get_user_model()
    generated: str | None = None
    created: list[str] = []
    for username, role, _ in DEMO_ACCOUNTS:
        user, was_created = User.objects.get_or_create(
            username=username, defaults={"is_staff": role == SOURCE_ADMINS}
        )
        user.groups.add(Group.objects.get(name=role))
        if password:
            user.set_password(password)
            user.save(update_fields=["password"])
        elif was_created:
            generated = generated or secrets.token_urlsafe(12)
            user.set_password(generated)
            user.save(update_fields=["password"])
        if was_created:
            created.append(username)
    return created, generated
