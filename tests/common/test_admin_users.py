"""Source admins manage users and roles in the admin, but cannot make anyone a superuser,
take over a superuser's account, or change what a role may do."""

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.test import Client

from common.roles import SOURCE_ADMINS

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(source_admin):  # type: ignore[no-untyped-def]
    source_admin.is_staff = True
    source_admin.save(update_fields=["is_staff"])
    client = Client()
    client.force_login(source_admin)
    return client


def change_form(user, **extra):  # type: ignore[no-untyped-def]
    return {
        "username": user.username,
        "is_active": "on",
        "is_staff": "on",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "00:00:00",
        "initial-date_joined_0": "2026-01-01",
        "initial-date_joined_1": "00:00:00",
        "groups": [str(g.pk) for g in user.groups.all()],
        **extra,
    }


def test_a_source_admin_gives_a_role_but_cannot_make_a_superuser(staff_client, source_admin):
    other = User.objects.create_user("newcomer")
    role = Group.objects.get(name=SOURCE_ADMINS)
    delete_users = Permission.objects.get(codename="delete_user")
    for user in (other, source_admin):
        body = change_form(
            user,
            groups=[str(role.pk)],
            is_superuser="on",
            user_permissions=[str(delete_users.pk)],
        )
        response = staff_client.post(f"/admin/auth/user/{user.pk}/change/", body)
        assert response.status_code == 302, response.content.decode()[:2000]
        user.refresh_from_db()
        assert list(user.groups.values_list("name", flat=True)) == [SOURCE_ADMINS]
        assert not user.is_superuser
        assert not user.user_permissions.exists()


def test_a_source_admin_cannot_touch_a_superusers_account(staff_client):
    root = User.objects.create_superuser("root", password="old password")

    page = staff_client.get(f"/admin/auth/user/{root.pk}/password/")
    posted = staff_client.post(
        f"/admin/auth/user/{root.pk}/password/",
        {"password1": "Taken0ver!xyz", "password2": "Taken0ver!xyz", "usable_password": "true"},
    )

    assert page.status_code == 403
    assert posted.status_code == 403
    root.refresh_from_db()
    assert root.check_password("old password")


def test_a_source_admin_cannot_change_what_a_role_may_do(staff_client):
    role = Group.objects.get(name=SOURCE_ADMINS)
    before = set(role.permissions.values_list("pk", flat=True))
    every = [str(pk) for pk in Permission.objects.values_list("pk", flat=True)]

    response = staff_client.post(
        f"/admin/auth/group/{role.pk}/change/", {"name": "Admins", "permissions": every}
    )

    assert response.status_code == 403
    role.refresh_from_db()
    assert role.name == SOURCE_ADMINS
    assert set(role.permissions.values_list("pk", flat=True)) == before
