"""A campaign's page: the GAMMMA+ plan, themes, messages with their evidence, readiness,
coverage, the workflow buttons the user may use, and the report request form."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext, gettext_noop
from django.views.decorators.http import require_GET, require_POST

from campaigns.models import Campaign, EvidenceLink, Message
from campaigns.selectors.campaigns import campaign_get_visible
from campaigns.selectors.coverage import campaign_coverage
from campaigns.selectors.messages import message_list_visible
from campaigns.selectors.readiness import campaign_readiness
from campaigns.selectors.workflow import campaign_available_transitions
from campaigns.services.access import campaign_is_member
from campaigns.services.campaign_workflow import (
    campaign_activate,
    campaign_approve,
    campaign_close,
    campaign_reopen,
    campaign_submit_for_review,
)
from common.access import may_plan_campaigns
from reports.models import Report
from web.access import role_required
from web.presenters import coverage_table

from .feedback import REFUSALS, posted_text, refusal_show
from .reports import report_request_posted

__all__ = ["TRANSITIONS", "campaign_detail", "campaign_report_request", "campaign_transition"]


# action slug → (button label, button style, service, the service's keyword for the user, done
# message). Which buttons show comes from the workflow's own rules
# (`campaign_available_transitions`); the service still decides, and its refusal is shown.
# The words are marked here and translated when shown, in the language of that request.
TRANSITIONS: dict[str, tuple[str, str, Callable[..., Campaign], str, str]] = {
    "submit": (
        gettext_noop("Submit for review"),
        "",
        campaign_submit_for_review,
        "actor",
        gettext_noop("Submitted for review."),
    ),
    "approve": (
        gettext_noop("Approve"),
        "",
        campaign_approve,
        "reviewer",
        gettext_noop("Campaign approved."),
    ),
    "activate": (
        gettext_noop("Activate"),
        "",
        campaign_activate,
        "actor",
        gettext_noop("Campaign activated."),
    ),
    "close": (
        gettext_noop("Close"),
        "secondary",
        campaign_close,
        "actor",
        gettext_noop("Campaign closed."),
    ),
    "reopen": (
        gettext_noop("Re-open to draft"),
        "secondary",
        campaign_reopen,
        "actor",
        gettext_noop("Campaign re-opened to draft."),
    ),
}


def _buttons(campaign: Campaign, user: Any) -> list[dict[str, str]]:
    """The workflow steps this user may take now, as buttons."""
    return [
        {
            "action": action,
            "label": gettext(TRANSITIONS[action][0]),
            "style": TRANSITIONS[action][1],
        }
        for action in campaign_available_transitions(campaign=campaign, user=user)
    ]


@role_required
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
    channel_labels = dict(Message.Channel.choices)
    context = {
        "campaign": campaign,
        "team": [person.get_username() for person in campaign.team.all()],
        "themes": list(campaign.themes.all()),
        "channel_names": [channel_labels.get(c, c) for c in campaign.channels],
        "campaign_messages": campaign_messages,
        "readiness": campaign_readiness(campaign=campaign),
        "coverage_table": coverage_table(campaign_coverage(campaign=campaign)),
        "transitions": _buttons(campaign, user),
        # The planner and editor links: for those the editor pages would not refuse.
        "may_write": may_plan_campaigns(user) and campaign_is_member(user=user, campaign=campaign),
        "report_kinds": Report.Kind.choices,
        "report_formats": Report.Format.choices,
    }
    return render(request, "web/campaign_detail.html", context)


@role_required
@require_POST
def campaign_transition(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    campaign = campaign_get_visible(user=request.user, pk=pk)
    if action not in TRANSITIONS:
        raise Http404("No such workflow step.")
    _, _, service, acting_as, done = TRANSITIONS[action]
    try:
        service(
            campaign=campaign,
            comment=posted_text(request, "comment"),
            **{acting_as: request.user},
        )
    except REFUSALS as error:
        refusal_show(request, error)
    else:
        messages.success(request, gettext(done))
    return redirect("web:campaign", pk=campaign.pk)


@role_required
@require_POST
def campaign_report_request(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = campaign_get_visible(user=request.user, pk=pk)
    return report_request_posted(request, campaign=campaign, refused_to="web:campaign", pk=pk)
