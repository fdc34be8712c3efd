"""Machine-readable exports: JSON (facts also as schema.org ClaimReview JSON-LD) and CSV."""

import csv
import dataclasses
import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

from common.text import spreadsheet_cell

from .context import (
    BriefContext,
    DossierContext,
    FactEntry,
    RegisterContext,
    ReportContext,
    SourceEntry,
)

__all__ = ["claim_review", "render_csv", "render_json"]

# How a fact's status maps onto ClaimReview's 1–5 rating (5: best supported).
RATINGS = {"verified": 5, "corroborated": 4, "unverified": 2, "disputed": 1}


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


def claim_review(fact: FactEntry, sources: dict[int, SourceEntry]) -> dict[str, Any]:
    """A fact as a ClaimReview-style JSON-LD object: the claim, its rating, and each
    excerpt that supports it as an appearance in its source."""
    appearances = []
    for excerpt in fact.excerpts:
        source = sources.get(excerpt.citation.source_number)
        work: dict[str, Any] = {
            "@type": "CreativeWork",
            "name": excerpt.citation.source_title,
            "text": excerpt.citation.exact,
        }
        if source is not None:
            if source.url:
                work["url"] = source.url
            if source.publisher:
                work["publisher"] = {"@type": "Organization", "name": source.publisher}
            if source.published_on:
                work["datePublished"] = source.published_on.isoformat()
        appearances.append(work)
    claim: dict[str, Any] = {"@type": "Claim", "name": fact.title, "appearance": appearances}
    if fact.occurred_on:
        claim["temporalCoverage"] = fact.occurred_on.isoformat()
    if fact.place:
        claim["spatialCoverage"] = {"@type": "Place", "name": fact.place}
    wording = "; ".join(f"{line.wording} {line.kind}" for line in fact.figures if line.wording)
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "identifier": f"fact-{fact.id}",
        "claimReviewed": fact.summary or fact.title,
        "itemReviewed": claim,
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": RATINGS.get(fact.status, 2),
            "bestRating": 5,
            "worstRating": 1,
            "alternateName": fact.status_label,
        },
        "reviewBody": wording or fact.status_label,
    }


def _document(context: ReportContext) -> dict[str, Any]:
    document: dict[str, Any] = {"report": _plain(context.header)}
    if isinstance(context, BriefContext):
        document.update(
            campaign=_plain(context.campaign),
            themes=_plain(context.themes),
            coverage=_plain(context.coverage),
            messages=_plain(context.messages),
            facts=_plain(context.facts),
            bibliography=_plain(context.bibliography),
        )
        facts, bibliography = context.facts, context.bibliography
    elif isinstance(context, DossierContext):
        document.update(
            filters=dict(context.filters),
            facts=_plain(context.facts),
            bibliography=_plain(context.bibliography),
        )
        facts, bibliography = context.facts, context.bibliography
    else:
        document["sources"] = _plain(context.rows)
        facts, bibliography = (), ()
    if facts:
        by_number = {source.number: source for source in bibliography}
        document["claim_reviews"] = [claim_review(fact, by_number) for fact in facts]
    return document


def render_json(context: ReportContext, *, path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        json.dump(_document(context), out, ensure_ascii=False, indent=1)


def _rows(context: ReportContext) -> tuple[list[str], list[list[Any]]]:
    rows: list[list[Any]]
    if isinstance(context, RegisterContext):
        header = [
            "source_id", "title", "publisher", "author", "published_on", "kind", "language",
            "reliability", "status", "url", "excerpts", "facts", "approved_links",
        ]  # fmt: skip
        rows = [
            [
                r.source.id,
                r.source.title,
                r.source.publisher,
                r.source.author,
                r.source.published_on or "",
                r.source.kind,
                r.source.language,
                r.source.reliability,
                r.source.status,
                r.source.url,
                r.excerpt_count,
                r.fact_count,
                r.approved_link_count,
            ]
            for r in context.rows
        ]
        return header, rows
    if isinstance(context, DossierContext):
        header = [
            "fact_id", "kind", "title", "occurred_on", "place", "target_type",
            "victim_community", "claimed_by", "attributed_to", "status", "killed", "wounded",
            "safe_wording", "excerpts", "sources", "conflicts", "approved_links",
        ]  # fmt: skip
        rows = []
        for fact in context.facts:
            figures = {line.kind: line for line in fact.figures}
            rows.append(
                [
                    fact.id,
                    fact.kind,
                    fact.title,
                    fact.occurred_on or "",
                    fact.place,
                    fact.target_type,
                    fact.victim_community,
                    "; ".join(fact.claimed_by),
                    "; ".join(fact.attributed_to),
                    fact.status,
                    figures["killed"].range_text if "killed" in figures else "",
                    figures["wounded"].range_text if "wounded" in figures else "",
                    "; ".join(f"{ln.wording} {ln.kind}" for ln in fact.figures if ln.wording),
                    len(fact.excerpts),
                    "; ".join(sorted({e.citation.source_title for e in fact.excerpts})),
                    len(fact.conflicts),
                    fact.approved_links,
                ]
            )
        return header, rows
    assert isinstance(context, BriefContext)
    header = [
        "message_id", "theme", "channel", "language", "direction", "message_status", "text",
        "link_id", "claim", "fact_id", "fact", "fact_status", "link_status", "reviewed_by",
        "flags", "suggested_wording", "citations",
    ]  # fmt: skip
    rows = []
    for message in context.messages:
        base = [
            message.id, message.theme, message.channel, message.language, message.direction,
            message.status, message.text,
        ]  # fmt: skip
        if not message.links:
            rows.append([*base, "", "", "", "", "", "", "", "", "", ""])
        for link in message.links:
            rows.append(
                [
                    *base,
                    link.id,
                    link.claim,
                    link.fact_id,
                    link.fact_title,
                    link.fact_status,
                    link.status,
                    link.reviewed_by,
                    "; ".join(flag.code for flag in link.flags),
                    "; ".join(flag.suggestion for flag in link.flags if flag.suggestion),
                    "; ".join(f"[{c.number}] {c.source_title}" for c in link.citations),
                ]
            )
    return header, rows


def render_csv(context: ReportContext, *, path: Path) -> None:
    header, rows = _rows(context)
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        # Text cells never run as spreadsheet formulas (common/text.py, also the facts export).
        writer.writerows(
            [spreadsheet_cell(cell) if isinstance(cell, str) else cell for cell in row]
            for row in rows
        )
