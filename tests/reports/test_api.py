"""The reports API: request (202 + Location), follow, download; who may see what."""

import pytest
from django.urls import reverse

from evidence.services.sources import source_retract
from reports.models import Report
from reports.services import report_build

pytestmark = pytest.mark.django_db

LIST = "/api/v1/reports/"


def _request(client, **body):  # type: ignore[no-untyped-def]
    return client.post(LIST, body, format="json")


def test_request_answers_202_with_location_and_builds_the_report(
    scenario, comms, client_for, django_capture_on_commit_callbacks
):
    client = client_for(comms)
    with django_capture_on_commit_callbacks(execute=True):
        response = _request(
            client, kind="campaign_brief", format="html", campaign=scenario.campaign.pk
        )
    assert response.status_code == 202, response.json()
    body = response.json()
    assert body["status"] == "queued"
    assert response["Location"].endswith(f"/api/v1/reports/{body['id']}/")

    detail = client.get(response["Location"]).json()
    assert detail["status"] == "succeeded", detail["error"]
    assert detail["progress"] == 100
    assert detail["requested_by"] == comms.pk
    assert detail["stale"] is False
    assert len(detail["sha256"]) == 64 and detail["size"] > 0
    assert detail["download_url"].endswith(f"/api/v1/reports/{body['id']}/download/")

    download = client.get(detail["download_url"])
    assert download.status_code == 200
    assert download["Content-Type"] == "text/html; charset=utf-8"
    assert (
        'attachment; filename="campaign-brief-quetta-truth-campaign-'
        in (download["Content-Disposition"])
    )
    html = b"".join(download.streaming_content).decode()
    assert scenario.campaign.name in html


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"kind": "poster", "format": "pdf"}, "kind"),
        ({"kind": "source_register", "format": "odt"}, "format"),
        ({"kind": "campaign_brief", "format": "pdf"}, "campaign"),
        ({"kind": "campaign_brief", "format": "pdf", "campaign": 999999}, "campaign"),
        ({"kind": "campaign_brief", "format": "pdf", "campaign": "x\x00"}, "campaign"),
        ({"kind": "evidence_dossier", "format": "pdf", "parameters": {"colour": 1}}, "parameters"),
        (
            {"kind": "evidence_dossier", "format": "pdf", "parameters": {"theme": "x\x00"}},
            "parameters",
        ),
        (
            {"kind": "evidence_dossier", "format": "pdf", "parameters": {"theme": 99999}},
            "parameters",
        ),
        (
            {"kind": "evidence_dossier", "format": "pdf", "parameters": {"date_from": "soon"}},
            "parameters",
        ),
        ({"kind": "source_register", "format": "pdf", "parameters": "all"}, "parameters"),
    ],
)
def test_bad_requests_get_400_naming_the_field(comms, client_for, body, field):
    response = _request(client_for(comms), **body)
    assert response.status_code == 400
    assert field in response.json()
    assert not Report.objects.exists()


def test_campaign_the_user_cannot_see_is_refused_like_an_unknown_one(
    scenario, comms_outsider, client_for
):
    response = _request(
        client_for(comms_outsider),
        kind="campaign_brief",
        format="pdf",
        campaign=scenario.campaign.pk,
    )
    assert response.status_code == 400
    assert response.json() == {"campaign": [f"No campaign with id {scenario.campaign.pk}."]}


def test_anonymous_gets_401(anon):
    assert anon.get(LIST).status_code == 401
    assert _request(anon, kind="source_register", format="csv").status_code == 401


def test_outsider_gets_404_on_the_report_and_its_download(
    scenario, comms, comms_outsider, reviewer, client_for
):
    report = Report.objects.create(
        kind="campaign_brief", format="csv", campaign=scenario.campaign, requested_by=comms
    )
    report_build(report_id=report.pk)
    detail = reverse("v1:report-detail", kwargs={"pk": report.pk})
    download = reverse("v1:report-download", kwargs={"pk": report.pk})

    outsider = client_for(comms_outsider)
    assert outsider.get(detail).status_code == 404
    assert outsider.get(download).status_code == 404
    assert outsider.get(LIST).json()["results"] == []

    # The team, and Reviewers (who see every campaign), do see it.
    assert client_for(comms).get(download).status_code == 200
    assert client_for(reviewer).get(detail).status_code == 200


def test_global_report_is_visible_to_its_requester_not_to_other_staff(
    comms, comms_outsider, source_admin, client_for
):
    report = Report.objects.create(kind="source_register", format="csv", requested_by=comms)
    detail = reverse("v1:report-detail", kwargs={"pk": report.pk})
    assert client_for(comms).get(detail).status_code == 200
    assert client_for(comms_outsider).get(detail).status_code == 404
    assert client_for(source_admin).get(detail).status_code == 200


def test_download_before_the_report_is_built_is_409(comms, client_for):
    report = Report.objects.create(kind="source_register", format="csv", requested_by=comms)
    response = client_for(comms).get(reverse("v1:report-download", kwargs={"pk": report.pk}))
    assert response.status_code == 409
    assert response.json()["status"] == "queued"


def test_report_shows_stale_once_its_evidence_changes(scenario, comms, client_for):
    report = Report.objects.create(
        kind="campaign_brief", format="json", campaign=scenario.campaign, requested_by=comms
    )
    report_build(report_id=report.pk)
    detail = reverse("v1:report-detail", kwargs={"pk": report.pk})
    client = client_for(comms)
    assert client.get(detail).json()["stale"] is False

    source_retract(source=scenario.sources[1], reason="Figures withdrawn", actor=None)
    assert client.get(detail).json()["stale"] is True
    assert client.get(LIST).json()["results"][0]["stale"] is True


def test_list_query_count_does_not_grow_with_page_size(
    scenario, comms, client_for, django_assert_max_num_queries
):
    for index in range(12):
        report = Report.objects.create(
            kind="campaign_brief" if index % 2 else "source_register",
            format="csv",
            campaign=scenario.campaign if index % 2 else None,
            requested_by=comms,
        )
        report_build(report_id=report.pk)
    client = client_for(comms)
    with django_assert_max_num_queries(16) as small:
        assert len(client.get(LIST, {"page_size": 2}).json()["results"]) == 2
    with django_assert_max_num_queries(len(small)):
        assert len(client.get(LIST, {"page_size": 50}).json()["results"]) == 12


def test_filtering_by_a_hidden_campaign_is_refused_like_an_unknown_one(
    scenario, comms, comms_outsider, client_for
):
    outsider = client_for(comms_outsider)
    hidden = outsider.get(LIST, {"campaign": scenario.campaign.pk})
    unknown = outsider.get(LIST, {"campaign": 999999})
    assert (hidden.status_code, hidden.json()) == (unknown.status_code, unknown.json())
    assert unknown.status_code == 400
    assert client_for(comms).get(LIST, {"campaign": scenario.campaign.pk}).status_code == 200
