"""Which reports a user may see, and the rows the API lists."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Q, QuerySet
from django.http import Http404

from campaigns.models import Campaign
from campaigns.selectors.campaigns import campaign_list_visible
from common.access import may_use_counterpoint, sees_every_campaign
from common.errors import InvalidInput
from reports.models import Report

__all__ = [
    "report_campaign_for_request",
    "report_get_visible",
    "report_list_visible",
    "user_sees_every_campaign",
]


def user_sees_every_campaign(*, user: AbstractBaseUser | AnonymousUser) -> bool:
    """Reviewers, Source admins and superusers see every campaign (API.md)."""
    return sees_every_campaign(user)


def report_list_visible(*, user: AbstractBaseUser | AnonymousUser) -> QuerySet[Report]:
    """A report on a campaign is visible to whoever may see that campaign. A global report
    (no campaign) counts evidence links only from the campaigns its requester may see, so it
    is visible to its requester and to those who see every campaign anyway."""
    queryset = Report.objects.select_related("requested_by", "campaign")
    if not may_use_counterpoint(user):
        return queryset.none()
    if user_sees_every_campaign(user=user):
        return queryset
    return queryset.filter(
        Q(campaign__in=campaign_list_visible(user=user).values("pk"))
        | Q(campaign__isnull=True, requested_by=user)
    )


def report_get_visible(*, user: AbstractBaseUser | AnonymousUser, pk: int | str) -> Report:
    try:
        return report_list_visible(user=user).get(pk=pk)
    except (Report.DoesNotExist, ValueError, TypeError) as error:
        raise Http404("No report found.") from error


def report_campaign_for_request(*, campaign_id: int | None) -> Campaign | None:
    """The campaign a report request names (None: all the evidence). An unknown id is refused
    here; one the requester may not see is refused by `report_request` in the same words, so
    the answer never reveals which ids exist."""
    if campaign_id is None:
        return None
    campaign = Campaign.objects.filter(pk=campaign_id).first()
    if campaign is None:
        raise InvalidInput(f"No campaign with id {campaign_id}.", field="campaign")
    return campaign
