"""The one entry point from a report row to the plain context its renderers need."""

from django.utils import timezone

from reports.models import Report
from reports.rendering.context import ReportContext, ReportHeader

from .brief import brief_context_build
from .dossier import dossier_context_build, dossier_filters_resolve, register_context_build
from .reports import user_sees_every_campaign

__all__ = ["report_context_build"]


def _header(report: Report) -> ReportHeader:
    user = report.requested_by
    scope = ""
    if report.campaign_id is None and (user is None or not user_sees_every_campaign(user=user)):
        scope = "Evidence links are counted only in the campaigns the requester may see."
    title = report.get_kind_display()
    if report.campaign is not None:
        title = f"{title}: {report.campaign.name}"
    return ReportHeader(
        report_id=report.pk,
        kind=report.kind,
        kind_label=report.get_kind_display(),
        title=title,
        generated_at=timezone.now(),
        requested_by=user.get_username() if user is not None else "",
        scope_note=scope,
    )


def report_context_build(*, report: Report) -> ReportContext:
    header = _header(report)
    if report.kind == Report.Kind.CAMPAIGN_BRIEF:
        return brief_context_build(report=report, header=header)
    if report.kind == Report.Kind.EVIDENCE_DOSSIER:
        return dossier_context_build(
            header=header,
            filters=dossier_filters_resolve(parameters=report.parameters or {}),
            user=report.requested_by,
            campaign=report.campaign,
        )
    return register_context_build(header=header, user=report.requested_by, campaign=report.campaign)
