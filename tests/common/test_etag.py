"""Conditional writes: every detail answer has an ETag, an edit must send it back (428 without,
412 when stale, naming the current version), and concurrent edits never lose one another."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from rest_framework.test import APIClient

from campaigns.models import Campaign
from tests.campaigns.factories import make_campaign, make_message
from tests.evidence.factories import make_actor, make_excerpt, make_fact, make_source

EDITS: dict[str, dict[str, object]] = {
    "sources": {"title": "Renamed"},
    "excerpts": {"credibility": 2},
    "facts": {"title": "Renamed"},
    "actors": {"name": "Renamed group"},
}


@pytest.fixture
def evidence_urls(db):  # type: ignore[no-untyped-def]
    source = make_source("The bombing took about 70 lives.")
    fact = make_fact()
    return {
        "sources": f"/api/v1/sources/{source.pk}/",
        "excerpts": f"/api/v1/excerpts/{make_excerpt(source, 'about 70', fact=fact).pk}/",
        "facts": f"/api/v1/facts/{fact.pk}/",
        "actors": f"/api/v1/actors/{make_actor('TTP').pk}/",
    }


@pytest.mark.django_db
@pytest.mark.parametrize("kind", list(EDITS))
def test_evidence_edits_need_the_current_version(client_for, source_admin, evidence_urls, kind):
    client, url = client_for(source_admin), evidence_urls[kind]
    etag = client.get(url)["ETag"]

    missing = client.patch(url, EDITS[kind], format="json")
    stale = client.patch(url, EDITS[kind], format="json", HTTP_IF_MATCH='"stale"')
    current = client.patch(url, EDITS[kind], format="json", HTTP_IF_MATCH=etag)
    replayed = client.patch(url, EDITS[kind], format="json", HTTP_IF_MATCH=etag)

    assert missing.status_code == 428 and missing.json()["current_version"] == etag
    assert stale.status_code == 412 and stale.json()["current_version"] == etag
    assert "Someone else changed this" in stale.json()["detail"]
    assert current.status_code == 200
    assert current["ETag"] != etag and current["ETag"] == client.get(url)["ETag"]
    assert replayed.status_code == 412


@pytest.mark.django_db
def test_campaign_and_message_edits_need_the_current_version(client_for, comms):
    campaign = make_campaign(owner=comms)
    client = client_for(comms)
    url = f"/api/v1/campaigns/{campaign.pk}/"
    etag = client.get(url)["ETag"]

    assert client.put(url, {"name": "All new"}, format="json").status_code == 428
    assert client.patch(url, {"goal": "x"}, format="json", HTTP_IF_MATCH='"old"').status_code == 412
    edited = client.patch(url, {"goal": "x"}, format="json", HTTP_IF_MATCH=etag)
    assert edited.status_code == 200 and edited["ETag"] == client.get(url)["ETag"]
    campaign.refresh_from_db()
    assert campaign.goal == "x"

    message = make_message(campaign, comms, "First words")
    url = f"/api/v1/messages/{message.pk}/"
    etag = client.get(url)["ETag"]
    assert client.patch(url, {"text": "Second"}, format="json").status_code == 428
    edited = client.patch(url, {"text": "Second"}, format="json", HTTP_IF_MATCH=etag)
    assert edited.status_code == 200 and edited["ETag"] == client.get(url)["ETag"]
    stale = client.patch(url, {"text": "Third"}, format="json", HTTP_IF_MATCH=etag)
    assert stale.status_code == 412 and stale.json()["current_version"] == edited["ETag"]


@pytest.mark.django_db
def test_a_refused_precondition_writes_nothing(client_for, comms):
    campaign = make_campaign(owner=comms, goal="Before")
    client_for(comms).patch(
        f"/api/v1/campaigns/{campaign.pk}/", {"goal": "After"}, format="json", HTTP_IF_MATCH='"x"'
    )

    campaign.refresh_from_db()
    assert campaign.goal == "Before"


PAIRS = 50


@pytest.mark.django_db(transaction=True)
def test_concurrent_conflicting_edits_end_in_one_200_and_one_412_each(comms):
    """Two clients read the same version and append to the audiences at once: one lands, the
    other is told; no audience is ever silently lost."""
    campaigns = [make_campaign(owner=comms, audiences=["base"]) for _ in range(PAIRS)]

    def edit(campaign_id: int, etag: str, audience: str, barrier: threading.Barrier) -> int:
        client = APIClient()
        client.force_authenticate(comms)
        try:
            barrier.wait(timeout=30)
            response = client.patch(
                f"/api/v1/campaigns/{campaign_id}/",
                {"audiences": ["base", audience]},
                format="json",
                HTTP_IF_MATCH=etag,
            )
            return response.status_code
        finally:
            connection.close()

    reader = APIClient()
    reader.force_authenticate(comms)
    outcomes = []
    with ThreadPoolExecutor(max_workers=2) as pool:
        for campaign in campaigns:
            etag = reader.get(f"/api/v1/campaigns/{campaign.pk}/")["ETag"]
            barrier = threading.Barrier(2)
            pair = [
                pool.submit(edit, campaign.pk, etag, name, barrier) for name in ("youth", "elders")
            ]
            outcomes.append(sorted(f.result(timeout=60) for f in pair))

    assert outcomes == [[200, 412]] * PAIRS
    for campaign in Campaign.objects.filter(pk__in=[c.pk for c in campaigns]):
        assert campaign.audiences in (["base", "youth"], ["base", "elders"])


@pytest.mark.django_db
def test_every_detail_answer_carries_an_etag(client_for, source_admin):
    client = client_for(source_admin)
    theme_url = client.get("/api/v1/themes/").json()["results"][0]["id"]

    response = client.get(f"/api/v1/themes/{theme_url}/")

    assert response.status_code == 200 and response["ETag"].startswith('"')
