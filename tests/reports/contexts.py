"""Report contexts built by hand, without a database: renderers are tested (and benchmarked,
see bench/bench_reports.py) on exactly what they receive in production."""

import itertools
from datetime import UTC, date, datetime, timedelta

from reports.rendering.context import (
    BriefContext,
    CampaignPlan,
    ChartData,
    Citation,
    ConflictEntry,
    ConflictValue,
    CoverageTable,
    DossierContext,
    ExcerptEntry,
    FactEntry,
    FigureLine,
    FlagEntry,
    LinkEntry,
    MessageEntry,
    RangeBar,
    RegisterContext,
    RegisterRow,
    ReportHeader,
    SourceEntry,
    ThemeEntry,
)

__all__ = [
    "ARABIC_TEXT",
    "CAMPAIGN_NAME",
    "URDU_TEXT",
    "sample_brief",
    "sample_dossier",
    "sample_register",
]

CAMPAIGN_NAME = "Shrines and churches: one enemy"
URDU_TEXT = "داعش نے مزاروں اور گرجا گھروں پر حملے کیے، مسلمان اور مسیحی دونوں اس کا نشانہ بنے۔"
# No final "." here: a Latin full stop at the end of an RTL line is laid out correctly but
# pypdf's text layer puts it first, which would make the order test fail on an artefact.
ARABIC_TEXT = "هاجم داعش المزارات والكنائس، وكان المسلمون والمسيحيون ضحاياه"
TARGETS = [("health", "Health"), ("worshippers", "Worshippers"), ("police", "Police")]
COMMUNITIES = [("muslim", "Muslim"), ("christian", "Christian"), ("sufi_muslim", "Sufi Muslim")]


def _header(kind: str, label: str, title: str) -> ReportHeader:
    return ReportHeader(
        report_id=7,
        kind=kind,
        kind_label=label,
        title=title,
        generated_at=datetime(2026, 11, 22, 12, 0, tzinfo=UTC),
        requested_by="comms",
    )


def _sources(count: int) -> list[SourceEntry]:
    return [
        SourceEntry(
            number=n,
            id=100 + n,
            title=f"Report on attacks in Balochistan, part {n}",
            publisher=["Dawn", "Express Tribune", "The News", "BBC Urdu"][n % 4],
            author="Staff reporter",
            url=f"https://example.org/articles/{n}",
            published_on=date(2016, 1, 1) + timedelta(days=17 * n),
            language="en",
            kind="News",
            reliability="ABCDEF"[n % 4],
            reliability_label=f"{'ABCDEF'[n % 4]} – graded",
            status="retracted" if n % 29 == 0 else "active",
        )
        for n in range(1, count + 1)
    ]


def _facts(count: int, sources: list[SourceEntry]) -> list[FactEntry]:
    citations = itertools.count(1)
    facts = []
    for n in range(1, count + 1):
        excerpts = []
        for k in range(2):
            source = sources[(n * 2 + k) % len(sources)]
            excerpts.append(
                ExcerptEntry(
                    citation=Citation(
                        number=next(citations),
                        excerpt_id=n * 10 + k,
                        exact=f"the attack in Quetta on day {n} took about {60 + n % 20 + k * 5} "
                        "lives, officials said",
                        source_number=source.number,
                        source_title=source.title,
                        publisher=source.publisher,
                        published_on=source.published_on,
                        reliability=source.reliability,
                        credibility=2 + k,
                        credibility_label="probably true" if k == 0 else "possibly true",
                    ),
                    figures_text=f"about {60 + n % 20 + k * 5} killed",
                )
            )
        low, high = 60 + n % 20, 65 + n % 20
        disputed = n % 3 == 0
        target, target_label = TARGETS[n % len(TARGETS)]
        community, community_label = COMMUNITIES[n % len(COMMUNITIES)]
        facts.append(
            FactEntry(
                id=n,
                kind="incident",
                kind_label="Incident",
                title=f"Bombing number {n} in Quetta",
                summary="A suicide bomber struck a crowd of mourners.",
                occurred_on=date(2015, 1, 1) + timedelta(days=7 * n),
                date_precision="day",
                place="Quetta",
                province="Balochistan",
                country="Pakistan",
                target_type=target,
                target_type_label=target_label,
                victim_community=community,
                victim_community_label=community_label,
                claimed_by=("ISIS-K",),
                attributed_to=("Jamaat-ul-Ahrar",) if disputed else (),
                relation="",
                subject_actor="",
                object_actor="",
                status="disputed" if disputed else "corroborated",
                status_label="Disputed" if disputed else "Corroborated",
                figures=(
                    FigureLine("killed", "Killed", low, high, f"at least {low}", 2, disputed),
                    FigureLine("wounded", "Wounded", 100, None, "more than 100", 1, False),
                ),
                conflicts=(
                    ConflictEntry(
                        kind="figure",
                        field="killed",
                        values=(
                            ConflictValue(str(low), excerpts[0].citation.source_number, "", 1),
                            ConflictValue(str(high), excerpts[1].citation.source_number, "", 2),
                        ),
                        resolution_wording=f"at least {low} killed" if n % 2 else "",
                        resolution_reason="The lower figure is the one both agree on.",
                        resolved_by="reviewer",
                        resolved_at="2026-11-01",
                    ),
                )
                if disputed
                else (),
                excerpts=tuple(excerpts),
                approved_links=n % 4,
            )
        )
    return facts


def sample_brief(*, messages: int = 6, links: int = 12, facts: int = 4) -> BriefContext:
    """A campaign brief with an Urdu and an Arabic message among English ones."""
    sources = _sources(max(2, facts // 5))
    fact_entries = _facts(facts, sources)
    per_message = max(1, links // max(1, messages))
    message_entries = []
    for n in range(1, messages + 1):
        language, text = "en", f"Message {n}: the group killed at least 70 people in Quetta."
        if n % 10 == 2:
            language, text = "ur", URDU_TEXT
        elif n % 10 == 5:
            language, text = "ar", ARABIC_TEXT
        link_entries = []
        for k in range(per_message):
            fact = fact_entries[(n * per_message + k) % len(fact_entries)]
            link_entries.append(
                LinkEntry(
                    id=n * 100 + k,
                    claim="killed at least 70 people" if language == "en" else "گرجا گھروں پر حملے",
                    fact_id=fact.id,
                    fact_title=fact.title,
                    fact_status=fact.status_label,
                    status="approved" if k % 3 else "proposed",
                    status_label="Approved" if k % 3 else "Proposed",
                    proposed_by="comms",
                    reviewed_by="reviewer" if k % 3 else "",
                    review_comment="",
                    flags=(
                        FlagEntry(
                            "figure_exceeds_evidence",
                            "The message says more than the evidence supports.",
                            "at least 70",
                            wording=True,
                        ),
                    )
                    if fact.status == "disputed"
                    else (),
                    citations=tuple(e.citation for e in fact.excerpts),
                )
            )
        message_entries.append(
            MessageEntry(
                id=n,
                number=n,
                theme="Brutality against Muslims" if n % 2 else "Brutality against non-Muslims",
                channel="x",
                channel_label="X (Twitter)",
                language=language,
                language_label={"ur": "Urdu", "ar": "Arabic"}.get(language, "English"),
                direction="rtl" if language in ("ur", "ar") else "ltr",
                text=text,
                status="approved",
                status_label="Approved",
                revision=1,
                flags=(),
                links=tuple(link_entries),
            )
        )
    bars = (
        RangeBar("Health", 70, 75, 100, None),
        RangeBar("Worshippers", 9, 9, 50, 50),
        RangeBar("Police", 61, 67, 165, None),
    )
    return BriefContext(
        header=_header("campaign_brief", "Campaign brief", f"Campaign brief: {CAMPAIGN_NAME}"),
        campaign=CampaignPlan(
            id=1,
            name=CAMPAIGN_NAME,
            status="draft",
            status_label="Draft",
            goal="Show that the group kills Muslims and non-Muslims alike.",
            audiences=("University students", "Women's seminaries"),
            messengers=("Survivors' families",),
            channels=("x", "facebook"),
            channel_labels=("X (Twitter)", "Facebook"),
            call_to_action="Share the survivors' stories.",
            indicators=(("Shares", "5000"),),
            starts_on=date(2026, 12, 1),
            ends_on=date(2027, 1, 31),
            owner="comms",
            team=("writer",),
        ),
        themes=(
            ThemeEntry("Brutality against Muslims", "Shrines and mosques.", 2, "Muslim victims"),
            ThemeEntry("Brutality against non-Muslims", "Churches.", 2, "Non-Muslim victims"),
        ),
        messages=tuple(message_entries),
        facts=tuple(fact_entries),
        coverage=CoverageTable(
            columns=("Muslim victims", "Non-Muslim victims"),
            rows=(("Brutality against Muslims", (3, 0)), ("Brutality against non-Muslims", (0, 2))),
        ),
        charts=ChartData(
            incidents_by_month=(("2016-08", 1), ("2016-10", 1), ("2017-02", 2)),
            casualties_by_target=bars,
            casualties_by_community=bars[:2],
        ),
        bibliography=tuple(sources),
    )


def sample_dossier(*, facts: int = 4) -> DossierContext:
    sources = _sources(3)
    return DossierContext(
        header=_header("evidence_dossier", "Evidence dossier", "Evidence dossier"),
        filters=(("Actor", "ISIS-K"),),
        facts=tuple(_facts(facts, sources)),
        bibliography=tuple(sources),
    )


def sample_register() -> RegisterContext:
    return RegisterContext(
        header=_header("source_register", "Source register", "Source register"),
        rows=tuple(RegisterRow(source, 3, 2, 1) for source in _sources(4)),
    )
