"""Who may work on a campaign: its owner and team write; Reviewers review (never their own)."""

from django.contrib.auth.models import AnonymousUser, User

from campaigns.models import Campaign, Message
from common.errors import NotAllowed, TransitionNotAllowed
from common.roles import REVIEWERS, has_role
from common.words import Words

__all__ = [
    "EDITABLE_CAMPAIGN_STATUSES",
    "campaign_is_member",
    "campaign_require_editable",
    "campaign_require_member",
    "message_authors",
    "reviewer_require",
]

AnyUser = User | AnonymousUser

# Messages and links change while the plan is drafted or under review (reviewers send things
# back); an approved, active or closed campaign is re-opened to draft first.
EDITABLE_CAMPAIGN_STATUSES = frozenset({Campaign.Status.DRAFT, Campaign.Status.IN_REVIEW})


def campaign_is_member(*, user: AnyUser, campaign: Campaign) -> bool:
    """True for the owner and the team (and superusers, who may do everything)."""
    if not user.is_authenticated:
        return False
    if getattr(user, "is_superuser", False) or campaign.owner_id == user.pk:
        return True
    return campaign.team.filter(pk=user.pk).exists()


def campaign_require_member(*, user: AnyUser, campaign: Campaign, doing: str) -> None:
    if not campaign_is_member(user=user, campaign=campaign):
        raise NotAllowed(Words("Only the campaign's owner and team may %(doing)s.", doing=doing))


def campaign_require_editable(*, campaign: Campaign, doing: str) -> None:
    if campaign.status not in EDITABLE_CAMPAIGN_STATUSES:
        raise TransitionNotAllowed(
            Words(
                "The campaign is %(status)s: re-open it to draft to %(doing)s.",
                status=Words.lowercase(campaign.get_status_display()),
                doing=doing,
            ),
            problems=[
                {
                    "code": "campaign_not_editable",
                    "message": Words("Campaign status is %(status)s.", status=campaign.status),
                    "campaign": campaign.pk,
                    "status": campaign.status,
                }
            ],
        )


def reviewer_require(*, user: AnyUser, doing: str) -> None:
    if not has_role(user, REVIEWERS):
        raise NotAllowed(Words("Only Reviewers may %(doing)s.", doing=doing))


def message_authors(*, message: Message) -> set[int]:
    """Ids of everyone who wrote any revision of `message` (the four-eyes rule excludes them)."""
    authors = set(message.revisions.exclude(edited_by=None).values_list("edited_by_id", flat=True))
    if message.created_by_id:
        authors.add(message.created_by_id)
    return authors
