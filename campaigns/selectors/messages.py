"""Messages and evidence links a user may see: those of the campaigns they may see."""

from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, QuerySet
from django.http import Http404

from campaigns.models import Campaign, EvidenceLink, EvidenceLinkReview, Message, MessageRevision
from campaigns.selectors.campaigns import campaign_list_visible
from common.access import sees_every_campaign
from common.compiled import Statement
from common.words import Words

__all__ = [
    "NOT_REVIEWABLE_OWN_CAMPAIGN",
    "NOT_REVIEWABLE_OWN_WORDS",
    "evidence_link_get_visible",
    "evidence_link_list_visible",
    "evidence_links_not_reviewable",
    "message_get_visible",
    "message_ids_authored_by",
    "message_list_visible",
    "message_revisions",
]

User = AbstractBaseUser | AnonymousUser


def message_list_visible(*, user: User) -> QuerySet[Message]:
    if sees_every_campaign(user):
        # No filter at all for those who see everything: a subquery over every campaign
        # would only cost the database a join and a scan.
        return Message.objects.all()
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
    links = EvidenceLink.objects.order_by("created_at", "pk")
    if sees_every_campaign(user):
        return links
    return links.filter(message__campaign__in=campaign_list_visible(user=user).values("pk"))


def evidence_link_get_visible(*, user: User, pk: int | str) -> EvidenceLink:
    try:
        return evidence_link_list_visible(user=user).select_related("message__campaign").get(pk=pk)
    except (EvidenceLink.DoesNotExist, ValueError, TypeError) as error:
        raise Http404("No evidence link found.") from error


def _authored_by(user_id: int) -> Q:
    """Links the user proposed or reworded: those they may never review (the four-eyes rule)."""
    reworded = EvidenceLinkReview.objects.filter(decision="revised", reviewer_id=user_id).values(
        "link"
    )
    return Q(proposed_by_id=user_id) | Q(pk__in=reworded)


# Why a Reviewer may not review a link (four eyes), in the words the service refuses with.
NOT_REVIEWABLE_OWN_WORDS = Words(
    "You proposed or reworded this link; another Reviewer must review it."
)
NOT_REVIEWABLE_OWN_CAMPAIGN = Words(
    "You work on this campaign (owner or team); a Reviewer outside it must review its links."
)


def _not_reviewable(*, user_id: int, link_ids: list[int]) -> QuerySet[EvidenceLink, Any]:
    own_campaign = Exists(
        Campaign.objects.filter(pk=OuterRef("message__campaign_id")).filter(
            Q(owner_id=user_id) | Q(team=user_id)
        )
    )
    return (
        EvidenceLink.objects.filter(pk__in=link_ids)
        .annotate(
            own_words=ExpressionWrapper(_authored_by(user_id), output_field=BooleanField()),
            own_campaign=own_campaign,
        )
        .filter(Q(own_words=True) | Q(own_campaign=True))
        .values_list("pk", "own_words")
    )


# Asked for every card of every review page: compiled once per page size.
_NOT_REVIEWABLE = Statement(_not_reviewable)


def evidence_links_not_reviewable(*, user: User, link_ids: list[int]) -> dict[int, str]:
    """Which of these links `user` may not review, each with the reason: links they proposed
    or reworded, and links of campaigns they own or are on the team of (the same four eyes
    as campaign approval). One query, however many links. A superuser is held to it too:
    acting on their own words is what four eyes forbids."""
    if not user.is_authenticated or not link_ids:
        return {}
    rows = _NOT_REVIEWABLE.rows(user_id=user.pk, link_ids=list(dict.fromkeys(link_ids)))
    # Their own words first: the reason they can act on least.
    return {
        pk: NOT_REVIEWABLE_OWN_WORDS if own_words else NOT_REVIEWABLE_OWN_CAMPAIGN
        for pk, own_words in rows
    }


def message_ids_authored_by(*, user: User, message_ids: list[int]) -> set[int]:
    """Which of these messages `user` wrote or edited (any revision): those they may never
    review (`message_authors`, the service's rule, for many messages in one query)."""
    if not user.is_authenticated or not message_ids:
        return set()
    return set(
        Message.objects.filter(pk__in=message_ids)
        .filter(Q(created_by_id=user.pk) | Q(revisions__edited_by_id=user.pk))
        .values_list("pk", flat=True)
        .distinct()
    )
