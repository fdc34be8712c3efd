"""The Reviewer's half of the workflow in a real browser, pages only (the scenario is built
with the services): resolve a figure conflict and verify the fact on its page; approve one
link from the queue with the keyboard; reject another, first without the comment it needs;
try to approve the campaign and see the gate's problems as errors; after the writer's fix,
approve it. Then the writer finds the decisions in the inbox."""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from campaigns.models import Campaign, EvidenceLink, Message, Theme
from campaigns.selectors.readiness import campaign_readiness
from campaigns.services.campaign_workflow import campaign_submit_for_review
from campaigns.services.campaigns import campaign_create
from campaigns.services.links import evidence_link_approve, evidence_link_propose
from campaigns.services.messages import (
    message_approve,
    message_create,
    message_submit,
    message_update,
)
from campaigns.services.themes import theme_catalogue_ensure
from evidence.models import Fact
from evidence.services.facts import fact_verify
from tests.browser import (  # noqa: F401
    assert_accessible,
    assert_page_is_sound,
    browser,
    open_page,
    save_screenshot,
)
from tests.scenarios import URDU_TEXT, quetta_evidence
from tests.web.factories import URDU_CLAIM

pytestmark = pytest.mark.django_db(transaction=True)

ENGLISH = "The bombing of Quetta's civil hospital killed at least 70 people."
RIGHT_CLAIM = "killed at least 70 people"
WRONG_CLAIM = "bombing of Quetta's civil hospital"


@dataclass
class InReview:
    campaign: Campaign
    hospital: Fact
    english: Message
    right: EvidenceLink
    wrong: EvidenceLink


def campaign_in_review(*, writer, other_reviewer) -> InReview:  # type: ignore[no-untyped-def]
    """A campaign submitted for review: its messages approved by another Reviewer, the Urdu
    claim approved; the English message has a claim resting on the disputed hospital bombing
    and a second claim linked to the wrong fact (the church attack)."""
    theme_catalogue_ensure()
    muslim = Theme.objects.get(slug="brutality-against-muslims")
    non_muslim = Theme.objects.get(slug="brutality-against-non-muslims")
    evidence = quetta_evidence(with_claims=False)
    fact_verify(fact=evidence.church, reviewer=other_reviewer)
    today = timezone.localdate()
    campaign = campaign_create(
        owner=writer,
        name="Quetta truth campaign",
        goal="Expose the group's brutality against Muslims and non-Muslims.",
        audiences=["University students in Quetta"],
        messengers=["Survivors' families"],
        channels=["facebook", "x"],
        call_to_action="Share the survivors' stories.",
        indicators=[{"name": "Shares", "target": "5000"}],
        starts_on=today + timedelta(days=7),
        ends_on=today + timedelta(days=60),
        themes=[muslim, non_muslim],
    )
    english = message_create(
        campaign=campaign, actor=writer, channel="facebook", theme=muslim, text=ENGLISH
    )
    urdu = message_create(
        campaign=campaign,
        actor=writer,
        channel="x",
        language="ur",
        theme=non_muslim,
        text=URDU_TEXT,
    )
    right = evidence_link_propose(
        message=english, fact=evidence.hospital, claim=RIGHT_CLAIM, actor=writer
    )
    wrong = evidence_link_propose(
        message=english, fact=evidence.church, claim=WRONG_CLAIM, actor=writer
    )
    urdu_link = evidence_link_propose(
        message=urdu, fact=evidence.church, claim=URDU_CLAIM, actor=writer
    )
    evidence_link_approve(link=urdu_link, reviewer=other_reviewer, comment="")
    for message in (english, urdu):
        message_submit(message=message, actor=writer)
        message_approve(message=message, reviewer=other_reviewer)
    campaign_submit_for_review(campaign=campaign, actor=writer)
    return InReview(campaign, evidence.hospital, english, right, wrong)


def test_a_reviewer_works_the_queue_and_approves_the_campaign(
    browser,  # noqa: F811
    live_server,
    comms,
    reviewer,
    reviewer2,
):
    plan = campaign_in_review(writer=comms, other_reviewer=reviewer2)
    page = open_page(browser, live_server, reviewer)

    # 1. The figure conflict, resolved on the fact page with the conservative wording.
    page.goto(f"{live_server.url}/facts/{plan.hospital.pk}/")
    assert_page_is_sound(page)
    conflict = page.locator("#conflict-killed")
    expect(conflict.get_by_label("at least 70 killed")).to_be_checked()
    conflict.get_by_label("Reason").fill("Both sources allow at least 70; 75 is one report.")
    conflict.get_by_role("button", name="Resolve the conflict").click()
    expect(page.get_by_text("Conflict on killed resolved.")).to_be_visible()
    expect(conflict).to_contain_text("Resolved by reviewer1")
    expect(conflict).to_contain_text("“at least 70 killed”")
    page.get_by_role("button", name="Verify this fact").click()
    expect(page.get_by_text("Fact verified.")).to_be_visible()
    assert_page_is_sound(page)

    # 2. The queue: one link approved with the keyboard, one rejected with a comment.
    page.goto(f"{live_server.url}/review/")
    expect(page.get_by_role("heading", name="Review queue")).to_contain_text("(2 links)")
    right = page.locator(f"#link-{plan.right.pk}")
    wrong = page.locator(f"#link-{plan.wrong.pk}")
    expect(right.locator("mark").first).to_have_text("took about 70 lives")
    assert_page_is_sound(page)
    save_screenshot(page, "review")

    page.keyboard.press("j")
    expect(right).to_be_focused()
    page.keyboard.press("a")
    expect(right).to_contain_text("Link approved.")
    # The keyboard moves on to the next link still waiting.
    expect(wrong).to_be_focused()
    page.keyboard.press("r")
    comment = wrong.get_by_label("Comment")
    expect(wrong.locator(".errorlist")).to_have_text("A comment is required to reject a link.")
    expect(comment).to_be_focused()
    # The refusal is announced and keeps the list a list (axe "listitem").
    assert_accessible(page)
    page.keyboard.type("Wrong fact: this claim is about the hospital, not the church.")
    page.keyboard.press("Escape")
    page.keyboard.press("r")
    expect(wrong).to_contain_text("Link rejected.")
    assert_page_is_sound(page)
    plan.right.refresh_from_db()
    plan.wrong.refresh_from_db()
    assert (plan.right.status, plan.wrong.status) == ("approved", "rejected")

    # 3. The gate refuses while the rejected words are still in the message, as errors.
    page.goto(f"{live_server.url}/campaigns/{plan.campaign.pk}/")
    page.get_by_role("button", name="Approve", exact=True).click()
    refusal = page.locator("ul.flash li.error")
    expect(refusal.first).to_contain_text("Cannot approve the campaign")
    expect(refusal.filter(has_text=f"still says “{WRONG_CLAIM}”")).to_have_count(1)
    expect(page.locator("#readiness-problems")).to_contain_text(WRONG_CLAIM)
    assert_page_is_sound(page)

    # 4. The writer drops the unsupported words; another Reviewer approves the new revision
    #    on the messages-in-review page.
    message_update(
        message=plan.english,
        actor=comms,
        text="The hospital bombing in Quetta killed at least 70 people.",
    )
    other = open_page(browser, live_server, reviewer2)
    other.goto(f"{live_server.url}/review/messages/")
    card = other.locator(f"#message-{plan.english.pk}")
    expect(card).to_contain_text("revision 2")
    assert_page_is_sound(other)
    card.get_by_role("button", name="Approve message").click()
    expect(other.get_by_text("Message approved.")).to_be_visible()
    assert campaign_readiness(campaign=plan.campaign)["problems"] == []
    page.goto(f"{live_server.url}/campaigns/{plan.campaign.pk}/")
    page.get_by_role("button", name="Approve", exact=True).click()
    expect(page.get_by_text("Campaign approved.")).to_be_visible()
    assert_page_is_sound(page)
    plan.campaign.refresh_from_db()
    assert plan.campaign.status == "approved"

    # 5. The writer finds both decisions in the inbox.
    writer = open_page(browser, live_server, comms)
    writer.goto(f"{live_server.url}/inbox/")
    expect(writer.get_by_role("link", name="Inbox")).to_contain_text("unread")
    items = writer.locator(".inbox-item")
    expect(
        items.filter(has_text=f"reviewer1 approved your evidence link “{RIGHT_CLAIM}”")
    ).to_be_visible()
    rejected = items.filter(has_text=f"reviewer1 rejected your evidence link “{WRONG_CLAIM}”")
    expect(rejected).to_contain_text("Wrong fact: this claim is about the hospital")
    assert_page_is_sound(writer)


def _tab_to(page, selector: str, limit: int = 60) -> None:  # type: ignore[no-untyped-def]
    """Press Tab until the element is focused: reachable with the keyboard alone."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches({selector!r})"):
            return
    raise AssertionError(f"{selector} is not reachable with Tab")


@pytest.mark.parametrize("phone", [False, True], ids=["laptop", "phone"])
def test_a_reviewer_finds_a_campaign_by_name_with_the_keyboard(
    browser,  # noqa: F811
    live_server,
    comms,
    reviewer,
    reviewer2,
    phone,
):
    plan = campaign_in_review(writer=comms, other_reviewer=reviewer2)
    page = open_page(browser, live_server, reviewer, phone=phone)
    page.goto(f"{live_server.url}/review/?campaign={plan.campaign.pk}")
    filters = page.get_by_role("form", name="Filter the queue")
    expect(filters).to_contain_text("Campaign: Quetta truth campaign · every campaign")
    assert_page_is_sound(page)

    # Back to every campaign, then the name typed in the search box: Tab and Enter only.
    _tab_to(page, ".chosen-campaign a")
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server.url}/review/")
    _tab_to(page, "#id_campaign_name")
    page.keyboard.type("quetta TRUTH")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Review queue")).to_contain_text("(2 links)")
    expect(page.locator("#id_campaign_name")).to_have_value("quetta TRUTH")
    assert_page_is_sound(page)
    page.locator("#id_campaign_name").fill("Karachi")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Nothing waiting for review with these filters.")).to_be_visible()
    assert_page_is_sound(page)
