"""The incident import writes in batches: its queries grow with batches, not with rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from common.models import AuditEntry
from evidence.imports.incidents import incidents_import
from evidence.imports.models import ImportedIncident
from evidence.models import Excerpt, Fact, Source
from evidence.search.selectors import search_evidence
from tests.evidence.factories import make_excerpt, make_source
from tests.evidence.test_import_incidents import actors, csv_bytes, row  # noqa: F401

pytestmark = pytest.mark.django_db

GROUPS = ["Lashkar-e-Jhangvi Al-Alami", "Jamatul Ahrar", "daesh", "Unknown"]


def incidents(count: int, *, first: int = 0, killed: int = 5) -> bytes:
    return csv_bytes(
        *(
            row(
                eventid=f"2016{number:08d}",
                gname=GROUPS[number % len(GROUPS)],
                claimed=number % 2,
                nkill=killed + number % 7,
                nwound="" if number % 3 else number,
                summary=f"Incident {number}: gunmen opened fire on a checkpoint near Quetta.",
            )
            for number in range(first, first + count)
        )
    )


def queries_of_import(data: bytes, user, **options) -> int:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as captured:
        report = incidents_import(data=data, name="gtd.csv", user=user, **options)
    assert not report.errors
    return len(captured.captured_queries)


def test_importing_100_rows_costs_the_queries_of_10(source_admin, actors):  # noqa: F811
    ten = queries_of_import(incidents(10), source_admin)
    hundred = queries_of_import(incidents(100, first=10), source_admin)

    # One batch each: the same work, whatever the number of rows in it.
    assert hundred - ten <= 1, (ten, hundred)
    assert Fact.objects.count() == 110
    assert Excerpt.objects.count() == 110


def test_queries_grow_with_the_batches_not_the_rows(source_admin, actors):  # noqa: F811
    one_batch = queries_of_import(incidents(20), source_admin, batch_size=20)
    five_batches = queries_of_import(incidents(100, first=20), source_admin, batch_size=20)
    ten_batches = queries_of_import(incidents(200, first=120), source_admin, batch_size=20)

    per_batch = (five_batches - one_batch) / 4
    assert per_batch < 20  # a batch's fixed cost, not twenty rows' worth
    assert ten_batches - five_batches <= 5 * per_batch + 1


def test_a_dry_run_costs_no_more_per_row_than_an_import(source_admin, actors):  # noqa: F811
    ten = queries_of_import(incidents(10), source_admin, dry_run=True)
    hundred = queries_of_import(incidents(100), source_admin, dry_run=True)

    assert hundred - ten <= 1, (ten, hundred)
    assert Fact.objects.count() == 0


def test_reimporting_an_unchanged_file_costs_the_same_for_10_or_100_rows(
    source_admin,
    actors,  # noqa: F811
):
    small, large = incidents(10), incidents(100, first=10)
    incidents_import(data=small, name="a.csv", user=source_admin)
    incidents_import(data=large, name="b.csv", user=source_admin)

    ten = queries_of_import(small, source_admin)
    hundred = queries_of_import(large, source_admin)

    assert hundred - ten <= 1, (ten, hundred)
    assert Fact.objects.count() == 110


def test_batched_rows_get_what_one_row_at_a_time_gave(source_admin, actors):  # noqa: F811
    report = incidents_import(data=incidents(30), name="gtd.csv", user=source_admin, batch_size=7)

    assert (report.created, report.written) == (30, True)
    assert [item["row"] for item in report.facts] == list(range(2, 32))
    source = Source.objects.get(pk=report.sources[0])
    for record in ImportedIncident.objects.select_related("fact", "excerpt"):
        excerpt = record.excerpt
        assert excerpt is not None
        assert excerpt.fact == record.fact
        assert source.text[excerpt.start : excerpt.end] == excerpt.exact
        assert source.text[: excerpt.start].endswith(f"[{record.eventid}] ")
        assert record.fact.excerpt_count == 1
        assert record.fact.figures["killed"]["min"] == excerpt.figures.get(kind="killed").value_min
    hospital = ImportedIncident.objects.get(eventid="201600000001").fact
    assert [a.name for a in hospital.attributed_to.all()] == ["Jamaat-ul-Ahrar"]
    assert hospital.claimed_by.count() == 1
    assert not ImportedIncident.objects.get(eventid="201600000003").fact.attributed_to.exists()
    # Every new fact and excerpt is audited and findable, as when typed in by hand.
    assert AuditEntry.objects.filter(action="fact.create").count() == 30
    assert AuditEntry.objects.filter(action="excerpt.create").count() == 30
    hits = search_evidence(query="checkpoint")[:100]
    assert sum(hit.type == "fact" for hit in hits) == 30
    assert sum(hit.type == "excerpt" for hit in hits) == 30
    # A fact's entry names its actors, so a search for a group (or its alias) finds it.
    assert any(hit.type == "fact" for hit in search_evidence(query="Jamaat-ul-Ahrar")[:50])


def test_a_batch_imported_fact_is_compared_with_other_sources(source_admin, actors):  # noqa: F811
    incidents_import(data=incidents(3), name="gtd.csv", user=source_admin)
    fact = ImportedIncident.objects.get(eventid="201600000000").fact
    article = make_source("A checkpoint near Quetta came under fire; 40 killed.")

    make_excerpt(
        article,
        "40 killed",
        fact=fact,
        figures=[{"kind": "killed", "value_min": 40, "value_max": 40, "qualifier": "exact"}],
    )

    fact.refresh_from_db()
    assert fact.status == "disputed"
    assert (fact.figures["killed"]["min"], fact.figures["killed"]["max"]) == (5, 40)
