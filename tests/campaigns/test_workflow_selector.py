"""The steps a user is offered are exactly the steps the workflow services accept."""

from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.db import transaction

from campaigns.models import Campaign
from campaigns.selectors.workflow import CAMPAIGN_STEPS, campaign_available_transitions
from campaigns.services.campaign_workflow import (
    campaign_activate,
    campaign_approve,
    campaign_close,
    campaign_reopen,
    campaign_submit_for_review,
)
from common.errors import NotAllowed, TransitionNotAllowed
from tests.factories import communications_user, reviewer_user

pytestmark = pytest.mark.django_db

Status = Campaign.Status
_SERVICES: dict[str, tuple[Callable[..., Campaign], str]] = {
    "submit": (campaign_submit_for_review, "actor"),
    "approve": (campaign_approve, "reviewer"),
    "activate": (campaign_activate, "actor"),
    "close": (campaign_close, "actor"),
    "reopen": (campaign_reopen, "actor"),
}


class _Undo(Exception):
    pass


def _accepted(campaign, user, action):  # type: ignore[no-untyped-def]
    """Whether the service takes the step (then undone, so every step starts alike)."""
    service, acting_as = _SERVICES[action]
    try:
        with transaction.atomic():
            service(campaign=campaign, **{acting_as: user})
            raise _Undo
    except _Undo:
        return True
    except (NotAllowed, TransitionNotAllowed):
        return False


def _at(campaign, status):  # type: ignore[no-untyped-def]
    Campaign.objects.filter(pk=campaign.pk).update(status=status)
    campaign.refresh_from_db()
    return campaign


def test_each_user_is_offered_what_the_workflow_allows(ready_campaign, comms, reviewer):
    campaign = ready_campaign
    expected = {
        (Status.DRAFT, "owner"): ["submit"],
        (Status.DRAFT, "reviewer"): [],
        (Status.IN_REVIEW, "owner"): ["reopen"],
        (Status.IN_REVIEW, "reviewer"): ["approve", "reopen"],
        (Status.APPROVED, "owner"): ["activate", "close", "reopen"],
        (Status.APPROVED, "reviewer"): ["reopen"],
        (Status.ACTIVE, "owner"): ["close", "reopen"],
        (Status.ACTIVE, "reviewer"): [],
        (Status.CLOSED, "owner"): ["reopen"],
        (Status.CLOSED, "reviewer"): [],
    }
    users = {"owner": comms, "reviewer": reviewer}
    for (status, who), actions in expected.items():
        _at(campaign, status)
        assert campaign_available_transitions(campaign=campaign, user=users[who]) == actions, (
            status,
            who,
        )


def test_what_is_offered_is_what_the_services_accept(
    ready_campaign, comms, comms_outsider, reviewer, source_admin, no_role_user
):
    """Every status × every kind of user × every step: offered if and only if accepted (the
    campaign is ready, so readiness never stands in the way)."""
    member = communications_user(username="member")
    reviewer_on_team = reviewer_user(username="reviewing-member")
    superuser = User.objects.create_superuser(username="root", password=None)
    ready_campaign.team.add(member, reviewer_on_team)
    users = [comms, member, reviewer_on_team, comms_outsider, reviewer, source_admin]
    users += [no_role_user, superuser]
    for status in Status.values:
        campaign = _at(ready_campaign, status)
        for user in users:
            offered = campaign_available_transitions(campaign=campaign, user=user)
            accepted = [a for a in CAMPAIGN_STEPS if _accepted(campaign, user, a)]
            assert offered == accepted, (status, user.username)
    # Four eyes: a Reviewer on the team may send it back but never approve it.
    campaign = _at(ready_campaign, Status.IN_REVIEW)
    assert campaign_available_transitions(campaign=campaign, user=reviewer_on_team) == ["reopen"]


def test_the_offered_steps_cost_a_bounded_number_of_queries(
    ready_campaign, comms, django_assert_max_num_queries
):
    campaign = _at(ready_campaign, Status.APPROVED)
    # The status rules out most steps without a query; each remaining step asks at most once
    # whether the user is on the team.
    with django_assert_max_num_queries(3):
        assert campaign_available_transitions(campaign=campaign, user=comms) == [
            "activate",
            "close",
            "reopen",
        ]
