"""Telling people about work that concerns them: the inbox rows, and the e-mails.

Hooked into the services where things happen (a Reviewer's decision, a link re-opened by
changed evidence, a new item for the review queue). The rows are written in the caller's
transaction, so they exist exactly when the change does; the e-mails are sent by a task
enqueued on commit (STYLE.md rule 4), and only to people with an address.
"""

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, User
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from campaigns.models import EvidenceLink, Message, Notification
from common.roles import REVIEWERS

__all__ = [
    "notification_email_send",
    "notifications_mark_read",
    "notify_link_decided",
    "notify_link_reopened",
    "notify_link_waiting",
    "notify_message_decided",
]

Kind = Notification.Kind
_CLAIM_CHARS = 80
_DECISION_WORDS = {
    "approve": "approved",
    "reject": "rejected",
    "request_changes": "asked for changes to",
}


def _quoted(claim: str) -> str:
    claim = " ".join(claim.split())
    return f"“{claim[:_CLAIM_CHARS]}{'…' if len(claim) > _CLAIM_CHARS else ''}”"


def _message_url(message: Message) -> str:
    return reverse("web:campaign", args=[message.campaign_id]) + f"#message-{message.pk}"


def _queue_url(link: EvidenceLink) -> str:
    return reverse("web:review-queue") + f"?campaign={link.message.campaign_id}#link-{link.pk}"


def _rows(
    *,
    recipients: Iterable[AbstractBaseUser],
    kind: str,
    text: str,
    url: str,
    actor: AbstractBaseUser | None,
    campaign_id: int | None,
) -> list[Notification]:
    return [
        Notification(
            recipient_id=recipient.pk,
            kind=kind,
            text=text,
            url=url,
            actor_id=actor.pk if actor is not None else None,
            campaign_id=campaign_id,
        )
        for recipient in recipients
        if actor is None or recipient.pk != actor.pk
    ]


def _create_rows(rows: list[Notification]) -> list[Notification]:
    """Write the inbox rows in one query; their e-mails go once the transaction commits."""
    rows = Notification.objects.bulk_create(rows) if rows else []
    ids = [row.pk for row in rows if row.pk is not None]
    if ids:
        transaction.on_commit(lambda: _send_emails(ids))
    return rows


def _create(**row: Any) -> list[Notification]:
    """One notification per recipient (`_rows`' keywords), written in one query."""
    return _create_rows(_rows(**row))


def _send_emails(ids: list[int]) -> None:
    from campaigns.tasks import notification_email_task

    for notification_id in ids:
        notification_email_task.delay(notification_id)


def _reviewers() -> list[User]:
    return list(User.objects.filter(groups__name=REVIEWERS, is_active=True).distinct())


@transaction.atomic
def notify_link_decided(*, link: EvidenceLink, reviewer: AbstractBaseUser, decision: str) -> None:
    """The proposer hears what a Reviewer decided on their link, with the comment."""
    message = link.message
    words = _DECISION_WORDS.get(decision, decision.replace("_", " "))
    comment = f" “{link.review_comment}”" if link.review_comment else ""
    _create(
        recipients=[link.proposed_by],
        kind=Kind.LINK_DECIDED,
        text=f"{reviewer.get_username()} {words} your evidence link {_quoted(link.claim)} "
        f"({message.campaign.name}).{comment}",
        url=_message_url(message),
        actor=reviewer,
        campaign_id=message.campaign_id,
    )


@transaction.atomic
def notify_message_decided(*, message: Message, reviewer: AbstractBaseUser, decision: str) -> None:
    """The writer of a message hears a Reviewer approved or rejected it."""
    if message.created_by is None:
        return
    words = _DECISION_WORDS.get(decision, decision)
    comment = f" “{message.review_comment}”" if message.review_comment else ""
    _create(
        recipients=[message.created_by],
        kind=Kind.MESSAGE_DECIDED,
        text=f"{reviewer.get_username()} {words} your {message.get_channel_display()} message "
        f"({message.campaign.name}).{comment}",
        url=_message_url(message),
        actor=reviewer,
        campaign_id=message.campaign_id,
    )


@transaction.atomic
def notify_link_reopened(*, links: Iterable[EvidenceLink], reason: str) -> None:
    """Links sent back to review because their evidence changed: the proposer learns why,
    and the Reviewers find them in their queue again (all the rows in one write, however
    many links a change re-opens)."""
    ids = [link.pk for link in links]
    if not ids:
        return
    links = list(
        EvidenceLink.objects.filter(pk__in=ids).select_related("message__campaign", "proposed_by")
    )
    reviewers = _reviewers()
    rows: list[Notification] = []
    for link in links:
        campaign = link.message.campaign
        rows += _rows(
            recipients=[link.proposed_by],
            kind=Kind.LINK_REOPENED,
            text=f"Your evidence link {_quoted(link.claim)} ({campaign.name}) is back in "
            f"review: {reason}",
            url=_message_url(link.message),
            actor=None,
            campaign_id=campaign.pk,
        )
        rows += _rows(
            recipients=reviewers,
            kind=Kind.REVIEW_WAITING,
            text=f"Back in the review queue: {_quoted(link.claim)} ({campaign.name}). {reason}",
            url=_queue_url(link),
            actor=None,
            campaign_id=campaign.pk,
        )
    _create_rows(rows)


@transaction.atomic
def notify_link_waiting(*, link: EvidenceLink, actor: AbstractBaseUser) -> None:
    """A new or reworded link waits for review: every Reviewer but its author hears of it."""
    campaign = link.message.campaign
    _create(
        recipients=_reviewers(),
        kind=Kind.REVIEW_WAITING,
        text=f"{actor.get_username()} proposed {_quoted(link.claim)} for review ({campaign.name}).",
        url=_queue_url(link),
        actor=actor,
        campaign_id=campaign.pk,
    )


@transaction.atomic
def notifications_mark_read(*, user: AbstractBaseUser, ids: Iterable[int] | None = None) -> int:
    """Mark `user`'s notifications read (all of them when `ids` is None); returns how many.
    Someone else's ids are ignored, never an error that would reveal they exist."""
    unread = Notification.objects.filter(recipient_id=user.pk, read_at=None)
    if ids is not None:
        unread = unread.filter(pk__in=list(ids))
    return unread.update(read_at=timezone.now())


@transaction.atomic
def notification_email_send(*, notification_id: int) -> bool:
    """E-mail one notification to its recipient, once; False when there is nothing to send
    (no address, already sent, the row is gone)."""
    notification = (
        Notification.objects.select_for_update()
        .select_related("recipient")
        .filter(pk=notification_id)
        .first()
    )
    if notification is None or notification.emailed_at is not None:
        return False
    address = notification.recipient.email
    if not address:
        return False
    link = f"\n\n{settings.SITE_URL.rstrip('/')}{notification.url}" if notification.url else ""
    send_mail(
        subject=f"Counterpoint: {notification.get_kind_display()}",
        message=f"{notification.text}{link}\n",
        from_email=None,
        recipient_list=[address],
    )
    notification.emailed_at = timezone.now()
    notification.save(update_fields=["emailed_at"])
    return True
