"""A writer's whole day through the pages only, in a real browser: plan a campaign, write an
English message for X and an Urdu one for radio, find a fact by an alias, link a claim, see the
figure flag and apply its suggested wording, and submit the campaign for review. Every page
passes axe-core, fits a phone and breaks no Content-Security-Policy rule."""

import re

import pytest
from playwright.sync_api import Page, expect

from campaigns.models import Campaign, EvidenceLink, Message
from campaigns.services.themes import theme_catalogue_ensure
from tests.browser import assert_page_is_sound, browser, open_page, save_screenshot  # noqa: F401
from tests.scenarios import URDU_TEXT, quetta_evidence

pytestmark = pytest.mark.django_db(transaction=True)

ENGLISH = "The bombing of Quetta's civil hospital killed 75 people. #Quetta"


def plan_the_campaign(page: Page) -> None:
    page.get_by_role("link", name="New campaign").click()
    expect(page.get_by_role("heading", name="New campaign")).to_be_visible()
    page.get_by_label("Name").fill("Hospitals and churches")
    page.get_by_label("Goal").fill("Show that the group kills Muslims and non-Muslims alike.")
    page.get_by_label("Audiences").fill("University students in Quetta\nSeminary students")
    page.get_by_label("Messengers").fill("Survivors' families")
    page.get_by_label("X (Twitter)").check()
    page.get_by_label("Radio").check()
    page.get_by_label("Call to action").fill("Share the survivors' stories.")
    page.get_by_label("Indicator").first.fill("Shares")
    page.get_by_label("Target").first.fill("5000")
    page.get_by_role("button", name="Add an indicator").click()
    page.get_by_label("Indicator").nth(1).fill("Replies from students")
    page.get_by_label("Target").nth(1).fill("200")
    page.get_by_label("Starts on").fill("2030-01-01")
    page.get_by_label("Ends on").fill("2030-03-31")
    page.get_by_label("Brutality against Muslims", exact=True).check()
    page.get_by_label("Brutality against non-Muslims", exact=True).check()
    page.get_by_label("Minimum source grade").select_option("C")
    assert_page_is_sound(page)
    save_screenshot(page, "planner")
    page.get_by_role("button", name="Create the campaign").click()
    expect(page.get_by_text("Campaign created.")).to_be_visible()


def write_message(page: Page, *, channel: str, language: str, text: str) -> None:
    page.get_by_role("link", name="New message").click()
    expect(page.get_by_role("heading", name="New message")).to_be_visible()
    page.get_by_label("Channel").select_option(channel)
    page.get_by_label("Language").fill(language)
    page.get_by_label("Text", exact=True).fill(text)


def test_a_writer_plans_writes_links_fixes_a_figure_and_submits(
    browser,  # noqa: F811
    live_server,
    comms,
):
    theme_catalogue_ensure()
    evidence = quetta_evidence(with_claims=True)
    page = open_page(browser, live_server, comms)
    page.goto(f"{live_server.url}/")
    assert_page_is_sound(page)

    plan_the_campaign(page)
    campaign = Campaign.objects.get(name="Hospitals and churches")
    assert campaign.channels == ["x", "radio"]
    assert campaign.indicators == [
        {"name": "Shares", "target": 5000},
        {"name": "Replies from students", "target": 200},
    ]
    assert_page_is_sound(page)

    # English for X: the counter counts as X does while the writer types.
    write_message(page, channel="x", language="en", text=ENGLISH)
    expect(page.locator("#length-counter")).to_have_text(re.compile(r"64 of 280 characters"))
    expect(page.locator(".sentence.unlinked")).to_have_count(1)
    assert_page_is_sound(page)
    page.get_by_role("button", name="Save the message").click()
    expect(page.get_by_text("Message saved.")).to_be_visible()
    english = Message.objects.get(campaign=campaign, channel="x")
    assert_page_is_sound(page)

    # Select the claim's words in the text with the keyboard: they become the claim.
    text_box = page.get_by_label("Text", exact=True)
    text_box.focus()
    start = ENGLISH.index("killed 75 people")
    text_box.press("Control+Home")
    for _ in range(start):
        text_box.press("ArrowRight")
    for _ in range(len("killed 75 people")):
        text_box.press("Shift+ArrowRight")
    expect(page.locator("#id_claim")).to_have_value("killed 75 people")

    # Find the fact by an alias of the group that claimed it, and see it before linking.
    page.get_by_label("Search facts").fill(f"Daesh {evidence.number}")
    hospital = page.locator(f'[data-fact="{evidence.hospital.pk}"]')
    expect(hospital).to_be_visible()
    expect(hospital.get_by_text("“at least 70”", exact=True)).to_be_visible()
    expect(hospital.locator(".grade").first).to_have_text("B")
    expect(hospital.locator('[data-code="figure_exceeds_evidence"]')).to_be_visible()
    assert_page_is_sound(page)
    hospital.get_by_role("button", name="Link the claim to this fact").click()
    expect(page.get_by_text("Claim linked to the fact")).to_be_visible()
    link = EvidenceLink.objects.get(message=english)
    assert link.claim == "killed 75 people"

    # The figure flag stands beside its words, with one click to the safe wording.
    flag = page.locator('.claim-flag[data-code="figure_exceeds_evidence"]')
    expect(flag).to_be_visible()
    expect(page.locator("mark.flagged", has_text="75")).to_be_visible()
    assert_page_is_sound(page)
    save_screenshot(page, "editor-flag")
    flag.get_by_role("button", name="Use “at least 70”").click()
    expect(page.get_by_text("Now reads “at least 70”")).to_be_visible()
    expect(page.get_by_label("Text", exact=True)).to_have_value(
        "The bombing of Quetta's civil hospital killed at least 70 people. #Quetta"
    )
    expect(page.locator('.claim-flag[data-code="figure_exceeds_evidence"]')).to_have_count(0)
    expect(page.locator(".diff del")).to_have_text("75")
    assert_page_is_sound(page)
    link.refresh_from_db()
    assert link.claim == "killed at least 70 people"

    # Urdu for radio: written right to left, the hashtag kept whole.
    page.get_by_role("link", name="Back to the campaign").click()
    assert_page_is_sound(page)
    write_message(page, channel="radio", language="ur", text=URDU_TEXT + " #ISIS")
    expect(page.get_by_label("Text", exact=True)).to_have_attribute("dir", "rtl")
    expect(page.locator(".checked-text bdi", has_text="#ISIS")).to_be_visible()
    page.get_by_role("button", name="Save the message").click()
    expect(page.get_by_text("Message saved.")).to_be_visible()
    expect(page.get_by_label("Text", exact=True)).to_have_attribute("dir", "rtl")
    assert_page_is_sound(page)
    assert Message.objects.get(campaign=campaign, channel="radio").direction == "rtl"

    page.get_by_role("link", name="Back to the campaign").click()
    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_text("Submitted for review.")).to_be_visible()
    assert_page_is_sound(page)
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.IN_REVIEW
