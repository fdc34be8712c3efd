"""One real browser (Debian's chromium driven by Playwright) signs in through the login form,
opens the demo campaign, sees its Urdu message drawn right to left in the served font, and
requests a brief from the page; with COUNTERPOINT_SCREENSHOT=1 it then saves the dashboard as
docs/screenshot.png for the README."""

import os
from pathlib import Path

# Playwright's sync API runs an event loop in this thread; the test still reads the database
# from it (to find the demo campaign), which Django refuses inside a loop unless told it is safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import pytest
from django.conf import settings
from django.core.management import call_command
from playwright.sync_api import expect, sync_playwright

from campaigns.demo import DEMO_CAMPAIGN_NAME
from campaigns.models import Campaign, Message

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PASSWORD = "demo-password-for-the-browser-test"
SCREENSHOT = Path(settings.BASE_DIR) / "docs" / "screenshot.png"


@pytest.fixture(autouse=True)
def sync_database_access_beside_playwright(monkeypatch):  # type: ignore[no-untyped-def]
    """Playwright's sync API runs an event loop in the test's thread; the live server and the
    test still use the database from threads Django then takes for async code. Django reads
    this variable at every call, so it holds for this module's test only."""
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def demo(transactional_db, settings):  # type: ignore[no-untyped-def]
    settings.DEMO_PASSWORD = PASSWORD
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    campaign = Campaign.objects.get(name=DEMO_CAMPAIGN_NAME)
    urdu = Message.objects.filter(campaign=campaign, language="ur").order_by("pk").first()
    assert urdu is not None, "the demo campaign has no Urdu message"
    return campaign, urdu


def test_sign_in_and_open_the_demo_campaign(live_server, demo):  # type: ignore[no-untyped-def]
    campaign, urdu = demo
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(f"{live_server.url}/")
            # Not signed in: the dashboard sends the visitor to the sign-in form.
            expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
            page.get_by_label("Username").fill("comms")
            page.get_by_label("Password").fill(PASSWORD)
            page.get_by_role("button", name="Sign in").click()
            expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()

            page.get_by_role("link", name=campaign.name).first.click()
            expect(page.locator("h1")).to_contain_text(campaign.name)
            message = page.locator(f"#message-{urdu.pk} .message-text")
            expect(message).to_have_attribute("dir", "rtl")
            expect(message).to_have_text(urdu.text)
            # The page serves the Amiri font itself, so Urdu is drawn joined, not as boxes.
            faces = page.evaluate(
                "async () => (await document.fonts.load('16px Amiri', 'ے')).map(f => f.status)"
            )
            assert "loaded" in faces

            # Ask for the campaign brief from the page: the report page follows it.
            page.get_by_label("Kind").select_option("campaign_brief")
            page.get_by_label("Format").select_option("html")
            page.get_by_role("button", name="Request").click()
            expect(page.locator("h1")).to_contain_text("Campaign brief (HTML)")

            page.get_by_role("link", name="Dashboard").first.click()
            expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()
            expect(page.locator("table.campaigns")).to_contain_text(campaign.name)
            if os.environ.get("COUNTERPOINT_SCREENSHOT") == "1":
                SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(SCREENSHOT), full_page=True)
        finally:
            browser.close()
