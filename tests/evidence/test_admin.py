"""The evidence admin: it shows excerpts in their source, and saves through the services."""

from datetime import date

import pytest
from django.test import Client

from common.models import AuditEntry
from evidence.models import Actor, Excerpt, Fact, Source
from evidence.selectors.actors import actor_find
from tests.evidence.factories import make_actor, make_excerpt, make_fact, make_source

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_for():  # type: ignore[no-untyped-def]
    def make(user):  # type: ignore[no-untyped-def]
        user.is_staff = True
        user.save(update_fields=["is_staff"])
        client = Client()
        client.force_login(user)
        return client

    return make


def inline_management(prefix: str, initial: int = 0, total: int = 1) -> dict[str, str]:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def test_a_source_page_highlights_its_excerpts_and_escapes_the_text(admin_client_for, source_admin):
    source = make_source("<script>alert(1)</script> The bombing took about 70 lives.")
    make_excerpt(source, "about 70 lives")

    page = admin_client_for(source_admin).get(f"/admin/evidence/source/{source.pk}/change/")

    html = page.content.decode()
    assert page.status_code == 200
    assert "<mark" in html and ">about 70 lives</mark>" in html
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_adding_a_source_in_the_admin_goes_through_the_service(admin_client_for, source_admin):
    existing = make_source("Already registered text.")
    client = admin_client_for(source_admin)
    form = {"title": "New", "reliability": "B", "kind": "news", "language": "en"}

    duplicate = client.post(
        "/admin/evidence/source/add/", {**form, "text": "Already  registered text."}
    )
    assert duplicate.status_code == 200  # the form again, with the error
    assert "already registered" in duplicate.content.decode()
    assert Source.objects.count() == 1

    created = client.post("/admin/evidence/source/add/", {**form, "text": "A fresh article."})
    assert created.status_code == 302
    source = Source.objects.exclude(pk=existing.pk).get()
    assert source.content_sha256 and source.created_by == source_admin
    assert AuditEntry.objects.filter(action="source.create", target_id=str(source.pk)).exists()


def test_retracting_in_the_admin_records_the_reason(admin_client_for, source_admin):
    source = make_source("Some article text.", title="Old")
    fact = make_fact()
    make_excerpt(source, "Some article", fact=fact)

    response = admin_client_for(source_admin).post(
        f"/admin/evidence/source/{source.pk}/change/",
        {
            "title": "Old",
            "reliability": "B",
            "kind": "news",
            "language": "en",
            "text": source.text,
            "publisher": source.publisher,
            "retract_with_reason": "Fabricated",
        },
    )

    assert response.status_code == 302
    source.refresh_from_db()
    assert source.status == Source.Status.RETRACTED
    assert source.retraction_reason == "Fabricated"
    fact.refresh_from_db()
    assert fact.excerpt_count == 0


def test_actor_aliases_are_saved_through_the_service(admin_client_for, source_admin):
    make_actor("ISIS", aliases=["Daesh"])
    client = admin_client_for(source_admin)
    form = {
        "name": "ISIS-K",
        "kind": "armed_group",
        "description": "",
        **inline_management("aliases", total=2),
        "aliases-0-alias": "ISKP",
        "aliases-1-alias": "daesh",
    }

    taken = client.post("/admin/evidence/actor/add/", form)
    assert taken.status_code == 200
    assert "already names the actor" in taken.content.decode()

    form["aliases-1-alias"] = "Khorasan Province"
    created = client.post("/admin/evidence/actor/add/", form)
    assert created.status_code == 302
    assert actor_find(name="khorasan province") == Actor.objects.get(name="ISIS-K")
    assert actor_find(name="iskp") == Actor.objects.get(name="ISIS-K")


def test_a_fact_page_shows_figures_by_source_and_conflicts(admin_client_for, source_admin):
    fact = make_fact(title="Police training centre")
    make_excerpt(
        make_source("It killed 61 people.", title="The Diplomat"),
        "killed 61",
        fact=fact,
        figures=[{"kind": "killed", "value_min": 61}],
    )
    make_excerpt(
        make_source("(67 killed)", title="Daily Times"),
        "67 killed",
        fact=fact,
        figures=[{"kind": "killed", "value_min": 67}],
    )

    html = (
        admin_client_for(source_admin)
        .get(f"/admin/evidence/fact/{fact.pk}/change/")
        .content.decode()
    )

    assert "The Diplomat" in html and "Daily Times" in html
    assert "61 killed" in html and "67 killed" in html
    assert "at least 61" in html
    assert "open" in html


def test_a_fact_added_in_the_admin_obeys_the_rules(admin_client_for, source_admin):
    client = admin_client_for(source_admin)
    form = {"kind": "incident", "title": "Church attack", "date_precision": "day"}

    refused = client.post(
        "/admin/evidence/fact/add/", {**form, **inline_management("excerpts", total=0)}
    )
    assert refused.status_code == 200
    assert "An incident needs a date" in refused.content.decode()

    created = client.post(
        "/admin/evidence/fact/add/",
        {**form, "occurred_on": "2017-12-17", **inline_management("excerpts", total=0)},
    )
    assert created.status_code == 302
    assert Fact.objects.get().occurred_on == date(2017, 12, 17)


def test_an_excerpt_added_in_the_admin_is_anchored_with_its_figures(admin_client_for, source_admin):
    source = make_source("Police said 70 died. Doctors said 70 died.")
    fact = make_fact()
    client = admin_client_for(source_admin)
    form = {
        "source": source.pk,
        "fact": fact.pk,
        "exact": "70 died",
        "credibility": "3",
        **inline_management("figures", total=1),
        "figures-0-kind": "killed",
        "figures-0-value_min": "70",
        "figures-0-qualifier": "exact",
    }

    ambiguous = client.post("/admin/evidence/excerpt/add/", form)
    assert ambiguous.status_code == 200
    assert "ambiguous" in ambiguous.content.decode()

    created = client.post("/admin/evidence/excerpt/add/", {**form, "prefix": "Doctors said"})
    assert created.status_code == 302
    excerpt = Excerpt.objects.get()
    assert source.text[excerpt.start :] == "70 died."
    assert [(f.kind, f.value_min) for f in excerpt.figures.all()] == [("killed", 70)]
    fact.refresh_from_db()
    assert fact.figures["killed"]["wording"] == "70"


def test_communications_staff_may_look_but_not_change(admin_client_for, comms):
    source = make_source()
    client = admin_client_for(comms)

    assert client.get(f"/admin/evidence/source/{source.pk}/change/").status_code == 200
    assert client.get("/admin/evidence/source/add/").status_code == 403


def test_the_source_list_page_does_not_load_the_excerpts(admin_client_for, source_admin):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    titles = []
    for n in range(3):
        source = make_source(f"Report {n}: the bombing took about 70 lives.")
        make_excerpt(source, "about 70 lives")
        titles.append(source.title)
    client = admin_client_for(source_admin)

    with CaptureQueriesContext(connection) as queries:
        page = client.get("/admin/evidence/source/")

    assert page.status_code == 200
    assert all(title in page.content.decode() for title in titles)
    # The list shows no excerpt; loading them all (text included) would only slow it down.
    assert not [q for q in queries if "evidence_excerpt" in q["sql"]]
