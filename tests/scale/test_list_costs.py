"""The hot lists cost the same queries for a page of 5 rows as for a page of 60, for a Reviewer
and for a Communications user (whose lists go through the visibility filter): the capped count,
the page, and one query per many-to-many relation the rows show, never one per row."""

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from campaigns.models import EvidenceLink
from evidence.models import Fact
from tests.campaigns.factories import make_campaign, make_message
from tests.evidence.factories import make_actor, make_fact

pytestmark = pytest.mark.django_db


def queries_for(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(captured.captured_queries)


@pytest.fixture
def busy_lists(comms, reviewer2):  # type: ignore[no-untyped-def]
    """70 facts with actors, 70 campaigns with themes and a team, 70 proposed links."""
    actors = [make_actor() for _ in range(3)]
    facts = [make_fact(claimed_by=actors[:2], attributed_to=actors[2:]) for _ in range(70)]
    campaigns = [make_campaign(comms, team=[comms]) for _ in range(70)]
    message = make_message(campaigns[0], comms, "At least 70 people were killed in Quetta.")
    EvidenceLink.objects.bulk_create(
        EvidenceLink(message=message, fact=fact, claim=f"claim {n}", proposed_by=comms)
        for n, fact in enumerate(facts)
    )


@pytest.mark.parametrize(
    ("url", "queries"),
    [
        # The page with its count, its claimed_by and attributed_to ids.
        ("/api/v1/facts/", 3),
        # The page with its count, its themes and team ids.
        ("/api/v1/campaigns/", 3),
        # The page with its count.
        ("/api/v1/evidence-links/?status=proposed", 1),
    ],
)
@pytest.mark.parametrize("role", ["reviewer", "comms"])
def test_a_hot_list_costs_the_same_queries_for_5_rows_as_for_60(
    client_for, busy_lists, reviewer, comms, url, queries, role
):
    client = client_for({"reviewer": reviewer, "comms": comms}[role])
    client.get(url)  # the user's roles, read once per client
    join = "&" if "?" in url else "?"
    small = queries_for(client, f"{url}{join}page_size=5")
    large = queries_for(client, f"{url}{join}page_size=60")
    assert small == large == queries
    body = client.get(f"{url}{join}page_size=60").json()
    assert len(body["results"]) == 60 and body["count"] == 70


def test_a_fact_reads_its_actors_and_people_by_id_alone(client_for, reviewer, comms):
    """The fact detail shows actors, the author and the verifier by id: it reads the fact's
    row and the two actor lists' ids, never the actors' or the users' rows (users' password
    hashes included), however many actors the fact names."""
    actors = [make_actor() for _ in range(5)]
    fact = make_fact(created_by=comms, claimed_by=actors[:3], attributed_to=actors[3:])
    Fact.objects.filter(pk=fact.pk).update(verified_by=reviewer)
    client = client_for(reviewer)
    client.get(f"/api/v1/facts/{fact.pk}/")  # the user's roles, read once per client
    with CaptureQueriesContext(connection) as captured:
        response = client.get(f"/api/v1/facts/{fact.pk}/")
    assert response.status_code == 200
    body = response.json()
    assert body["claimed_by"] == sorted(a.pk for a in actors[:3])
    assert body["attributed_to"] == sorted(a.pk for a in actors[3:])
    assert (body["created_by"], body["verified_by"]) == (comms.pk, reviewer.pk)
    statements = [query["sql"] for query in captured.captured_queries]
    # The fact, then its claimed_by and attributed_to ids.
    assert len(statements) == 3, statements
    assert not any("auth_user" in sql or "password" in sql for sql in statements)


def test_the_review_queue_reads_people_by_name_alone_and_never_joins_them(
    busy_lists, reviewer, comms
):
    """The review page names who proposed each link from one query of names: joining the users
    table into the queue's own query (twice, once outer) cost PostgreSQL more to plan than
    to run. Proposers and deciders are named by the same one query."""
    client = Client()
    client.force_login(reviewer)
    client.get("/review/")  # the session and the roles, read once
    with CaptureQueriesContext(connection) as captured:
        page = client.get("/review/").content.decode()
    assert f"proposed by {comms.username}, " in page
    statements = [query["sql"] for query in captured.captured_queries]
    queue = [sql for sql in statements if 'FROM "campaigns_evidencelink" INNER JOIN' in sql]
    assert queue and not any("auth_user" in sql for sql in queue), queue
    names = [sql for sql in statements if 'FROM "auth_user" WHERE "auth_user"."id" IN' in sql]
    assert len(names) == 1, names
    assert names[0].startswith('SELECT "auth_user"."id" AS "pk", "auth_user"."username" AS')
    assert "password" not in names[0]
