"""The evidence desk in a real browser (Debian's Chromium through Playwright), pages only.

A Source admin pastes a new article about an incident already in the demo archive, selects two
passages with the mouse to quote them (one figure read from the words and accepted, one
corrected by hand), attaches both to the existing fact, previews the new range and conflict,
saves, and sees the fact disputed with the conservative wording and the approved evidence link
back in review; then retracts the source and sees the fact recomputed. A second test selects a
passage spanning curly quotes, line breaks and Urdu and gets exactly that passage anchored.
"""

import os

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from playwright.sync_api import Page, expect

from campaigns.models import EvidenceLink
from evidence.models import Excerpt, Fact, Source
from tests.browser import assert_page_is_sound, browser, open_page  # noqa: F401
from tests.evidence.factories import make_fact, make_source

pytestmark = pytest.mark.django_db(transaction=True)

SHRINE = "Bombing of the Shah Noorani shrine"
ARTICLE = (
    "Death toll from Khuzdar shrine attack rises\n\n"
    "KHUZDAR — The death toll from Saturday’s suicide bombing at the Shah Noorani shrine "
    "in Balochistan rose on Sunday, officials said.\n\n"
    "According to the district administration, the blast killed 62 devotees at the shrine "
    "during the evening dhamaal.\n\n"
    "Dozens of the wounded, more than 100 in all, were taken to hospitals in Karachi.\n\n"
    "The shrine, in a remote valley, draws pilgrims from Sindh and Balochistan."
)
FIRST = "the blast killed 62 devotees at the shrine"
SECOND = "Dozens of the wounded, more than 100 in all, were taken to hospitals in Karachi"


@pytest.fixture
def demo(transactional_db, settings):  # type: ignore[no-untyped-def]
    settings.DEMO_PASSWORD = "demo-password-for-the-desk-test"
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    users = get_user_model().objects
    return users.get(username="sourceadmin"), users.get(username="reviewer")


def select_with_mouse(page: Page, words: str) -> None:
    """Drag the mouse over `words` in the reading view, from the left edge of their first
    character to the right edge of their last."""
    box = page.evaluate(
        """(words) => {
          const view = document.getElementById("reading");
          const pieces = [...view.querySelectorAll("[data-start]")];
          let text = "", nodes = [];
          for (const piece of pieces) {
            const node = piece.firstChild;
            if (!node) continue;
            nodes.push([node, text.length]);
            text += node.data;
          }
          const at = text.indexOf(words);
          if (at < 0) return null;
          const locate = (offset) => {
            for (let i = nodes.length - 1; i >= 0; i--) {
              if (nodes[i][1] <= offset) return [nodes[i][0], offset - nodes[i][1]];
            }
          };
          const rect = (offset) => {
            const [node, local] = locate(offset);
            const range = document.createRange();
            range.setStart(node, local);
            range.setEnd(node, local + 1);
            return range.getClientRects()[0];
          };
          rect(at).top && view.scrollTo(0, 0);
          const first = rect(at), last = rect(at + words.length - 1);
          return {x1: first.left + 1, y1: first.top + first.height / 2,
                  x2: last.right - 1, y2: last.top + last.height / 2};
        }""",
        words,
    )
    assert box is not None, f"{words!r} is not in the reading view"
    page.mouse.move(box["x1"], box["y1"])
    page.mouse.down()
    page.mouse.move((box["x1"] + box["x2"]) / 2, (box["y1"] + box["y2"]) / 2, steps=4)
    page.mouse.move(box["x2"], box["y2"], steps=4)
    page.mouse.up()


def choose_fact(page: Page, words: str, title: str) -> None:
    page.get_by_label("Find a fact").fill(words)
    choice = page.locator("label.fact-choice", has_text=title)
    expect(choice).to_be_visible()
    choice.locator("input[type=radio]").check()


def test_a_source_admin_turns_an_article_into_evidence_and_sees_the_consequence(
    browser,  # noqa: F811
    live_server,
    demo,
):
    source_admin, reviewer = demo
    fact = Fact.objects.get(title=SHRINE)
    approved = list(
        EvidenceLink.objects.filter(fact=fact, status=EvidenceLink.Status.APPROVED).order_by("pk")
    )
    assert approved, "the demo has approved links on the shrine bombing"
    claim = approved[0].claim
    page = open_page(browser, live_server, source_admin)

    # Register the article by pasting it.
    page.goto(f"{live_server.url}/sources/")
    assert_page_is_sound(page)
    page.get_by_role("link", name="Add a source").click()
    assert_page_is_sound(page)
    page.get_by_label("Title").fill("Death toll from Khuzdar shrine attack rises")
    page.get_by_label("Publisher").fill("The Balochistan Post")
    page.get_by_label("Reliability (Admiralty grade)").select_option("B")
    page.get_by_label("Text").fill(ARTICLE)
    page.get_by_role("button", name="Register the source").click()
    expect(
        page.get_by_role("heading", name="Death toll from Khuzdar shrine attack rises")
    ).to_be_visible()
    assert_page_is_sound(page)
    source = Source.objects.get(publisher="The Balochistan Post")

    # First passage: the figure read from the words is accepted as it is.
    select_with_mouse(page, FIRST)
    page.get_by_role("button", name="Quote the selected passage").click()
    expect(page.locator("mark.exact")).to_have_text(FIRST)
    expect(page.locator("[name=figures-0-kind]")).to_have_value("killed")
    expect(page.locator("[name=figures-0-value_min]")).to_have_value("62")
    expect(page.locator("[name=figures-0-qualifier]")).to_have_value("exact")
    assert_page_is_sound(page)
    page.get_by_label("Credibility of this information").select_option("2")
    choose_fact(page, "Noorani", SHRINE)
    page.get_by_role("button", name="Preview the change").click()
    preview = page.locator("#preview")
    expect(preview).to_contain_text("at least 53")
    expect(preview).to_contain_text("new conflict")
    expect(preview.locator(".links-back")).to_contain_text(claim)
    assert_page_is_sound(page)
    fact.refresh_from_db()
    assert fact.status != Fact.Status.DISPUTED, "the preview changed nothing"
    page.get_by_role("button", name="Save the excerpt").click()
    expect(page.get_by_role("heading", name="Excerpt saved")).to_be_visible()
    expect(page.locator(".badge.disputed").first).to_be_visible()
    expect(page.locator("strong.wording").first).to_have_text("at least 53")
    expect(page.locator(".reopened-links")).to_contain_text(claim)
    assert_page_is_sound(page)

    # Second passage: the suggestion ("dozens": at least 24) is corrected by hand.
    page.get_by_role("link", name="Quote another passage").click()
    expect(page.locator("mark[data-excerpts]")).to_have_count(1)
    select_with_mouse(page, SECOND)
    page.get_by_role("button", name="Quote the selected passage").click()
    expect(page.locator("mark.exact")).to_have_text(SECOND)
    expect(page.locator("[name=figures-0-kind]")).to_have_value("wounded")
    expect(page.locator("[name=figures-0-value_min]")).to_have_value("24")
    page.locator("[name=figures-0-qualifier]").select_option("more_than")
    page.locator("[name=figures-0-value_min]").fill("100")
    choose_fact(page, "Shah Noorani", SHRINE)
    page.get_by_role("button", name="Preview the change").click()
    expect(page.locator("#preview")).to_contain_text("more than 100")
    page.get_by_role("button", name="Save the excerpt").click()
    expect(page.get_by_role("heading", name="Excerpt saved")).to_be_visible()
    assert_page_is_sound(page)

    texts = sorted(source.text[e.start : e.end] for e in Excerpt.objects.filter(source=source))
    assert texts == sorted([FIRST, SECOND])
    wounded = Excerpt.objects.get(source=source, exact=SECOND).figures.get()
    assert (wounded.kind, wounded.value_min, wounded.qualifier) == ("wounded", 100, "more_than")

    # The fact page: disputed, worded conservatively.
    page.goto(f"{live_server.url}/facts/{fact.pk}/")
    expect(page.locator("h1 .badge")).to_have_text("Disputed")
    expect(page.locator(".figures-table")).to_contain_text("at least 53")
    assert_page_is_sound(page)

    # The reviewer finds the previously approved link back in the queue, with the reason.
    review = open_page(browser, live_server, reviewer)
    review.goto(f"{live_server.url}/review/")
    expect(review.get_by_text(claim).first).to_be_visible()
    assert_page_is_sound(review)
    review.close()

    # Retract the source: first what will be re-opened, then the fact recomputed.
    page.goto(f"{live_server.url}/sources/{source.pk}/")
    page.get_by_role("link", name="Retract").click()
    expect(page.get_by_role("heading", name="What retracting will re-open")).to_be_visible()
    expect(page.locator(".consequence")).to_contain_text(SHRINE)
    expect(page.locator(".consequence-figures")).to_contain_text("53")
    assert_page_is_sound(page)
    page.get_by_label("Why is the source retracted?").fill("The outlet withdrew the report.")
    page.get_by_role("button", name="Retract the source").click()
    expect(page.locator("p.muted .badge.retracted")).to_have_text("Retracted")
    assert_page_is_sound(page)
    page.goto(f"{live_server.url}/facts/{fact.pk}/")
    expect(page.locator("h1 .badge")).not_to_have_text("Disputed")
    expect(page.locator(".figures-table")).not_to_contain_text("at least 53")
    assert_page_is_sound(page)
    fact.refresh_from_db()
    assert fact.figures["killed"]["wording"] == "53"
    assert "wounded" not in fact.figures


def test_a_selection_over_curly_quotes_line_breaks_and_urdu_is_quoted_exactly(
    browser,  # noqa: F811
    live_server,
    source_admin,
):
    text = (
        "Opening line.\r\n"
        "The cleric said: “We will not be silenced.”\r\n"
        "\r\n"
        "Mourners chanted ہم امن چاہتے ہیں outside the shrine — then left quietly.\n"
        "Closing line."
    )
    passage = (
        "cleric said: “We will not be silenced.”\r\n\r\n"
        "Mourners chanted ہم امن چاہتے ہیں outside the shrine — then left"
    )
    source = make_source(text=text, title="Mourners at the shrine")
    fact = make_fact(title="Shrine mourning")
    page = open_page(browser, live_server, source_admin)
    page.goto(f"{live_server.url}/sources/{source.pk}/")
    assert_page_is_sound(page)
    select_with_mouse(page, passage.replace("\r", ""))
    selected = page.evaluate("() => document.getSelection().toString()")
    assert selected == passage.replace("\r", "")
    page.get_by_role("button", name="Quote the selected passage").click()
    expect(page.locator("mark.exact")).to_contain_text("ہم امن چاہتے ہیں")
    assert_page_is_sound(page)
    choose_fact(page, "mourning", "Shrine mourning")
    page.get_by_role("button", name="Save the excerpt").click()
    expect(page.get_by_role("heading", name="Excerpt saved")).to_be_visible()
    excerpt = Excerpt.objects.get(source=source)
    assert excerpt.anchored and excerpt.fact == fact
    assert excerpt.exact == passage
    assert source.text[excerpt.start : excerpt.end] == passage
    # The reading view now highlights exactly those characters.
    page.goto(f"{live_server.url}/sources/{source.pk}/")
    marked = page.evaluate(
        "() => [...document.querySelectorAll('#reading mark')].map(m => m.textContent).join('')"
    )
    assert marked == passage.replace("\r", "")
    assert_page_is_sound(page)
