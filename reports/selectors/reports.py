"""Which reports a user may see, and the rows the API lists."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Q, QuerySet
from django.http import Http404

from campaigns.selectors.campaigns import campaign_list_visible
from common.access import may_use_counterpoint, sees_every_campaign
from reports.models import Report

__all__ = ["report_get_visible", "report_list_visible", "user_sees_every_campaign"]


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
