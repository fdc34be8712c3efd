"""Actors pages in Chromium: a Source admin adds an actor with an Urdu alias, edits it, and
merges it into the actor it turned out to be, after seeing what the merge changes."""

import pytest
from playwright.sync_api import expect

from evidence.models import Actor
from tests.browser import assert_page_is_sound, browser, open_page, save_screenshot  # noqa: F401
from tests.evidence.factories import make_actor, make_fact

pytestmark = pytest.mark.django_db(transaction=True)


def test_create_edit_and_merge_an_actor(browser, live_server, source_admin):  # noqa: F811
    isis = make_actor("ISIS", aliases=["ISIL", "Daesh"])
    page = open_page(browser, live_server, source_admin)
    page.goto(f"{live_server.url}/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Actors").click()
    expect(page.get_by_role("heading", name="Actors")).to_be_visible()
    assert_page_is_sound(page)

    # Create: a group registered under a second name, with its Urdu name as an alias.
    page.get_by_role("link", name="New actor").click()
    page.get_by_label("Name").fill("Daish fighters")
    page.get_by_label("Aliases").fill("Daish\nدولت اسلامیہ")
    assert_page_is_sound(page)
    page.get_by_role("button", name="Add actor").click()
    expect(page.get_by_text("Actor “Daish fighters” added.")).to_be_visible()
    expect(page.locator("bdi", has_text="دولت اسلامیہ")).to_be_visible()

    # Edit: a name another actor already has is refused beside the field.
    page.get_by_role("link", name="Edit Daish fighters").click()
    page.get_by_label("Aliases").fill("Daish\nدولت اسلامیہ\nISIL")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#id_aliases_errors")).to_contain_text(
        "'ISIL' already names the actor 'ISIS'"
    )
    assert_page_is_sound(page)
    page.get_by_label("Aliases").fill("Daish\nدولت اسلامیہ\nداعش")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("bdi", has_text="داعش")).to_be_visible()

    # Merge: first what will change, then the merge itself.
    daish = Actor.objects.get(name="Daish fighters")
    make_fact(title="Mastung rally bombing", claimed_by=[daish])
    page.get_by_role("link", name="Merge Daish fighters").click()
    page.get_by_label("Merge into").select_option(label="ISIS")
    page.get_by_role("button", name="Show what will change").click()
    plan = page.locator(".merge-plan")
    expect(plan).to_contain_text("1 fact claimed by")
    expect(plan.get_by_role("link", name="Mastung rally bombing")).to_be_visible()
    expect(plan.locator("bdi", has_text="داعش")).to_be_visible()
    assert Actor.objects.filter(pk=daish.pk).exists()
    assert_page_is_sound(page)
    save_screenshot(page, "archive-actor-merge")
    page.get_by_role("button", name="Merge “Daish fighters” into “ISIS”").click()
    expect(page.get_by_text("“Daish fighters” was merged into “ISIS”.")).to_be_visible()
    row = page.locator("table.actors tbody tr", has_text="ISIS")
    expect(row.locator("bdi", has_text="Daish fighters")).to_be_visible()
    expect(row.locator("bdi", has_text="داعش")).to_be_visible()
    assert not Actor.objects.filter(pk=daish.pk).exists()
    assert list(isis.claimed_facts.values_list("title", flat=True)) == ["Mastung rally bombing"]
    assert_page_is_sound(page)


def test_a_reader_sees_the_actors_but_no_write_links(browser, live_server, reviewer):  # noqa: F811
    make_actor("ISIS", aliases=["Daesh"])
    page = open_page(browser, live_server, reviewer, phone=True)
    page.goto(f"{live_server.url}/actors/?q=daesh")
    expect(page.locator("table.actors")).to_contain_text("ISIS")
    expect(page.get_by_role("link", name="New actor")).to_have_count(0)
    expect(page.get_by_role("link", name="Edit ISIS")).to_have_count(0)
    assert_page_is_sound(page)
