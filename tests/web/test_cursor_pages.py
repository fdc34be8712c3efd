"""The list pages (facts, sources, review queue, audit trail) hand out cursor links: walking
them shows every row once, in order, with the filters kept; a bad cursor is a 400 naming it."""

import html
import re
from datetime import date

import pytest
from django.urls import reverse

from campaigns.models import EvidenceLink
from campaigns.services.links import evidence_link_propose
from common.models import AuditEntry
from evidence.models import Fact
from evidence.services.sources import source_update
from tests.campaigns.factories import make_campaign, make_message
from tests.evidence.factories import make_fact, make_source
from tests.scale.test_keyset import facts_in_list_order

pytestmark = pytest.mark.django_db


@pytest.fixture
def facts() -> list[Fact]:
    made = [
        make_fact(occurred_on=day)
        for day in (date(2016, 8, 8), date(2016, 8, 8), date(2014, 12, 16))
    ]
    made += [make_fact(kind=Fact.Kind.STATEMENT, occurred_on=None) for _ in range(3)]
    made.append(make_fact(occurred_on=date(2016, 8, 8)))
    return made


def pages(client, path: str, query: str = "") -> list[str]:  # type: ignore[no-untyped-def]
    """Each page of a list, following its next link to the end."""
    url: str | None = path + query
    seen = []
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.content
        page = response.content.decode()
        seen.append(page)
        found = re.search(r'href="(\?[^"]*)" rel="next"', page)
        url = path + html.unescape(found.group(1)) if found else None
    return seen


def test_the_facts_page_walks_with_cursor_links(page_client, reviewer, facts, monkeypatch):
    monkeypatch.setattr("web.views.facts.FACTS_PER_PAGE", 3)
    walked = pages(page_client(reviewer), reverse("web:facts"))
    seen = [int(pk) for page in walked for pk in re.findall(r'href="/facts/(\d+)/"', page)]
    assert len(walked) == 3
    assert seen == facts_in_list_order(facts)
    assert 'rel="prev"' in walked[-1] and 'rel="prev"' not in walked[0]


def test_the_audit_page_walks_to_the_first_entry_keeping_the_filter(
    page_client, source_admin, monkeypatch
):
    monkeypatch.setattr("web.views.audit.AUDIT_PER_PAGE", 2)
    source = make_source(created_by=source_admin)
    for n in range(4):
        source_update(source=source, actor=source_admin, title=f"Title {n}")
    make_source(created_by=source_admin)  # another object's entries, filtered out
    walked = pages(
        page_client(source_admin),
        reverse("web:audit"),
        f"?kind=evidence.source&target_id={source.pk}",
    )
    expected = AuditEntry.objects.filter(target_id=str(source.pk), target_type="evidence.source")
    assert len(walked) == 3
    assert sum(page.count("<time ") for page in walked) == expected.count() == 5
    assert "source.create" in walked[-1]


def test_a_page_refuses_a_bad_cursor_naming_it(page_client, reviewer, source_admin, facts):
    for name, user in (
        ("web:facts", reviewer),
        ("web:audit", source_admin),
        ("web:sources", reviewer),
        ("web:review-queue", reviewer),
    ):
        response = page_client(user).get(reverse(name), {"cursor": "rubbish"})
        assert response.status_code == 400, name
        assert "cursor:" in response.content.decode(), name


def test_the_review_queue_walks_oldest_first_and_a_decision_keeps_the_place(
    page_client, comms, reviewer, monkeypatch
):
    monkeypatch.setattr("web.views.review.LINKS_PER_PAGE", 2)
    campaign = make_campaign(comms)
    message = make_message(campaign, comms, "The shrine bombing killed 88 people.")
    links = [
        evidence_link_propose(
            message=message, fact=make_fact(), claim="The shrine bombing", actor=comms
        )
        for _ in range(5)
    ]
    # Two proposed in the same instant: the id decides.
    EvidenceLink.objects.filter(pk=links[3].pk).update(created_at=links[2].created_at)
    client = page_client(reviewer)
    walked = pages(client, reverse("web:review-queue"))
    seen = [int(pk) for page in walked for pk in re.findall(r'id="link-(\d+)"', page)]
    assert seen == [link.pk for link in links]
    assert "(5 links)" in walked[1]
    # Approving the second page's first link leaves the queue; back on the same cursor, the
    # next link moves up and none is skipped (an offset page would skip one).
    here = re.search(r'name="next" value="([^"]*)"', walked[1])
    assert here and "cursor=" in here.group(1)
    back = client.post(
        reverse("web:evidence-link-review", args=[links[2].pk, "approve"]),
        {"comment": "", "next": html.unescape(here.group(1))},
    )
    after = client.get(back["Location"]).content.decode()
    assert [int(pk) for pk in re.findall(r'id="link-(\d+)"', after)] == [links[3].pk, links[4].pk]
