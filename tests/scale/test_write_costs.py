"""Writes cost the same on day 1000 as on day 1: the number of queries a write runs does not
grow with the links resting on a fact or with the fact's excerpts, and the claim checks run
once per service call however many times the fact is touched in it."""

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from campaigns.models import EvidenceLink
from campaigns.services.links import evidence_link_propose
from evidence.models import Excerpt, Fact, FigureReport, Source
from evidence.services.conflicts import facts_recompute_many
from evidence.services.excerpts import excerpt_create
from evidence.services.facts import fact_update
from evidence.services.sources import source_content_sha256, source_create
from tests.campaigns.factories import Report, killed, make_campaign, make_fact, make_message

pytestmark = pytest.mark.django_db


def queries(action: Callable[[], Any]) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        action()
    return [q["sql"] for q in captured.captured_queries]


def fact_with_links(comms: Any, links: int) -> Fact:
    fact = make_fact(reports=[Report("The blast killed 88 worshippers.", [killed(88)])])
    campaign = make_campaign(comms)
    for n in range(links):
        message = make_message(campaign, comms, f"Message {n}: the blast killed 88 worshippers.")
        evidence_link_propose(
            message=message, fact=fact, claim="killed 88 worshippers", actor=comms
        )
    return fact


def link_checks(sql: list[str]) -> int:
    """How many times the claim checks loaded the links they recompute."""
    table = EvidenceLink._meta.db_table
    return sum(
        1 for q in sql if q.startswith("SELECT") and f'FROM "{table}"' in q and "INNER JOIN" in q
    )


def test_fact_update_costs_the_same_with_2_or_50_links(comms, source_admin):
    few = fact_with_links(comms, 2)
    many = fact_with_links(comms, 50)

    def update(fact: Fact) -> list[str]:
        return queries(lambda: fact_update(fact=fact, actor=source_admin, place="Sehwan Sharif"))

    assert len(update(few)) == len(update(many))
    many.refresh_from_db()
    assert many.place == "Sehwan Sharif"


def test_fact_update_runs_the_claim_checks_once(comms, source_admin):
    fact = fact_with_links(comms, 3)
    sql = queries(lambda: fact_update(fact=fact, actor=source_admin, place="Sehwan Sharif"))
    assert link_checks(sql) == 1, "\n".join(q for q in sql if "evidencelink" in q)


def test_a_changed_figure_still_flags_every_link_on_the_fact(comms, source_admin):
    fact = fact_with_links(comms, 3)
    source = source_create(
        title="A later report",
        text="Officials now say the blast killed 60 people.",
        reliability="B",
        created_by=None,
    )
    excerpt_create(source=source, exact="killed 60 people", fact=fact, figures=[killed(60)])
    flags = [{f["code"] for f in link.flags} for link in EvidenceLink.objects.filter(fact=fact)]
    assert flags and all("figure_exceeds_evidence" in codes for codes in flags)


def with_excerpts(fact: Fact, count: int) -> Fact:
    """`count` more excerpts on the fact, each of its own source (written in bulk, then the
    fact recomputed as the services would have: setting up 300 one by one is not the test)."""
    sources = Source.objects.bulk_create(
        Source(
            title=f"Dispatch {fact.pk}.{n}",
            publisher=f"Publisher {n}",
            reliability="B",
            text=f"Dispatch {fact.pk}.{n}: the blast killed {40 + n % 60} people.",
            content_sha256=source_content_sha256(f"{fact.pk}.{n}"),
        )
        for n in range(count)
    )
    excerpts = Excerpt.objects.bulk_create(
        Excerpt(
            source=source,
            fact=fact,
            exact="the blast",
            start=source.text.index("the blast"),
            end=source.text.index("the blast") + len("the blast"),
            anchored=True,
        )
        for source in sources
    )
    FigureReport.objects.bulk_create(
        FigureReport(excerpt=e, kind="killed", value_min=40 + n % 60, qualifier="about")
        for n, e in enumerate(excerpts)
    )
    facts_recompute_many(fact_ids=[fact.pk])
    fact.refresh_from_db()
    return fact


def test_adding_an_excerpt_costs_the_same_to_a_fact_with_3_or_300_excerpts(comms, source_admin):
    small = make_fact(
        reports=[Report(f"The blast killed {88 + n} people.", [killed(88 + n)]) for n in range(3)]
    )
    large = with_excerpts(make_fact(reports=[Report("The blast killed 88.", [killed(88)])]), 299)
    assert large.excerpt_count == 300
    for fact in (small, large):
        evidence_link_propose(
            message=make_message(make_campaign(comms), comms, "The blast killed 88 worshippers."),
            fact=fact,
            claim="killed 88 worshippers",
            actor=comms,
        )

    def add(fact: Fact, n: int) -> list[str]:
        source = source_create(
            title=f"Late report {n}",
            text=f"A late report {n}: 90 were killed.",
            reliability="B",
            created_by=None,
        )
        return queries(
            lambda: excerpt_create(
                source=source, exact="90 were killed", fact=fact, figures=[killed(90)]
            )
        )

    assert len(add(small, 1)) == len(add(large, 2))
