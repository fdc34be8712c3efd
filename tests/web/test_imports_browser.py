"""The import page in Chromium with a REAL Celery worker: upload, the dry run's progress and
its per-row error table, then the import's progress and result."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from config.celery_app import app as celery_app
from evidence.imports.models import ImportedIncident, IncidentImportRun
from evidence.models import Fact
from tests.browser import assert_page_is_sound, browser, open_page, save_screenshot  # noqa: F401
from tests.evidence.factories import make_actor
from tests.web.incident_csv import csv_bytes, incident_row
from tests.workers import WorkerProcess

pytestmark = pytest.mark.django_db(transaction=True)

# Four batches of three rows: the page shows the progress between them.
ROWS = 12
WORKER_WAIT_MS = 120_000


@pytest.fixture
def import_worker(transactional_db):  # type: ignore[no-untyped-def]
    """A real worker writing 3 rows a batch with a pause after each, so the progress bar is
    seen between 0 and 100 % (a batch of 500 would finish 12 rows in one step)."""
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    worker = WorkerProcess(
        extra_env={"INCIDENT_IMPORT_BATCH_ROWS": "3", "INCIDENT_IMPORT_PROGRESS_PAUSE": "1"}
    ).start()
    try:
        yield worker
    finally:
        worker.stop()
        celery_app.conf.task_always_eager = previous


def test_dry_run_with_errors_then_a_clean_file_imported_with_progress(
    browser,  # noqa: F811
    live_server,
    source_admin,
    import_worker,
    tmp_path: Path,
):
    make_actor("Lashkar-e-Jhangvi Al-Alami", aliases=["LeJ-A"])
    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_bytes(incident_row(1), incident_row(2, gname="Nobody we know", iday=32)))
    good = tmp_path / "incidents.csv"
    good.write_bytes(csv_bytes(*[incident_row(n) for n in range(1, ROWS + 1)]))

    page = open_page(browser, live_server, source_admin)
    page.goto(f"{live_server.url}/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Import").click()
    expect(page.get_by_role("heading", name="Import incidents")).to_be_visible()
    assert_page_is_sound(page)

    # A file with bad rows: the dry run lists every problem, and offers no import.
    page.get_by_label("Incident CSV").set_input_files(str(bad))
    page.get_by_role("button", name="Check the file (dry run)").click()
    errors = page.locator("table.import-errors")
    expect(errors).to_be_visible(timeout=WORKER_WAIT_MS)
    expect(errors).to_contain_text("Unknown actor 'Nobody we know'")
    expect(errors).to_contain_text("iday")
    expect(page.get_by_role("button", name="Import")).to_have_count(0)
    assert_page_is_sound(page)
    save_screenshot(page, "archive-import-errors")

    # The corrected file: progress while the worker checks it, then every row valid.
    page.get_by_role("link", name="Upload another file").click()
    page.get_by_label("Incident CSV").set_input_files(str(good))
    page.get_by_role("button", name="Check the file (dry run)").click()
    expect(page.get_by_role("heading", name="Dry run of incidents.csv")).to_be_visible()
    expect(page.get_by_text("Every row is valid.")).to_be_visible(timeout=WORKER_WAIT_MS)
    assert not Fact.objects.exists()  # a dry run writes nothing
    assert_page_is_sound(page)

    page.get_by_role("button", name=f"Import {ROWS} rows").click()
    expect(page.get_by_role("heading", name="Import of incidents.csv")).to_be_visible()
    page.wait_for_function(
        "() => { const p = document.querySelector('progress');"
        " return p && p.value > 0 && p.value < 100; }",
        timeout=WORKER_WAIT_MS,
    )
    save_screenshot(page, "archive-import-progress")
    expect(page.get_by_text(f"Imported: {ROWS} incidents are in the archive.")).to_be_visible(
        timeout=WORKER_WAIT_MS
    )
    expect(page.locator("progress")).to_have_attribute("value", "100")
    assert ImportedIncident.objects.count() == ROWS
    run = IncidentImportRun.objects.filter(dry_run=False).get()
    assert run.status == "succeeded" and run.report["created"] == ROWS
    assert_page_is_sound(page)
    save_screenshot(page, "archive-import-done")

    # Each imported row links to its fact.
    page.locator("table.import-facts").get_by_role("link").first.click()
    expect(page.get_by_role("heading", name="Quetta: Police (2016-10-24)")).to_be_visible()
