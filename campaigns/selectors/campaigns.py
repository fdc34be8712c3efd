"""Which campaigns a user may see: the owner, the team, Reviewers, Source admins (API.md)."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Q, QuerySet
from django.http import Http404

from campaigns.models import Campaign
from common.access import may_use_counterpoint, sees_every_campaign

__all__ = ["campaign_get_visible", "campaign_list_visible", "campaign_visible_filter"]


def campaign_visible_filter(*, user: AbstractBaseUser | AnonymousUser, prefix: str = "") -> Q:
    """A Q object selecting the campaigns `user` may see, for querysets of campaigns
    (prefix "") or of rows that point at one (prefix "campaign__", "message__campaign__")."""
    if not may_use_counterpoint(user):
        return Q(pk__in=[])
    if sees_every_campaign(user):
        return Q()
    return Q(**{f"{prefix}owner": user}) | Q(**{f"{prefix}team": user})


def campaign_list_visible(*, user: AbstractBaseUser | AnonymousUser) -> QuerySet[Campaign]:
    """The campaigns `user` may see; others do not exist for them (404, never 403)."""
    if sees_every_campaign(user):
        return Campaign.objects.all()
    queryset = Campaign.objects.filter(campaign_visible_filter(user=user))
    # Filtering through the team join can repeat a campaign; keep ids unique without DISTINCT
    # on every column (which PostgreSQL refuses for JSON fields).
    return Campaign.objects.filter(pk__in=queryset.values("pk"))


def campaign_get_visible(*, user: AbstractBaseUser | AnonymousUser, pk: int | str) -> Campaign:
    try:
        return campaign_list_visible(user=user).get(pk=pk)
    except (Campaign.DoesNotExist, ValueError, TypeError) as error:
        raise Http404("No campaign found.") from error
