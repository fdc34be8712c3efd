"""The demo campaign: built on the demo corpus, at every stage of the workflow, idempotent."""

import pytest

from campaigns.demo import DEMO_CAMPAIGN_NAME, demo_campaign_load
from campaigns.models import Campaign, EvidenceLink, Message
from campaigns.selectors.readiness import campaign_readiness
from common.demo import demo_accounts_ensure
from evidence.demo import demo_corpus_load

pytestmark = pytest.mark.django_db


def test_the_demo_campaign_shows_every_stage_and_loads_once():
    demo_accounts_ensure(password="demo-password-123")
    demo_corpus_load()

    first = demo_campaign_load()
    second = demo_campaign_load()

    campaign = Campaign.objects.get(name=DEMO_CAMPAIGN_NAME)
    assert "already there" in second and "already" not in first
    assert Campaign.objects.filter(name=DEMO_CAMPAIGN_NAME).count() == 1
    assert campaign.owner.username == "comms" and campaign.status == "in_review"
    messages = Message.objects.filter(campaign=campaign)
    assert {(m.channel, m.language) for m in messages} == {
        (channel, language) for channel in ("x", "facebook", "radio") for language in ("en", "ur")
    }
    assert {m.direction for m in messages.filter(language="ur")} == {"rtl"}
    links = EvidenceLink.objects.filter(message__campaign=campaign)
    approved = links.filter(status="approved")
    assert approved.exists() and links.filter(status="proposed").exists()
    assert {link.reviewed_by.username for link in approved if link.reviewed_by} == {"reviewer"}
    assert {link.proposed_by.username for link in links} == {"comms"}
    assert any(link.flags == [] for link in approved)
    sehwan = links.get(fact__title__contains="Lal Shahbaz")
    figure = next(f for f in sehwan.flags if f["code"] == "figure_exceeds_evidence")
    assert figure["suggestion"] == "at least 88"
    assert not campaign_readiness(campaign=campaign)["ready"]
