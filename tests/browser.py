"""Browser tests' shared pieces: Debian's Chromium driven by Playwright, a signed-in page per
user, and the checks every visited page must pass (axe-core, no sideways scrolling at 390 px,
no Content-Security-Policy violation).

Use the `browser` fixture (one Chromium per test module) with `live_server`:

    page = open_page(browser, live_server, user)
    page.goto(live_server.url + "/campaigns/new/")
    assert_page_is_sound(page)

Set COUNTERPOINT_SCREENSHOT=1 to save the README's screenshots with `save_screenshot`.
"""

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import axe_playwright_python
import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import Browser, Page, ViewportSize, sync_playwright

__all__ = [
    "CHROMIUM",
    "PHONE",
    "assert_accessible",
    "assert_no_sideways_scroll",
    "assert_page_is_sound",
    "open_page",
    "save_screenshot",
]

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
DESKTOP: ViewportSize = {"width": 1280, "height": 900}
PHONE: ViewportSize = {"width": 390, "height": 844}
AXE_JS = Path(axe_playwright_python.__file__).with_name("axe.min.js")
SCREENSHOTS = Path(settings.BASE_DIR) / "docs"
# What fails a page: axe-core's two worst impact levels.
BLOCKING_IMPACTS = {"serious", "critical"}


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    # Playwright's sync API runs an event loop in this thread; the live server and the test
    # still use the database from it, which Django refuses in a loop unless told it is safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def open_page(browser: Browser, live_server: Any, user: Any = None, *, phone: bool = False) -> Page:
    """A new page signed in as `user` (a session made by Django's test client, handed to the
    browser as its cookie: the sign-in form itself is tested elsewhere). CSP violations are
    collected on `page.csp_violations`."""
    context = browser.new_context(viewport=PHONE if phone else DESKTOP)
    if user is not None:
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
        )
    page = context.new_page()
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.csp_violations = violations  # type: ignore[attr-defined]
    return page


def assert_accessible(page: Page) -> None:
    """axe-core finds no violation of impact serious or critical on the page as it is now."""
    # Evaluated through the DevTools protocol, not as a <script>: the page's CSP would refuse it.
    page.evaluate(AXE_JS.read_text())
    results = page.evaluate("async () => await axe.run(document)")
    bad = [v for v in results["violations"] if v.get("impact") in BLOCKING_IMPACTS]
    assert not bad, f"axe-core on {page.url}:\n" + json.dumps(
        [
            {
                "id": v["id"],
                "impact": v["impact"],
                "help": v["help"],
                "nodes": [n["html"][:160] for n in v["nodes"][:5]],
            }
            for v in bad
        ],
        indent=1,
        ensure_ascii=False,
    )


def assert_no_sideways_scroll(page: Page) -> None:
    """At the page's current width nothing sticks out to the side."""
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px"


def assert_page_is_sound(page: Page) -> None:
    """Accessible at the current size, no sideways scrolling at 390 px, no CSP violation. The
    viewport is restored afterwards."""
    assert_accessible(page)
    size = page.viewport_size or DESKTOP
    page.set_viewport_size(PHONE)
    try:
        assert_no_sideways_scroll(page)
    finally:
        page.set_viewport_size(size)
    violations = getattr(page, "csp_violations", [])
    assert not violations, f"Content-Security-Policy violations on {page.url}: {violations}"


def save_screenshot(page: Page, name: str) -> None:
    """Save `docs/<name>.png` for the README when COUNTERPOINT_SCREENSHOT=1."""
    if os.environ.get("COUNTERPOINT_SCREENSHOT") == "1":
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        # caret="initial": hiding the caret injects a <style>, which the page's CSP reports.
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True, caret="initial")
