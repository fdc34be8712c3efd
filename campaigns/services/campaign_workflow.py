"""The campaign workflow: draft → in_review → approved → active → closed, and back to draft.

One service per transition (Wagtail-style): each checks the current status and who is acting
(`campaigns.selectors.workflow.campaign_step_check`, which also tells pages which steps to offer),
records a `CampaignTransition` (who, when, from, to, comment) and writes the audit trail.

Who may do what:
- submit, activate, close: the owner and the team;
- approve: a Reviewer who is neither the owner nor on the team (four eyes), and only when
  `campaign_readiness` finds no problem (409 listing them otherwise);
- reopen (→ draft) from in_review, approved, active or closed: the owner and the team, or a
  Reviewer sending a campaign under review or approved back for changes. Active campaigns may be
  re-opened because a change in the evidence under them has to be fixable.
"""

from django.contrib.auth.models import User
from django.db import transaction

from campaigns.models import Campaign, CampaignTransition
from campaigns.selectors.readiness import campaign_readiness
from campaigns.selectors.workflow import campaign_step_check
from common.audit import audit_record
from common.errors import TransitionNotAllowed
from common.words import Words

__all__ = [
    "campaign_activate",
    "campaign_approve",
    "campaign_close",
    "campaign_reopen",
    "campaign_submit_for_review",
]

Status = Campaign.Status


def _locked(campaign: Campaign) -> Campaign:
    # Lock the row so two people clicking "approve" and "reopen" at once cannot both win.
    return Campaign.objects.select_for_update().get(pk=campaign.pk)


def _move(
    campaign: Campaign, *, actor: User, to_status: str, action: str, comment: str
) -> Campaign:
    from_status = campaign.status
    campaign.status = to_status
    campaign.save(update_fields=["status", "updated_at"])
    CampaignTransition.objects.create(
        campaign=campaign,
        from_status=from_status,
        to_status=to_status,
        actor=actor,
        comment=comment,
    )
    audit_record(
        actor=actor,
        action=f"campaign.{action}",
        target=campaign,
        comment=comment,
        data={"from": from_status, "to": to_status},
    )
    return campaign


def _require_ready(campaign: Campaign, *, doing: str) -> None:
    readiness = campaign_readiness(campaign=campaign)
    if not readiness["ready"]:
        count = len(readiness["problems"])
        # One sentence per plural, each in the catalogue.
        if count == 1:
            refusal = Words(
                "Cannot %(doing)s: %(count)s problem to fix first.", doing=doing, count=1
            )
        else:
            refusal = Words(
                "Cannot %(doing)s: %(count)s problems to fix first.", doing=doing, count=count
            )
        raise TransitionNotAllowed(
            refusal,
            problems=readiness["problems"],
        )


@transaction.atomic
def campaign_submit_for_review(*, campaign: Campaign, actor: User, comment: str = "") -> Campaign:
    campaign = _locked(campaign)
    campaign_step_check(campaign=campaign, user=actor, action="submit")
    return _move(
        campaign, actor=actor, to_status=Status.IN_REVIEW, action="submit", comment=comment
    )


@transaction.atomic
def campaign_approve(*, campaign: Campaign, reviewer: User, comment: str = "") -> Campaign:
    campaign = _locked(campaign)
    campaign_step_check(campaign=campaign, user=reviewer, action="approve")
    _require_ready(campaign, doing=Words("approve the campaign"))
    return _move(
        campaign, actor=reviewer, to_status=Status.APPROVED, action="approve", comment=comment
    )


@transaction.atomic
def campaign_activate(*, campaign: Campaign, actor: User, comment: str = "") -> Campaign:
    """Go live. Checked again: evidence that changed since approval must be re-reviewed first."""
    campaign = _locked(campaign)
    campaign_step_check(campaign=campaign, user=actor, action="activate")
    _require_ready(campaign, doing=Words("activate the campaign"))
    return _move(campaign, actor=actor, to_status=Status.ACTIVE, action="activate", comment=comment)


@transaction.atomic
def campaign_close(*, campaign: Campaign, actor: User, comment: str = "") -> Campaign:
    campaign = _locked(campaign)
    campaign_step_check(campaign=campaign, user=actor, action="close")
    return _move(campaign, actor=actor, to_status=Status.CLOSED, action="close", comment=comment)


@transaction.atomic
def campaign_reopen(*, campaign: Campaign, actor: User, comment: str = "") -> Campaign:
    campaign = _locked(campaign)
    campaign_step_check(campaign=campaign, user=actor, action="reopen")
    return _move(campaign, actor=actor, to_status=Status.DRAFT, action="reopen", comment=comment)
