"""A campaign's page: the GAMMMA+ plan, themes, messages with their evidence, readiness,
coverage, the workflow buttons the user may use, and the report request form."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from campaigns.models import Campaign, EvidenceLink, Message
from campaigns.selectors.campaigns import campaign_get_visible
from campaigns.selectors.coverage import campaign_coverage
from campaigns.selectors.messages import message_list_visible
from campaigns.selectors.readiness import campaign_readiness
from campaigns.services.access import campaign_is_member
from campaigns.services.campaign_workflow import (
    campaign_activate,
    campaign_approve,
    campaign_close,
    campaign_reopen,
    campaign_submit_for_review,
)
from common.roles import REVIEWERS, has_role
from reports.models import Report
from reports.services import report_request
from web.presenters import coverage_table

from .feedback import REFUSALS, posted_text, refusal_show, signed_in_user

__all__ = ["TRANSITIONS", "campaign_detail", "campaign_report_request", "campaign_transition"]

Status = Campaign.Status


def _submit(campaign: Campaign, user: Any, comment: str) -> Campaign:
    return campaign_submit_for_review(campaign=campaign, actor=user, comment=comment)


def _approve(campaign: Campaign, user: Any, comment: str) -> Campaign:
    return campaign_approve(campaign=campaign, reviewer=user, comment=comment)


def _activate(campaign: Campaign, user: Any, comment: str) -> Campaign:
    return campaign_activate(campaign=campaign, actor=user, comment=comment)


def _close(campaign: Campaign, user: Any, comment: str) -> Campaign:
    return campaign_close(campaign=campaign, actor=user, comment=comment)


def _reopen(campaign: Campaign, user: Any, comment: str) -> Campaign:
    return campaign_reopen(campaign=campaign, actor=user, comment=comment)


# action slug → (button label, button style, service, done message). Which buttons show is
# only a hint: the service decides, and its refusal is shown as a message.
TRANSITIONS: dict[str, tuple[str, str, Callable[[Campaign, Any, str], Campaign], str]] = {
    "submit": ("Submit for review", "", _submit, "Submitted for review."),
    "approve": ("Approve", "", _approve, "Campaign approved."),
    "activate": ("Activate", "", _activate, "Campaign activated."),
    "close": ("Close", "secondary", _close, "Campaign closed."),
    "reopen": ("Re-open to draft", "secondary", _reopen, "Campaign re-opened to draft."),
}


def _buttons(campaign: Campaign, *, member: bool, reviewer: bool) -> list[dict[str, str]]:
    """The workflow steps this user may try now, following the campaign workflow's rules
    (campaigns.services.campaign_workflow): the team submits, activates, closes and re-opens;
    a Reviewer outside the team approves, and may send a campaign in review back to draft."""
    status = campaign.status
    actions: list[str] = []
    if member and status == Status.DRAFT:
        actions.append("submit")
    if reviewer and not member and status == Status.IN_REVIEW:
        actions.append("approve")
    if member and status == Status.APPROVED:
        actions.append("activate")
    if member and status in {Status.APPROVED, Status.ACTIVE}:
        actions.append("close")
    if status != Status.DRAFT and (
        member or (reviewer and status in {Status.IN_REVIEW, Status.APPROVED})
    ):
        actions.append("reopen")
    return [
        {"action": action, "label": TRANSITIONS[action][0], "style": TRANSITIONS[action][1]}
        for action in actions
    ]


@login_required
@require_GET
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    campaign = campaign_get_visible(user=user, pk=pk)
    # The page, readiness and coverage all read the themes: fetch them (and the team) once.
    prefetch_related_objects([campaign], "themes", "team")
    campaign_messages = list(
        message_list_visible(user=user)
        .filter(campaign=campaign)
        .select_related("theme")
        .prefetch_related(
            Prefetch(
                "evidence_links",
                queryset=EvidenceLink.objects.select_related("fact").order_by("created_at", "pk"),
            )
        )
        .order_by("pk")
    )
    member = campaign_is_member(user=user, campaign=campaign)
    channel_labels = dict(Message.Channel.choices)
    context = {
        "campaign": campaign,
        "team": [person.get_username() for person in campaign.team.all()],
        "themes": list(campaign.themes.all()),
        "channel_names": [channel_labels.get(c, c) for c in campaign.channels],
        "campaign_messages": campaign_messages,
        "readiness": campaign_readiness(campaign=campaign),
        "coverage_table": coverage_table(campaign_coverage(campaign=campaign)),
        "transitions": _buttons(campaign, member=member, reviewer=has_role(user, REVIEWERS)),
        "report_kinds": Report.Kind.choices,
        "report_formats": Report.Format.choices,
    }
    return render(request, "web/campaign_detail.html", context)


@login_required
@require_POST
def campaign_transition(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    campaign = campaign_get_visible(user=request.user, pk=pk)
    if action not in TRANSITIONS:
        raise Http404("No such workflow step.")
    _, _, service, done = TRANSITIONS[action]
    try:
        service(campaign, request.user, posted_text(request, "comment"))
    except REFUSALS as error:
        refusal_show(request, error)
    else:
        messages.success(request, done)
    return redirect("web:campaign", pk=campaign.pk)


@login_required
@require_POST
def campaign_report_request(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = campaign_get_visible(user=request.user, pk=pk)
    try:
        report = report_request(
            kind=request.POST.get("kind", ""),
            format=request.POST.get("format", ""),
            campaign=campaign,
            parameters=None,
            requested_by=signed_in_user(request),
        )
    except REFUSALS as error:
        refusal_show(request, error)
        return redirect("web:campaign", pk=campaign.pk)
    messages.success(request, f"{report.get_kind_display()} requested.")
    return redirect("web:report", pk=report.pk)
