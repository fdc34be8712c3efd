"""The demo corpus: after `seed_demo` every conflict of PRODUCT.md's table is found by the real
conflict service, and loading twice changes nothing."""

from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction

from evidence.demo import DEMO_DATA, demo_corpus, demo_corpus_load
from evidence.models import Actor, ActorAlias, Excerpt, Fact, FigureReport, Source
from evidence.selectors.actors import actor_find

pytestmark = pytest.mark.django_db

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"

HOSPITAL = "Quetta Civil Hospital suicide bombing"
POLICE = "Attack on the Quetta Police Training Centre"
SEHWAN = "Suicide bombing at the Lal Shahbaz Qalandar shrine, Sehwan"
SAFOORA = "Safoora Goth bus attack, Karachi"
NOORANI = "Bombing of the Shah Noorani shrine"
CONVOY = "Suicide bombing of the Senate deputy chairman's convoy"
CHURCH = "Attack on the Bethel Memorial Methodist Church, Quetta"
MILITARY = "Attack on a military convoy in Quetta"
JOINED = "Pakistanis who joined ISIS"
JUA_ISIS = "Jamaat-ul-Ahrar pledged allegiance to ISIS"
LEJA_ISIS = "LeJ-A cooperated with ISIS on attacks"


@pytest.fixture(scope="module")
def seeded_once(django_db_setup, django_db_blocker):
    """seed_demo once for the module, in a transaction rolled back at its end (each test
    runs in a savepoint inside it)."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", stdout=StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def seeded(seeded_once, db):
    return None


def fact(title: str) -> Fact:
    return Fact.objects.get(title=title)


def conflict(fact: Fact, kind: str, field: str) -> dict:
    [found] = [c for c in fact.conflicts if c["kind"] == kind and c["field"] == field]
    return found


def values(fact: Fact, kind: str, field: str) -> list[str]:
    return [v["value"] for v in conflict(fact, kind, field)["values"]]


def killed(fact: Fact) -> tuple[int, int | None]:
    return fact.figures["killed"]["min"], fact.figures["killed"]["max"]


def test_disputed_facts_are_listed_with_their_figure_ranges(seeded, client_for, comms):
    response = client_for(comms).get("/api/v1/facts/", {"status": "disputed", "page_size": 50})

    assert response.status_code == 200
    by_title = {item["title"]: item for item in response.json()["results"]}
    assert {HOSPITAL, POLICE, SEHWAN, SAFOORA, JUA_ISIS} <= set(by_title)
    ranges = {
        title: (
            by_title[title]["figures"]["killed"]["min"],
            by_title[title]["figures"]["killed"]["max"],
        )
        for title in (HOSPITAL, POLICE, SEHWAN, SAFOORA)
    }
    # PRODUCT.md: 70–75, 61–67, 88–100+ (open-ended), 40–45.
    assert ranges == {HOSPITAL: (70, 75), POLICE: (61, 67), SEHWAN: (88, None), SAFOORA: (40, 45)}
    assert by_title[HOSPITAL]["figures"]["killed"]["wording"] == "at least 70"
    assert by_title[SEHWAN]["figures"]["killed"]["wording"] == "at least 88"
    relation = [c for c in by_title[JUA_ISIS]["conflicts"] if c["kind"] == "relationship"]
    assert [v["value"] for v in relation[0]["values"]] == [
        "no organisational link",
        "pledged allegiance",
    ]


def test_quetta_hospital_disagrees_on_toll_day_and_claim(seeded):
    hospital = fact(HOSPITAL)

    assert values(hospital, "figure", "killed") == ["about 70", "75", "at least 70"]
    assert values(hospital, "date", "occurred_on") == ["2016-08-09", "2016-08-08"]
    assert values(hospital, "attribution", "claimed_by") == [
        "Jamaat-ul-Ahrar",
        "ISIS-K",
        "ISIS, Taliban",
    ]
    # Each value points at the excerpt and source that say it.
    sources = {v["source"] for v in conflict(hospital, "figure", "killed")["values"]}
    assert {Source.objects.get(pk=pk).title for pk in sources} == {
        "Pakistan has zero tolerance for ISIL",
        "ISIS, Pakistan, LeJ-A, Jandullah, Terrorism",
        "Islamic State Gaining Strength In Pakistan",
    }


def test_police_training_centre_figures_conflict_but_lej_a_shares_responsibility(seeded):
    police = fact(POLICE)

    assert police.status == "disputed"
    assert values(police, "figure", "killed") == ["67", "61"]
    assert police.figures["wounded"] == {
        "min": 165,
        "max": None,
        "reports": 1,
        "wording": "more than 165",
        "disputed": False,
    }
    # Both articles name LeJ-A with ISIS: no attribution conflict.
    assert not [c for c in police.conflicts if c["kind"] == "attribution"]
    lej_a = actor_find(name="LeJ-A")
    for excerpt in police.excerpts.exclude(reported_attributed_to=None).distinct():
        assert lej_a in excerpt.reported_attributed_to.all()


def test_sehwan_and_safoora_goth_figures_conflict(seeded):
    sehwan, safoora = fact(SEHWAN), fact(SAFOORA)

    assert values(sehwan, "figure", "killed") == ["88", "more than 100"]
    assert sehwan.figures["wounded"]["wording"] == "more than 300"
    assert values(safoora, "figure", "killed") == ["45", "40"]
    assert [
        a.name
        for a in safoora.excerpts.get(exact__contains="Jundullah").reported_attributed_to.all()
    ] == ["Jundullah"]


def test_the_joined_statistic_conflicts(seeded):
    joined = fact(JOINED)

    assert joined.status == "disputed"
    assert values(joined, "figure", "joined") == ["more than 200", "about 100", "up to 100"]


def test_both_relationship_conflicts_are_detected(seeded):
    assert values(fact(JUA_ISIS), "relationship", "relation") == [
        "no organisational link",
        "pledged allegiance",
    ]
    leja = values(fact(LEJA_ISIS), "relationship", "relation")
    assert sorted(set(leja)) == ["cooperation", "split"]
    assert leja.count("cooperation") == 3  # 002, 003 and 004
    assert fact(LEJA_ISIS).status == "disputed"


def test_the_single_source_and_agreeing_rows_are_there_without_conflict(seeded):
    """The other rows of the table: one source each, or sources that agree (26 seminary
    students vs "more than two dozen" both allow 26)."""
    assert (fact(NOORANI).status, killed(fact(NOORANI))) == ("unverified", (53, 53))
    convoy = fact(CONVOY)
    assert convoy.status == "corroborated"
    assert convoy.conflicts == []
    assert convoy.figures["killed"]["reports"] == 2
    assert killed(convoy) == (24, 26)
    church = fact(CHURCH)
    assert killed(church) == (9, 9)
    assert church.figures["wounded"]["wording"] == "about 50"
    assert [
        a.name for a in Actor.objects.filter(pk__in=church.excerpts.values("reported_claimed_by"))
    ] == ["ISIS"]
    military = fact(MILITARY)
    assert killed(military) == (15, 15)
    assert [
        a.name
        for a in Actor.objects.filter(pk__in=military.excerpts.values("reported_attributed_to"))
    ] == ["ISIS"]


def test_victims_of_both_muslim_and_non_muslim_communities_are_shown(seeded):
    communities = dict(
        Fact.objects.filter(kind="incident").values_list("title", "victim_community")
    )

    assert communities[CHURCH] == "christian"
    assert communities[SEHWAN] == "sufi_muslim"
    assert communities[NOORANI] == "sufi_muslim"
    assert communities[CONVOY] == "muslim"
    assert fact(CHURCH).target_type == "place_of_worship"
    assert fact(CONVOY).target_type == "religious_figure"


def test_sources_carry_what_the_articles_state(seeded):
    media_line = Source.objects.get(title="Islamic State Gaining Strength In Pakistan")
    assert (media_line.publisher, media_line.author) == ("The Media Line", "Kaswar Klasra")
    assert media_line.published_on == date(2017, 12, 19)
    assert media_line.reliability == "B"
    forward = Source.objects.get(title="Pakistan has zero tolerance for ISIL")
    assert (forward.publisher, forward.author) == ("Pakistan Forward", "Amna Nasir Jamal")
    assert Source.objects.get(author="Fahad Nabeel").kind == "analysis"
    assert Source.objects.count() == 5


def test_the_shipped_articles_are_the_seed_articles_word_for_word(seeded):
    shipped = sorted((DEMO_DATA / "articles").glob("*.txt"))
    assert len(shipped) == 5
    texts = set(Source.objects.values_list("text", flat=True))
    for path in shipped:
        assert path.read_text(encoding="utf-8") in texts
        if SEEDS.exists():
            assert path.read_bytes() == (SEEDS / path.name).read_bytes()


def test_every_excerpt_is_anchored_verbatim(seeded):
    for excerpt in Excerpt.objects.select_related("source"):
        assert excerpt.anchored
        quoted = excerpt.source.text[excerpt.start : excerpt.end]
        assert " ".join(quoted.split()) == " ".join(excerpt.exact.split())


def test_every_actor_and_alias_of_the_product_brief_resolves(seeded):
    for name, expected in [
        ("ISIL", "ISIS"),
        ("IS", "ISIS"),
        ("Daesh", "ISIS"),
        ("ISKP", "ISIS-K"),
        ("Khorasan Wilayah", "ISIS-K"),
        ("Khorasan Province", "ISIS-K"),
        ("LeJ-A", "Lashkar-e-Jhangvi Al-Alami"),
        ("lashkar e jhangvi al alami", "Lashkar-e-Jhangvi Al-Alami"),
        ("TTP", "Tehreek-e-Taliban Pakistan"),
        ("Jamatul Ahrar", "Jamaat-ul-Ahrar"),
        ("Jamat-ul-Ahrar", "Jamaat-ul-Ahrar"),
        ("Jundullah", "Jundullah"),
        ("Tehreek-e-Khilafat", "Tehreek-e-Khilafat"),
    ]:
        actor = actor_find(name=name)
        assert actor is not None and actor.name == expected, name


def test_loading_twice_changes_nothing(seeded):
    def snapshot() -> dict:
        return {
            "sources": list(Source.objects.values_list("id", "content_sha256")),
            "actors": list(Actor.objects.values_list("id", "name")),
            "aliases": ActorAlias.objects.count(),
            "facts": list(
                Fact.objects.order_by("id").values_list("id", "status", "figures", "conflicts")
            ),
            "excerpts": Excerpt.objects.count(),
            "figures": FigureReport.objects.count(),
        }

    before = snapshot()
    summary = demo_corpus_load()

    assert snapshot() == before
    assert summary.startswith("Evidence: 0 sources, 0 actors, 0 facts and 0 excerpts added")


def test_every_fact_of_the_corpus_is_loaded(seeded):
    titles = [item["title"] for item in demo_corpus()["facts"]]

    assert sorted(Fact.objects.values_list("title", flat=True)) == sorted(titles)
    assert Excerpt.objects.count() == sum(len(item["excerpts"]) for item in demo_corpus()["facts"])


def test_the_demo_corpus_is_searchable_by_alias(seeded, client_for, comms):
    response = client_for(comms).get("/api/v1/search/", {"q": "Khorasan Province"})

    types = {(hit["type"], hit["title"]) for hit in response.json()["results"]}
    # "ISIS-K" / "ISIS-Khurasan" in the articles; no article says "Khorasan Province".
    assert ("source", "ISIS, Pakistan, LeJ-A, Jandullah, Terrorism") in types
    assert ("source", "ISIS after Mosul and Raqqa: the ISIS-Khurasan threat to Pakistan") in types
