"""CSV and JSON export of facts with their figures and sources (API and command)."""

import csv
import io
import json
from datetime import date

import pytest
from django.core.management import call_command

from evidence.services.facts import FACT_EDITABLE_FIELDS
from tests.evidence.factories import make_actor, make_excerpt, make_fact, make_source

pytestmark = pytest.mark.django_db

KILLED_70 = {"kind": "killed", "value_min": 70, "value_max": 70, "qualifier": "about"}
KILLED_75 = {"kind": "killed", "value_min": 75, "value_max": 75, "qualifier": "exact"}


@pytest.fixture
def hospital(db):
    jua = make_actor("Jamaat-ul-Ahrar")
    fact = make_fact(
        title="Quetta hospital bombing",
        occurred_on=date(2016, 8, 8),
        place="Quetta",
        target_type="health",
        claimed_by=[jua],
    )
    first = make_source(
        "The bombing took about 70 lives.", title="Zero tolerance", publisher="Pakistan Forward"
    )
    second = make_source(
        "August 2016 Quetta hospital attack (75 killed)", title="ISIS, Pakistan", publisher=""
    )
    make_excerpt(first, "The bombing took about 70 lives.", fact=fact, figures=[KILLED_70])
    make_excerpt(second, "Quetta hospital attack (75 killed)", fact=fact, figures=[KILLED_75])
    fact.refresh_from_db()
    return {"fact": fact, "sources": [first, second]}


def body(response) -> bytes:  # type: ignore[no-untyped-def]
    """The whole file of a streamed export (an error answer is not streamed)."""
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def csv_rows(content: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8"))))


@pytest.mark.parametrize("url", ["/api/v1/exports/facts.csv", "/api/v1/exports/facts/?format=csv"])
def test_csv_export_has_figures_and_sources(client_for, comms, hospital, url):
    response = client_for(comms).get(url)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert response["Content-Disposition"].endswith('.csv"')
    [row] = csv_rows(body(response))
    assert row["title"] == "Quetta hospital bombing"
    assert row["status"] == "disputed"
    assert (row["killed_min"], row["killed_max"], row["killed_wording"]) == (
        "70",
        "75",
        "at least 70",
    )
    assert row["disputed"] == "killed"
    assert row["claimed_by"] == "Jamaat-ul-Ahrar"
    assert row["occurred_on"] == "2016-08-08"
    assert row["source_ids"] == " ".join(str(s.pk) for s in hospital["sources"])
    assert "Zero tolerance (Pakistan Forward, B)" in row["sources"]


@pytest.mark.parametrize(
    "url", ["/api/v1/exports/facts.json", "/api/v1/exports/facts/?format=json"]
)
def test_json_export_has_figures_sources_and_excerpts(client_for, comms, hospital, url):
    response = client_for(comms).get(url)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    [fact] = json.loads(body(response))["facts"]
    assert fact["figures"]["killed"]["min"] == 70
    assert fact["figures"]["killed"]["max"] == 75
    assert fact["conflicts"][0]["kind"] == "figure"
    assert [s["title"] for s in fact["sources"]] == ["Zero tolerance", "ISIS, Pakistan"]
    first = fact["sources"][0]
    assert first["publisher"] == "Pakistan Forward"
    assert first["excerpts"][0]["exact"] == "The bombing took about 70 lives."
    assert first["excerpts"][0]["figures"] == [KILLED_70]


def test_both_exports_carry_every_field_a_user_writes_on_a_fact(client_for, comms, hospital):
    """The export has its own column order, but may not leave out a field of the fact."""
    [row] = csv_rows(body(client_for(comms).get("/api/v1/exports/facts.csv")))
    response = client_for(comms).get("/api/v1/exports/facts.json")
    [fact] = json.loads(body(response))["facts"]

    assert set(FACT_EDITABLE_FIELDS) <= set(row)
    assert set(FACT_EDITABLE_FIELDS) <= set(fact)


def test_the_export_can_be_filtered(client_for, comms, hospital):
    make_fact(title="Another incident")

    response = client_for(comms).get("/api/v1/exports/facts.json", {"status": "disputed"})

    assert [f["title"] for f in json.loads(body(response))["facts"]] == ["Quetta hospital bombing"]
    bad = client_for(comms).get("/api/v1/exports/facts.json", {"status": "invented"})
    assert bad.status_code == 400
    assert "status" in bad.json()


def test_an_unknown_format_is_not_found(client_for, comms, hospital):
    assert client_for(comms).get("/api/v1/exports/facts.xml").status_code == 404


def test_formula_like_cells_cannot_run_in_a_spreadsheet(client_for, comms):
    make_fact(title='=HYPERLINK("http://example.com")')

    [row] = csv_rows(body(client_for(comms).get("/api/v1/exports/facts.csv")))

    assert row["title"].startswith("'=")


def test_export_needs_a_signed_in_user(anon, hospital):
    assert anon.get("/api/v1/exports/facts.csv").status_code == 401
    assert anon.get("/api/v1/exports/facts.json").status_code == 401


def test_every_role_may_export(client_for, comms, reviewer, source_admin, hospital):
    for user in (comms, reviewer, source_admin):
        assert client_for(user).get("/api/v1/exports/facts.csv").status_code == 200


def test_a_user_without_a_role_cannot_export(client_for, no_role_user, hospital):
    # The fact list refuses them; the export must not hand over the same facts.
    client = client_for(no_role_user)
    for url in ("/api/v1/exports/facts.csv", "/api/v1/exports/facts.json"):
        response = client.get(url)
        assert response.status_code == 403, url
        assert b"Quetta" not in response.content


def test_query_count_does_not_grow_with_the_number_of_facts(
    client_for, comms, hospital, django_assert_max_num_queries
):
    client = client_for(comms)
    with django_assert_max_num_queries(8) as few:
        body(client.get("/api/v1/exports/facts.json"))
    for n in range(10):
        fact = make_fact(title=f"Incident {n}", claimed_by=[make_actor()])
        make_excerpt(fact=fact, figures=[KILLED_70])

    with django_assert_max_num_queries(len(few.captured_queries)):
        exported = body(client.get("/api/v1/exports/facts.json"))

    assert len(json.loads(exported)["facts"]) == 11


def test_a_large_export_is_streamed_a_chunk_at_a_time(client_for, comms, hospital, monkeypatch):
    # 500 facts per chunk in production; 4 here shows the same on 11 facts.
    monkeypatch.setattr("evidence.exports.EXPORT_CHUNK", 4)
    for n in range(10):
        make_fact(title=f"Incident {n}")
    response = client_for(comms).get("/api/v1/exports/facts.csv")
    assert response.streaming
    pieces = list(response.streaming_content)
    # The header, then one piece per chunk of 4 facts: never the whole archive at once.
    assert len(pieces) == 1 + 3
    rows = csv_rows(b"".join(pieces))
    assert len(rows) == 11 and rows[0]["title"]


def test_the_command_writes_csv_and_json(tmp_path, hospital):
    out = io.StringIO()
    call_command("export_facts", stdout=out)
    [row] = csv_rows(out.getvalue().encode())
    assert row["killed_wording"] == "at least 70"

    target = tmp_path / "facts.json"
    call_command("export_facts", "--format", "json", "--output", str(target), stderr=io.StringIO())
    [fact] = json.loads(target.read_text())["facts"]
    assert fact["title"] == "Quetta hospital bombing"
