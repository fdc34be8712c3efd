"""The /audit/ page: Source admins and superusers read the whole trail, filtered by object
kind, by who made the change and by day; nobody else opens it; nothing on it is editable."""

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from evidence.services.sources import source_create, source_update
from tests.browser import (  # noqa: F401
    assert_page_is_sound,
    browser,
    open_page,
    save_screenshot,
)
from tests.campaigns.factories import make_campaign

SOURCE_TEXT = "The bombing at the shrine killed 88 people, officials said on Friday."


def signed_in(user: Any) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.django_db
def test_only_source_admins_and_superusers_open_the_audit_page(
    source_admin, reviewer, comms, no_role_user
):
    assert signed_in(source_admin).get("/audit/").status_code == 200
    for user in (reviewer, comms, no_role_user):
        assert signed_in(user).get("/audit/").status_code == 403
    anonymous = signed_in(None).get("/audit/")
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    assert signed_in(source_admin).post("/audit/").status_code == 405


@pytest.mark.django_db
def test_the_audit_page_filters_by_kind_actor_and_day(source_admin, comms):
    source = source_create(
        title="Dawn report", text=SOURCE_TEXT, reliability="B", created_by=source_admin
    )
    source_update(source=source, actor=source_admin, title="Dawn: shrine report")
    make_campaign(comms, name="Truth campaign")
    client = signed_in(source_admin)

    everything = client.get("/audit/").text
    sources_only = client.get("/audit/", {"kind": "evidence.source"}).text
    by_comms = client.get("/audit/", {"actor": comms.username}).text
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    none_yet = client.get("/audit/", {"date_from": tomorrow}).text
    bad_day = client.get("/audit/", {"date_from": "yesterday"})

    assert "source.update" in everything and "campaign.create" in everything
    assert "Dawn report" in sources_only and "Dawn: shrine report" in sources_only
    assert "campaign.create" not in sources_only
    assert "campaign.create" in by_comms and "source.update" not in by_comms
    assert "No entries match" in none_yet
    assert bad_day.status_code == 400 and "Enter a valid date" in bad_day.text


@pytest.mark.django_db(transaction=True)
def test_the_audit_page_reads_well_on_a_desktop_and_a_phone(
    browser,  # noqa: F811
    live_server,
    source_admin,
):
    source = source_create(
        title="Dawn report", text=SOURCE_TEXT, reliability="B", created_by=source_admin
    )
    source_update(source=source, actor=source_admin, title="ڈان: مزار پر حملہ")
    for phone in (False, True):
        page = open_page(browser, live_server, source_admin, phone=phone)
        page.goto(f"{live_server.url}/audit/?kind=evidence.source")
        expect(page.get_by_role("heading", name="Audit trail")).to_be_visible()
        expect(page.get_by_text("source.update")).to_be_visible()
        assert_page_is_sound(page)
        save_screenshot(page, f"audit-trail-{'phone' if phone else 'desktop'}")
