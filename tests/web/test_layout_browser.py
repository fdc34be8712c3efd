"""The layout every page shares, in a real browser: the navigation offers only what the role
may open, refusals use the site's own pages, Urdu turns the layout right to left, and the pages
pass axe-core, fit a phone and break no Content-Security-Policy rule."""

import pytest
from playwright.sync_api import expect

from tests.browser import assert_page_is_sound, browser, open_page  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_writer_sees_only_what_their_role_may_open(browser, live_server, comms):  # noqa: F811
    page = open_page(browser, live_server, comms)
    page.goto(f"{live_server.url}/")
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link", name="Facts")).to_be_visible()
    expect(nav.get_by_role("link", name="Review queue")).to_have_count(0)
    assert_page_is_sound(page)

    # The skip link is the first thing the keyboard reaches, and it leads to the content.
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to content")).to_be_focused()


def test_a_user_without_a_role_gets_the_sites_refusal_page(
    browser,  # noqa: F811
    live_server,
    no_role_user,
):
    page = open_page(browser, live_server, no_role_user)
    response = page.goto(f"{live_server.url}/facts/")
    assert response is not None and response.status == 403
    expect(page.get_by_role("heading", name="You may not open this page")).to_be_visible()
    expect(page.get_by_text("You have no role in Counterpoint")).to_be_visible()
    expect(page.get_by_role("link", name="Back to the dashboard")).to_be_visible()
    assert_page_is_sound(page)


def test_the_urdu_switch_lays_the_page_out_right_to_left(browser, live_server, reviewer):  # noqa: F811
    page = open_page(browser, live_server, reviewer, phone=True)
    page.goto(f"{live_server.url}/")
    page.get_by_role("button", name="اردو").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ur")
    assert_page_is_sound(page)
