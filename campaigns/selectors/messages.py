"""Messages and evidence links a user may see: those of the campaigns they may see."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import QuerySet
from django.http import Http404

from campaigns.models import EvidenceLink, Message, MessageRevision
from campaigns.selectors.campaigns import campaign_list_visible

__all__ = [
    "evidence_link_get_visible",
    "evidence_link_list_visible",
    "message_get_visible",
    "message_list_visible",
    "message_revisions",
]

User = AbstractBaseUser | AnonymousUser


def message_list_visible(*, user: User) -> QuerySet[Message]:
    return Message.objects.filter(campaign__in=campaign_list_visible(user=user).values("pk"))


def message_get_visible(*, user: User, pk: int | str) -> Message:
    try:
        return message_list_visible(user=user).select_related("campaign").get(pk=pk)
    except (Message.DoesNotExist, ValueError, TypeError) as error:
        raise Http404("No message found.") from error


def message_revisions(*, message: Message) -> QuerySet[MessageRevision]:
    return message.revisions.order_by("-revision")


def evidence_link_list_visible(*, user: User) -> QuerySet[EvidenceLink]:
    """Links of the campaigns `user` may see, oldest first (the review queue's order)."""
    return EvidenceLink.objects.filter(
        message__campaign__in=campaign_list_visible(user=user).values("pk")
    ).order_by("created_at", "pk")


def evidence_link_get_visible(*, user: User, pk: int | str) -> EvidenceLink:
    try:
        return evidence_link_list_visible(user=user).select_related("message__campaign").get(pk=pk)
    except (EvidenceLink.DoesNotExist, ValueError, TypeError) as error:
        raise Http404("No evidence link found.") from error
