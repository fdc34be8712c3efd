"""Readiness lists every reason approval would be refused; coverage counts approved evidence
by theme × victim community × target type."""

from datetime import timedelta

import pytest
from django.utils import timezone

from campaigns.selectors.coverage import campaign_coverage
from campaigns.selectors.readiness import campaign_readiness, campaign_readiness_many
from campaigns.services.campaigns import campaign_create, campaign_update
from campaigns.services.links import evidence_link_propose, evidence_link_reject
from tests.campaigns.factories import (
    Report,
    approved_link,
    approved_message,
    killed,
    make_campaign,
    make_fact,
    make_message,
    theme,
)

pytestmark = pytest.mark.django_db


def _codes(campaign):  # type: ignore[no-untyped-def]
    return [p["code"] for p in campaign_readiness(campaign=campaign)["problems"]]


def test_a_ready_campaign_has_no_problems(client_for, reviewer, ready_campaign):
    response = client_for(reviewer).get(f"/api/v1/campaigns/{ready_campaign.pk}/readiness/")

    assert response.json() == {"ready": True, "problems": []}


def test_an_empty_plan_lists_everything_missing(comms):
    campaign = campaign_create(owner=comms, name="Blank")

    codes = _codes(campaign)

    assert codes.count("plan_incomplete") == 5
    for code in (
        "period_missing",
        "no_themes",
        "no_channels",
        "no_messages",
        "main_idea_theme_missing",
    ):
        assert code in codes


def test_a_period_already_over(comms):
    today = timezone.localdate()
    campaign = make_campaign(
        comms, starts_on=today - timedelta(days=30), ends_on=today - timedelta(days=1)
    )

    assert "period_over" in _codes(campaign)


def test_unreviewed_messages_and_links_and_open_flags(campaign, comms, shrine_fact):
    message = make_message(campaign, comms, "The bombing killed 100 worshippers.")
    link = evidence_link_propose(
        message=message, fact=shrine_fact, claim="killed 100 worshippers", actor=comms
    )

    problems = campaign_readiness(campaign=campaign)["problems"]

    by_code = {p["code"]: p for p in problems}
    assert by_code["message_not_approved"]["message_id"] == message.pk
    assert by_code["link_not_approved"]["link_id"] == link.pk
    assert by_code["open_flag"]["flag"] == "figure_exceeds_evidence"
    assert by_code["open_flag"]["suggestion"] == "88"


def test_a_rejected_claim_still_in_the_message(campaign, comms, reviewer, shrine_fact):
    message = make_message(campaign, comms, "The bombing killed 88 worshippers.")
    link = evidence_link_propose(
        message=message, fact=shrine_fact, claim="killed 88 worshippers", actor=comms
    )
    evidence_link_reject(link=link, reviewer=reviewer, comment="Wrong fact")

    assert "claim_unsupported" in _codes(campaign)


def test_a_planned_channel_without_a_message(ready_campaign, comms):
    from campaigns.models import Campaign

    Campaign.objects.filter(pk=ready_campaign.pk).update(channels=["x", "radio"])
    ready_campaign.refresh_from_db()

    problems = campaign_readiness(campaign=ready_campaign)["problems"]

    assert problems == [
        {
            "code": "channel_without_message",
            "message": "No message for the planned channel “radio”.",
            "channel": "radio",
        }
    ]


def test_brutality_needs_approved_evidence_on_both_sides(comms, reviewer, shrine_fact):
    campaign = make_campaign(comms)
    message = make_message(campaign, comms, "The shrine bombing killed 88 worshippers.")
    approved_link(message, shrine_fact, "killed 88 worshippers", proposer=comms, reviewer=reviewer)
    approved_message(message, author=comms, reviewer=reviewer)

    problems = campaign_readiness(campaign=campaign)["problems"]
    campaign = campaign_update(campaign=campaign, actor=comms, follows_main_idea=False)

    assert [(p["code"], p["bucket"]) for p in problems] == [
        ("brutality_evidence_missing", "non_muslim")
    ]
    assert campaign_readiness(campaign=campaign)["problems"] == []


def test_a_message_theme_the_campaign_dropped(ready_campaign, comms):
    from campaigns.models import Campaign

    Campaign.objects.filter(pk=ready_campaign.pk).update(status="draft")
    campaign_update(
        campaign=ready_campaign,
        actor=comms,
        themes=[theme("brutality-against-non-muslims")],
    )

    assert "message_theme_not_planned" in _codes(ready_campaign)


class TestCoverage:
    def test_counts_approved_evidence_by_theme_community_and_target(
        self, client_for, reviewer, ready_campaign
    ):
        response = client_for(reviewer).get(f"/api/v1/campaigns/{ready_campaign.pk}/coverage/")

        assert response.status_code == 200
        coverage = response.json()
        muslims = theme("brutality-against-muslims").pk
        assert {
            (c["theme"], c["victim_community"], c["bucket"], c["target_type"], c["facts"])
            for c in coverage["cells"]
        } == {
            (muslims, "sufi_muslim", "muslim", "place_of_worship", 1),
            (muslims, "christian", "non_muslim", "worshippers", 1),
        }
        assert coverage["buckets"]["muslim"] == 1 and coverage["buckets"]["non_muslim"] == 1
        assert coverage["main_idea"] == {"follows": True, "muslim": True, "non_muslim": True}
        # Both facts back a message under the "Muslims" theme; the other theme has none yet.
        gap = coverage["gaps"][0]
        assert gap["theme"] == theme("brutality-against-non-muslims").pk
        assert gap["bucket"] == "non_muslim"

    def test_proposed_evidence_does_not_count(self, campaign, comms):
        fact = make_fact(
            victim_community="hindu",
            reports=[Report("The temple attack killed 3 people.", [killed(3)])],
        )
        message = make_message(campaign, comms, "The temple attack killed 3 people.")
        evidence_link_propose(message=message, fact=fact, claim="killed 3 people", actor=comms)

        coverage = campaign_coverage(campaign=campaign)

        assert coverage["cells"] == []
        assert coverage["main_idea"]["non_muslim"] is False


def test_readiness_of_many_campaigns_matches_each_one_in_a_fixed_number_of_queries(
    comms, reviewer, ready_campaign, shrine_fact, django_assert_num_queries
):
    blank = campaign_create(owner=comms, name="Blank")
    drafted = make_campaign(comms, name="Drafted")
    message = make_message(drafted, comms, "The bombing killed 100 worshippers.")
    evidence_link_propose(
        message=message, fact=shrine_fact, claim="killed 100 worshippers", actor=comms
    )
    campaigns = [ready_campaign, blank, drafted]
    for number in range(5):
        extra = make_campaign(comms, name=f"Extra {number}")
        make_message(extra, comms, f"Post {number}: the bombing killed 88 worshippers.")
        campaigns.append(extra)

    # Themes, and messages with their links: two queries, however many campaigns.
    with django_assert_num_queries(2):
        many = campaign_readiness_many(campaigns=campaigns)

    assert many == {c.pk: campaign_readiness(campaign=c) for c in campaigns}
    assert many[ready_campaign.pk] == {"ready": True, "problems": []}
    assert not many[blank.pk]["ready"]
    problems = {p["code"]: p["message"] for p in many[drafted.pk]["problems"]}
    # Statuses in words, as the campaign page and the API show them.
    assert problems["link_not_approved"] == "The evidence for “killed 100 worshippers” is proposed."
    assert problems["message_not_approved"] == f"Message {message.pk} (x, en) is draft."
