"""Fingerprints of the evidence a report rests on, to show a report as stale.

A fingerprint digests counts and latest change times rather than every row: a change to any
fact, excerpt, figure, source or conflict resolution changes it, and so does a change to the
campaign, its messages or its evidence links for a brief (or to any evidence link for a
global report, whose link counts span campaigns). This errs on the side of calling a report
stale, and it costs a fixed number of queries for a whole page of reports.
"""

import hashlib
from collections.abc import Iterable

from django.db.models import Count, Max, QuerySet

from campaigns.models import Campaign, EvidenceLink, Message
from evidence.models import ConflictResolution, Excerpt, Fact, FigureReport, Source
from reports.models import Report

__all__ = ["report_evidence_fingerprint", "report_fingerprints", "report_stale_map"]


def _digest(*parts: object) -> str:
    return hashlib.sha256("|".join(str(part) for part in parts).encode()).hexdigest()


def _state(queryset: QuerySet, changed_field: str | None) -> tuple[object, ...]:
    if changed_field is None:
        return (queryset.count(),)
    row = queryset.aggregate(n=Count("pk"), latest=Max(changed_field))
    return (row["n"], row["latest"])


def _evidence_state() -> str:
    return _digest(
        _state(Fact.objects.all(), "updated_at"),
        _state(Excerpt.objects.all(), "updated_at"),
        _state(FigureReport.objects.all(), None),
        _state(Source.objects.all(), "updated_at"),
        _state(ConflictResolution.objects.all(), "resolved_at"),
    )


def _campaign_states(campaign_ids: set[int]) -> dict[int, str]:
    if not campaign_ids:
        return {}
    campaigns = dict(Campaign.objects.filter(pk__in=campaign_ids).values_list("pk", "updated_at"))
    messages = {
        row["campaign"]: (row["n"], row["latest"])
        for row in Message.objects.filter(campaign__in=campaign_ids)
        .values("campaign")
        .annotate(n=Count("pk"), latest=Max("updated_at"))
    }
    links = {
        row["message__campaign"]: (row["n"], row["latest"])
        for row in EvidenceLink.objects.filter(message__campaign__in=campaign_ids)
        .values("message__campaign")
        .annotate(n=Count("pk"), latest=Max("updated_at"))
    }
    return {pk: _digest(campaigns.get(pk), messages.get(pk), links.get(pk)) for pk in campaign_ids}


def report_fingerprints(*, reports: Iterable[Report]) -> dict[int, str]:
    """The current evidence fingerprint for each report (by id), in a fixed number of queries."""
    reports = list(reports)
    if not reports:
        return {}
    evidence = _evidence_state()
    campaign_ids = {r.campaign_id for r in reports if r.campaign_id is not None}
    campaign_states = _campaign_states(campaign_ids)
    all_links = None
    if any(r.campaign_id is None for r in reports):
        all_links = _state(EvidenceLink.objects.all(), "updated_at")
    result: dict[int, str] = {}
    for report in reports:
        if report.campaign_id is not None:
            scope = campaign_states.get(report.campaign_id, "")
        else:
            scope = str(all_links)
        result[report.pk] = _digest(report.kind, evidence, scope)
    return result


def report_evidence_fingerprint(*, report: Report) -> str:
    return report_fingerprints(reports=[report])[report.pk]


def report_stale_map(*, reports: Iterable[Report]) -> dict[int, bool]:
    """True for each finished report whose evidence changed since it was built."""
    built = [r for r in reports if r.evidence_fingerprint]
    current = report_fingerprints(reports=built)
    return {r.pk: current[r.pk] != r.evidence_fingerprint for r in built}
