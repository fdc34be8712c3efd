"""Who may take which step of the campaign workflow now: the rules themselves, in one place.

The workflow services (`campaigns.services.campaign_workflow`) call `campaign_step_check`
before they move a campaign, and pages call `campaign_available_transitions` to offer only the
steps that would be accepted, so the two cannot drift apart. Readiness is not part of this:
approve and activate still check it when they run and list its problems if they refuse.

- submit (draft), activate (approved), close (approved, active): the owner and the team;
- approve (in review): a Reviewer who is neither the owner nor on the team (four eyes);
- reopen (in review, approved, active, closed → draft): the owner and the team, or a Reviewer
  sending a campaign under review or approved back for changes.
"""

from django.contrib.auth.models import AnonymousUser, User

from campaigns.models import Campaign
from campaigns.services.access import campaign_require_member, reviewer_require
from common.errors import NotAllowed, TransitionNotAllowed
from common.roles import REVIEWERS, has_role
from common.words import Words

__all__ = ["CAMPAIGN_STEPS", "campaign_available_transitions", "campaign_step_check"]

Status = Campaign.Status

# action → (the statuses it starts from, the words for it in "cannot …" messages).
CAMPAIGN_STEPS: dict[str, tuple[frozenset[str], str]] = {
    "submit": (frozenset({Status.DRAFT}), Words("submit it for review")),
    "approve": (frozenset({Status.IN_REVIEW}), Words("approve it")),
    "activate": (frozenset({Status.APPROVED}), Words("activate it")),
    "close": (frozenset({Status.APPROVED, Status.ACTIVE}), Words("close it")),
    "reopen": (
        frozenset({Status.IN_REVIEW, Status.APPROVED, Status.ACTIVE, Status.CLOSED}),
        Words("re-open it to draft"),
    ),
}
# What the owner and the team do, in "only the campaign's owner and team may …" messages.
_MEMBER_WORDS = {
    "submit": Words("submit the campaign for review"),
    "activate": Words("activate the campaign"),
    "close": Words("close the campaign"),
    "reopen": Words("re-open the campaign"),
}
# Reviewers may send a campaign back to draft while it is theirs to judge.
_REVIEWER_REOPENS = frozenset({Status.IN_REVIEW, Status.APPROVED})


def _require_status(campaign: Campaign, allowed: frozenset[str], *, doing: str) -> None:
    if campaign.status not in allowed:
        names = Words.one_of_lowercase(Status(s).label for s in allowed)
        raise TransitionNotAllowed(
            Words(
                "Cannot %(doing)s: the campaign is %(status)s, it must be %(names)s.",
                doing=doing,
                status=Words.lowercase(campaign.get_status_display()),
                names=names,
            ),
            problems=[
                {
                    "code": "invalid_status",
                    "message": Words(
                        "Only a campaign that is %(names)s can be asked to %(doing)s.",
                        names=names,
                        doing=doing,
                    ),
                    "status": campaign.status,
                    "allowed": sorted(allowed),
                }
            ],
        )


def _require_actor(campaign: Campaign, user: User | AnonymousUser, action: str) -> None:
    if action == "approve":
        reviewer_require(user=user, doing=Words("approve a campaign"))
        # Four eyes: not the owner, not the team (a superuser outside them may approve).
        if user.pk is not None and (
            campaign.owner_id == user.pk or campaign.team.filter(pk=user.pk).exists()
        ):
            raise NotAllowed(Words("A Reviewer cannot approve a campaign they own or work on."))
    elif not (
        action == "reopen" and has_role(user, REVIEWERS) and campaign.status in _REVIEWER_REOPENS
    ):
        campaign_require_member(user=user, campaign=campaign, doing=_MEMBER_WORDS[action])


def campaign_step_check(*, campaign: Campaign, user: User | AnonymousUser, action: str) -> None:
    """Raise `NotAllowed` (403) if `user` may not take the step `action` on this campaign, or
    `TransitionNotAllowed` (409) if the campaign's status does not allow it now."""
    allowed, doing = CAMPAIGN_STEPS[action]
    _require_actor(campaign, user, action)
    _require_status(campaign, allowed, doing=doing)


def campaign_available_transitions(*, campaign: Campaign, user: User | AnonymousUser) -> list[str]:
    """The steps `user` may take on `campaign` now, in workflow order (readiness aside)."""
    return [
        action
        for action, (allowed, _) in CAMPAIGN_STEPS.items()
        # The status first: it costs no query, and rules out most steps.
        if campaign.status in allowed and _actor_allowed(campaign, user, action)
    ]


def _actor_allowed(campaign: Campaign, user: User | AnonymousUser, action: str) -> bool:
    try:
        _require_actor(campaign, user, action)
    except NotAllowed:
        return False
    return True
