"""Faults the app must survive: demo data in any state (seed_demo repairs, never crashes), and
report files that a spreadsheet must not run as formulas."""

import pytest
from django.core.management import call_command

from campaigns.models import Campaign
from evidence.models import Excerpt, Source
from evidence.services.sources import source_retract

pytestmark = pytest.mark.django_db


def seed() -> str:
    from io import StringIO

    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def test_seed_demo_survives_a_retracted_source_and_deleted_excerpts(settings):
    settings.DEMO_PASSWORD = "demo-password-for-tests"
    seed()
    retracted = Source.objects.order_by("id")[0]
    source_retract(source=retracted, reason="Found to be a copy", actor=None)
    Excerpt.objects.filter(source=retracted).delete()
    Excerpt.objects.filter(source=Source.objects.order_by("id")[1]).delete()
    Campaign.objects.all().delete()

    output = seed()

    assert "Demo accounts" in output
    # Repaired: the deleted excerpts are back, the demo campaign too; the retraction stands.
    assert Excerpt.objects.filter(source=Source.objects.order_by("id")[1]).exists()
    assert Campaign.objects.exists()
    retracted.refresh_from_db()
    assert retracted.status == "retracted"
    assert seed()  # and again, with nothing left to repair


def test_report_csv_cells_never_run_as_formulas(
    client_for, source_admin, django_capture_on_commit_callbacks
):
    from tests.evidence.factories import make_source

    make_source("A text for the register.", title='=HYPERLINK("http://evil.example","click")')
    client = client_for(source_admin)
    with django_capture_on_commit_callbacks(execute=True):
        created = client.post(
            "/api/v1/reports/", {"kind": "source_register", "format": "csv"}, format="json"
        )
    report = client.get(created["Location"]).json()
    download = client.get(report["download_url"])
    text = b"".join(download.streaming_content).decode()

    assert report["status"] == "succeeded"
    assert "'=HYPERLINK(" in text
    assert ",=HYPERLINK(" not in text and '"=HYPERLINK(' not in text


def test_make_run_settings_close_connections_and_create_var(tmp_path):
    """runserver on PostgreSQL must not keep a connection per thread; var/ must exist."""
    import json
    import os
    import subprocess
    import sys

    var = tmp_path / "var"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/unused",
        "COUNTERPOINT_VAR_DIR": str(var),
    }
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "import json, django; django.setup(); from django.conf import settings; "
            "print(json.dumps(settings.DATABASES['default']['CONN_MAX_AGE']))",
        ],
        env=env,
        capture_output=True,
        check=True,
        text=True,
    )

    assert json.loads(out.stdout.strip().splitlines()[-1]) == 0
    assert var.is_dir()
