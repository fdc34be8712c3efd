"""In a real browser with a real worker: a writer requests a PDF brief from the reports page,
watches its progress move without the page reloading (htmx polls a fragment), and downloads
the file, which pdftotext reads back."""

import re
import subprocess
import time

import pytest
from playwright.sync_api import Page, expect

from tests.browser import assert_page_is_sound, browser, open_page, save_screenshot  # noqa: F401
from tests.web.factories import web_scenario

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def slow_renders(monkeypatch):  # type: ignore[no-untyped-def]
    """The worker (started after this, so it inherits the environment) pauses at each
    progress step, so the build lasts long enough to be watched at one poll a second."""
    monkeypatch.setenv("REPORTS_RENDER_PAUSE", "0.6")


def watch_until_finished(page: Page, timeout: float = 120) -> list[tuple[str, int]]:
    """The status line and progress value as the page shows them, until the report is ready
    (or failed); each change is recorded once."""
    seen: list[tuple[str, int]] = []
    status = page.locator("#report-status-text")
    bar = page.locator("#report-progress-bar")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = (status.inner_text().strip(), int(bar.get_attribute("value") or 0))
        if not seen or seen[-1] != state:
            seen.append(state)
        if state[0].startswith(("Ready", "The report could not")):
            return seen
        time.sleep(0.15)
    raise AssertionError(f"the report did not finish; the page showed {seen}")


def test_a_writer_requests_watches_and_downloads_a_pdf_brief(
    slow_renders,
    celery_worker_process,
    browser,  # noqa: F811
    live_server,
    comms,
):
    scenario = web_scenario(owner=comms, name="Quetta brief campaign")
    page = open_page(browser, live_server, comms)
    page.goto(f"{live_server.url}/reports/")
    assert_page_is_sound(page)
    page.get_by_label("Kind").select_option("campaign_brief")
    page.get_by_label("Format").select_option("pdf")
    page.get_by_label("Campaign").select_option(label=scenario.campaign.name)
    page.get_by_role("button", name="Request").click()

    expect(page.locator("h1")).to_have_text("Campaign brief (PDF)")
    expect(page.get_by_role("status")).to_contain_text(re.compile("Waiting|Building"))
    assert_page_is_sound(page)
    # Any navigation from here on would be a reload: the progress must come without one.
    navigations: list[str] = []
    page.on("framenavigated", lambda frame: navigations.append(frame.url))
    page.evaluate("() => { window.notReloaded = true; }")

    seen = watch_until_finished(page)
    assert seen[-1][0] == "Ready to download.", seen
    assert len({text for text, _ in seen}) >= 3, seen  # waiting/building stages, then ready
    assert any(0 < value < 100 for _, value in seen), seen  # the bar moved on the way
    values = [value for _, value in seen]
    assert values == sorted(values), seen
    assert navigations == [] and page.evaluate("() => window.notReloaded") is True
    expect(page.locator("#report-progress")).not_to_have_attribute("hx-trigger", re.compile("."))
    assert_page_is_sound(page)
    save_screenshot(page, "report-ready")

    with page.expect_download() as info:
        page.get_by_role("link", name=re.compile(r"^Download ")).click()
    download = info.value
    assert download.suggested_filename.endswith(".pdf")
    path = download.path()
    assert path.read_bytes().startswith(b"%PDF-")
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert "Quetta brief campaign" in " ".join(text.split())
    assert f"Message {scenario.english.pk}" in text
