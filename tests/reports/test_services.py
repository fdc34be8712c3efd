"""The report lifecycle in the services: build once, overwrite on a re-run, fail readably,
and the sweeper. Tasks run inline here; tests/reports/test_worker.py uses a real worker."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from reports.models import Report
from reports.services import report_build, report_request, report_sweep

pytestmark = pytest.mark.django_db


def stored_files() -> list[Path]:
    root = Path(settings.REPORTS_ROOT)
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def test_request_saves_the_row_and_sends_it_on_commit(
    scenario, comms, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        report = report_request(
            kind="campaign_brief",
            format="json",
            campaign=scenario.campaign,
            parameters={},
            requested_by=comms,
        )
    assert Report.objects.get(pk=report.pk).status == "queued"
    assert len(callbacks) == 1
    callbacks[0]()  # the commit happens: the task is sent (and runs inline here)
    report.refresh_from_db()
    assert report.status == "succeeded"
    assert report.sent_at is not None
    assert report.attempts == 1
    assert report.file_name.endswith(f"-{report.pk}.json")
    assert report.content_type == "application/json"


def test_a_second_task_for_a_built_report_does_nothing(scenario, comms):
    report = Report.objects.create(
        kind="campaign_brief", format="pdf", campaign=scenario.campaign, requested_by=comms
    )
    assert report_build(report_id=report.pk) is not None
    first = Report.objects.get(pk=report.pk)
    assert report_build(report_id=report.pk) is None
    again = Report.objects.get(pk=report.pk)
    assert (again.attempts, again.sha256, again.finished_at) == (
        1,
        first.sha256,
        first.finished_at,
    )
    assert len(stored_files()) == 1


def test_a_run_taking_over_a_lost_one_overwrites_its_file(scenario, comms):
    report = Report.objects.create(kind="source_register", format="csv", requested_by=comms)
    report_build(report_id=report.pk)
    # As if the worker had died right after writing the file: still "running", long ago.
    Report.objects.filter(pk=report.pk).update(
        status="running", started_at=timezone.now() - timedelta(hours=2), task_id="lost"
    )
    assert report_build(report_id=report.pk, task_id="another") is not None
    report.refresh_from_db()
    assert (report.status, report.attempts) == ("succeeded", 2)
    assert len(stored_files()) == 1


def test_a_copy_of_the_task_leaves_a_recent_run_alone(comms):
    report = Report.objects.create(kind="source_register", format="csv", requested_by=comms)
    Report.objects.filter(pk=report.pk).update(
        status="running", started_at=timezone.now(), task_id="first", attempts=1
    )
    assert report_build(report_id=report.pk, task_id="duplicate") is None
    # The same message redelivered (its worker died) takes the report over at once.
    assert report_build(report_id=report.pk, task_id="first") is not None
    report.refresh_from_db()
    assert (report.status, report.attempts) == ("succeeded", 2)


def test_failure_is_recorded_with_a_readable_error(comms):
    # Requested with a theme that was deleted before the report ran.
    report = Report.objects.create(
        kind="evidence_dossier", format="pdf", parameters={"theme": 987654}, requested_by=comms
    )
    report_build(report_id=report.pk)
    report.refresh_from_db()
    assert report.status == "failed"
    assert "no theme 987654" in report.error
    assert report.finished_at is not None
    assert stored_files() == []


def test_a_build_past_its_time_limit_fails_at_the_next_step_whatever_caught_the_signal(
    scenario, comms, settings
):
    """The limit is checked at every progress step, not only where Celery's signal lands
    (a library that catches every exception could swallow that): no Celery here at all, and
    the build still stops, fails in words and leaves no file."""
    settings.REPORTS_RENDER_PAUSE = 0.3
    report = Report.objects.create(
        kind="campaign_brief", format="pdf", campaign=scenario.campaign, requested_by=comms
    )
    report_build(report_id=report.pk, time_limit=0.5)
    report.refresh_from_db()
    assert report.status == "failed"
    assert report.error.startswith("The report took longer than 0.5 s to build and was stopped.")
    assert report.sha256 == "" and not report.file
    assert stored_files() == []
    # Within its limit the same report is built.
    again = Report.objects.create(
        kind="campaign_brief", format="pdf", campaign=scenario.campaign, requested_by=comms
    )
    settings.REPORTS_RENDER_PAUSE = 0.0
    assert report_build(report_id=again.pk, time_limit=600) is not None
    again.refresh_from_db()
    assert again.status == "succeeded"


def test_sweeper_resends_queued_reports_and_requeues_lost_ones(scenario, comms, settings):
    settings.REPORTS_MAX_ATTEMPTS = 3
    long_ago = timezone.now() - timedelta(hours=3)
    forgotten = Report.objects.create(kind="source_register", format="json", requested_by=comms)
    Report.objects.filter(pk=forgotten.pk).update(created_at=long_ago, sent_at=long_ago)
    fresh = Report.objects.create(kind="source_register", format="csv", requested_by=comms)
    Report.objects.filter(pk=fresh.pk).update(sent_at=timezone.now())
    lost = Report.objects.create(kind="source_register", format="html", requested_by=comms)
    Report.objects.filter(pk=lost.pk).update(status="running", started_at=long_ago, attempts=1)
    hopeless = Report.objects.create(kind="source_register", format="pdf", requested_by=comms)
    Report.objects.filter(pk=hopeless.pk).update(status="running", started_at=long_ago, attempts=3)

    summary = report_sweep()

    assert summary == {"resent": 2, "requeued": 1, "failed": 1}
    statuses = dict(Report.objects.values_list("pk", "status"))
    assert statuses[forgotten.pk] == "succeeded"
    assert statuses[lost.pk] == "succeeded"
    assert statuses[fresh.pk] == "queued"  # sent a moment ago: left alone
    assert statuses[hopeless.pk] == "failed"
    assert "stopped responding 3 times" in Report.objects.get(pk=hopeless.pk).error
    assert Report.objects.get(pk=lost.pk).attempts == 2


def test_global_report_counts_only_links_of_campaigns_the_requester_sees(
    scenario, comms_outsider, reviewer
):
    import csv

    from django.core.files.storage import storages

    def approved_links(user) -> int:  # type: ignore[no-untyped-def]
        report = Report.objects.create(kind="source_register", format="csv", requested_by=user)
        report_build(report_id=report.pk)
        report.refresh_from_db()
        with storages["reports"].open(report.file, "rb") as handle:
            rows = list(csv.DictReader(handle.read().decode().splitlines()))
        return sum(int(row["approved_links"]) for row in rows)

    assert approved_links(reviewer) > 0
    assert approved_links(comms_outsider) == 0


def test_report_on_a_campaign_counts_only_that_campaigns_links(
    scenario, comms, comms_outsider, reviewer, client_for
):
    """A Reviewer's source register filed under a campaign is readable by the campaign's team:
    it must not carry link counts from campaigns the team cannot see."""
    import csv

    from tests.reports.factories import brief_scenario

    other = brief_scenario(owner=comms_outsider, reviewer=reviewer, name="Another campaign")
    report = Report.objects.create(
        kind="source_register",
        format="csv",
        campaign=scenario.campaign,
        requested_by=reviewer,
    )
    report_build(report_id=report.pk)
    response = client_for(comms).get(f"/api/v1/reports/{report.pk}/download/")
    assert response.status_code == 200
    rows = list(csv.DictReader(b"".join(response.streaming_content).decode().splitlines()))
    approved = {int(row["source_id"]): int(row["approved_links"]) for row in rows}
    assert all(approved[source.pk] > 0 for source in scenario.sources)
    assert all(approved[source.pk] == 0 for source in other.sources)


def test_a_report_that_keeps_killing_its_worker_is_failed_not_redelivered_for_ever(comms, settings):
    settings.REPORTS_MAX_ATTEMPTS = 3
    report = Report.objects.create(kind="source_register", format="csv", requested_by=comms)
    # Its worker died on each of 3 attempts; Celery redelivers the same message once more.
    Report.objects.filter(pk=report.pk).update(
        status="running", started_at=timezone.now(), task_id="poison", attempts=3
    )
    assert report_build(report_id=report.pk, task_id="poison") is None
    report.refresh_from_db()
    assert (report.status, report.attempts) == ("running", 3)
    assert stored_files() == []

    # Once it is stuck, the sweeper gives up on it with a readable error.
    Report.objects.filter(pk=report.pk).update(started_at=timezone.now() - timedelta(hours=2))
    assert report_sweep()["failed"] == 1
    report.refresh_from_db()
    assert report.status == "failed"
    assert "stopped responding 3 times" in report.error


def test_failing_a_report_that_succeeded_meanwhile_changes_and_audits_nothing(scenario, comms):
    from common.models import AuditEntry
    from reports.services import report_fail

    report = Report.objects.create(kind="source_register", format="csv", requested_by=comms)
    report_build(report_id=report.pk)
    report_fail(report_id=report.pk, error="Gave up after 6 tries")
    report.refresh_from_db()
    assert (report.status, report.error) == ("succeeded", "")
    assert not AuditEntry.objects.filter(action="report.failed").exists()


def test_deleting_a_campaign_deletes_its_report_files(
    scenario, comms, django_capture_on_commit_callbacks
):
    report = Report.objects.create(
        kind="campaign_brief", format="html", campaign=scenario.campaign, requested_by=comms
    )
    report_build(report_id=report.pk)
    assert len(stored_files()) == 1

    with django_capture_on_commit_callbacks(execute=True):
        scenario.campaign.delete()

    assert not Report.objects.filter(pk=report.pk).exists()
    assert stored_files() == []
