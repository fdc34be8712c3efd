"""The search page in Chromium: a Communications user searches "Daesh" and finds the ISIS
facts with the matched words marked; a user without a role is refused."""

from datetime import date

import pytest
from playwright.sync_api import expect

from tests.browser import assert_page_is_sound, browser, open_page, save_screenshot  # noqa: F401
from tests.evidence.factories import make_actor, make_excerpt, make_fact, make_source

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def isis_archive():  # type: ignore[no-untyped-def]
    isis = make_actor("ISIS", aliases=["ISIL", "Daesh", "داعش"])
    ttp = make_actor("Tehreek-e-Taliban Pakistan", aliases=["TTP"])
    church = make_fact(
        title="Attack on the Bethel Memorial Methodist Church, Quetta",
        summary="Two suicide bombers attacked the church during the Sunday service.",
        place="Quetta",
        occurred_on=date(2017, 12, 17),
        claimed_by=[isis],
    )
    make_fact(
        title="Peshawar school attack",
        place="Peshawar",
        occurred_on=date(2014, 12, 16),
        claimed_by=[ttp],
    )
    source = make_source(
        title="Church attack in Quetta",
        text="ISIS claimed the attack on the Methodist church in Quetta, killing nine.",
    )
    make_excerpt(source=source, exact="ISIS claimed the attack", fact=church)
    return church


def test_communications_user_finds_isis_facts_by_searching_daesh(
    browser,  # noqa: F811
    live_server,
    comms,
    isis_archive,
):
    page = open_page(browser, live_server, comms)
    page.goto(f"{live_server.url}/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Search").click()
    expect(page.get_by_role("heading", name="Search the archive")).to_be_visible()
    assert_page_is_sound(page)

    page.get_by_label("Search for").fill("Daesh")
    page.get_by_role("button", name="Search", exact=True).click()

    results = page.locator("#search-results")
    expect(results.get_by_role("heading", name="results for “Daesh”")).to_be_visible()
    fact_link = results.get_by_role("link", name="Attack on the Bethel Memorial Methodist Church")
    expect(fact_link.first).to_be_visible()
    expect(results.get_by_text("Peshawar school attack")).to_have_count(0)
    marks = results.locator("mark")
    expect(marks.first).to_be_visible()
    assert "ISIS" in marks.all_inner_texts()
    # htmx put the query in the address, so the results can be shared and reloaded.
    assert "q=Daesh" in page.url
    assert_page_is_sound(page)
    save_screenshot(page, "archive-search-1280")

    # The Arabic/Urdu name of the group finds the same facts, narrowed to facts only.
    page.get_by_label("Search for").fill("داعش")
    page.get_by_label("Kind").select_option("fact")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(results.get_by_role("heading", name="result for “داعش”")).to_be_visible()
    expect(results.get_by_text("Church attack in Quetta")).to_have_count(0)
    expect(fact_link.first).to_be_visible()
    page.set_viewport_size({"width": 390, "height": 844})
    save_screenshot(page, "archive-search-390")
    assert_page_is_sound(page)

    # A period that ends before it starts: the problem is said where the results go.
    page.get_by_label("From").fill("2020-01-02")
    page.get_by_label("Until").fill("2020-01-01")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(results.get_by_role("alert")).to_contain_text(
        "Until: The end of the period is before its start."
    )
    assert_page_is_sound(page)
    page.get_by_label("From").fill("")
    page.get_by_label("Until").fill("")
    page.get_by_role("button", name="Search", exact=True).click()
    fact_link.first.click()
    expect(
        page.get_by_role("heading", name="Attack on the Bethel Memorial Methodist Church, Quetta")
    ).to_be_visible()


def test_a_user_without_a_role_gets_403_on_the_search_page(
    browser,  # noqa: F811
    live_server,
    no_role_user,
):
    page = open_page(browser, live_server, no_role_user)
    response = page.goto(f"{live_server.url}/search/?q=Daesh")
    assert response is not None and response.status == 403
    expect(page.get_by_text("You have no role in Counterpoint")).to_be_visible()
    assert_page_is_sound(page)
