"""Messages: drafting per channel and language, revisions, and their review.

Status: draft → in_review → approved | rejected. The team submits; a Reviewer who wrote no
revision of the message approves or rejects it (four eyes). Any edit of the words, channel,
language or theme makes a new revision; editing a message that was under review, approved or
rejected puts it (back) in review, since what the Reviewer saw is no longer what will be sent.
"""

from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.db import transaction
from django.utils import timezone

from campaigns.channels import CHANNEL_LIMITS, language_direction, language_normalize, text_length
from campaigns.models import Campaign, EvidenceLink, Message, MessageRevision, Theme
from campaigns.services.access import (
    campaign_require_editable,
    campaign_require_member,
    message_authors,
    reviewer_require,
)
from campaigns.services.claim_checks import claim_checks_for_messages
from campaigns.services.claim_checks.wording import claim_spans
from campaigns.services.comments import required_comment
from campaigns.services.links import evidence_links_reopen
from campaigns.services.notifications import notify_message_decided
from common.audit import audit_record
from common.errors import InvalidInput, NotAllowed, TransitionNotAllowed
from common.words import Words

__all__ = [
    "message_approve",
    "message_create",
    "message_delete",
    "message_reject",
    "message_review_check",
    "message_submit",
    "message_update",
]

Status = Message.Status
_EDITABLE = ("text", "language", "channel", "theme")


def _validate(message: Message) -> None:
    campaign = message.campaign
    errors: dict[str, list[str]] = {}
    if message.channel not in CHANNEL_LIMITS:
        errors["channel"] = [f"Choose one of: {', '.join(CHANNEL_LIMITS)}."]
    elif campaign.channels and message.channel not in campaign.channels:
        errors["channel"] = [
            f"The campaign plans these channels: {', '.join(campaign.channels)}; add "
            f"“{message.channel}” to the campaign first."
        ]
    language = language_normalize(message.language or "")
    if language is None:
        errors["language"] = ["Give a BCP 47 language code such as en, ur, ps, sd, bal or ar."]
    else:
        message.language = language
        message.direction = language_direction(language)
    if not message.text.strip():
        errors["text"] = ["The message has no text."]
    elif message.channel in CHANNEL_LIMITS:
        limit = CHANNEL_LIMITS[message.channel]
        length = text_length(channel=message.channel, text=message.text)
        if length > limit:
            label = Message.Channel(message.channel).label
            errors["text"] = [
                f"{label} allows at most {limit:,} characters; this text has {length:,}."
            ]
    if message.theme_id and not campaign.themes.filter(pk=message.theme_id).exists():
        errors["theme"] = ["Choose one of the campaign's themes."]
    if errors:
        raise InvalidInput(errors)
    message.full_clean()


def _keep_revision(message: Message, *, actor: User | None) -> None:
    MessageRevision.objects.create(
        message=message,
        revision=message.revision,
        text=message.text,
        language=message.language,
        channel=message.channel,
        status=message.status,
        edited_by=actor,
    )


@transaction.atomic
def message_create(
    *,
    campaign: Campaign,
    actor: User,
    channel: str,
    text: str,
    language: str = "en",
    theme: Theme | None = None,
) -> Message:
    campaign_require_member(user=actor, campaign=campaign, doing=Words("write its messages"))
    campaign_require_editable(campaign=campaign, doing=Words("add messages"))
    message = Message(
        campaign=campaign,
        channel=channel,
        text=text,
        language=language,
        theme=theme,
        created_by=actor,
    )
    _validate(message)
    message.save()
    _keep_revision(message, actor=actor)
    claim_checks_for_messages(message_ids=[message.pk])
    message.refresh_from_db(fields=["flags"])
    audit_record(actor=actor, action="message.create", target=message)
    return message


def _revision_status(message: Message) -> None:
    """The current revision's row shows how its review ended (approved, rejected …)."""
    MessageRevision.objects.filter(message=message, revision=message.revision).update(
        status=message.status
    )


def _locked(message: Message) -> Message:
    return Message.objects.select_for_update().select_related("campaign").get(pk=message.pk)


@transaction.atomic
def message_update(*, message: Message, actor: User, **fields: Any) -> Message:
    """Edit a message. A real change makes a new revision; if the message was in review,
    approved or rejected it goes (back) to review, and approved links whose words are gone
    from the text go back to the review queue."""
    unknown = set(fields) - set(_EDITABLE)
    if unknown:
        raise InvalidInput(f"Unknown message fields: {', '.join(sorted(unknown))}.")
    message = _locked(message)
    campaign_require_member(user=actor, campaign=message.campaign, doing=Words("edit its messages"))
    campaign_require_editable(campaign=message.campaign, doing=Words("edit messages"))
    before = {name: getattr(message, name) for name in _EDITABLE}
    for name, value in fields.items():
        setattr(message, name, value)
    _validate(message)
    if all(getattr(message, name) == before[name] for name in _EDITABLE):
        return message
    previous_status = message.status
    message.revision += 1
    if previous_status != Status.DRAFT:
        message.status = Status.IN_REVIEW
        message.reviewed_by, message.reviewed_at, message.review_comment = None, None, ""
    message.save()
    _keep_revision(message, actor=actor)
    stale = [
        link
        for link in message.evidence_links.filter(status=EvidenceLink.Status.APPROVED)
        if not claim_spans(claim=link.claim, text=message.text)
    ]
    evidence_links_reopen(
        links=stale,
        reason=f"The message was edited (revision {message.revision}) and no longer contains "
        "the claim.",
    )
    claim_checks_for_messages(message_ids=[message.pk])
    message.refresh_from_db(fields=["flags"])
    audit_record(
        actor=actor,
        action="message.update",
        target=message,
        data={"revision": message.revision, "from": previous_status, "to": message.status},
    )
    return message


@transaction.atomic
def message_delete(*, message: Message, actor: User) -> None:
    message = _locked(message)
    campaign_require_member(
        user=actor, campaign=message.campaign, doing=Words("delete its messages")
    )
    campaign_require_editable(campaign=message.campaign, doing=Words("delete messages"))
    audit_record(actor=actor, action="message.delete", target=message)
    message.delete()


def _require_status(message: Message, allowed: set[str], *, doing: str) -> None:
    if message.status not in allowed:
        names = Words.one_of_lowercase(Status(s).label for s in allowed)
        raise TransitionNotAllowed(
            Words(
                "Cannot %(doing)s: the message is %(status)s.",
                doing=doing,
                status=Words.lowercase(message.get_status_display()),
            ),
            problems=[
                {
                    "code": "invalid_status",
                    "message": Words(
                        "Only a message that is %(names)s can be asked to %(doing)s.",
                        names=names,
                        doing=doing,
                    ),
                    "status": message.status,
                    "allowed": sorted(allowed),
                }
            ],
        )


@transaction.atomic
def message_submit(*, message: Message, actor: User) -> Message:
    message = _locked(message)
    campaign_require_member(
        user=actor, campaign=message.campaign, doing=Words("submit its messages")
    )
    _require_status(message, {Status.DRAFT, Status.REJECTED}, doing=Words("submit it for review"))
    previous = message.status
    message.status = Status.IN_REVIEW
    message.save(update_fields=["status", "updated_at"])
    _revision_status(message)
    audit_record(actor=actor, action="message.submit", target=message, data={"from": previous})
    return message


def message_review_check(*, message: Message, user: User | AnonymousUser, doing: str) -> None:
    """Raise `NotAllowed` unless `user` may review this message: a Reviewer who wrote no
    revision of it. The API asks it before reading a body; `_review` again under the lock."""
    reviewer_require(user=user, doing=Words("%(doing)s messages", doing=doing))
    if user.pk in message_authors(message=message):
        raise NotAllowed(
            Words("You wrote this message; another Reviewer must %(doing)s it.", doing=doing)
        )


def _review(message: Message, *, reviewer: User, doing: str) -> Message:
    message = _locked(message)
    message_review_check(message=message, user=reviewer, doing=doing)
    _require_status(message, {Status.IN_REVIEW}, doing=doing)
    return message


@transaction.atomic
def message_approve(*, message: Message, reviewer: User, comment: str = "") -> Message:
    message = _review(message, reviewer=reviewer, doing=Words.in_context("refusal", "approve"))
    message.status = Status.APPROVED
    message.reviewed_by, message.reviewed_at = reviewer, timezone.now()  # type: ignore[assignment]
    message.review_comment = comment
    message.save()
    _revision_status(message)
    audit_record(
        actor=reviewer,
        action="message.approve",
        target=message,
        comment=comment,
        data={"revision": message.revision},
    )
    notify_message_decided(message=message, reviewer=reviewer, decision="approve")
    return message


@transaction.atomic
def message_reject(*, message: Message, reviewer: User, comment: str) -> Message:
    comment = required_comment(comment, Words("reject a message"))
    message = _review(message, reviewer=reviewer, doing=Words.in_context("refusal", "reject"))
    message.status = Status.REJECTED
    message.reviewed_by, message.reviewed_at = reviewer, timezone.now()  # type: ignore[assignment]
    message.review_comment = comment
    message.save()
    _revision_status(message)
    audit_record(
        actor=reviewer,
        action="message.reject",
        target=message,
        comment=comment,
        data={"revision": message.revision},
    )
    notify_message_decided(message=message, reviewer=reviewer, decision="reject")
    return message
