"""Reports: the list of visible reports, a report's progress page and its download."""

import pytest
from django.urls import reverse

from evidence.services.sources import source_retract
from reports.models import Report
from reports.services import report_fail, report_request

pytestmark = pytest.mark.django_db

URL = reverse("web:reports")


def report_url(report: Report) -> str:
    return reverse("web:report", args=[report.pk])


def request_brief(scenario, user, fmt: str = "html") -> Report:  # type: ignore[no-untyped-def]
    return report_request(
        kind="campaign_brief",
        format=fmt,
        campaign=scenario.campaign,
        parameters=None,
        requested_by=user,
    )


def test_anonymous_visitors_are_sent_to_sign_in(page_client, comms, scenario):
    report = request_brief(scenario, comms)
    for address in (URL, report_url(report)):
        response = page_client().get(address)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


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


def test_outsider_gets_404_on_the_report(page_client, comms, comms_outsider, scenario):
    report = request_brief(scenario, comms)
    assert page_client(comms_outsider).get(report_url(report)).status_code == 404
    assert page_client(comms).get(reverse("web:report", args=[999999])).status_code == 404


def test_a_queued_report_refreshes_every_two_seconds(page_client, comms, scenario):
    report = request_brief(scenario, comms)
    page = page_client(comms).get(report_url(report)).content.decode()
    assert '<meta http-equiv="refresh" content="2">' in page
    assert '<span class="badge queued">Queued</span>' in page
    assert "Download" not in page


def test_a_finished_report_links_to_its_authorised_download(
    page_client, comms, comms_outsider, scenario, django_capture_on_commit_callbacks
):
    # The request commits, then the (eager, in tests) task builds the file.
    with django_capture_on_commit_callbacks(execute=True):
        report = request_brief(scenario, comms)
    report.refresh_from_db()
    assert report.status == "succeeded"
    client = page_client(comms)
    page = client.get(report_url(report)).content.decode()
    assert 'http-equiv="refresh"' not in page
    assert '<span class="badge succeeded">Succeeded</span>' in page
    download = reverse("v1:report-download", args=[report.pk])
    assert f'href="{download}"' in page
    response = client.get(download)
    assert response.status_code == 200
    assert scenario.campaign.name in b"".join(response.streaming_content).decode()
    assert page_client(comms_outsider).get(download).status_code == 404


def test_a_failed_report_shows_its_error(page_client, comms, scenario):
    report = request_brief(scenario, comms)
    report_fail(report_id=report.pk, error="Could not build the report: <boom>")
    page = page_client(comms).get(report_url(report)).content.decode()
    assert '<span class="badge failed">Failed</span>' in page
    assert "Could not build the report: &lt;boom&gt;" in page
    assert 'http-equiv="refresh"' not in page


def test_report_list_query_count_does_not_grow(
    page_client, comms, scenario, django_assert_max_num_queries
):
    request_brief(scenario, comms)
    client = page_client(comms)
    with django_assert_max_num_queries(20) as few:
        client.get(URL)
    for fmt in ("pdf", "docx", "json", "csv"):
        request_brief(scenario, comms, fmt)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(URL).content.decode()
    assert page.count("Campaign brief (") == 5


def test_a_report_built_on_changed_evidence_is_stale(
    page_client, comms, source_admin, scenario, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report = request_brief(scenario, comms)
    client = page_client(comms)
    assert (
        '<span class="badge warn">stale</span>'
        not in client.get(report_url(report)).content.decode()
    )
    source_retract(source=scenario.sources[1], reason="Wrong figures.", actor=source_admin)
    page = client.get(report_url(report)).content.decode()
    assert '<span class="badge warn">stale</span>' in page
    assert "The evidence changed since this report was built" in page


def test_a_report_on_all_the_evidence_can_be_requested_from_the_list(page_client, comms, scenario):
    client = page_client(comms)
    page = client.get(URL).content.decode()
    assert '<option value="source_register">Source register</option>' in page
    assert '<option value="campaign_brief">' not in page
    response = client.post(
        reverse("web:report-request"), {"kind": "source_register", "format": "csv"}
    )
    report = Report.objects.get()
    assert response["Location"] == report_url(report)
    assert (report.kind, report.format, report.campaign) == ("source_register", "csv", None)
    assert report.requested_by == comms


def test_a_brief_without_a_campaign_is_refused_with_a_message(page_client, comms):
    response = page_client(comms).post(
        reverse("web:report-request"), {"kind": "campaign_brief", "format": "pdf"}, follow=True
    )
    assert response.status_code == 200
    assert "campaign: A campaign brief needs a campaign." in response.content.decode()
    assert not Report.objects.exists()


def test_requesting_needs_a_signed_in_user_and_a_post(page_client):
    response = page_client().post(
        reverse("web:report-request"), {"kind": "source_register", "format": "csv"}
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert not Report.objects.exists()
