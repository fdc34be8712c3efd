"""Requesting a report: the row is saved first, the task is sent once it is committed."""

import logging
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from campaigns.models import Campaign
from campaigns.selectors.campaigns import campaign_list_visible
from common.audit import audit_record
from common.errors import InvalidInput
from reports.models import Report
from reports.selectors.dossier import DOSSIER_PARAMETERS, dossier_filters_resolve

from .errors import BROKER_ERRORS

__all__ = ["report_request", "report_send"]

logger = logging.getLogger(__name__)

# Keep a request snappy when the broker is down: a couple of quick tries, then leave it queued.
SEND_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.5, "interval_max": 1}
MAX_PARAMETERS_BYTES = 2000


def _validate_parameters(*, kind: str, parameters: Any) -> dict[str, Any]:
    if parameters in (None, ""):
        return {}
    if not isinstance(parameters, dict):
        raise InvalidInput("Expected an object.", field="parameters")
    if len(repr(parameters)) > MAX_PARAMETERS_BYTES:
        raise InvalidInput("Too many parameters.", field="parameters")
    allowed = DOSSIER_PARAMETERS if kind == Report.Kind.EVIDENCE_DOSSIER else ()
    unknown = sorted(set(parameters) - set(allowed))
    if unknown:
        accepted = ", ".join(allowed) if allowed else "none"
        raise InvalidInput(
            f"Unknown parameter(s) {', '.join(map(str, unknown))}; accepted: {accepted}.",
            field="parameters",
        )
    if any(isinstance(value, str) and "\x00" in value for value in parameters.values()):
        # PostgreSQL cannot compare or store a NUL character: refuse it before any lookup.
        raise InvalidInput("Parameters may not contain NUL characters.", field="parameters")
    if kind == Report.Kind.EVIDENCE_DOSSIER:
        dossier_filters_resolve(parameters=parameters)
    return dict(parameters)


@transaction.atomic
def report_request(
    *,
    kind: str,
    format: str,
    campaign: Campaign | None,
    parameters: dict[str, Any] | None,
    requested_by: AbstractBaseUser,
) -> Report:
    """Save a report request (queued) and send it to a worker once the row is committed.

    A campaign the requester may not see is refused as if it did not exist (400 on
    `campaign`, the same answer as for an unknown id)."""
    if kind not in Report.Kind.values:
        raise InvalidInput(
            f"Unknown kind {kind!r}; expected one of {', '.join(Report.Kind.values)}.",
            field="kind",
        )
    if format not in Report.Format.values:
        raise InvalidInput(
            f"Unknown format {format!r}; expected one of {', '.join(Report.Format.values)}.",
            field="format",
        )
    if kind == Report.Kind.CAMPAIGN_BRIEF and campaign is None:
        raise InvalidInput("A campaign brief needs a campaign.", field="campaign")
    if (
        campaign is not None
        and not campaign_list_visible(user=requested_by).filter(pk=campaign.pk).exists()
    ):
        raise InvalidInput(f"No campaign with id {campaign.pk}.", field="campaign")
    report = Report(
        kind=kind,
        format=format,
        campaign=campaign,
        parameters=_validate_parameters(kind=kind, parameters=parameters),
        requested_by=requested_by,  # type: ignore[misc]
        stage="Queued",
    )
    report.full_clean()
    report.save()
    audit_record(
        actor=requested_by,
        action="report.requested",
        target=report,
        data={"kind": kind, "format": format},
    )
    report_id = report.pk
    transaction.on_commit(lambda: report_send(report_id=report_id))
    return report


def report_send(*, report_id: int) -> bool:
    """Send the build task. With the broker down, log it and leave the report queued: the
    sweeper sends it again once the broker is back. Returns whether it was sent."""
    from reports.tasks import report_build_task

    try:
        report_build_task.apply_async(args=[report_id], retry=True, retry_policy=SEND_RETRY_POLICY)
    except BROKER_ERRORS as error:
        logger.warning("broker unavailable, report %s stays queued: %s", report_id, error)
        Report.objects.filter(pk=report_id, status=Report.Status.QUEUED).update(
            stage="Queued (waiting for the task queue to come back)"
        )
        return False
    Report.objects.filter(pk=report_id).update(sent_at=timezone.now())
    return True
