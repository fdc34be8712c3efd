"""Writes cost the same on day 1000 as on day 1: the number of queries a write runs does not
grow with the links resting on a fact or with the fact's excerpts, and the claim checks run
once per service call however many times the fact is touched in it."""

import functools
import re
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from campaigns.models import EvidenceLink, EvidenceLinkReview, Notification
from campaigns.services.claim_checks import (
    check_context,
    claim_checks_for_facts,
    link_flags,
    links_with_evidence,
)
from campaigns.services.links import evidence_link_propose
from common.models import AuditEntry
from evidence.models import Excerpt, Fact, FigureReport, Source, SourceShingleIndex
from evidence.services.conflicts import facts_recompute_many
from evidence.services.excerpts import excerpt_create
from evidence.services.facts import fact_update
from evidence.services.origins import shingle_index
from evidence.services.sources import (
    source_content_sha256,
    source_create,
    source_retract,
    source_update,
)
from tests.campaigns.factories import (
    Report,
    approved_link,
    killed,
    make_campaign,
    make_fact,
    make_message,
)

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


def link_from_a_new_campaign(comms: Any, fact: Fact) -> Any:
    """A message of a campaign of its own claiming the fact's 88 killed, proposed as evidence."""
    return evidence_link_propose(
        message=make_message(make_campaign(comms), comms, "The blast killed 88 worshippers."),
        fact=fact,
        claim="killed 88 worshippers",
        actor=comms,
    )


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


def with_excerpts(fact: Fact, count: int, *, indexed: bool = True) -> Fact:
    """`count` more excerpts on the fact, each of its own source (written in bulk, with the
    shingle index `source_create` stores unless not `indexed`, then the fact recomputed as the
    services would have: setting up 300 one by one is not the test)."""
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
    if indexed:
        SourceShingleIndex.objects.bulk_create(
            SourceShingleIndex(source=s, hashes=shingle_index(s.text)) for s in sources
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
        link_from_a_new_campaign(comms, fact)

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


def test_adding_an_excerpt_reads_no_text_of_the_fact_s_other_sources(comms, source_admin):
    """The new source is compared with the others' stored shingle indexes; a source stored
    without one (written around `source_create`) is compared on its text, never skipped."""
    fact = with_excerpts(make_fact(reports=[Report("The blast killed 88.", [killed(88)])]), 20)
    old = with_excerpts(
        make_fact(reports=[Report("The blast killed 89.", [killed(89)])]), 20, indexed=False
    )
    copied = "Officials said the blast at the shrine in Sehwan killed many worshippers on Thursday."
    for target, title in ((fact, "indexed"), (old, "not indexed")):
        first = source_create(
            title=f"{title} 1", text=f"{copied} ({title})", reliability="B", created_by=None
        )
        excerpt_create(source=first, exact="killed many worshippers", fact=target)
        copy = source_create(
            title=f"{title} 2",
            text=f"{copied} ({title}, Reuters)",
            reliability="C",
            created_by=None,
        )
        read = queries(
            functools.partial(
                excerpt_create, source=copy, exact="killed many worshippers", fact=target
            )
        )
        texts_of = {
            int(pk)
            for q in read
            if '"evidence_source"."text"' in q
            for pk in re.findall(r"\d+", q.split(" IN (")[1].split(")")[0])
        }
        target.refresh_from_db()
        assert [first.pk, copy.pk] in target.origins["groups"], title
        assert target.origins["independent"] == 20 + 1 + 1, title  # the copy is one origin
        if target is fact:  # the new source's text and its copy's, no other
            assert texts_of == {first.pk, copy.pk}
        else:  # the 20 sources without an index (the one `make_fact` made has one)
            without = Source.objects.filter(shingle_index__isnull=True, excerpts__fact=old)
            assert texts_of >= set(without.values_list("pk", flat=True)) and len(without) == 20


def approved_links_on(fact: Fact, comms: Any, reviewer: Any, links: int) -> list[EvidenceLink]:
    campaign = make_campaign(comms)
    return [
        approved_link(
            make_message(campaign, comms, f"Message {n}: the blast killed 88 worshippers."),
            fact,
            "killed 88 worshippers",
            proposer=comms,
            reviewer=reviewer,
        )
        for n in range(links)
    ]


def test_a_date_change_sends_2_or_20_approved_links_back_to_review_in_the_same_queries(
    comms, reviewer, source_admin
):
    few = make_fact(reports=[Report("The blast killed 88 worshippers.", [killed(88)])])
    many = make_fact(reports=[Report("The blast killed 88 worshippers.", [killed(88)])])
    links = {few.pk: approved_links_on(few, comms, reviewer, 2)}
    links[many.pk] = approved_links_on(many, comms, reviewer, 20)

    def redate(fact: Fact) -> list[str]:
        return queries(
            lambda: fact_update(fact=fact, actor=source_admin, occurred_on=date(2017, 2, 17))
        )

    assert len(redate(few)) == len(redate(many))
    for fact in (few, many):
        ids = [link.pk for link in links[fact.pk]]
        reopened = EvidenceLink.objects.filter(pk__in=ids)
        assert {link.status for link in reopened} == {"proposed"}
        assert all("was edited (occurred_on)" in link.reopened_reason for link in reopened)
        # Each link's return to the queue is still on record, with its values and its reason.
        for pk in ids:
            entry = AuditEntry.objects.get(action="evidence_link.reopen", target_id=str(pk))
            assert entry.changes["status"] == ["approved", "proposed"]
            assert "was edited" in entry.comment
            assert EvidenceLinkReview.objects.filter(link_id=pk, decision="reopen").count() == 1
        proposer_told = Notification.objects.filter(
            recipient=comms, kind=Notification.Kind.LINK_REOPENED, text__contains=fact.title
        )
        assert proposer_told.count() == len(ids)


def test_a_second_change_adds_its_reason_to_links_already_back_in_review(
    comms, reviewer, source_admin
):
    fact = make_fact(reports=[Report("The blast killed 88 worshippers.", [killed(88)])])
    links = approved_links_on(fact, comms, reviewer, 3)
    fact_update(fact=fact, actor=source_admin, occurred_on=date(2017, 2, 17))
    fact_update(fact=fact, actor=source_admin, date_precision="month")
    for link in EvidenceLink.objects.filter(pk__in=[link.pk for link in links]):
        assert link.status == "proposed"
        assert "(occurred_on)" in link.reopened_reason
        assert "(date_precision" in link.reopened_reason
        entries = AuditEntry.objects.filter(
            target_id=str(link.pk), target_type="campaigns.evidencelink"
        )
        [added] = [
            e for e in entries if "reopened_reason" in e.changes and e.action.endswith("update")
        ]
        assert "(date_precision" in added.changes["reopened_reason"][1]


def test_editing_the_place_costs_the_same_on_a_fact_with_3_or_300_excerpts(comms, source_admin):
    small = make_fact(
        reports=[Report(f"The blast killed {88 + n} people.", [killed(88 + n)]) for n in range(3)]
    )
    large = with_excerpts(make_fact(reports=[Report("The blast killed 88.", [killed(88)])]), 299)
    computed = {
        fact.pk: (fact.figures, fact.conflicts, fact.origins, fact.status)
        for fact in (small, large)
    }

    def move(fact: Fact) -> list[str]:
        return queries(lambda: fact_update(fact=fact, actor=source_admin, place="Sehwan Sharif"))

    assert len(move(small)) == len(move(large))
    for fact in (small, large):
        fact.refresh_from_db()
        assert fact.place == "Sehwan Sharif"
        assert (fact.figures, fact.conflicts, fact.origins, fact.status) == computed[fact.pk]


def test_the_claim_checks_read_a_fact_of_3_or_300_excerpts_in_the_same_queries(comms, source_admin):
    small = make_fact(reports=[Report("The blast killed 88 worshippers.", [killed(88)])])
    large = with_excerpts(make_fact(reports=[Report("The blast killed 88.", [killed(88)])]), 299)
    for fact in (small, large):
        link_from_a_new_campaign(comms, fact)

    def check(fact: Fact) -> list[str]:
        return queries(lambda: claim_checks_for_facts(fact_ids=[fact.pk]))

    assert len(check(small)) == len(check(large))


def test_the_checks_read_a_fact_as_plain_rows_as_they_read_its_excerpts(comms, source_admin):
    """The service stores flags computed from the excerpts read as plain rows; the editor and
    the picker compute them from prefetched excerpts: both give the same flags."""
    fact = make_fact(
        reports=[
            Report("The blast killed 88 worshippers.", [killed(88)], reliability="E"),
            Report("The blast killed 90 worshippers.", [killed(90)], reliability="A"),
            Report("The blast killed 88 people.", [killed(88)], reliability="B"),
        ]
    )
    weak, strong, dropped = [e.source for e in fact.excerpts.order_by("pk")]
    source_retract(source=strong, reason="Withdrawn.", actor=source_admin)
    source_update(source=dropped, actor=source_admin, text="A report that says nothing now.")
    link = link_from_a_new_campaign(comms, fact)
    link.refresh_from_db()
    stored = link.flags
    assert {"source_below_minimum_grade", "excerpt_unanchored"} <= {f["code"] for f in stored}
    read = links_with_evidence(EvidenceLink.objects.filter(pk=link.pk)).get()
    assert link_flags(link=read, context=check_context()) == stored
    assert weak.pk in next(
        f["source_ids"] for f in stored if f["code"] == "source_below_minimum_grade"
    )
