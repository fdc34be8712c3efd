"""Conflict detection (`fact_recompute`) through the real services, on the demo corpus cases."""

from datetime import date

import pytest

from evidence.models import Fact
from evidence.services.excerpts import excerpt_update
from evidence.services.facts import fact_resolve_conflict, fact_verify
from evidence.services.sources import source_retract
from evidence.signals import CHANGE_ATTRIBUTION, CHANGE_FIGURES
from tests.evidence.factories import make_actor, make_excerpt, make_fact, make_source

pytestmark = pytest.mark.django_db

ARTICLE_001 = (
    '"Our movement has no organisational link with [ISIL] and al-Qaeda," Jamatul Ahrar leader '
    "Umar Khalid Khorasani said in an audio statement in which his group took responsibility "
    "for an August 9 suicide bombing targeting lawyers and journalists at a Quetta hospital. "
    "The bombing took about 70 lives."
)
ARTICLE_002 = (
    "ISIS claimed several high-profile terror attacks:\n"
    "  • August 2016 Quetta hospital attack (75 killed)\n"
    "  • October 2016 Quetta police training centre attack (67 killed)\n"
    "  • February 2017 Lal Shahbaz Qalandar shrine attack (88 killed)"
)
ARTICLE_003 = "Jamat-ul-Ahrar pledged allegiance to ISIS and has conducted attacks with it."
ARTICLE_004 = (
    "The terror group, in conjunction with the Taliban, launched its first attack in the "
    "country on August 8, 2016, killing at least 70 people in Quetta. On February 16 it "
    "perpetrated a suicide bombing at a Sufi shrine, killing more than one hundred people and "
    "wounding over 300 others."
)


def killed(value_min, qualifier="exact", value_max=None):  # type: ignore[no-untyped-def]
    return {
        "kind": "killed",
        "value_min": value_min,
        "value_max": value_max,
        "qualifier": qualifier,
    }


@pytest.fixture
def corpus():  # type: ignore[no-untyped-def]
    return {
        "001": make_source(ARTICLE_001, publisher="Pakistan Forward"),
        "002": make_source(ARTICLE_002, publisher="Daily Times"),
        "003": make_source(ARTICLE_003, publisher="Modern Diplomacy"),
        "004": make_source(ARTICLE_004, publisher="The Diplomat"),
    }


@pytest.fixture
def actors():  # type: ignore[no-untyped-def]
    return {
        "jua": make_actor("Jamaat-ul-Ahrar", aliases=["Jamatul Ahrar", "Jamat-ul-Ahrar"]),
        "isis": make_actor("ISIS", aliases=["ISIL", "IS", "Daesh"]),
        "isisk": make_actor("ISIS-K", aliases=["ISKP", "Khorasan Province"]),
        "ttp": make_actor("Tehrik-i-Taliban Pakistan", aliases=["TTP", "Taliban"]),
    }


@pytest.fixture
def quetta_hospital(corpus, actors):  # type: ignore[no-untyped-def]
    fact = make_fact(title="Quetta hospital bombing", occurred_on=date(2016, 8, 8))
    make_excerpt(
        corpus["001"],
        "his group took responsibility for an August 9 suicide bombing targeting lawyers and "
        "journalists at a Quetta hospital. The bombing took about 70 lives.",
        fact=fact,
        figures=[killed(70, "about")],
        reported_on=date(2016, 8, 9),
        reported_claimed_by=[actors["jua"]],
    )
    make_excerpt(
        corpus["002"],
        "August 2016 Quetta hospital attack (75 killed)",
        fact=fact,
        figures=[killed(75)],
        reported_claimed_by=[actors["isisk"]],
    )
    make_excerpt(
        corpus["004"],
        "in conjunction with the Taliban, launched its first attack in the country on August 8, "
        "2016, killing at least 70 people in Quetta",
        fact=fact,
        figures=[killed(70, "at_least")],
        reported_on=date(2016, 8, 8),
        reported_claimed_by=[actors["isis"], actors["ttp"]],
    )
    fact.refresh_from_db()
    return fact


def conflict(fact, field):  # type: ignore[no-untyped-def]
    return next(c for c in fact.conflicts if c["field"] == field)


def test_quetta_hospital_figures_are_disputed_and_worded_conservatively(quetta_hospital):
    assert quetta_hospital.status == Fact.Status.DISPUTED
    assert quetta_hospital.excerpt_count == 3
    assert quetta_hospital.figures["killed"] == {
        "min": 70,
        "max": 75,
        "reports": 3,
        "wording": "at least 70",
        "disputed": True,
    }
    values = sorted(v["value"] for v in conflict(quetta_hospital, "killed")["values"])
    assert values == ["75", "about 70", "at least 70"]


def test_quetta_hospital_dates_aug_8_and_aug_9_conflict(quetta_hospital, corpus):
    dates = conflict(quetta_hospital, "occurred_on")
    assert dates["kind"] == "date"
    assert {(v["value"], v["source"]) for v in dates["values"]} == {
        ("2016-08-09", corpus["001"].pk),
        ("2016-08-08", corpus["004"].pk),
    }


def test_quetta_hospital_competing_claims_of_responsibility(quetta_hospital):
    claims = conflict(quetta_hospital, "claimed_by")
    assert claims["kind"] == "attribution"
    assert sorted(v["value"] for v in claims["values"]) == [
        "ISIS, Tehrik-i-Taliban Pakistan",
        "ISIS-K",
        "Jamaat-ul-Ahrar",
    ]


def test_the_same_day_at_month_precision_is_no_date_conflict(corpus):
    fact = make_fact(occurred_on=date(2016, 8, 1), date_precision="month")
    make_excerpt(
        corpus["001"], "an August 9 suicide bombing", fact=fact, reported_on=date(2016, 8, 9)
    )
    make_excerpt(corpus["004"], "on August 8, 2016", fact=fact, reported_on=date(2016, 8, 8))

    fact.refresh_from_db()
    assert fact.conflicts == []
    assert fact.status == Fact.Status.CORROBORATED


def test_at_least_70_and_75_agree(corpus):
    fact = make_fact()
    make_excerpt(corpus["002"], "(75 killed)", fact=fact, figures=[killed(75)])
    make_excerpt(
        corpus["004"], "killing at least 70 people", fact=fact, figures=[killed(70, "at_least")]
    )

    fact.refresh_from_db()
    assert fact.conflicts == []
    assert fact.status == Fact.Status.CORROBORATED
    assert fact.figures["killed"]["wording"] == "75"
    assert fact.figures["killed"]["disputed"] is False


def test_88_against_more_than_one_hundred_is_disputed_with_an_open_maximum(corpus):
    fact = make_fact(title="Sehwan shrine")
    make_excerpt(corpus["002"], "shrine attack (88 killed)", fact=fact, figures=[killed(88)])
    make_excerpt(
        corpus["004"],
        "killing more than one hundred people and wounding over 300 others",
        fact=fact,
        figures=[
            killed(100, "more_than"),
            {"kind": "wounded", "value_min": 300, "qualifier": "more_than"},
        ],
    )

    fact.refresh_from_db()
    assert fact.status == Fact.Status.DISPUTED
    assert fact.figures["killed"] == {
        "min": 88,
        "max": None,
        "reports": 2,
        "wording": "at least 88",
        "disputed": True,
    }
    assert fact.figures["wounded"]["wording"] == "more than 300"
    assert fact.figures["wounded"]["disputed"] is False


def test_a_single_source_leaves_a_fact_unverified_with_the_figure_as_reported(corpus):
    fact = make_fact()
    make_excerpt(
        corpus["001"], "The bombing took about 70 lives.", fact=fact, figures=[killed(70, "about")]
    )

    fact.refresh_from_db()
    assert fact.status == Fact.Status.UNVERIFIED
    assert fact.figures["killed"]["wording"] == "about 70"


def test_two_excerpts_from_one_publisher_do_not_corroborate(corpus):
    fact = make_fact()
    other = make_source(
        "A second article. The bombing took about 70 lives.", publisher="pakistan forward "
    )
    make_excerpt(corpus["001"], "The bombing took about 70 lives.", fact=fact)
    make_excerpt(other, "The bombing took about 70 lives.", fact=fact)

    fact.refresh_from_db()
    assert fact.excerpt_count == 2
    assert fact.status == Fact.Status.UNVERIFIED


def test_no_link_against_pledged_allegiance_is_a_relationship_conflict(corpus, actors):
    fact = make_fact(
        Fact.Kind.RELATIONSHIP,
        title="Jamaat-ul-Ahrar and ISIS",
        subject_actor=actors["jua"],
        object_actor=actors["isis"],
        relation="allegiance",
    )
    make_excerpt(
        corpus["001"],
        "Our movement has no organisational link with [ISIL]",
        fact=fact,
        reported_relation="no_link",
    )
    make_excerpt(
        corpus["003"],
        "Jamat-ul-Ahrar pledged allegiance to ISIS",
        fact=fact,
        reported_relation="allegiance",
    )

    fact.refresh_from_db()
    assert fact.status == Fact.Status.DISPUTED
    relation = conflict(fact, "relation")
    assert relation["kind"] == "relationship"
    assert sorted(v["value"] for v in relation["values"]) == [
        "no organisational link",
        "pledged allegiance",
    ]


def test_cooperation_then_a_later_split_is_history_not_a_conflict(corpus, actors):
    fact = make_fact(
        Fact.Kind.RELATIONSHIP,
        title="LeJ-A and ISIS",
        subject_actor=actors["jua"],
        object_actor=actors["isis"],
        relation="cooperation",
    )
    make_excerpt(
        corpus["003"],
        "has conducted attacks with it",
        fact=fact,
        reported_relation="cooperation",
        reported_on=date(2017, 2, 16),
    )
    split = make_excerpt(
        corpus["001"],
        "Our movement has no organisational link",
        fact=fact,
        reported_relation="split",
        reported_on=date(2017, 6, 1),
    )
    fact.refresh_from_db()
    assert fact.conflicts == []

    excerpt_update(excerpt=split, actor=None, reported_on=None)  # undated: cannot tell
    fact.refresh_from_db()
    assert conflict(fact, "relation")["kind"] == "relationship"


def test_retracting_a_source_removes_its_reports_and_can_end_a_dispute(corpus, changes):
    fact = make_fact()
    make_excerpt(corpus["002"], "(75 killed)", fact=fact, figures=[killed(75)])
    make_excerpt(
        corpus["001"], "The bombing took about 70 lives.", fact=fact, figures=[killed(70, "about")]
    )
    fact.refresh_from_db()
    assert fact.status == Fact.Status.DISPUTED

    source_retract(source=corpus["001"], reason="Wrong article", actor=None)

    fact.refresh_from_db()
    assert fact.status == Fact.Status.UNVERIFIED
    assert fact.excerpt_count == 1
    assert fact.figures["killed"]["wording"] == "75"
    assert {"fact_ids": [fact.pk], "code": CHANGE_FIGURES} in [
        {k: c[k] for k in ("fact_ids", "code")} for c in changes
    ]


def test_a_resolution_stays_visible_and_ends_the_dispute(quetta_hospital, reviewer):
    fact = quetta_hospital
    for field in ("killed", "occurred_on", "claimed_by"):
        fact = fact_resolve_conflict(
            fact=fact, field=field, wording="at least 70", reason="Conservative", reviewer=reviewer
        )
    assert fact.status == Fact.Status.UNVERIFIED or fact.status == Fact.Status.CORROBORATED
    killed_conflict = conflict(fact, "killed")
    assert killed_conflict["resolution"]["wording"] == "at least 70"
    assert killed_conflict["resolution"]["resolved_by"] == reviewer.pk
    assert len(killed_conflict["values"]) == 3


def test_new_evidence_reopens_a_resolved_conflict_and_lifts_verification(
    quetta_hospital, reviewer, changes
):
    fact = quetta_hospital
    for field in ("killed", "occurred_on", "claimed_by"):
        fact = fact_resolve_conflict(
            fact=fact, field=field, wording="x", reason="Checked", reviewer=reviewer
        )
    fact = fact_verify(fact=fact, reviewer=reviewer)
    assert fact.status == Fact.Status.VERIFIED

    late = make_source("A late report: 80 killed in the hospital bombing.", publisher="Dawn")
    make_excerpt(late, "80 killed", fact=fact, figures=[killed(80)])

    fact.refresh_from_db()
    assert fact.verified_at is None
    assert fact.status == Fact.Status.DISPUTED
    assert conflict(fact, "killed")["resolution"] is None
    assert conflict(fact, "occurred_on")["resolution"] is not None  # dates did not change
    assert CHANGE_FIGURES in {c["code"] for c in changes}


def test_unanchored_excerpts_do_not_count(corpus, actors, changes):
    fact = make_fact()
    make_excerpt(
        corpus["001"],
        "The bombing took about 70 lives.",
        fact=fact,
        figures=[killed(70, "about")],
        reported_claimed_by=[actors["jua"]],
    )
    make_excerpt(
        corpus["002"],
        "(75 killed)",
        fact=fact,
        figures=[killed(75)],
        reported_claimed_by=[actors["isisk"]],
    )
    fact.refresh_from_db()
    assert {c["field"] for c in fact.conflicts} == {"killed", "claimed_by"}

    from evidence.services.sources import source_update

    source_update(source=corpus["002"], actor=None, text="ISIS claimed the attack.")

    fact.refresh_from_db()
    assert fact.conflicts == []
    assert fact.excerpt_count == 1
    codes = {c["code"] for c in changes}
    assert {"excerpt_unanchored", CHANGE_ATTRIBUTION, CHANGE_FIGURES} <= codes
