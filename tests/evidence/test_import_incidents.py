"""Importing incidents from a GTD-like CSV: command and API, dry run, row errors, re-import."""

import csv
import io
from datetime import date
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import override_settings

from evidence.imports.models import ImportedIncident
from evidence.models import Excerpt, Fact, Source
from tests.evidence.factories import make_actor, make_excerpt, make_fact, make_source

URL = "/api/v1/imports/incidents/"
HEADER = [
    "eventid",
    "iyear",
    "imonth",
    "iday",
    "country",
    "provstate",
    "city",
    "targtype1",
    "gname",
    "claimed",
    "nkill",
    "nwound",
    "summary",
    "scite1",
]

pytestmark = pytest.mark.django_db


def row(**values: object) -> dict[str, object]:
    base: dict[str, object] = {
        "eventid": "201610240001",
        "iyear": 2016,
        "imonth": 10,
        "iday": 24,
        "country": "Pakistan",
        "provstate": "Balochistan",
        "city": "Quetta",
        "targtype1": "Police",
        "gname": "Lashkar-e-Jhangvi Al-Alami",
        "claimed": 1,
        "nkill": 61,
        "nwound": 165,
        "summary": "Assailants attacked the Balochistan Police Training College in Quetta.",
        "scite1": "The Media Line, December 19, 2017",
    }
    base.update(values)
    return base


def csv_bytes(*rows: dict[str, object], header: list[str] = HEADER) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, extrasaction="ignore")
    writer.writeheader()
    for item in rows:
        writer.writerow(item)
    return buffer.getvalue().encode("utf-8")


def upload(client, data: bytes, name: str = "incidents.csv", **params: str):
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return client.post(
        URL + (f"?{query}" if query else ""),
        {"file": SimpleUploadedFile(name, data, content_type="text/csv")},
        format="multipart",
    )


@pytest.fixture
def actors(db):
    return {
        "lej": make_actor("Lashkar-e-Jhangvi Al-Alami", aliases=["LeJ-A", "LeJA"]),
        "isis": make_actor("ISIS", aliases=["ISIL", "Daesh", "Islamic State"]),
        "jua": make_actor("Jamaat-ul-Ahrar", aliases=["Jamatul Ahrar"]),
    }


def three_rows() -> bytes:
    return csv_bytes(
        row(),
        row(
            eventid="201608080001",
            iyear=2016,
            imonth=8,
            iday=8,
            targtype1="Health",
            gname="Jamatul Ahrar",
            nkill=70,
            nwound="",
            summary="A suicide bomber struck the Civil Hospital in Quetta.",
        ),
        row(
            eventid="201702160001",
            iyear=2017,
            imonth=2,
            iday=16,
            provstate="Sindh",
            city="Sehwan",
            targtype1="Religious Figures/Institutions",
            gname="daesh",
            nkill=88,
            nwound=300,
            summary="A suicide bomber attacked the Lal Shahbaz Qalandar shrine.",
        ),
    )


def test_each_row_becomes_an_incident_whose_figures_rest_on_an_excerpt(
    client_for, source_admin, actors
):
    response = upload(client_for(source_admin), three_rows())

    assert response.status_code == 201, response.json()
    report = response.json()
    assert (report["created"], report["updated"], report["invalid"]) == (3, 0, 0)
    assert report["written"] is True
    police = Fact.objects.get(pk=report["facts"][0]["fact"])
    assert police.kind == "incident"
    assert police.occurred_on == date(2016, 10, 24)
    assert (police.place, police.province, police.country) == ("Quetta", "Balochistan", "Pakistan")
    assert police.target_type == "police"
    assert list(police.claimed_by.all()) == [actors["lej"]]
    assert list(police.attributed_to.all()) == [actors["lej"]]
    assert police.figures["killed"]["min"] == 61
    assert police.figures["wounded"]["min"] == 165
    # The file is one source; each excerpt is the row's own summary, anchored in it.
    source = Source.objects.get(pk=report["sources"][0])
    assert source.title == "Incident import: incidents.csv"
    assert response["Location"] == f"/api/v1/sources/{source.pk}/"
    excerpt = police.excerpts.get()
    assert excerpt.source == source
    assert source.text[excerpt.start : excerpt.end] == row()["summary"]
    assert "[201610240001]" in source.text
    # Aliases resolve: "Jamatul Ahrar" and "daesh".
    hospital = Fact.objects.get(pk=report["facts"][1]["fact"])
    assert list(hospital.attributed_to.all()) == [actors["jua"]]
    assert "wounded" not in hospital.figures
    shrine = Fact.objects.get(pk=report["facts"][2]["fact"])
    assert list(shrine.attributed_to.all()) == [actors["isis"]]
    assert shrine.target_type == "religious_figure"


def test_imported_figures_are_compared_with_other_sources(client_for, source_admin, actors):
    """A dataset's 61 killed against an article's 67: the fact becomes disputed."""
    upload(client_for(source_admin), csv_bytes(row()))
    fact = ImportedIncident.objects.get(eventid="201610240001").fact
    article = make_source("The attack on the Quetta Police Training Centre (67 killed).")
    make_excerpt(
        article,
        "67 killed",
        fact=fact,
        figures=[{"kind": "killed", "value_min": 67, "value_max": 67, "qualifier": "exact"}],
    )

    fact.refresh_from_db()
    assert fact.status == "disputed"
    assert (fact.figures["killed"]["min"], fact.figures["killed"]["max"]) == (61, 67)


def test_a_dry_run_reports_and_writes_nothing(client_for, source_admin, actors):
    response = upload(client_for(source_admin), three_rows(), dry_run="true")

    assert response.status_code == 200
    report = response.json()
    assert report["dry_run"] is True
    assert report["written"] is False
    assert (report["rows"], report["valid"], report["created"]) == (3, 3, 3)
    assert [item["action"] for item in report["facts"]] == ["created"] * 3
    assert Fact.objects.count() == 0
    assert Source.objects.count() == 0
    assert ImportedIncident.objects.count() == 0


def test_an_unknown_actor_is_a_row_error_naming_gname(client_for, source_admin, actors):
    data = csv_bytes(row(), row(eventid="2", gname="Army of the Unknown"))

    response = upload(client_for(source_admin), data)

    assert response.status_code == 400
    body = response.json()
    assert "nothing was imported" in body["detail"]
    assert body["errors"] == [
        {
            "row": 3,
            "eventid": "2",
            "column": "gname",
            "message": "Unknown actor 'Army of the Unknown': register it (or add the name as "
            "an alias of a known actor) first.",
        }
    ]
    assert Fact.objects.count() == 0
    assert Source.objects.count() == 0


@pytest.mark.parametrize(
    ("values", "column"),
    [
        ({"iyear": "twenty"}, "iyear"),
        ({"iyear": ""}, "iyear"),
        ({"iyear": 1850}, "iyear"),
        ({"imonth": 13}, "imonth"),
        ({"imonth": 2, "iday": 30}, "iday"),
        ({"imonth": 0, "iday": 5}, "imonth"),
        ({"iyear": 2999}, "iyear"),
        ({"nkill": "many"}, "nkill"),
        ({"nkill": "-3"}, "nkill"),
        ({"nkill": "2.5"}, "nkill"),
        ({"nwound": "lots"}, "nwound"),
        ({"claimed": "yes"}, "claimed"),
        ({"claimed": "-1"}, "claimed"),
        ({"targtype1": "Spaceships"}, "targtype1"),
        ({"summary": ""}, "summary"),
        ({"eventid": ""}, "eventid"),
        ({"eventid": "a b c"}, "eventid"),
        ({"city": "x" * 201}, "city"),
    ],
)
def test_invalid_values_are_reported_by_row_and_column(
    client_for, source_admin, actors, values, column
):
    data = csv_bytes(row(eventid="1"), row(**{"eventid": "2", **values}))

    response = upload(client_for(source_admin), data, dry_run="true")

    assert response.status_code == 200
    errors = response.json()["errors"]
    assert {(e["row"], e["column"]) for e in errors} == {(3, column)}
    assert response.json()["invalid"] == 1
    assert response.json()["valid"] == 1


def test_unknown_day_or_month_lowers_the_date_precision(client_for, source_admin, actors):
    data = csv_bytes(
        row(eventid="m", imonth=5, iday=0, summary="Convoy attack in May."),
        row(eventid="y", imonth=0, iday=0, summary="An attack some time that year."),
    )

    response = upload(client_for(source_admin), data)

    assert response.status_code == 201
    month = ImportedIncident.objects.get(eventid="m").fact
    year = ImportedIncident.objects.get(eventid="y").fact
    assert (month.occurred_on, month.date_precision) == (date(2016, 5, 1), "month")
    assert (year.occurred_on, year.date_precision) == (date(2016, 1, 1), "year")


def test_the_same_eventid_twice_in_a_file_is_an_error(client_for, source_admin, actors):
    data = csv_bytes(row(), row(summary="Another summary."))

    response = upload(client_for(source_admin), data, dry_run="true")

    errors = response.json()["errors"]
    assert [(e["row"], e["column"]) for e in errors] == [(3, "eventid")]
    assert "already on line 2" in errors[0]["message"]


def test_skip_invalid_imports_the_valid_rows(client_for, source_admin, actors):
    data = csv_bytes(row(), row(eventid="bad", nkill="many"))

    response = upload(client_for(source_admin), data, skip_invalid="true")

    assert response.status_code == 201
    report = response.json()
    assert (report["created"], report["invalid"]) == (1, 1)
    assert report["errors"][0]["column"] == "nkill"
    assert Fact.objects.count() == 1
    assert not ImportedIncident.objects.filter(eventid="bad").exists()


def test_reimporting_updates_instead_of_duplicating(client_for, source_admin, actors):
    client = client_for(source_admin)
    assert upload(client, three_rows()).status_code == 201

    again = upload(client, three_rows())

    assert again.status_code == 201
    assert (again.json()["created"], again.json()["unchanged"]) == (0, 3)
    assert Fact.objects.count() == 3
    assert Source.objects.count() == 1
    assert Excerpt.objects.count() == 3

    corrected = csv_bytes(row(nkill=62, summary="Gunmen attacked the police college in Quetta."))
    third = upload(client, corrected, name="corrections.csv")

    assert third.status_code == 201
    assert third.json()["updated"] == 1
    assert Fact.objects.count() == 3
    fact = ImportedIncident.objects.get(eventid="201610240001").fact
    assert fact.summary == "Gunmen attacked the police college in Quetta."
    assert fact.figures["killed"]["min"] == 62
    # The old excerpt gave way to the corrected one: the fact does not dispute itself.
    assert fact.excerpts.count() == 1
    assert fact.status != "disputed"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"\xff\xfe\x00bad", "UTF-8"),
        (b"eventid,iyear\x00\n1,2016\n", "NUL"),
        (b"eventid,iyear,imonth\n1,2016,1\n", "lacks the column(s) iday, country"),
    ],
)
def test_an_unreadable_file_is_refused_naming_file(client_for, source_admin, actors, data, message):
    response = upload(client_for(source_admin), data)

    assert response.status_code == 400
    assert message in response.json()["file"][0]


def test_header_names_are_case_insensitive_and_extra_columns_ignored(
    client_for, source_admin, actors
):
    header = [name.upper() for name in HEADER] + ["natlty1_txt"]
    values = {k.upper(): v for k, v in row().items()} | {"natlty1_txt": "Pakistan"}

    response = upload(client_for(source_admin), csv_bytes(values, header=header))

    assert response.status_code == 201


def test_a_file_without_the_file_field_is_refused(client_for, source_admin):
    response = client_for(source_admin).post(URL, {}, format="multipart")

    assert response.status_code == 400
    assert "file" in response.json()


@override_settings(INCIDENT_IMPORT_MAX_BYTES=100)
def test_a_file_over_the_limit_is_refused_with_413(client_for, source_admin, actors):
    response = upload(client_for(source_admin), three_rows())

    assert response.status_code == 413
    assert "file" in response.json()


@pytest.mark.parametrize("role", ["comms", "reviewer", "no_role_user"])
def test_only_source_admins_may_import(client_for, request, actors, role):
    user = request.getfixturevalue(role)

    response = upload(client_for(user), three_rows())

    assert response.status_code == 403
    assert Fact.objects.count() == 0


def test_anonymous_import_is_refused(anon, actors):
    assert upload(anon, three_rows()).status_code == 401


def write(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "gtd.csv"
    path.write_bytes(data)
    return path


def test_the_command_imports_with_a_progress_bar(tmp_path, actors, capsys):
    out = io.StringIO()

    call_command("import_incidents", str(write(tmp_path, three_rows())), stdout=out)

    assert "Imported. 3 rows: 3 valid, 0 invalid; 3 created" in out.getvalue()
    assert "3/3" in capsys.readouterr().err  # tqdm's bar
    assert Fact.objects.count() == 3


def test_the_command_dry_run_writes_nothing(tmp_path, actors):
    out = io.StringIO()

    call_command("import_incidents", str(write(tmp_path, three_rows())), "--dry-run", stdout=out)

    assert out.getvalue().startswith("Dry run, nothing written. 3 rows")
    assert Fact.objects.count() == 0


def test_the_command_refuses_a_file_with_invalid_rows(tmp_path, actors):
    data = csv_bytes(row(), row(eventid="x", gname="Nobody Known"))
    err = io.StringIO()

    with pytest.raises(CommandError, match="Nothing imported: 1 invalid row"):
        call_command("import_incidents", str(write(tmp_path, data)), stderr=err)

    assert "line 3 (eventid x), gname: Unknown actor 'Nobody Known'" in err.getvalue()
    assert Fact.objects.count() == 0


def test_the_command_skip_invalid(tmp_path, actors):
    data = csv_bytes(row(), row(eventid="x", gname="Nobody Known"))

    call_command(
        "import_incidents", str(write(tmp_path, data)), "--skip-invalid", stdout=io.StringIO()
    )

    assert Fact.objects.count() == 1


def test_the_command_reports_a_missing_file_or_column(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_incidents", str(tmp_path / "missing.csv"))
    with pytest.raises(CommandError, match="lacks the column"):
        call_command("import_incidents", str(write(tmp_path, b"eventid\n1\n")))


def test_an_imported_fact_is_not_confused_with_manual_facts(client_for, source_admin, actors):
    manual = make_fact(title="Quetta police college attack")

    upload(client_for(source_admin), csv_bytes(row()))

    assert Fact.objects.count() == 2
    assert not ImportedIncident.objects.filter(fact=manual).exists()
