"""A Reviewer marks a number (or a name) in a message as not a count the checks must tie to
evidence, saying why; the message's `unread_number` / `unread_actor` flag for exactly those
words clears, and the decision is audited."""

from django.contrib.auth.models import User
from django.db import transaction

from campaigns.models import Message, NumberAcknowledgement
from campaigns.services.access import message_authors, reviewer_require
from campaigns.services.claim_checks import acknowledged_key, claim_checks_for_messages
from common.audit import audit_record
from common.errors import InvalidInput, NotAllowed
from common.words import Words

__all__ = ["message_acknowledge_number"]

_UNREAD = ("unread_number", "unread_actor")


@transaction.atomic
def message_acknowledge_number(
    *, message: Message, reviewer: User, words: str, reason: str
) -> Message:
    """Mark `words` (the words of one of the message's unread flags) as not a count."""
    reviewer_require(user=reviewer, doing=Words("mark a number as not a count"))
    words = " ".join((words or "").split())
    reason = (reason or "").strip()
    errors: dict[str, list[str]] = {}
    if not words:
        errors["words"] = [Words("Give the words of the number, exactly as the flag shows them.")]
    if not reason:
        errors["reason"] = [Words("Say why these words are not a count.")]
    if errors:
        raise InvalidInput(errors)
    message = Message.objects.select_for_update().get(pk=message.pk)
    if reviewer.pk in message_authors(message=message):
        raise NotAllowed(
            Words("You wrote this message; another Reviewer must decide about its numbers.")
        )
    flagged = {
        acknowledged_key(f.get("words", ""))
        for f in message.flags
        if f.get("code") in _UNREAD and "link_id" not in f
    }
    if acknowledged_key(words) not in flagged:
        raise InvalidInput(
            Words(
                "“%(words)s” is not a number or name the checks could not read in this message.",
                words=words,
            ),
            field="words",
        )
    NumberAcknowledgement.objects.get_or_create(
        message=message,
        words=words[:200],
        defaults={"reason": reason, "acknowledged_by": reviewer},
    )
    audit_record(
        actor=reviewer,
        action="message.acknowledge_number",
        target=message,
        comment=reason,
        data={"words": words, "revision": message.revision},
    )
    claim_checks_for_messages(message_ids=[message.pk])
    message.refresh_from_db(fields=["flags"])
    return message
