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

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from campaigns.models import Campaign, EvidenceLink, Message, Theme
from campaigns.selectors.coverage import VICTIM_BUCKETS
from campaigns.services.claim_checks.wording import claim_spans

__all__ = ["campaign_readiness", "campaign_readiness_many"]

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


def _problem(code: str, text: str, **ids: Any) -> Problem:
    return {"code": code, "message": text, **ids}


def _plan_problems(campaign: Campaign, themes: list[Theme]) -> list[Problem]:
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
    campaign: Campaign, messages: list[Message], theme_ids: set[int]
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
                    f"{message.get_status_display().lower()}.",
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


def _link_problems(message: Message) -> list[Problem]:
    problems: list[Problem] = []
    for link in message.evidence_links.all():
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
                    f"The evidence for “{link.claim}” is {link.get_status_display().lower()}"
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
    campaign: Campaign, themes: list[Theme], messages: list[Message]
) -> list[Problem]:
    if not campaign.follows_main_idea or not any(t.victim_focus in _BRUTALITY for t in themes):
        return []
    found = set()
    for message in messages:
        for link in message.evidence_links.all():
            if link.status == EvidenceLink.Status.APPROVED and link.fact.kind == "incident":
                found.add(VICTIM_BUCKETS.get(link.fact.victim_community, "unknown"))
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


def _with_links(messages: QuerySet[Message]) -> QuerySet[Message]:
    """Messages in order, each with its evidence links and the two fields of their facts the
    rules read (two queries). Only those columns: a dashboard of 20 campaigns can rest on
    thousands of links, and a fact row carries its figures, conflicts and summary."""
    return messages.order_by("pk").prefetch_related(
        Prefetch(
            "evidence_links",
            queryset=EvidenceLink.objects.select_related("fact")
            .only(
                "id",
                "message_id",
                "status",
                "claim",
                "flags",
                "reopened_reason",
                "fact__id",
                "fact__kind",
                "fact__victim_community",
            )
            .order_by("pk"),
        )
    )


def _readiness(campaign: Campaign, themes: list[Theme], messages: list[Message]) -> dict[str, Any]:
    problems = [
        *_plan_problems(campaign, themes),
        *_message_problems(campaign, messages, {t.pk for t in themes}),
        *_main_idea_problems(campaign, themes, messages),
    ]
    return {"ready": not problems, "problems": problems}


def campaign_readiness(*, campaign: Campaign) -> dict[str, Any]:
    """`{"ready": bool, "problems": [...]}`: every reason `campaign_approve` would refuse."""
    themes = list(campaign.themes.all())
    messages = list(_with_links(Message.objects.filter(campaign=campaign)))
    return _readiness(campaign, themes, messages)


def campaign_readiness_many(*, campaigns: Iterable[Campaign]) -> dict[int, dict[str, Any]]:
    """`campaign_readiness` of each campaign, by campaign id, in three queries however many
    campaigns there are (for lists such as the dashboard)."""
    campaigns = list(campaigns)
    ids = [campaign.pk for campaign in campaigns]
    themes: dict[int, list[Theme]] = defaultdict(list)
    # The ordering of the themes does not matter to any rule (they are tested as a set).
    through = Campaign.themes.through.objects.filter(campaign_id__in=ids).select_related("theme")
    for row in through:
        themes[row.campaign_id].append(row.theme)
    messages: dict[int, list[Message]] = defaultdict(list)
    for message in _with_links(Message.objects.filter(campaign_id__in=ids)):
        messages[message.campaign_id].append(message)
    return {
        campaign.pk: _readiness(campaign, themes[campaign.pk], messages[campaign.pk])
        for campaign in campaigns
    }
