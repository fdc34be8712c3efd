"""The reports pages: request a report, follow its progress (an htmx-polled fragment), download
it, see when it is stale or why it failed."""

import re

import pytest
from django.urls import reverse

from evidence.services.sources import source_retract
from reports.models import Report
from reports.services import report_fail, report_request

pytestmark = pytest.mark.django_db

URL = reverse("web:reports")


def report_url(report: Report, name: str = "web:report") -> str:
    return reverse(name, args=[report.pk])


def request_brief(scenario, user, fmt: str = "html") -> Report:  # type: ignore[no-untyped-def]
    return report_request(
        kind="campaign_brief",
        format=fmt,
        campaign=scenario.campaign,
        parameters=None,
        requested_by=user,
    )


def built_brief(scenario, user, capture, fmt: str = "html") -> Report:  # type: ignore[no-untyped-def]
    # The request commits, then the (eager, in tests) task builds the file.
    with capture(execute=True):
        report = request_brief(scenario, user, fmt)
    report.refresh_from_db()
    assert report.status == "succeeded"
    return report


def test_list_shows_visible_reports_only(page_client, comms, comms_outsider, reviewer, scenario):
    report = request_brief(scenario, comms)
    for user in (comms, reviewer):
        page = page_client(user).get(URL).content.decode()
        assert report_url(report) in page
        assert "Campaign brief (HTML)" in page
        assert scenario.campaign.name in page
    page = page_client(comms_outsider).get(URL).content.decode()
    assert report_url(report) not in page
    assert "No reports yet." in page


def test_a_queued_report_polls_its_progress_without_reloading_the_page(
    page_client, comms, scenario
):
    report = request_brief(scenario, comms)
    page = page_client(comms).get(report_url(report)).content.decode()
    assert 'http-equiv="refresh"' not in page
    assert "<script>" not in page  # strict CSP: htmx attributes only
    progress_url = report_url(report, "web:report-progress")
    assert f'hx-get="{progress_url}" hx-trigger="every 1s" hx-swap="outerHTML"' in page
    assert '<label for="report-progress-bar">Progress</label>' in page
    assert '<progress id="report-progress-bar" max="100" value="0">' in page
    assert re.search(r'role="status" aria-live="polite"[^>]*>Waiting for a worker', page)
    assert '<span class="badge queued">Queued</span>' in page
    assert "Download" not in page


def test_the_progress_fragment_moves_with_the_worker(page_client, comms, scenario):
    report = request_brief(scenario, comms)
    Report.objects.filter(pk=report.pk).update(status="running", progress=40, stage="Rendering")
    response = page_client(comms).get(
        report_url(report, "web:report-progress"), headers={"HX-Request": "true"}
    )
    fragment = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in fragment  # a fragment, not a page
    assert 'value="40"' in fragment and "40%" in fragment
    assert 'hx-trigger="every 1s"' in fragment  # still running: keeps polling
    # The status line outside the fragment is updated out of band, for screen readers.
    assert '<span id="report-status-text" hx-swap-oob="innerHTML">' in fragment
    assert "Building: Rendering (40%)." in fragment


def test_a_finished_report_stops_polling_and_offers_its_download(
    page_client, comms, comms_outsider, scenario, django_capture_on_commit_callbacks
):
    report = built_brief(scenario, comms, django_capture_on_commit_callbacks)
    client = page_client(comms)
    fragment = client.get(report_url(report, "web:report-progress")).content.decode()
    assert "hx-trigger" not in fragment
    assert "Ready to download." in fragment
    assert '<span class="badge succeeded">Succeeded</span>' in fragment
    download = report_url(report, "web:report-download")
    assert f'href="{download}"' in fragment
    page = client.get(report_url(report)).content.decode()
    assert "hx-trigger" not in page and f'href="{download}"' in page
    response = client.get(download)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert scenario.campaign.name in b"".join(response.streaming_content).decode()


def test_downloading_an_unfinished_report_says_why_on_its_page(page_client, comms, scenario):
    report = request_brief(scenario, comms)
    response = page_client(comms).get(report_url(report, "web:report-download"), follow=True)
    assert response.redirect_chain == [(report_url(report), 302)]
    assert "The report is queued: there is no file yet." in response.content.decode()


def test_a_failed_report_shows_its_error_as_an_error(page_client, comms, scenario):
    report = request_brief(scenario, comms)
    report_fail(report_id=report.pk, error="Could not build the report: <boom>")
    page = page_client(comms).get(report_url(report)).content.decode()
    assert '<span class="badge failed">Failed</span>' in page
    error_box = re.search(
        r'<div class="problems-box report-error" role="alert">(.*?)</div>', page, re.S
    )
    assert error_box is not None
    assert "Could not build the report: &lt;boom&gt;" in error_box.group(1)
    assert "Request it again" in error_box.group(1)
    assert "hx-trigger" not in page


def test_report_list_query_count_does_not_grow(
    page_client, comms, scenario, django_assert_max_num_queries
):
    request_brief(scenario, comms)
    client = page_client(comms)
    with django_assert_max_num_queries(25) as few:
        client.get(URL)
    for fmt in ("pdf", "docx", "json", "csv"):
        request_brief(scenario, comms, fmt)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(URL).content.decode()
    assert page.count("Campaign brief (") == 5


def test_a_report_built_on_changed_evidence_is_marked_stale(
    page_client, comms, source_admin, scenario, django_capture_on_commit_callbacks
):
    report = built_brief(scenario, comms, django_capture_on_commit_callbacks)
    client = page_client(comms)
    assert "stale" not in client.get(report_url(report)).content.decode().lower()
    source_retract(source=scenario.sources[1], reason="Wrong figures.", actor=source_admin)
    page = client.get(report_url(report)).content.decode()
    assert '<span class="badge warn stale-marker">Stale</span>' in page
    assert "the evidence changed since this report was built" in page
    assert '<span class="badge warn">Stale</span>' in client.get(URL).content.decode()


def test_any_report_can_be_requested_from_the_reports_page(page_client, comms, scenario):
    client = page_client(comms)
    page = client.get(URL + f"?campaign={scenario.campaign.pk}").content.decode()
    assert '<option value="campaign_brief" selected>Campaign brief</option>' in page
    assert f'<option value="{scenario.campaign.pk}" selected>{scenario.campaign.name}' in page
    assert '<label for="id_campaign">Campaign</label>' in page
    response = client.post(
        reverse("web:report-request"),
        {"kind": "campaign_brief", "format": "pdf", "campaign": scenario.campaign.pk},
    )
    report = Report.objects.get()
    assert response["Location"] == report_url(report)
    assert (report.kind, report.format) == ("campaign_brief", "pdf")
    assert report.campaign == scenario.campaign
    assert report.requested_by == comms
    client.post(reverse("web:report-request"), {"kind": "source_register", "format": "csv"})
    assert Report.objects.filter(kind="source_register", campaign=None).count() == 1


@pytest.mark.parametrize(
    ("posted", "field", "error"),
    [
        ({"kind": "campaign_brief", "format": "pdf"}, "campaign", "A campaign brief needs a"),
        ({"kind": "brief", "format": "pdf"}, "kind", "Unknown kind &#x27;brief&#x27;"),
        ({"kind": "source_register", "format": "odt"}, "format", "Unknown format &#x27;odt"),
        ({"kind": "source_register", "format": "csv", "campaign": "99"}, "campaign", "No campaign"),
    ],
)
def test_a_refused_request_shows_the_reason_beside_its_field(
    page_client, comms, posted, field, error
):
    response = page_client(comms).post(reverse("web:report-request"), posted)
    assert response.status_code == 400
    page = response.content.decode()
    beside = rf'<ul class="errorlist" id="id_{field}_error">\s*<li>{re.escape(error)}'
    assert re.search(beside, page)
    assert 'aria-invalid="true"' in page
    assert not Report.objects.exists()


def test_a_hidden_campaign_is_refused_like_an_unknown_one(page_client, comms_outsider, scenario):
    client = page_client(comms_outsider)
    page = client.get(URL).content.decode()
    assert scenario.campaign.name not in page  # not offered
    response = client.post(
        reverse("web:report-request"),
        {"kind": "campaign_brief", "format": "pdf", "campaign": scenario.campaign.pk},
    )
    assert response.status_code == 400
    assert f"No campaign with id {scenario.campaign.pk}." in response.content.decode()
    assert not Report.objects.exists()
