"""The review queue: the evidence links a Reviewer may see, filtered, oldest first."""

from datetime import timedelta
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import connection
from django.db.models import QuerySet, TextField
from django.db.models.functions import Cast
from django.utils import timezone

from campaigns.models import EvidenceLink
from campaigns.selectors.messages import evidence_link_list_visible

__all__ = ["CARD_FIELDS", "FLAG_NAMES", "review_queue"]

# Each flag code in words, for the queue's filter (the flags themselves carry their message).
FLAG_NAMES = {
    "figure_exceeds_evidence": "Figure exceeds the evidence",
    "figure_without_evidence": "Figure without evidence",
    "disputed_fact": "Disputed fact",
    "unverified_fact": "Unverified fact",
    "attribution_disputed": "Attribution disputed",
    "attribution_denied": "Attribution denied",
    "source_retracted": "Source retracted",
    "excerpt_unanchored": "Excerpt no longer in its source",
    "source_below_minimum_grade": "Source below the campaign's minimum grade",
    "claim_not_in_message": "Claim no longer in the message",
    "unread_number": "Number the checks could not read",
    "unread_actor": "Name the checks could not resolve",
}


# The columns a review card reads (web/views/review_cards.py), read as one `.values()` row per
# link. Only these: whole rows of the campaign (its plan's JSON), the fact (figures, conflicts,
# origins, summary) and two users cost more to decode than the page's own work; and model
# instances (three per link, with the users prefetched) cost twice the query (BENCHMARKS.md).
CARD_FIELDS = (
    "id",
    "status",
    "claim",
    "flags",
    "reopened_reason",
    "created_at",
    "reviewed_at",
    "review_comment",
    "message__id",
    "message__campaign__id",
    "message__campaign__name",
    "message__channel",
    "message__language",
    "message__direction",
    "message__text",
    "fact__id",
    "fact__title",
    "fact__status",
    "fact__figures",
    "fact__conflicts",
    "proposed_by",
    "reviewed_by",
)
# Who proposed and who decided come by id, named by one query (`common.people.usernames`):
# joined into the page's query (two joins of the users table, one of them outer), they cost
# PostgreSQL 1.4 ms more to plan the query than to run it (BENCHMARKS.md).


def _with_flag(links: QuerySet[EvidenceLink], code: str) -> QuerySet[EvidenceLink]:
    if connection.features.supports_json_field_contains:
        return links.filter(flags__contains=[{"code": code}])
    # SQLite stores the list as JSON text; the code is one of FLAG_NAMES, never user input.
    return links.annotate(flags_text=Cast("flags", TextField())).filter(
        flags_text__contains=f'"code": "{code}"'
    )


def review_queue(
    *,
    user: AbstractBaseUser | AnonymousUser,
    status: str = EvidenceLink.Status.PROPOSED,
    campaign_id: int | None = None,
    campaign_name: str = "",
    flag: str = "",
    waiting_days: int | None = None,
) -> QuerySet[EvidenceLink, dict[str, Any]]:
    """Links of campaigns `user` may see with this status (proposed: the queue itself),
    optionally of one campaign, of campaigns whose name contains `campaign_name` (any case),
    carrying one flag, or waiting longer than `waiting_days`; oldest first, with what a
    review card reads (`CARD_FIELDS`), as dictionaries."""
    links = evidence_link_list_visible(user=user).filter(status=status)
    if campaign_id is not None:
        links = links.filter(message__campaign_id=campaign_id)
    if campaign_name:
        links = links.filter(message__campaign__name__icontains=campaign_name)
    if flag:
        links = _with_flag(links, flag)
    if waiting_days:
        links = links.filter(created_at__lte=timezone.now() - timedelta(days=waiting_days))
    return links.values(*CARD_FIELDS)
