"""Is a campaign ready for approval? Every reason it would be refused, each
`{"code", "message", ...ids}`, so a planner can fix them all in one pass.

Codes: `plan_incomplete` (field), `period_missing`, `period_invalid`, `period_over`,
`no_themes`, `no_channels`, `no_messages`, `main_idea_theme_missing`, `channel_without_message`
(channel), `message_channel_not_planned`, `message_theme_not_planned`, `message_not_approved`
(message_id), `link_not_approved` (link_id, message_id), `claim_unsupported` (link_id,
message_id: a rejected link whose words are still in the message), `open_flag` (flag,
message_id, link_id, suggestion),
`brutality_evidence_missing` (bucket: muslim | non_muslim).
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from campaigns.models import Campaign, EvidenceLink, Message, Theme
from campaigns.selectors.coverage import VICTIM_BUCKETS
from campaigns.services.claim_checks.wording import claim_spans
from common.compiled import Statement

__all__ = ["READINESS_CAMPAIGN_FIELDS", "campaign_readiness", "campaign_readiness_many"]

Problem = dict[str, Any]
_PLAN_FIELDS = (
    ("goal", "a goal"),
    ("audiences", "the audiences"),
    ("messengers", "the messengers"),
    ("call_to_action", "a call to action"),
    ("indicators", "indicators with targets"),
)
_BRUTALITY = {Theme.VictimFocus.MUSLIM, Theme.VictimFocus.NON_MUSLIM, Theme.VictimFocus.BOTH}
_BUCKET_WORDS = {"muslim": "Muslim", "non_muslim": "non-Muslim"}


# The status words of a message or link ("is draft", "is changes requested"), as their
# `get_status_display()` says them, for the rows below, which are not model instances.
_MESSAGE_STATUS_WORDS = dict(Message.Status.choices)
_LINK_STATUS_WORDS = dict(EvidenceLink.Status.choices)


# The campaign columns the rules read: a `.values()` row holding them (and "id") stands for the
# campaign in `campaign_readiness_many`, so a list can fetch its page and the plans in one query.
READINESS_CAMPAIGN_FIELDS = (
    "id",
    "goal",
    "audiences",
    "messengers",
    "call_to_action",
    "indicators",
    "starts_on",
    "ends_on",
    "channels",
    "follows_main_idea",
)


@dataclass(slots=True)
class _Plan:
    """What the rules read of a campaign."""

    id: int
    goal: str
    audiences: list[str]
    messengers: list[str]
    call_to_action: str
    indicators: list[dict[str, Any]]
    starts_on: datetime.date | None
    ends_on: datetime.date | None
    channels: list[str]
    follows_main_idea: bool


def _plan(campaign: Campaign | Mapping[str, Any]) -> _Plan:
    if isinstance(campaign, Mapping):
        return _Plan(*(campaign[name] for name in READINESS_CAMPAIGN_FIELDS))
    return _Plan(*(getattr(campaign, name) for name in READINESS_CAMPAIGN_FIELDS))


@dataclass(slots=True)
class _Theme:
    """What the rules read of a campaign's theme."""

    pk: int
    victim_focus: str


@dataclass(slots=True)
class _Link:
    """What the rules read of an evidence link and of its fact."""

    pk: int
    status: str
    claim: str
    reopened_reason: str
    flags: list[dict[str, Any]]
    fact_kind: str
    fact_victim_community: str


@dataclass(slots=True)
class _Message:
    """What the rules read of a message, with its evidence links in id order. Plain rows, not
    model instances: for a page of the dashboard, building the messages, links and facts and
    running the prefetch machinery cost most of readiness's time (and one query more)."""

    pk: int
    campaign_id: int
    theme_id: int | None
    channel: str
    language: str
    text: str
    status: str
    flags: list[dict[str, Any]]
    links: list[_Link] = field(default_factory=list)

    # The model's own `number` property (the object itself, through `vars`), so the number a
    # message goes by is decided in one place.
    number = vars(Message)["number"]


def _problem(code: str, text: str, **ids: Any) -> Problem:
    return {"code": code, "message": text, **ids}


def _plan_problems(campaign: _Plan, themes: list[_Theme]) -> list[Problem]:
    problems = [
        _problem("plan_incomplete", f"The plan needs {words}.", field=field)
        for field, words in _PLAN_FIELDS
        if not getattr(campaign, field)
    ]
    if not campaign.starts_on or not campaign.ends_on:
        problems.append(_problem("period_missing", "Set the campaign's start and end dates."))
    elif campaign.ends_on < campaign.starts_on:
        problems.append(_problem("period_invalid", "The campaign ends before it starts."))
    elif campaign.ends_on < timezone.localdate():
        problems.append(_problem("period_over", "The campaign's period is already over."))
    if not themes:
        problems.append(_problem("no_themes", "Choose at least one theme."))
    if not campaign.channels:
        problems.append(_problem("no_channels", "Choose at least one channel."))
    if campaign.follows_main_idea and not any(t.victim_focus in _BRUTALITY for t in themes):
        problems.append(
            _problem(
                "main_idea_theme_missing",
                "The campaign says it follows the recommendation's main idea but uses no theme "
                "exposing the group's brutality.",
            )
        )
    return problems


def _message_problems(
    campaign: _Plan, messages: list[_Message], theme_ids: set[int]
) -> list[Problem]:
    problems: list[Problem] = []
    if not messages:
        problems.append(_problem("no_messages", "The campaign has no messages."))
    covered = {m.channel for m in messages}
    for channel in campaign.channels:
        if channel not in covered:
            problems.append(
                _problem(
                    "channel_without_message",
                    f"No message for the planned channel “{channel}”.",
                    channel=channel,
                )
            )
    for message in messages:
        if campaign.channels and message.channel not in campaign.channels:
            problems.append(
                _problem(
                    "message_channel_not_planned",
                    f"Message {message.number} is for “{message.channel}”, not a planned channel.",
                    message_id=message.pk,
                )
            )
        if message.theme_id and message.theme_id not in theme_ids:
            problems.append(
                _problem(
                    "message_theme_not_planned",
                    f"Message {message.number} uses a theme the campaign no longer has.",
                    message_id=message.pk,
                )
            )
        if message.status != Message.Status.APPROVED:
            problems.append(
                _problem(
                    "message_not_approved",
                    f"Message {message.number} ({message.channel}, {message.language}) is "
                    f"{_MESSAGE_STATUS_WORDS.get(message.status, message.status).lower()}.",
                    message_id=message.pk,
                    status=message.status,
                )
            )
        problems.extend(_link_problems(message))
        for flag in message.flags:
            if "link_id" not in flag:  # link flags are reported with their link below
                problems.append(
                    _problem(
                        "open_flag",
                        f"Message {message.number}: {flag['message']}",
                        flag=flag["code"],
                        message_id=message.pk,
                    )
                )
    return problems


def _link_problems(message: _Message) -> list[Problem]:
    problems: list[Problem] = []
    for link in message.links:
        if link.status == EvidenceLink.Status.REJECTED:
            if claim_spans(claim=link.claim, text=message.text):
                problems.append(
                    _problem(
                        "claim_unsupported",
                        f"Message {message.number} still says “{link.claim}”, whose evidence link "
                        "was rejected.",
                        link_id=link.pk,
                        message_id=message.pk,
                    )
                )
            continue
        if link.status != EvidenceLink.Status.APPROVED:
            reason = f" ({link.reopened_reason})" if link.reopened_reason else ""
            problems.append(
                _problem(
                    "link_not_approved",
                    f"The evidence for “{link.claim}” is "
                    f"{_LINK_STATUS_WORDS.get(link.status, link.status).lower()}"
                    f"{reason}.",
                    link_id=link.pk,
                    message_id=message.pk,
                    status=link.status,
                )
            )
        for flag in link.flags:
            problems.append(
                _problem(
                    "open_flag",
                    f"“{link.claim}”: {flag['message']}",
                    flag=flag["code"],
                    link_id=link.pk,
                    message_id=message.pk,
                    **({"suggestion": flag["suggestion"]} if flag.get("suggestion") else {}),
                )
            )
    return problems


def _main_idea_problems(
    campaign: _Plan, themes: list[_Theme], messages: list[_Message]
) -> list[Problem]:
    if not campaign.follows_main_idea or not any(t.victim_focus in _BRUTALITY for t in themes):
        return []
    found = set()
    for message in messages:
        for link in message.links:
            if link.status == EvidenceLink.Status.APPROVED and link.fact_kind == "incident":
                found.add(VICTIM_BUCKETS.get(link.fact_victim_community, "unknown"))
    return [
        _problem(
            "brutality_evidence_missing",
            "The campaign follows the recommendation's main idea but has no approved evidence "
            f"of attacks on {_BUCKET_WORDS[bucket]} victims.",
            bucket=bucket,
        )
        for bucket in ("muslim", "non_muslim")
        if bucket not in found
    ]


_MESSAGE_COLUMNS = (
    "pk",
    "campaign_id",
    "theme_id",
    "channel",
    "language",
    "text",
    "status",
    "flags",
)
_LINK_COLUMNS = (
    "evidence_links__pk",
    "evidence_links__status",
    "evidence_links__claim",
    "evidence_links__reopened_reason",
    "evidence_links__flags",
    "evidence_links__fact__kind",
    "evidence_links__fact__victim_community",
)


def _message_rows(campaign_ids: list[int]) -> QuerySet[Message, tuple[Any, ...]]:
    """These campaigns' messages in id order, each LEFT JOIN its links in id order JOIN their
    facts, as tuples of only the columns the rules use (a fact row carries its figures,
    conflicts and summary)."""
    return (
        Message.objects.filter(campaign_id__in=campaign_ids)
        .order_by("pk", "evidence_links__pk")
        .values_list(*_MESSAGE_COLUMNS, *_LINK_COLUMNS)
    )


def _theme_rows(campaign_ids: list[int]) -> QuerySet[Any, tuple[Any, ...]]:
    """(campaign id, theme id, victim focus) of these campaigns' themes."""
    return Campaign.themes.through.objects.filter(campaign_id__in=campaign_ids).values_list(
        "campaign_id", "theme_id", "theme__victim_focus"
    )


# Every dashboard view asks both for a page of campaigns: compiled once per page size, as
# resolving the fifteen columns' joins cost more than running the query (BENCHMARKS.md).
_MESSAGE_ROWS = Statement(_message_rows)
_THEME_ROWS = Statement(_theme_rows)


def _messages_by_campaign(campaign_ids: list[int]) -> dict[int, list[_Message]]:
    """These campaigns' messages, with their links, by campaign: one query."""
    found: dict[int, list[_Message]] = defaultdict(list)
    message = None
    for row in _MESSAGE_ROWS.rows(campaign_ids=campaign_ids):
        if message is None or message.pk != row[0]:
            message = _Message(*row[:8])
            found[message.campaign_id].append(message)
        if row[8] is not None:  # a message without links has one row of NULL link columns
            message.links.append(_Link(*row[8:]))
    return found


def _readiness(campaign: _Plan, themes: list[_Theme], messages: list[_Message]) -> dict[str, Any]:
    problems = [
        *_plan_problems(campaign, themes),
        *_message_problems(campaign, messages, {t.pk for t in themes}),
        *_main_idea_problems(campaign, themes, messages),
    ]
    return {"ready": not problems, "problems": problems}


def campaign_readiness(*, campaign: Campaign) -> dict[str, Any]:
    """`{"ready": bool, "problems": [...]}`: every reason `campaign_approve` would refuse."""
    # `themes.all()`: the campaign page has prefetched them.
    themes = [_Theme(t.pk, t.victim_focus) for t in campaign.themes.all()]
    messages = _messages_by_campaign([campaign.pk])
    return _readiness(_plan(campaign), themes, messages[campaign.pk])


def campaign_readiness_many(
    *, campaigns: Iterable[Campaign | Mapping[str, Any]]
) -> dict[int, dict[str, Any]]:
    """`campaign_readiness` of each campaign, by campaign id, in two queries however many
    campaigns there are (for lists such as the dashboard). A campaign may be given as its
    `.values(*READINESS_CAMPAIGN_FIELDS, …)` row."""
    plans = [_plan(campaign) for campaign in campaigns]
    ids = list(dict.fromkeys(plan.id for plan in plans))
    themes: dict[int, list[_Theme]] = defaultdict(list)
    # The ordering of the themes does not matter to any rule (they are tested as a set).
    for campaign_id, theme_id, victim_focus in _THEME_ROWS.rows(campaign_ids=ids):
        themes[campaign_id].append(_Theme(theme_id, victim_focus))
    messages = _messages_by_campaign(ids)
    return {plan.id: _readiness(plan, themes[plan.id], messages[plan.id]) for plan in plans}
