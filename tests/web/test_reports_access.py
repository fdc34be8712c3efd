"""Who may request, follow and download which report through the pages: the same answers as
the API (anonymous → sign in, no role → 403, a report on a campaign you may not see → 404)."""

import pytest
from django.urls import reverse

from reports.models import Report
from reports.services import report_request
from tests.factories import communications_user

pytestmark = pytest.mark.django_db

READ_VIEWS = ("web:report", "web:report-progress", "web:report-download")


def brief(scenario, user, capture) -> Report:  # type: ignore[no-untyped-def]
    with capture(execute=True):
        report = report_request(
            kind="campaign_brief",
            format="csv",
            campaign=scenario.campaign,
            parameters=None,
            requested_by=user,
        )
    report.refresh_from_db()
    return report


def register(user, capture) -> Report:  # type: ignore[no-untyped-def]
    with capture(execute=True):
        report = report_request(
            kind="source_register", format="csv", campaign=None, parameters=None, requested_by=user
        )
    report.refresh_from_db()
    return report


def statuses(client, report: Report) -> list[int]:  # type: ignore[no-untyped-def]
    return [client.get(reverse(name, args=[report.pk])).status_code for name in READ_VIEWS]


def test_anonymous_visitors_are_sent_to_sign_in_everywhere(
    page_client, comms, scenario, django_capture_on_commit_callbacks
):
    report = brief(scenario, comms, django_capture_on_commit_callbacks)
    client = page_client()
    addresses = [reverse("web:reports"), *(reverse(n, args=[report.pk]) for n in READ_VIEWS)]
    for address in addresses:
        response = client.get(address)
        assert response.status_code == 302, address
        assert response["Location"].startswith(reverse("login"))
    response = client.post(reverse("web:report-request"), {"kind": "source_register"})
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert Report.objects.count() == 1


def test_a_user_without_a_role_gets_403_everywhere(
    page_client, comms, no_role_user, scenario, django_capture_on_commit_callbacks
):
    report = brief(scenario, comms, django_capture_on_commit_callbacks)
    client = page_client(no_role_user)
    assert client.get(reverse("web:reports")).status_code == 403
    assert statuses(client, report) == [403, 403, 403]
    response = client.post(reverse("web:report-request"), {"kind": "source_register"})
    assert response.status_code == 403
    assert Report.objects.count() == 1


def test_the_campaign_team_follows_and_downloads_its_briefs(
    page_client, comms, scenario, django_capture_on_commit_callbacks
):
    teammate = communications_user(username="teammate")
    scenario.campaign.team.add(teammate)
    report = brief(scenario, comms, django_capture_on_commit_callbacks)
    for user in (comms, teammate):
        assert statuses(page_client(user), report) == [200, 200, 200]


def test_comms_off_the_team_get_404_on_the_report_and_its_download(
    page_client, comms, comms_outsider, scenario, django_capture_on_commit_callbacks
):
    report = brief(scenario, comms, django_capture_on_commit_callbacks)
    client = page_client(comms_outsider)
    assert statuses(client, report) == [404, 404, 404]
    listed = client.get(reverse("web:reports")).content.decode()
    assert reverse("web:report", args=[report.pk]) not in listed


def test_reviewers_and_source_admins_see_every_report(
    page_client, comms, reviewer, source_admin, scenario, django_capture_on_commit_callbacks
):
    report = brief(scenario, comms, django_capture_on_commit_callbacks)
    own_register = register(comms, django_capture_on_commit_callbacks)
    for user in (reviewer, source_admin):
        client = page_client(user)
        assert statuses(client, report) == [200, 200, 200]
        assert statuses(client, own_register) == [200, 200, 200]


def test_a_report_on_all_the_evidence_is_its_requesters_among_comms(
    page_client, comms, comms_outsider, django_capture_on_commit_callbacks
):
    # Its link counts span the campaigns its requester may see: another writer sees other
    # counts, so the report is not theirs to read.
    report = register(comms_outsider, django_capture_on_commit_callbacks)
    assert statuses(page_client(comms_outsider), report) == [200, 200, 200]
    assert statuses(page_client(comms), report) == [404, 404, 404]


def test_every_role_may_request_a_report(page_client, comms, reviewer, source_admin):
    for user in (comms, reviewer, source_admin):
        response = page_client(user).post(
            reverse("web:report-request"), {"kind": "source_register", "format": "json"}
        )
        assert response.status_code == 302
    assert Report.objects.filter(kind="source_register").count() == 3


def test_the_report_pages_refuse_other_methods(
    page_client, comms, scenario, django_capture_on_commit_callbacks
):
    report = brief(scenario, comms, django_capture_on_commit_callbacks)
    client = page_client(comms)
    for name in READ_VIEWS:
        assert client.post(reverse(name, args=[report.pk])).status_code == 405
    assert client.get(reverse("web:report-request")).status_code == 405
