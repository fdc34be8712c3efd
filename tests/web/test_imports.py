"""The incident import page: upload → dry run (a row in the database, done by the task) → the
per-row error table → import; Source admins only; bad uploads are 4xx naming the field."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from evidence.imports.models import ImportedIncident, IncidentImportRun
from evidence.imports.runs import incident_import_run_perform
from evidence.models import Fact
from tests.evidence.factories import make_actor
from tests.web.incident_csv import csv_bytes, incident_row

pytestmark = pytest.mark.django_db

URL = reverse("web:import-incidents")


def upload(data: bytes, name: str = "incidents.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="text/csv")


@pytest.fixture
def lej():  # type: ignore[no-untyped-def]
    return make_actor("Lashkar-e-Jhangvi Al-Alami", aliases=["LeJ-A"])


def run_url(run: IncidentImportRun) -> str:
    return reverse("web:import-run", args=[run.pk])


def test_anonymous_visitors_are_sent_to_sign_in(page_client):
    response = page_client().get(URL)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_only_source_admins_may_import(page_client, comms, reviewer, no_role_user, lej):
    data = csv_bytes(incident_row(1))
    for user in (comms, reviewer, no_role_user):
        client = page_client(user)
        assert client.get(URL).status_code == 403
        assert client.post(URL, {"file": upload(data)}).status_code == 403
    assert not IncidentImportRun.objects.exists()


def test_dry_run_then_import(page_client, source_admin, lej, django_capture_on_commit_callbacks):
    client = page_client(source_admin)
    data = csv_bytes(incident_row(1), incident_row(2))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, {"file": upload(data)})
    assert response.status_code == 302
    dry = IncidentImportRun.objects.get()
    assert dry.dry_run and dry.status == "succeeded"
    assert not Fact.objects.exists()  # a dry run writes nothing
    page = client.get(response["Location"]).content.decode()
    assert "Every row is valid." in page and "Import 2 rows" in page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("web:import-confirm", args=[dry.pk]))
    assert response.status_code == 302
    done = IncidentImportRun.objects.exclude(pk=dry.pk).get()
    assert not done.dry_run and done.dry_run_of == dry and done.status == "succeeded"
    assert ImportedIncident.objects.count() == 2
    page = client.get(response["Location"]).content.decode()
    assert "Imported: 2 incidents are in the archive." in page
    # The dry run cannot be imported a second time from its page.
    assert "Import 2 rows" not in client.get(run_url(dry)).content.decode()
    assert client.post(reverse("web:import-confirm", args=[dry.pk])).status_code == 409
    assert ImportedIncident.objects.count() == 2


def test_row_errors_come_back_as_a_table_and_block_the_import(
    page_client, source_admin, lej, django_capture_on_commit_callbacks
):
    client = page_client(source_admin)
    data = csv_bytes(
        incident_row(1),
        incident_row(2, gname="Nobody we know", nkill="many"),
        incident_row(3, summary=""),
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, {"file": upload(data)})
    dry = IncidentImportRun.objects.get()
    page = client.get(response["Location"]).content.decode()
    assert 'class="stack import-errors"' in page
    assert "Unknown actor &#x27;Nobody we know&#x27;" in page
    assert "<code>nkill</code>" in page and "<code>summary</code>" in page
    assert "Import 1 row" not in page
    response = client.post(reverse("web:import-confirm", args=[dry.pk]))
    assert response.status_code == 409
    assert "Some rows are invalid" in response.content.decode()
    assert not Fact.objects.exists()


def test_valid_rows_can_be_imported_when_asked(
    page_client, source_admin, lej, django_capture_on_commit_callbacks
):
    client = page_client(source_admin)
    data = csv_bytes(incident_row(1), incident_row(2, gname="Nobody we know"))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, {"file": upload(data), "skip_invalid": "on"})
    dry = IncidentImportRun.objects.get()
    assert "Import 1 row" in client.get(run_url(dry)).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("web:import-confirm", args=[dry.pk]))
    assert ImportedIncident.objects.count() == 1


def test_an_unreadable_file_fails_the_run_with_the_reason(
    page_client, source_admin, django_capture_on_commit_callbacks
):
    client = page_client(source_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, {"file": upload(b"name,age\nx,1\n")})
    run = IncidentImportRun.objects.get()
    assert run.status == "failed" and "eventid" in run.error
    page = client.get(response["Location"]).content.decode()
    assert 'role="alert"' in page and "eventid" in page


@pytest.mark.parametrize(
    ("files", "words"),
    [
        ({}, "This field is required"),
        ({"file": SimpleUploadedFile("empty.csv", b"", content_type="text/csv")}, "empty"),
        ({"file": SimpleUploadedFile("blank.csv", b"  \n", content_type="text/csv")}, "empty"),
    ],
)
def test_bad_uploads_are_a_400_beside_the_file_field(page_client, source_admin, files, words):
    response = page_client(source_admin).post(URL, files)
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="id_file_errors"' in page and words in page
    assert not IncidentImportRun.objects.exists()


@override_settings(INCIDENT_IMPORT_MAX_BYTES=100)
def test_a_file_over_the_limit_is_refused(page_client, source_admin):
    response = page_client(source_admin).post(URL, {"file": upload(b"x" * 101)})
    assert response.status_code == 400
    assert "the limit is 100" in response.content.decode()
    assert not IncidentImportRun.objects.exists()


def test_the_status_fragment_polls_until_finished(page_client, source_admin, lej):
    run = IncidentImportRun.objects.create(
        file_name="x.csv", data=csv_bytes(incident_row(1)), requested_by=source_admin
    )
    client = page_client(source_admin)
    fragment = client.get(run_url(run), HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in fragment and 'hx-trigger="every 1s"' in fragment
    run.status = "failed"
    run.save()
    assert 'hx-trigger="every 1s"' not in client.get(run_url(run)).content.decode()


def test_a_run_is_done_once_and_a_stuck_run_is_taken_over(source_admin, lej):
    run = IncidentImportRun.objects.create(
        file_name="x.csv", data=csv_bytes(incident_row(1)), requested_by=source_admin
    )
    assert incident_import_run_perform(run_id=run.pk) is not None
    assert incident_import_run_perform(run_id=run.pk) is None  # a repeated task does nothing
    run.refresh_from_db()
    assert run.status == "succeeded"

    fresh = IncidentImportRun.objects.create(
        file_name="y.csv",
        data=csv_bytes(incident_row(2)),
        status="running",
        started_at=timezone.now(),
    )
    assert incident_import_run_perform(run_id=fresh.pk) is None  # its worker is still at it
    IncidentImportRun.objects.filter(pk=fresh.pk).update(
        started_at=timezone.now() - timedelta(hours=2)
    )
    assert incident_import_run_perform(run_id=fresh.pk) is not None
    fresh.refresh_from_db()
    assert fresh.status == "succeeded" and fresh.report["valid"] == 1
