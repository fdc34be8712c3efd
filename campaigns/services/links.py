"""Evidence links: the claim a message makes, tied to the fact that supports it.

Status: proposed → approved | rejected | changes_requested; changes_requested → proposed when
the team edits the claim; approved → proposed when the evidence under it changes (re-review).
The team proposes; a Reviewer who neither proposed nor reworded the link reviews it (403 for
them, even when they are a Reviewer too). Every decision is kept in `EvidenceLinkReview`.
"""

from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from campaigns.models import EvidenceLink, EvidenceLinkReview, Message
from campaigns.selectors.messages import evidence_links_not_reviewable
from campaigns.services.access import (
    campaign_require_editable,
    campaign_require_member,
    reviewer_require,
)
from campaigns.services.claim_checks import claim_checks_for_messages
from campaigns.services.claim_checks.wording import claim_spans
from campaigns.services.comments import required_comment
from campaigns.services.notifications import (
    notify_link_decided,
    notify_link_reopened,
    notify_link_waiting,
)
from common.audit import audit_record
from common.errors import Conflict, InvalidInput, NotAllowed, TransitionNotAllowed
from common.history import history_bulk_update, history_update
from common.words import Words
from evidence.models import Fact

__all__ = [
    "evidence_link_approve",
    "evidence_link_delete",
    "evidence_link_propose",
    "evidence_link_reject",
    "evidence_link_request_changes",
    "evidence_link_review_check",
    "evidence_link_update",
    "evidence_links_reopen",
]

Status = EvidenceLink.Status
_CLAIM_MAX_CHARS = 2_000


def _check_claim(claim: str, message: Message) -> str:
    claim = " ".join(claim.split())
    if not claim:
        raise InvalidInput(
            Words("Quote the words of the message that the fact supports."), field="claim"
        )
    if len(claim) > _CLAIM_MAX_CHARS:
        raise InvalidInput(
            Words("A claim is at most %(count)s characters.", count=_CLAIM_MAX_CHARS), field="claim"
        )
    if not claim_spans(claim=claim, text=message.text):
        raise InvalidInput(
            Words("The claim must quote words that occur in the message."), field="claim"
        )
    return claim


# A decision in "cannot … this link" refusals.
_DECISION_WORDS = {
    "approve": Words.in_context("refusal", "approve"),
    "reject": Words.in_context("refusal", "reject"),
    "request_changes": Words.in_context("refusal", "request changes"),
}


def _duplicate() -> Conflict:
    return Conflict(Words("This claim is already linked to this fact and open for review."))


@transaction.atomic
def evidence_link_propose(*, message: Message, fact: Fact, claim: str, actor: User) -> EvidenceLink:
    campaign_require_member(user=actor, campaign=message.campaign, doing=Words("link evidence"))
    campaign_require_editable(campaign=message.campaign, doing=Words("link evidence"))
    link = EvidenceLink(
        message=message, fact=fact, claim=_check_claim(claim, message), proposed_by=actor
    )
    link.full_clean(validate_constraints=False)
    if (
        EvidenceLink.objects.filter(message=message, fact=fact, claim=link.claim)
        .exclude(status=Status.REJECTED)
        .exists()
    ):
        raise _duplicate()
    try:
        with transaction.atomic():
            link.save()
    except IntegrityError as error:  # a concurrent identical proposal won the race
        raise _duplicate() from error
    EvidenceLinkReview.objects.create(link=link, decision="proposed", reviewer=actor)
    claim_checks_for_messages(message_ids=[message.pk])
    link.refresh_from_db(fields=["flags"])
    audit_record(actor=actor, action="evidence_link.propose", target=link)
    notify_link_waiting(link=link, actor=actor)
    return link


def _locked(link: EvidenceLink) -> EvidenceLink:
    return (
        EvidenceLink.objects.select_for_update().select_related("message__campaign").get(pk=link.pk)
    )


@transaction.atomic
def evidence_link_update(*, link: EvidenceLink, actor: User, claim: str) -> EvidenceLink:
    """Reword the claim. A link sent back for changes, or already approved, goes (back) to
    the review queue; a rejected link stays rejected (propose a new one)."""
    link = _locked(link)
    campaign_require_member(
        user=actor, campaign=link.message.campaign, doing=Words("edit its links")
    )
    campaign_require_editable(campaign=link.message.campaign, doing=Words("edit evidence links"))
    if link.status == Status.REJECTED:
        raise TransitionNotAllowed(
            Words("A rejected link cannot be edited; propose a new one."),
            problems=[
                {
                    "code": "invalid_status",
                    "message": Words("The link was rejected."),
                    "status": link.status,
                }
            ],
        )
    claim = _check_claim(claim, link.message)
    if claim == link.claim:
        return link
    if (
        EvidenceLink.objects.filter(message=link.message_id, fact=link.fact_id, claim=claim)
        .exclude(status=Status.REJECTED)
        .exclude(pk=link.pk)
        .exists()
    ):
        raise _duplicate()
    previous = link.status
    link.claim = claim
    link.status = Status.PROPOSED
    link.save()
    EvidenceLinkReview.objects.create(
        link=link, decision="revised", reviewer=actor, comment=f"Claim reworded (was {previous})."
    )
    claim_checks_for_messages(message_ids=[link.message_id])
    link.refresh_from_db(fields=["flags"])
    audit_record(actor=actor, action="evidence_link.update", target=link, data={"from": previous})
    notify_link_waiting(link=link, actor=actor)
    return link


@transaction.atomic
def evidence_link_delete(*, link: EvidenceLink, actor: User) -> None:
    link = _locked(link)
    campaign_require_member(
        user=actor, campaign=link.message.campaign, doing=Words("remove its links")
    )
    campaign_require_editable(campaign=link.message.campaign, doing=Words("remove evidence links"))
    message_id = link.message_id
    audit_record(actor=actor, action="evidence_link.delete", target=link)
    link.delete()
    claim_checks_for_messages(message_ids=[message_id])


def evidence_link_review_check(*, link: EvidenceLink, user: User | AnonymousUser) -> None:
    """Raise `NotAllowed` unless `user` may review this link: a Reviewer, and four eyes (not
    their own words, not their own campaign: `evidence_links_not_reviewable`). The API asks it
    before reading a body; `_review` again under the lock."""
    reviewer_require(user=user, doing=Words("review evidence links"))
    refusal = evidence_links_not_reviewable(user=user, link_ids=[link.pk]).get(link.pk)
    if refusal:
        raise NotAllowed(refusal)


def _review(
    link: EvidenceLink,
    *,
    reviewer: User,
    decision: str,
    to_status: str,
    allowed: set[str],
    comment: str,
) -> EvidenceLink:
    link = _locked(link)
    evidence_link_review_check(link=link, user=reviewer)
    if link.status not in allowed:
        raise TransitionNotAllowed(
            Words(
                "Cannot %(decision)s this link: it is %(status)s.",
                decision=_DECISION_WORDS[decision],
                status=Words.lowercase(link.get_status_display()),
            ),
            problems=[
                {
                    "code": "invalid_status",
                    "message": Words("Only a link in the review queue can be reviewed."),
                    "status": link.status,
                    "allowed": sorted(allowed),
                }
            ],
        )
    previous = link.status
    link.status = to_status
    link.reviewed_by = reviewer  # type: ignore[assignment]
    link.reviewed_at = timezone.now()
    link.review_comment = comment
    if to_status == Status.APPROVED:
        link.reopened_reason = ""  # the re-review is done
    link.save()
    EvidenceLinkReview.objects.create(
        link=link, decision=decision, reviewer=reviewer, comment=comment
    )
    audit_record(
        actor=reviewer,
        action=f"evidence_link.{decision}",
        target=link,
        comment=comment,
        data={"from": previous, "to": to_status},
    )
    # A rejected link no longer covers its words: the message's own flags change.
    claim_checks_for_messages(message_ids=[link.message_id])
    link.refresh_from_db(fields=["flags"])
    notify_link_decided(link=link, reviewer=reviewer, decision=decision)
    return link


@transaction.atomic
def evidence_link_approve(*, link: EvidenceLink, reviewer: User, comment: str = "") -> EvidenceLink:
    return _review(
        link,
        reviewer=reviewer,
        decision="approve",
        to_status=Status.APPROVED,
        allowed={Status.PROPOSED},
        comment=(comment or "").strip(),
    )


@transaction.atomic
def evidence_link_reject(*, link: EvidenceLink, reviewer: User, comment: str) -> EvidenceLink:
    return _review(
        link,
        reviewer=reviewer,
        decision="reject",
        to_status=Status.REJECTED,
        allowed={Status.PROPOSED, Status.CHANGES_REQUESTED},
        comment=required_comment(comment, Words("reject a link")),
    )


@transaction.atomic
def evidence_link_request_changes(
    *, link: EvidenceLink, reviewer: User, comment: str
) -> EvidenceLink:
    return _review(
        link,
        reviewer=reviewer,
        decision="request_changes",
        to_status=Status.CHANGES_REQUESTED,
        allowed={Status.PROPOSED},
        comment=required_comment(comment, Words("request changes")),
    )


@transaction.atomic
def evidence_links_reopen(
    *, links: Iterable[EvidenceLink], reason: str, actor: User | None = None
) -> list[EvidenceLink]:
    """Send approved links back to the review queue with the reason (evidence changed, the
    message was edited); a link already re-opened and not yet re-reviewed gets the new reason
    added. Returns the links re-opened. A few queries however many links rest on the fact:
    each link's change is still audited with its values (`common.history`)."""
    # Read again under a lock: a Reviewer may have approved a link since the caller loaded it,
    # and deciding from the stale status would leave that approval standing on changed evidence.
    # Only the links this can change: approved ones, and ones already re-opened. A queryset
    # (every link on a fact) is read in the same query, as a subquery.
    ids: Any = links.values("pk") if isinstance(links, QuerySet) else [link.pk for link in links]
    locked = list(
        EvidenceLink.objects.select_for_update()
        .filter(pk__in=ids)
        .filter(Q(status=Status.APPROVED) | (Q(status=Status.PROPOSED) & ~Q(reopened_reason="")))
        .order_by("pk")
    )
    now = timezone.now()
    # Already back in the queue for an earlier change: the reviewer needs every reason (a
    # retraction changes the figures too, and both matter).
    added = [
        link
        for link in locked
        if link.status == Status.PROPOSED
        and link.reopened_reason
        and reason not in link.reopened_reason
    ]
    for link in added:
        link.reopened_reason = f"{link.reopened_reason} {reason}"
        link.updated_at = now
    history_bulk_update(
        model=EvidenceLink, objs=list(added), fields=["reopened_reason", "updated_at"]
    )
    reopened = [link for link in locked if link.status == Status.APPROVED]
    if reopened:
        history_update(
            EvidenceLink.objects.filter(pk__in=[link.pk for link in reopened]),
            {"status": Status.PROPOSED, "reopened_reason": reason, "updated_at": now},
            actor=actor,
            action="evidence_link.reopen",
            comment=reason,
        )
        EvidenceLinkReview.objects.bulk_create(
            EvidenceLinkReview(link=link, decision="reopen", reviewer=actor, comment=reason)
            for link in reopened
        )
    for link in reopened:
        link.status, link.reopened_reason, link.updated_at = Status.PROPOSED, reason, now
    notify_link_reopened(links=reopened, reason=reason)
    return reopened
