"""Cursor pages: walking a list to its end with `next` (and back with `previous`) shows every
row exactly once, in the list's order, NULL dates and ties included, with the filters kept; a
bad cursor is a 400 naming `cursor`; a page costs the same queries at the start and deep in."""

import base64
import json
from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from campaigns.models import EvidenceLink
from campaigns.services.links import evidence_link_propose
from common.models import AuditEntry
from evidence.models import Excerpt, Fact, Source
from evidence.services.sources import source_update
from tests.campaigns.factories import make_campaign, make_message
from tests.evidence.factories import make_excerpt, make_fact, make_source

pytestmark = pytest.mark.django_db


def walk(client: Any, url: str) -> tuple[list[int], list[dict[str, Any]]]:
    """Every row's id, following `next` to the end; and each page's body."""
    ids: list[int] = []
    bodies = []
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.content
        body = response.json()
        assert "page=" not in (body["next"] or "")
        bodies.append(body)
        ids += [row["id"] for row in body["results"]]
        url = body["next"]
    return ids, bodies


def walk_back(client: Any, last: dict[str, Any]) -> list[int]:
    """Every row's id, from the last page back to the first with `previous`."""
    ids = [row["id"] for row in reversed(last["results"])]
    url = last["previous"]
    while url:
        body = client.get(url).json()
        ids += [row["id"] for row in reversed(body["results"])]
        url = body["previous"]
    return ids


def facts_in_list_order(facts: list[Fact]) -> list[int]:
    # Newest first, undated last, then by id: what the facts list promises.
    return [
        f.pk
        for f in sorted(
            facts,
            key=lambda f: (f.occurred_on is None, -(f.occurred_on or date.min).toordinal(), f.pk),
        )
    ]


@pytest.fixture
def facts() -> list[Fact]:
    made = []
    # Ties on a date, several dates, and undated facts (which sort last on every database).
    for day in (date(2016, 8, 8), date(2016, 8, 8), date(2016, 8, 8), date(2014, 12, 16)):
        made.append(make_fact(occurred_on=day))
    made.append(make_fact(occurred_on=date(2017, 2, 16)))
    for _ in range(4):
        made.append(make_fact(kind=Fact.Kind.STATEMENT, occurred_on=None))
    made.append(make_fact(occurred_on=date(2016, 8, 8)))
    return made


@pytest.mark.parametrize("size", [1, 2, 3, 4, 200])
def test_walking_the_facts_shows_each_once_in_order_both_ways(client_for, reviewer, facts, size):
    client = client_for(reviewer)
    ids, bodies = walk(client, f"/api/v1/facts/?page_size={size}")
    assert ids == facts_in_list_order(facts)
    assert bodies[0]["previous"] is None
    assert walk_back(client, bodies[-1]) == list(reversed(ids))


def test_walking_keeps_the_filters(client_for, reviewer, facts):
    for fact in facts[:3] + facts[5:7]:
        Fact.objects.filter(pk=fact.pk).update(status=Fact.Status.DISPUTED)
    ids, bodies = walk(client_for(reviewer), "/api/v1/facts/?status=disputed&page_size=2")
    disputed = [f for f in facts if f.pk in {x.pk for x in facts[:3] + facts[5:7]}]
    assert ids == facts_in_list_order(disputed)
    assert all("status=disputed" in (b["next"] or "status=disputed") for b in bodies)


def test_the_old_page_numbers_still_work_and_hand_out_cursors(client_for, reviewer, facts):
    body = client_for(reviewer).get("/api/v1/facts/?page_size=3&page=2").json()
    assert [r["id"] for r in body["results"]] == facts_in_list_order(facts)[3:6]
    assert "cursor=" in body["next"] and "page=" not in body["next"]
    assert "cursor=" in body["previous"]


def test_walking_sources_with_equal_times_shows_each_once(client_for, reviewer):
    sources = [make_source() for _ in range(7)]
    # Three sources registered in the same microsecond: the id decides.
    same = timezone.now()
    Source.objects.filter(pk__in=[s.pk for s in sources[2:5]]).update(created_at=same)
    expected = list(Source.objects.order_by("-created_at", "-id").values_list("pk", flat=True))
    client = client_for(reviewer)
    ids, bodies = walk(client, "/api/v1/sources/?page_size=2")
    assert ids == expected
    assert walk_back(client, bodies[-1]) == list(reversed(expected))


def test_walking_excerpts_shows_each_once(client_for, reviewer):
    first, second = make_source(), make_source()
    for source in (second, first, second):
        make_excerpt(source=source)
        make_excerpt(source=source, exact=source.text[21:40])
    expected = list(
        Excerpt.objects.order_by("source_id", "start", "id").values_list("pk", flat=True)
    )
    ids, _ = walk(client_for(reviewer), "/api/v1/excerpts/?page_size=4")
    assert ids == expected


def test_walking_the_review_queue_shows_each_proposed_link_once(client_for, comms, reviewer):
    campaign = make_campaign(comms)
    message = make_message(campaign, comms, "The shrine bombing killed 88 people.")
    links = [
        evidence_link_propose(
            message=message, fact=make_fact(), claim="The shrine bombing", actor=comms
        )
        for _ in range(5)
    ]
    EvidenceLink.objects.filter(pk__in=[links[1].pk, links[3].pk]).update(
        created_at=links[0].created_at
    )
    EvidenceLink.objects.filter(pk=links[4].pk).update(status=EvidenceLink.Status.REJECTED)
    expected = list(
        EvidenceLink.objects.filter(status="proposed")
        .order_by("created_at", "pk")
        .values_list("pk", flat=True)
    )
    ids, _ = walk(client_for(reviewer), "/api/v1/evidence-links/?status=proposed&page_size=1")
    assert ids == expected and len(ids) == 4


def test_walking_a_history_reaches_the_first_edit(client_for, source_admin, comms):
    source = make_source(created_by=source_admin)
    for n in range(6):
        source_update(source=source, actor=source_admin, title=f"Title {n}")
    ids, bodies = walk(client_for(comms), f"/api/v1/sources/{source.pk}/history/?page_size=4")
    expected = list(
        AuditEntry.objects.filter(target_type="evidence.source", target_id=str(source.pk))
        .order_by("-created_at", "-id")
        .values_list("pk", flat=True)
    )
    assert ids == expected and len(ids) == 7
    assert bodies[-1]["results"][-1]["action"] == "source.create"


def cursor_of(payload: Any) -> str:
    return base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    "cursor",
    [
        "not-a-cursor",
        "%%%",
        cursor_of([1, 2]),
        cursor_of({"f": "x", "d": "n", "v": ["2016-08-08", 1]}),
        "e30",  # {}
    ],
)
def test_a_malformed_cursor_is_a_400_naming_it(client_for, reviewer, facts, cursor):
    response = client_for(reviewer).get("/api/v1/facts/", {"cursor": cursor})
    assert response.status_code == 400, response.content
    assert "cursor" in response.json()


def forged(client: Any, url: str, values: list[Any]) -> str:
    """The list's own next cursor with its row values replaced."""
    token = client.get(url).json()["next"].split("cursor=")[1].split("&")[0]
    payload = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
    payload["v"] = values
    return cursor_of(payload)


@pytest.mark.parametrize(
    "values",
    [
        ["soon", 1],
        ["2016-08-08", "one"],
        ["2016-08-08", 2**70],
        ["2016-08-08"],
        [None, None],
        [{"a": 1}, 1],
    ],
)
def test_a_cursor_with_wrong_values_is_a_400_naming_it(client_for, reviewer, facts, values):
    client = client_for(reviewer)
    cursor = forged(client, "/api/v1/facts/?page_size=2", values)
    response = client.get("/api/v1/facts/", {"page_size": 2, "cursor": cursor})
    assert response.status_code == 400, response.content
    assert "cursor" in response.json()


def test_a_cursor_from_other_filters_is_refused(client_for, reviewer, facts):
    client = client_for(reviewer)
    following = client.get("/api/v1/facts/?page_size=2").json()["next"]
    cursor = following.split("cursor=")[1]
    response = client.get(f"/api/v1/facts/?status=verified&cursor={cursor}")
    assert response.status_code == 400
    assert "other filters" in response.json()["cursor"][0]
    # The same cursor on another list is refused too, not read as that list's rows.
    assert client.get(f"/api/v1/sources/?cursor={cursor}").status_code == 400


def queries_for(client: Any, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_a_page_costs_the_same_queries_at_the_start_and_deep_in(
    client_for, reviewer, django_assert_num_queries
):
    for n in range(30):
        make_fact(occurred_on=date(2015, 1, 1) + timedelta(days=n % 7))
    client = client_for(reviewer)
    client.get("/api/v1/facts/")  # the session and role lookups, warmed
    _, bodies = walk(client, "/api/v1/facts/?page_size=5")
    deep = bodies[3]["next"]
    # The page with its capped count in the same query, then its two actor lists (the
    # user's roles are already read).
    with django_assert_num_queries(3):
        first = client.get("/api/v1/facts/?page_size=5").json()
    with django_assert_num_queries(3):
        deeper = client.get(deep).json()
    with django_assert_num_queries(3):
        client.get("/api/v1/facts/?page_size=20")
    assert first["count"] == deeper["count"] == 30
