"""The campaign workflow through the API: every transition allowed and refused, who may do
it, and what is recorded (who, when, comment, audit)."""

import pytest

from campaigns.models import Campaign, CampaignTransition
from campaigns.services.campaign_workflow import (
    campaign_activate,
    campaign_approve,
    campaign_submit_for_review,
)
from common.models import AuditEntry
from common.roles import COMMUNICATIONS, REVIEWERS
from tests.factories import UserFactory, communications_user
from tests.versioning import patch_current

pytestmark = pytest.mark.django_db


def _post(client, campaign, step, **body):  # type: ignore[no-untyped-def]
    return client.post(f"/api/v1/campaigns/{campaign.pk}/{step}/", body, format="json")


def _status(campaign):  # type: ignore[no-untyped-def]
    campaign.refresh_from_db()
    return campaign.status


class TestSubmit:
    def test_the_owner_submits_a_draft_and_it_is_recorded(self, client_for, comms, campaign):
        response = _post(client_for(comms), campaign, "submit", comment="Ready for a look")

        assert response.status_code == 200
        assert response.json()["status"] == "in_review"
        transition = CampaignTransition.objects.get(campaign=campaign)
        assert (transition.from_status, transition.to_status) == ("draft", "in_review")
        assert transition.actor == comms and transition.comment == "Ready for a look"
        assert AuditEntry.objects.filter(
            action="campaign.submit", target_id=str(campaign.pk), actor=comms
        ).exists()

    def test_a_team_member_may_submit(self, client_for, comms):
        from tests.campaigns.factories import make_campaign

        member = communications_user(username="member")
        campaign = make_campaign(comms, team=[member])

        assert _post(client_for(member), campaign, "submit").status_code == 200

    def test_submitting_twice_is_409_with_the_reason(self, client_for, comms, campaign):
        _post(client_for(comms), campaign, "submit")

        response = _post(client_for(comms), campaign, "submit")

        assert response.status_code == 409
        assert response.json()["problems"][0]["code"] == "invalid_status"

    def test_a_reviewer_may_not_submit(self, client_for, reviewer, campaign):
        assert _post(client_for(reviewer), campaign, "submit").status_code == 403
        assert _status(campaign) == "draft"


class TestApprove:
    def test_a_reviewer_approves_a_ready_campaign(
        self, client_for, comms, reviewer2, ready_campaign
    ):
        campaign_submit_for_review(campaign=ready_campaign, actor=comms)

        response = _post(client_for(reviewer2), ready_campaign, "approve", comment="Solid")

        assert response.status_code == 200
        assert response.json()["status"] == "approved"
        assert AuditEntry.objects.filter(action="campaign.approve", actor=reviewer2).exists()

    def test_not_ready_is_409_listing_every_problem(self, client_for, comms, reviewer, campaign):
        campaign_submit_for_review(campaign=campaign, actor=comms)

        response = _post(client_for(reviewer), campaign, "approve")

        assert response.status_code == 409
        codes = {p["code"] for p in response.json()["problems"]}
        assert {"no_messages", "channel_without_message", "brutality_evidence_missing"} <= codes
        assert _status(campaign) == "in_review"

    def test_communications_staff_may_not_approve(self, client_for, comms, ready_campaign):
        campaign_submit_for_review(campaign=ready_campaign, actor=comms)

        assert _post(client_for(comms), ready_campaign, "approve").status_code == 403

    def test_who_may_approve_is_answered_before_the_body_is_read(
        self, client_for, comms, ready_campaign
    ):
        """A refusal must not depend on what was sent: staff who may not approve get 403 even
        with a comment the API would refuse as too long."""
        campaign_submit_for_review(campaign=ready_campaign, actor=comms)

        response = _post(client_for(comms), ready_campaign, "approve", comment="x" * 6_000)

        assert response.status_code == 403
        assert _status(ready_campaign) == "in_review"

    def test_a_reviewer_on_the_team_may_not_approve(self, client_for, comms):
        from tests.campaigns.factories import make_campaign

        both = UserFactory(username="both", roles=[COMMUNICATIONS, REVIEWERS])
        campaign = make_campaign(comms, team=[both])
        campaign_submit_for_review(campaign=campaign, actor=comms)

        response = _post(client_for(both), campaign, "approve")

        assert response.status_code == 403

    def test_a_draft_cannot_be_approved(self, client_for, reviewer2, ready_campaign):
        response = _post(client_for(reviewer2), ready_campaign, "approve")

        assert response.status_code == 409
        assert response.json()["problems"][0]["code"] == "invalid_status"


@pytest.fixture
def approved_campaign(ready_campaign, comms, reviewer2):  # type: ignore[no-untyped-def]
    campaign_submit_for_review(campaign=ready_campaign, actor=comms)
    return campaign_approve(campaign=ready_campaign, reviewer=reviewer2)


class TestActivateAndClose:
    def test_the_owner_activates_an_approved_campaign(self, client_for, comms, approved_campaign):
        response = _post(client_for(comms), approved_campaign, "activate")

        assert response.status_code == 200
        assert response.json()["status"] == "active"

    def test_activating_a_campaign_under_review_is_409(self, client_for, comms, ready_campaign):
        campaign_submit_for_review(campaign=ready_campaign, actor=comms)

        assert _post(client_for(comms), ready_campaign, "activate").status_code == 409

    def test_a_reviewer_may_not_activate(self, client_for, reviewer, approved_campaign):
        assert _post(client_for(reviewer), approved_campaign, "activate").status_code == 403

    def test_the_owner_closes_an_active_campaign(self, client_for, comms, approved_campaign):
        campaign_activate(campaign=approved_campaign, actor=comms)

        response = _post(client_for(comms), approved_campaign, "close", comment="Ran its course")

        assert response.status_code == 200
        assert response.json()["status"] == "closed"

    def test_a_draft_cannot_be_closed(self, client_for, comms, campaign):
        assert _post(client_for(comms), campaign, "close").status_code == 409


class TestReopen:
    def test_a_closed_campaign_reopens_to_draft(self, client_for, comms, approved_campaign):
        campaign_activate(campaign=approved_campaign, actor=comms)
        _post(client_for(comms), approved_campaign, "close")

        response = _post(client_for(comms), approved_campaign, "reopen", comment="Run it again")

        assert response.status_code == 200
        assert response.json()["status"] == "draft"
        steps = list(
            CampaignTransition.objects.filter(campaign=approved_campaign).values_list(
                "to_status", flat=True
            )
        )
        assert steps == ["in_review", "approved", "active", "closed", "draft"]

    def test_a_reviewer_sends_a_campaign_under_review_back(
        self, client_for, comms, reviewer, campaign
    ):
        campaign_submit_for_review(campaign=campaign, actor=comms)

        response = _post(client_for(reviewer), campaign, "reopen", comment="Add a radio spot")

        assert response.status_code == 200
        assert _status(campaign) == "draft"

    def test_a_reviewer_may_not_reopen_an_active_campaign(
        self, client_for, comms, reviewer, approved_campaign
    ):
        campaign_activate(campaign=approved_campaign, actor=comms)

        assert _post(client_for(reviewer), approved_campaign, "reopen").status_code == 403

    def test_a_draft_cannot_be_reopened(self, client_for, comms, campaign):
        response = _post(client_for(comms), campaign, "reopen")

        assert response.status_code == 409
        assert response.json()["problems"][0]["allowed"] == [
            "active",
            "approved",
            "closed",
            "in_review",
        ]


def test_history_lists_every_transition(client_for, comms, reviewer, campaign):
    campaign_submit_for_review(campaign=campaign, actor=comms)

    response = client_for(reviewer).get(f"/api/v1/campaigns/{campaign.pk}/transitions/")

    assert response.status_code == 200
    assert [(t["from_status"], t["to_status"]) for t in response.json()] == [("draft", "in_review")]


def test_the_campaign_status_cannot_be_written(client_for, comms, campaign):
    response = patch_current(
        client_for(comms), f"/api/v1/campaigns/{campaign.pk}/", {"status": "active"}, format="json"
    )

    assert response.status_code == 200
    assert Campaign.objects.get(pk=campaign.pk).status == "draft"
