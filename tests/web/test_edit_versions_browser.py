"""The "someone else changed this" view in a real browser: a plan and a source opened, changed
by someone else meanwhile, then saved; the page shows both versions, keeps the writer's words,
passes axe-core and fits a phone."""

import pytest
from playwright.sync_api import expect

from campaigns.services.campaigns import campaign_update
from evidence.services.sources import source_update
from tests.browser import assert_page_is_sound, browser, open_page, save_screenshot  # noqa: F401
from tests.campaigns.factories import make_campaign
from tests.evidence.factories import make_source

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_stale_plan_shows_both_versions(browser, live_server, comms, reviewer):  # noqa: F811
    campaign = make_campaign(owner=comms, goal="The goal as opened.")
    page = open_page(browser, live_server, comms, phone=True)
    page.goto(f"{live_server.url}/campaigns/{campaign.pk}/edit/")
    campaign_update(campaign=campaign, actor=comms, goal="Their goal, saved meanwhile.")

    page.get_by_label("Goal").fill("My goal, typed on the phone.")
    page.get_by_role("button", name="Save the plan").click()

    expect(
        page.get_by_role("heading", name="Someone else changed this since you opened it")
    ).to_be_visible()
    conflict = page.locator(".edit-conflict")
    expect(conflict).to_contain_text("Their goal, saved meanwhile.")
    expect(conflict).to_contain_text("My goal, typed on the phone.")
    expect(page.get_by_label("Goal")).to_have_value("My goal, typed on the phone.")
    assert_page_is_sound(page)
    save_screenshot(page, "edit-conflict")

    # Saved again after reading theirs: it lands.
    page.get_by_role("button", name="Save the plan").click()
    expect(page.get_by_text("Campaign plan saved.")).to_be_visible()
    campaign.refresh_from_db()
    assert campaign.goal == "My goal, typed on the phone."


def test_a_stale_source_correction_shows_both_texts(browser, live_server, source_admin):  # noqa: F811
    source = make_source(text="Ten people died in the market on Friday. " * 20, title="Market")
    page = open_page(browser, live_server, source_admin, phone=True)
    page.goto(f"{live_server.url}/sources/{source.pk}/edit/")
    source_update(source=source, actor=source_admin, title="Market fire (their title)")

    page.get_by_label("Title").fill("Market fire (my title)")
    page.get_by_role("button", name="Check the correction").click()
    page.get_by_role("button", name="Save the correction").click()

    expect(
        page.get_by_role("heading", name="Someone else changed this since you opened it")
    ).to_be_visible()
    expect(page.locator(".edit-conflict")).to_contain_text("Market fire (their title)")
    assert_page_is_sound(page)
    source.refresh_from_db()
    assert source.title == "Market fire (their title)"
