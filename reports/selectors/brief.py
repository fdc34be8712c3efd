"""The campaign brief's context: the plan, its messages with their evidence, the charts."""

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db.models import Prefetch
from django.utils.translation import get_language_info

from campaigns.models import Campaign, EvidenceLink, Message
from campaigns.selectors.coverage import campaign_coverage
from evidence.models import Fact
from reports.models import Report
from reports.rendering.context import (
    BriefContext,
    CampaignPlan,
    ChartData,
    CoverageTable,
    FactEntry,
    FlagEntry,
    LinkEntry,
    MessageEntry,
    RangeBar,
    ReportHeader,
    ThemeEntry,
)

from .evidence import CitationBook, fact_entries, facts_for_report

__all__ = ["WORDING_FLAGS", "brief_context_build"]

CHANNEL_LABELS = dict(Message.Channel.choices)

COVERAGE_COLUMNS = (
    ("muslim", "Muslim victims"),
    ("non_muslim", "Non-Muslim victims"),
    ("mixed", "Mixed"),
    ("unknown", "Unknown"),
)


# The claim checks whose suggestion is a wording to say instead (the others suggest what to
# do next: add a source, ask a Reviewer). See campaigns.services.claim_checks.
WORDING_FLAGS = frozenset({"figure_exceeds_evidence", "attribution_disputed"})


def _flags(raw: Any) -> tuple[FlagEntry, ...]:
    if not isinstance(raw, list):
        return ()
    return tuple(
        FlagEntry(
            code=str(flag.get("code", "")),
            message=str(flag.get("message", "")),
            suggestion=str(flag.get("suggestion") or ""),
            wording=flag.get("code") in WORDING_FLAGS,
        )
        for flag in raw
        if isinstance(flag, dict)
    )


def _language_name(code: str) -> str:
    """ "Urdu" for "ur"; a code Django does not know stays as it is."""
    try:
        return str(get_language_info(code)["name"])
    except KeyError:
        return code


def _name(user: Any) -> str:
    if user is None:
        return ""
    full = user.get_full_name() if hasattr(user, "get_full_name") else ""
    return full or user.get_username()


def _plan(campaign: Campaign) -> CampaignPlan:
    indicators = tuple(
        (str(item.get("name", "")), str(item.get("target", "")))
        for item in (campaign.indicators or [])
        if isinstance(item, dict)
    )
    return CampaignPlan(
        id=campaign.pk,
        name=campaign.name,
        status=campaign.status,
        status_label=campaign.get_status_display(),
        goal=campaign.goal,
        audiences=tuple(str(a) for a in campaign.audiences or []),
        messengers=tuple(str(m) for m in campaign.messengers or []),
        channels=tuple(str(c) for c in campaign.channels or []),
        call_to_action=campaign.call_to_action,
        indicators=indicators,
        starts_on=campaign.starts_on,
        ends_on=campaign.ends_on,
        owner=_name(campaign.owner),
        team=tuple(_name(member) for member in campaign.team.all()),
        channel_labels=tuple(
            str(CHANNEL_LABELS.get(channel, channel)) for channel in campaign.channels or []
        ),
    )


def _coverage(campaign: Campaign) -> CoverageTable:
    """The campaigns app's coverage (approved evidence by theme × victim community), as the
    table the brief prints, with its gaps as warnings."""
    coverage = campaign_coverage(campaign=campaign)
    warnings = [gap["message"] for gap in coverage.get("gaps", [])]
    main_idea = coverage.get("main_idea", {})
    if main_idea.get("follows"):
        for bucket, victims in (("muslim", "Muslims"), ("non_muslim", "non-Muslims")):
            if not main_idea.get(bucket):
                warnings.append(
                    f"The main idea is not backed: no approved evidence of brutality against "
                    f"{victims}."
                )
    return CoverageTable(
        columns=tuple(label for _, label in COVERAGE_COLUMNS),
        rows=tuple(
            (row["name"], tuple(row["by_bucket"].get(key, 0) for key, _ in COVERAGE_COLUMNS))
            for row in coverage.get("themes", [])
        ),
        warnings=tuple(warnings),
    )


def _range_bars(facts: Iterable[FactEntry], key: str) -> tuple[RangeBar, ...]:
    sums: dict[str, list[int | None]] = defaultdict(lambda: [0, 0, 0, 0])
    for fact in facts:
        if fact.kind != "incident":
            continue
        label = getattr(fact, f"{key}_label") or "Not recorded"
        bucket = sums[label]
        for offset, kind in ((0, "killed"), (2, "wounded")):
            line = next((f for f in fact.figures if f.kind == kind), None)
            if line is None or line.min is None:
                continue
            bucket[offset] = (bucket[offset] or 0) + line.min
            # One open-ended figure ("more than 300") leaves the whole category open.
            upper = bucket[offset + 1]
            bucket[offset + 1] = None if upper is None or line.max is None else upper + line.max
    return tuple(
        RangeBar(
            label=label,
            killed_min=values[0] or 0,
            killed_max=values[1],
            wounded_min=values[2] or 0,
            wounded_max=values[3],
        )
        for label, values in sorted(sums.items())
    )


def _charts(facts: tuple[FactEntry, ...]) -> ChartData:
    months: dict[str, int] = defaultdict(int)
    for fact in facts:
        if fact.kind == "incident" and fact.occurred_on is not None:
            months[f"{fact.occurred_on:%Y-%m}"] += 1
    return ChartData(
        incidents_by_month=tuple(sorted(months.items())),
        casualties_by_target=_range_bars(facts, "target_type"),
        casualties_by_community=_range_bars(facts, "victim_community"),
    )


def _link_entry(link: EvidenceLink, facts_by_id: dict[int, FactEntry]) -> LinkEntry:
    rejected = link.status == EvidenceLink.Status.REJECTED
    fact = None if rejected else facts_by_id.get(link.fact_id)
    return LinkEntry(
        id=link.pk,
        claim=link.claim,
        fact_id=link.fact_id,
        fact_title=link.fact.title,
        fact_status=link.fact.get_status_display(),
        status=link.status,
        status_label=link.get_status_display(),
        proposed_by=_name(link.proposed_by),
        reviewed_by=_name(link.reviewed_by),
        review_comment=link.review_comment,
        flags=() if rejected else _flags(link.flags),
        citations=tuple(e.citation for e in fact.excerpts) if fact else (),
    )


def _message_entry(message: Message, facts_by_id: dict[int, FactEntry]) -> MessageEntry:
    return MessageEntry(
        id=message.pk,
        number=message.number,
        theme=message.theme.name if message.theme else "",
        channel=message.channel,
        channel_label=message.get_channel_display(),
        language=message.language,
        language_label=_language_name(message.language),
        direction=message.direction,
        text=message.text,
        status=message.status,
        status_label=message.get_status_display(),
        revision=message.revision,
        flags=_flags(message.flags),
        links=tuple(_link_entry(link, facts_by_id) for link in message.evidence_links.all()),
    )


def brief_context_build(*, report: Report, header: ReportHeader) -> BriefContext:
    if report.campaign_id is None:
        raise ValueError("A campaign brief needs a campaign.")
    campaign = (
        Campaign.objects.select_related("owner")
        .prefetch_related("team", "themes")
        .get(pk=report.campaign_id)
    )
    # The fact too: a rejected link is printed with its fact's title, though its fact is not
    # among the brief's evidence.
    links = EvidenceLink.objects.select_related("proposed_by", "reviewed_by", "fact").order_by(
        "created_at", "pk"
    )
    # The campaign page's order and numbers (`Message.number`), so a reader finds "Message 17"
    # of the brief as "Message 17" on the page.
    messages = list(
        Message.objects.filter(campaign=campaign)
        .select_related("theme")
        .prefetch_related(Prefetch("evidence_links", queryset=links))
        .order_by("pk")
    )
    # A rejected link's fact is named beside its claim, but it is not evidence of the campaign:
    # no citations, no charts, no conflicts, no flags.
    fact_ids = {
        link.fact_id
        for message in messages
        for link in message.evidence_links.all()
        if link.status != EvidenceLink.Status.REJECTED
    }
    book = CitationBook()
    facts_by_id = {
        fact.id: fact
        for fact in fact_entries(
            facts_for_report(Fact.objects.filter(pk__in=fact_ids).order_by("occurred_on", "id")),
            book,
        )
    }
    message_entries = [_message_entry(message, facts_by_id) for message in messages]
    facts = tuple(facts_by_id.values())
    return BriefContext(
        header=header,
        campaign=_plan(campaign),
        themes=tuple(
            ThemeEntry(
                name=theme.name,
                description=theme.description,
                recommendation_clause=theme.recommendation_clause,
                victim_focus=theme.get_victim_focus_display(),
            )
            for theme in campaign.themes.all()
        ),
        messages=tuple(message_entries),
        facts=facts,
        coverage=_coverage(campaign),
        charts=_charts(facts),
        bibliography=book.bibliography,
    )
