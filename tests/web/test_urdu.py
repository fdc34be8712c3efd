"""The pages in Urdu: after choosing اردو in the header, the pages come back right to left with
Urdu words; and every string the pages mark for translation has its Urdu, compiled.

The catalogue checks make a string added later without its Urdu fail the suite: the test runs
makemessages into a temporary folder and compares it with the committed .po, then asks the
compiled catalogue for each string's Urdu (a stale .mo answers in English or in old words)."""

import re
import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from tests.browser import (  # noqa: F401
    assert_page_is_sound,
    browser,
    open_page,
    save_screenshot,
)
from tests.campaigns.factories import make_actor
from tests.web.factories import web_scenario

PO_FILE = Path(settings.BASE_DIR) / "locale" / "ur" / "LC_MESSAGES" / "django.po"
RTL_ROOT = '<html lang="ur" dir="rtl">'
# The header's navigation, in the words of locale/ur/LC_MESSAGES/django.po.
NAV_DASHBOARD = "ڈیش بورڈ"
NAV_REVIEW_QUEUE = "جائزے کی قطار"
NAV_FACTS = "حقائق"
NAV_SOURCES = "مآخذ"
SIGN_OUT = "سائن آؤٹ"
# What `make messages` leaves out (--ignore), besides hidden folders such as .venv.
SKIPPED_FOR_MESSAGES = {"locale", "tests", "bench", "var", "staticfiles", "node_modules"}


def _in_urdu(user) -> Client:  # type: ignore[no-untyped-def]
    """A signed-in client that chose Urdu with the header's switch."""
    client = Client()
    client.force_login(user)
    response = client.post("/i18n/setlang/", {"language": "ur", "next": "/"})
    assert response.status_code == 302
    return client


def _page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert RTL_ROOT in html
    assert f">{SIGN_OUT}</button>" in html
    # The switch back offers English, in English.
    assert 'lang="en">English</button>' in html
    return html


@pytest.mark.django_db
def test_dashboard_in_urdu_is_right_to_left_with_urdu_navigation(comms) -> None:  # type: ignore[no-untyped-def]
    web_scenario(owner=comms)
    html = _page(_in_urdu(comms), reverse("web:dashboard"))
    assert f"<h1>{NAV_DASHBOARD}</h1>" in html
    assert f'aria-current="page">{NAV_DASHBOARD}</a>' in html
    assert f">{NAV_FACTS}</a>" in html
    assert f">{NAV_SOURCES}</a>" in html
    assert "<h2>مہمات</h2>" in html
    assert "<th>مدت</th>" in html
    # The header names the user's role in Urdu too.
    assert " · ابلاغ</span>" in html and "Communications" not in html
    assert "Campaigns" not in html
    # The campaign's row: its status and its readiness in Urdu words.
    assert '<span class="badge draft">مسودہ</span>' in html
    assert re.search(r'<span class="badge warn">\d+ مسائل</span>', html)


@pytest.mark.django_db
def test_figure_and_conflict_kinds_are_in_urdu_on_the_dashboard_and_facts(comms) -> None:  # type: ignore[no-untyped-def]
    scenario = web_scenario(owner=comms)
    client = _in_urdu(comms)
    dashboard = _page(client, reverse("web:dashboard"))
    facts = _page(client, reverse("web:facts"))
    fact = _page(client, reverse("web:fact", args=[scenario.hospital.pk]))
    for html in (dashboard, facts, fact):
        assert '<span class="badge disputed">عدد</span>' in html
        assert '<span class="badge disputed">figure</span>' not in html
    for html in (dashboard, facts):
        wording = scenario.hospital.figures["killed"]["wording"]
        assert f"{wording} ہلاک</span>" in html
    assert "<strong>ہلاک</strong>" in fact
    # The fact's figures table and its target name their kinds in Urdu.
    assert '<td data-label="عدد">ہلاک</td>' in fact and ">Killed</td>" not in fact
    # The status filter above the facts names each status in Urdu too.
    assert ">متنازع</a>" in facts and ">Disputed</a>" not in facts


@pytest.mark.django_db
def test_campaign_page_in_urdu(comms) -> None:  # type: ignore[no-untyped-def]
    scenario = web_scenario(owner=comms)
    html = _page(_in_urdu(comms), reverse("web:campaign", args=[scenario.campaign.pk]))
    assert "<h2>تیاری</h2>" in html
    assert "<h2>پیغامات</h2>" in html
    assert "<h2>رپورٹ طلب کریں</h2>" in html
    assert ">منصوبے میں ترمیم</a>" in html
    # The campaign's own words stay as written.
    assert scenario.campaign.name in html
    # Its status and the models' other labels are shown in Urdu ("Draft")…
    assert '<span class="badge draft">مسودہ</span>' in html
    # The report request offers its kinds and formats in Urdu.
    assert '<option value="campaign_brief">مہم کا خلاصہ</option>' in html
    assert '<option value="docx">ورڈ (DOCX)</option>' in html
    # …while the label itself stays English for the API, the search index and stored text.
    with translation.override("ur"):
        assert scenario.campaign.get_status_display() == "Draft"


@pytest.mark.django_db
def test_page_forms_offer_the_models_choices_in_urdu(comms) -> None:  # type: ignore[no-untyped-def]
    scenario = web_scenario(owner=comms)
    html = _page(_in_urdu(comms), reverse("web:message-new", args=[scenario.campaign.pk]))
    assert '<option value="facebook">فیس بک</option>' in html


@pytest.mark.django_db
def test_review_queue_in_urdu_for_a_reviewer(comms, reviewer) -> None:  # type: ignore[no-untyped-def]
    web_scenario(owner=comms)
    html = _page(_in_urdu(reviewer), reverse("web:review-queue"))
    assert f'aria-current="page">{NAV_REVIEW_QUEUE}</a>' in html
    assert "(2 روابط)" in html
    assert "<summary>کی بورڈ شارٹ کٹس</summary>" in html
    assert ">منظور کریں</button>" in html
    # The campaign search's label and hint.
    assert '<label for="id_campaign_name">مہم</label>' in html
    assert 'id="id_campaign_name_helptext">اس کے نام کا کوئی حصہ</span>' in html


@pytest.mark.django_db
def test_a_refusal_on_an_urdu_page_is_in_urdu_and_the_api_keeps_its_english(  # type: ignore[no-untyped-def]
    comms, reviewer, client_for
) -> None:
    """The service refuses once, in one sentence: the page says it in the reader's language,
    the API in the English its clients compare, whatever language they ask for."""
    link = web_scenario(owner=comms).flagged_link
    queue = reverse("web:review-queue")
    page = _in_urdu(reviewer).post(
        reverse("web:evidence-link-review", args=[link.pk, "request-changes"]),
        {"comment": "", "next": queue},
    )
    assert page.status_code == 400
    html = page.content.decode()
    assert RTL_ROOT in html
    assert '<li><span role="alert">تبدیلیاں طلب کرنا: اس کے لیے تبصرہ ضروری ہے۔</span></li>' in html
    assert "A comment is required" not in html
    api = client_for(reviewer).post(
        f"/api/v1/evidence-links/{link.pk}/request-changes/",
        {"comment": ""},
        format="json",
        HTTP_ACCEPT_LANGUAGE="ur",
    )
    assert api.json() == {"comment": ["A comment is required to request changes."]}


@pytest.mark.django_db
def test_a_fact_that_cannot_be_verified_says_why_in_urdu(comms, reviewer) -> None:  # type: ignore[no-untyped-def]
    """The refusal and each of its problems, as the verify service lists them."""
    hospital = web_scenario(owner=comms).hospital
    page = _in_urdu(reviewer).post(reverse("web:fact-verify", args=[hospital.pk]))
    assert page.status_code == 400
    html = page.content.decode()
    assert "<li>اس وقت اس حقیقت کی تصدیق نہیں ہو سکتی۔</li>" in html
    assert "<li>مآخذ killed پر متفق نہیں؛ پہلے یہ اختلاف حل کریں۔</li>" in html
    assert "resolve it first" not in html


@pytest.mark.django_db
def test_a_name_another_actor_has_is_refused_in_urdu(source_admin) -> None:  # type: ignore[no-untyped-def]
    make_actor("ISIS", aliases=["Daesh"])
    page = _in_urdu(source_admin).post(
        reverse("web:actor-create"),
        {"name": "ISIS-K", "kind": "armed_group", "aliases": "daesh", "description": ""},
    )
    assert page.status_code == 400
    html = page.content.decode()
    assert "&#x27;daesh&#x27; پہلے ہی کردار &#x27;ISIS&#x27; کا نام ہے۔" in html
    assert "already names" not in html


@pytest.mark.django_db
def test_sources_list_in_urdu(comms) -> None:  # type: ignore[no-untyped-def]
    web_scenario(owner=comms)
    html = _page(_in_urdu(comms), reverse("web:sources"))
    assert f"<h1>{NAV_SOURCES}</h1>" in html
    assert "2 مآخذ" in html
    assert "<th>عنوان</th>" in html


@pytest.mark.django_db
def test_english_stays_the_default(comms) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(comms)
    html = client.get(reverse("web:dashboard")).content.decode()
    assert '<html lang="en" dir="ltr">' in html
    assert "<h1>Dashboard</h1>" in html
    assert 'lang="ur">اردو</button>' in html


@pytest.mark.django_db(transaction=True)
def test_urdu_on_a_phone_dashboard_and_review_queue(  # type: ignore[no-untyped-def]
    browser,  # noqa: F811
    live_server,
    comms,
    reviewer,
) -> None:
    """A Reviewer switches to Urdu in the header at 390 px: the dashboard and the queue read
    right to left, are accessible and do not scroll sideways."""
    web_scenario(owner=comms)
    page = open_page(browser, live_server, reviewer, phone=True)
    page.goto(live_server.url + reverse("web:dashboard"))
    page.get_by_role("button", name="اردو").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ur")
    expect(page.get_by_role("heading", level=1)).to_have_text(NAV_DASHBOARD)
    assert_page_is_sound(page)
    save_screenshot(page, "urdu-dashboard-phone")

    page.get_by_role("link", name=NAV_REVIEW_QUEUE).click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.get_by_role("heading", level=1)).to_contain_text(NAV_REVIEW_QUEUE)
    expect(page.get_by_role("button", name="منظور کریں").first).to_be_visible()
    assert_page_is_sound(page)
    save_screenshot(page, "urdu-review-queue-phone")


def _catalogue() -> list[polib.POEntry]:
    """The .po's live entries (an obsolete `#~` one is kept only to revive its Urdu)."""
    return [entry for entry in polib.pofile(str(PO_FILE)) if not entry.obsolete]


def test_every_string_has_its_urdu() -> None:
    assert polib.pofile(str(PO_FILE)).metadata["Plural-Forms"].startswith("nplurals=2;")
    catalogue = _catalogue()
    fuzzy = [e.msgid for e in catalogue if e.fuzzy]
    assert not fuzzy, f"fuzzy: {fuzzy[:10]}"
    untranslated = [e.msgid for e in catalogue if not e.translated()]
    assert not untranslated, f"{len(untranslated)} strings without Urdu: {untranslated[:10]}"
    for entry in catalogue:
        if entry.msgid_plural:
            assert all(entry.msgstr_plural.get(n, "").strip() for n in (0, 1)), entry.msgid


def test_compiled_catalogue_matches_the_po() -> None:
    """The .mo the pages read gives each string the Urdu the .po has: run `make messages`."""
    stale = []
    with translation.override("ur"):
        for entry in _catalogue():
            if entry.msgid_plural:
                got = [translation.ngettext(entry.msgid, entry.msgid_plural, n) for n in (1, 2)]
                want = [entry.msgstr_plural[0], entry.msgstr_plural[1]]
            elif entry.msgctxt:
                got, want = [translation.pgettext(entry.msgctxt, entry.msgid)], [entry.msgstr]
            else:
                got, want = [translation.gettext(entry.msgid)], [entry.msgstr]
            if got != want:
                stale.append(entry.msgid)
    assert not stale, f"django.mo is older than django.po for: {stale[:10]}"


def test_po_holds_every_string_the_pages_mark(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """makemessages run afresh finds no string the committed .po lacks (or no longer uses)."""
    assert shutil.which("xgettext"), "GNU gettext is needed: bin/require-system-packages"
    # makemessages writes beside the project's own locale/ folder whenever it is in the tree
    # it walks; so it walks a copy of the tree made of links, without locale/.
    base = Path(settings.BASE_DIR)
    tree = tmp_path / "tree"
    tree.mkdir()
    for entry in base.iterdir():
        if entry.name not in SKIPPED_FOR_MESSAGES and not entry.name.startswith("."):
            (tree / entry.name).symlink_to(entry)
    monkeypatch.chdir(tree)
    with override_settings(LOCALE_PATHS=[tree / "locale"]):
        call_command("makemessages", locale=["ur"], symlinks=True, verbosity=0)
    fresh = polib.pofile(str(tree / "locale" / "ur" / "LC_MESSAGES" / "django.po"))
    marked = {(e.msgctxt, e.msgid) for e in fresh}
    committed = {(e.msgctxt, e.msgid) for e in _catalogue()}
    assert not marked - committed, (
        f"run `make messages` and translate: {sorted(marked - committed)[:10]}"
    )
    assert not committed - marked, (
        f"no longer used, run `make messages`: {sorted(committed - marked)[:10]}"
    )
