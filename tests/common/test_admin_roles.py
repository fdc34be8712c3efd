"""Role administration cannot be used to climb: roles, staff status and passwords are for
superusers and for role managers a superuser named (`common.manage_roles`), never on one's own
account; superuser status, single permissions and what a role may do are for superusers only.
Every change lands in the audit trail with its values before and after."""

from typing import Any, cast

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.test import Client

from common.models import AuditEntry
from common.roles import COMMUNICATIONS, REVIEWERS, SOURCE_ADMINS
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def make_user(**fields: Any) -> User:
    return cast(User, UserFactory(**fields))


def signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def staff_source_admin(source_admin):  # type: ignore[no-untyped-def]
    source_admin.is_staff = True
    source_admin.save(update_fields=["is_staff"])
    return source_admin


@pytest.fixture
def root(db):  # type: ignore[no-untyped-def]
    return make_user(username="root", is_staff=True, is_superuser=True)


@pytest.fixture
def role_manager(db):  # type: ignore[no-untyped-def]
    """Staff, no role, but granted `common.manage_roles` by a superuser."""
    user = make_user(username="manager", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="manage_roles"))
    return User.objects.get(pk=user.pk)


def change_form(user: Any, **extra: object) -> dict[str, object]:
    body: dict[str, object] = {
        "username": user.username,
        "is_active": "on",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "00:00:00",
        "initial-date_joined_0": "2026-01-01",
        "initial-date_joined_1": "00:00:00",
        "groups": [str(g.pk) for g in user.groups.all()],
    }
    if user.is_staff:
        body["is_staff"] = "on"
    body.update(extra)
    return body


def role_names(user: Any) -> list[str]:
    return sorted(User.objects.get(pk=user.pk).groups.values_list("name", flat=True))


def test_a_source_admin_can_give_nobody_a_role_staff_status_or_superuser(staff_source_admin):
    client = signed_in(staff_source_admin)
    other = User.objects.create_user("newcomer")
    reviewers = Group.objects.get(name=REVIEWERS)
    delete_users = Permission.objects.get(codename="delete_user")
    for user in (other, staff_source_admin):
        before = role_names(user)
        response = client.post(
            f"/admin/auth/user/{user.pk}/change/",
            change_form(
                user,
                groups=[str(reviewers.pk)],
                is_staff="on",
                is_superuser="on",
                user_permissions=[str(delete_users.pk)],
            ),
        )
        assert response.status_code == 302, response.content.decode()[:2000]
        user.refresh_from_db()
        assert role_names(user) == before
        assert not user.is_superuser
        assert not user.user_permissions.exists()
    other.refresh_from_db()
    assert not other.is_staff


def test_a_source_admin_cannot_reset_anyones_password_nor_add_accounts(staff_source_admin):
    client = signed_in(staff_source_admin)
    reviewer = make_user(username="rev", roles=[REVIEWERS])
    reviewer.set_password("old password")
    reviewer.save()
    posted = client.post(
        f"/admin/auth/user/{reviewer.pk}/password/",
        {"password1": "Taken0ver!xyz", "password2": "Taken0ver!xyz", "usable_password": "true"},
    )
    assert posted.status_code == 403
    reviewer.refresh_from_db()
    assert reviewer.check_password("old password")
    assert client.get("/admin/auth/user/add/").status_code == 403


def test_a_source_admin_cannot_touch_a_superusers_account(staff_source_admin, root):
    root.set_password("old password")
    root.save()
    client = signed_in(staff_source_admin)

    page = client.get(f"/admin/auth/user/{root.pk}/password/")
    posted = client.post(
        f"/admin/auth/user/{root.pk}/password/",
        {"password1": "Taken0ver!xyz", "password2": "Taken0ver!xyz", "usable_password": "true"},
    )

    assert page.status_code == 403
    assert posted.status_code == 403
    root.refresh_from_db()
    assert root.check_password("old password")


def test_only_a_superuser_changes_what_a_role_may_do(staff_source_admin, role_manager):
    role = Group.objects.get(name=SOURCE_ADMINS)
    before = set(role.permissions.values_list("pk", flat=True))
    every = [str(pk) for pk in Permission.objects.values_list("pk", flat=True)]
    for user in (staff_source_admin, role_manager):
        response = signed_in(user).post(
            f"/admin/auth/group/{role.pk}/change/", {"name": "Admins", "permissions": every}
        )
        assert response.status_code == 403
    role.refresh_from_db()
    assert role.name == SOURCE_ADMINS
    assert set(role.permissions.values_list("pk", flat=True)) == before


def test_a_superuser_gives_a_role_and_the_audit_shows_before_and_after(root):
    comms = make_user(username="newcomms", roles=[COMMUNICATIONS])
    reviewers = Group.objects.get(name=REVIEWERS)
    communications = Group.objects.get(name=COMMUNICATIONS)

    response = signed_in(root).post(
        f"/admin/auth/user/{comms.pk}/change/",
        change_form(comms, groups=[str(communications.pk), str(reviewers.pk)], is_staff="on"),
    )

    assert response.status_code == 302
    assert role_names(comms) == [COMMUNICATIONS, REVIEWERS]
    entries = AuditEntry.objects.filter(
        target_type="auth.user", target_id=str(comms.pk), actor=root
    )
    changes = {field: values for e in entries for field, values in e.changes.items()}
    assert changes["groups"] == [[communications.pk], sorted([communications.pk, reviewers.pk])]
    assert changes["is_staff"] == [False, True]
    assert entries.get(changes__has_key="groups").action == "user.update"


def test_a_role_manager_gives_roles_to_others_but_never_to_themselves(role_manager):
    client = signed_in(role_manager)
    other = make_user(username="someone")
    reviewers = Group.objects.get(name=REVIEWERS)

    for_other = client.post(
        f"/admin/auth/user/{other.pk}/change/",
        change_form(other, groups=[str(reviewers.pk)], is_superuser="on"),
    )
    for_self = client.post(
        f"/admin/auth/user/{role_manager.pk}/change/",
        change_form(role_manager, groups=[str(reviewers.pk)], is_superuser="on"),
    )
    own_password = client.get(f"/admin/auth/user/{role_manager.pk}/password/")

    assert for_other.status_code == 302 and for_self.status_code == 302
    assert role_names(other) == [REVIEWERS]
    assert role_names(role_manager) == []
    assert not User.objects.get(pk=other.pk).is_superuser
    assert not User.objects.get(pk=role_manager.pk).is_superuser
    assert own_password.status_code == 403


def test_a_role_manager_resets_another_users_password_and_it_is_audited(role_manager):
    other = make_user(username="forgetful", roles=[REVIEWERS])
    response = signed_in(role_manager).post(
        f"/admin/auth/user/{other.pk}/password/",
        {"password1": "N3w!passphrase", "password2": "N3w!passphrase", "usable_password": "true"},
    )
    assert response.status_code == 302
    other.refresh_from_db()
    assert other.check_password("N3w!passphrase")
    entry = AuditEntry.objects.filter(
        target_type="auth.user", target_id=str(other.pk), action="user.update"
    ).get()
    assert entry.actor == role_manager
    assert entry.changes["password"][1] == "(hidden)"
    assert "N3w" not in str(entry.changes)


def test_a_superuser_cannot_change_their_own_roles_in_the_admin(root):
    reviewers = Group.objects.get(name=REVIEWERS)
    signed_in(root).post(
        f"/admin/auth/user/{root.pk}/change/",
        change_form(root, groups=[str(reviewers.pk)], is_superuser="on"),
    )
    assert role_names(root) == []
