"""The admin follows the API's rules: a Communications user has no admin unless a superuser
makes them staff, and then sees only their own campaigns; what is not visible is a 404; no
role means no admin; evidence is read by every role and changed by Source admins only."""

from typing import Any, cast

import pytest
from django.contrib.auth.models import User
from django.test import Client

from common.models import AuditEntry
from reports.models import Report
from tests.campaigns.factories import make_campaign, make_message
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def make_user(**fields: Any) -> User:
    return cast(User, UserFactory(**fields))


def signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def made_staff(user: Any) -> Any:
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    return user


def test_a_communications_user_without_staff_status_has_no_admin(comms):
    response = signed_in(comms).get("/admin/campaigns/campaign/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_staff_communications_users_see_only_their_campaigns(comms, comms_outsider, reviewer):
    own = make_campaign(comms, name="Our campaign")
    others = make_campaign(comms_outsider, name="Their campaign")
    their_message = make_message(others, comms_outsider, "The shrine was attacked.")
    their_report = Report.objects.create(
        kind="campaign_brief", format="pdf", campaign=others, requested_by=comms_outsider
    )
    client = signed_in(made_staff(comms))

    listing = client.get("/admin/campaigns/campaign/")
    assert listing.status_code == 200
    assert "Our campaign" in listing.text and "Their campaign" not in listing.text
    assert client.get(f"/admin/campaigns/campaign/{own.pk}/change/").status_code == 200
    for url in (
        f"/admin/campaigns/campaign/{others.pk}/change/",
        f"/admin/campaigns/campaign/{others.pk}/history/",
        f"/admin/campaigns/message/{their_message.pk}/change/",
        f"/admin/reports/report/{their_report.pk}/change/",
    ):
        assert client.get(url).status_code == 404, url
    assert "The shrine was attacked" not in client.get("/admin/campaigns/message/").text
    assert (
        f"/admin/reports/report/{their_report.pk}/change/"
        not in client.get("/admin/reports/report/").text
    )
    # A Reviewer sees every campaign, as in the API.
    reviewers_view = signed_in(made_staff(reviewer)).get("/admin/campaigns/campaign/")
    assert "Their campaign" in reviewers_view.text


def test_staff_without_a_role_reads_nothing(db):
    nobody = make_user(username="staffonly", is_staff=True)
    client = signed_in(nobody)
    for url in ("/admin/campaigns/campaign/", "/admin/evidence/source/", "/admin/auth/user/"):
        assert client.get(url).status_code == 403, url


def test_evidence_is_read_by_every_role_and_changed_by_source_admins(comms, source_admin):
    comms_client = signed_in(made_staff(comms))
    admin_client = signed_in(made_staff(source_admin))
    assert comms_client.get("/admin/evidence/source/").status_code == 200
    assert comms_client.get("/admin/evidence/source/add/").status_code == 403
    assert admin_client.get("/admin/evidence/source/add/").status_code == 200
    assert comms_client.get("/admin/auth/user/").status_code == 403
    assert comms_client.get("/admin/common/auditentry/").status_code == 403


def test_the_audit_trail_in_the_admin_is_read_only_even_for_a_superuser(db):
    root = make_user(username="root", is_staff=True, is_superuser=True)
    client = signed_in(root)
    make_campaign(root, name="Logged")
    entry = AuditEntry.objects.first()
    assert entry is not None
    assert client.get("/admin/common/auditentry/").status_code == 200
    assert client.get("/admin/common/auditentry/add/").status_code == 403
    posted = client.post(f"/admin/common/auditentry/{entry.pk}/change/", {"comment": "edited"})
    assert posted.status_code == 403
    deleted = client.post(f"/admin/common/auditentry/{entry.pk}/delete/", {"post": "yes"})
    assert deleted.status_code == 403
    entry.refresh_from_db()
    assert entry.comment != "edited"
