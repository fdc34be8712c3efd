"""The list pages (facts, sources, review queue, audit trail) hand out cursor links: walking
them shows every row once, in order, with the filters kept; a bad cursor is a 400 naming it."""

import html
import re
from datetime import date

import pytest
from django.urls import reverse

from common.models import AuditEntry
from evidence.models import Fact
from evidence.services.sources import source_update
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
