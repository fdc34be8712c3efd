"""The campaign planner: create and edit a campaign's GAMMMA+ plan, themes, team and minimum
source grade. The form goes to the same services as the API (`campaign_create`,
`campaign_update`); their refusals are shown beside the field they name, with status 400."""

from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from campaigns.models import Campaign
from campaigns.selectors.campaigns import campaign_get_visible
from campaigns.services.access import campaign_require_member
from campaigns.services.campaigns import campaign_create, campaign_update
from common.errors import DomainError, NotAllowed
from common.words import Words, in_reader_language
from web.access import planner_required
from web.campaign_forms import (
    CampaignEditForm,
    CampaignForm,
    IndicatorFormSet,
    campaign_form_fields,
    campaign_initial,
)
from web.forms import form_show_refusal
from web.versioning import edit_if_current, edit_status

from .feedback import signed_in_user

__all__ = ["REFUSED", "campaign_edit", "campaign_member_or_403", "campaign_new", "writer"]

# A service's refusal, typed for `form_show_refusal` (the same errors as `feedback.REFUSALS`).
REFUSED = (DomainError, ValidationError)


def writer(request: HttpRequest) -> User:
    """The signed-in user, as the services type their actor."""
    return cast(User, signed_in_user(request))


def campaign_member_or_403(request: HttpRequest, pk: int, *, doing: str) -> Campaign:
    """The campaign if the user may see it (404 otherwise) and works on it (403 otherwise,
    in the service's words)."""
    campaign = campaign_get_visible(user=request.user, pk=pk)
    try:
        campaign_require_member(user=request.user, campaign=campaign, doing=doing)
    except NotAllowed as error:
        raise PermissionDenied(in_reader_language(error.message)) from error
    return campaign


def _render(
    request: HttpRequest,
    form: CampaignForm | CampaignEditForm,
    indicators: Any,
    campaign: Campaign | None,
    status: int = 200,
) -> HttpResponse:
    context = {"form": form, "indicators": indicators, "campaign": campaign}
    return render(request, "web/campaign_form.html", context, status=status)


@planner_required
@require_http_methods(["GET", "POST"])
def campaign_new(request: HttpRequest) -> HttpResponse:
    user = writer(request)
    if request.method == "GET":
        form = CampaignForm(owner_pk=user.pk)
        return _render(request, form, IndicatorFormSet(prefix="indicators"), None)
    form = CampaignForm(request.POST, owner_pk=user.pk)
    indicators = IndicatorFormSet(request.POST, prefix="indicators")
    if form.is_valid() and indicators.is_valid():
        try:
            campaign = campaign_create(owner=user, **campaign_form_fields(form, indicators))
        except REFUSED as error:
            form_show_refusal(form, error)
        else:
            messages.success(request, _("Campaign created."))
            return redirect("web:campaign", pk=campaign.pk)
    return _render(request, form, indicators, None, status=400)


@planner_required
@require_http_methods(["GET", "POST"])
def campaign_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = writer(request)
    campaign = campaign_member_or_403(request, pk, doing=Words("edit the campaign"))
    prefetch_related_objects([campaign], "themes", "team")
    if request.method == "GET":
        form = CampaignEditForm.for_instance(
            campaign, initial=campaign_initial(campaign), owner_pk=campaign.owner_id
        )
        indicators = IndicatorFormSet(
            prefix="indicators",
            initial=[
                {"name": i.get("name"), "target": i.get("target")} for i in campaign.indicators
            ],
        )
        return _render(request, form, indicators, campaign)
    form = CampaignEditForm(request.POST, owner_pk=campaign.owner_id)
    indicators = IndicatorFormSet(request.POST, prefix="indicators")
    if form.is_valid() and indicators.is_valid():
        fields = campaign_form_fields(form, indicators)
        fields.pop("version")
        try:
            saved = edit_if_current(
                form=form,
                instance=campaign,
                stored=lambda current: {
                    **campaign_initial(current),
                    "indicators": current.indicators,
                },
                sent={"indicators": fields["indicators"]},
                save=lambda current: campaign_update(campaign=current, actor=user, **fields),
            )
        except ValidationError as error:  # the model's own check, as on the API
            form_show_refusal(form, error)
        else:
            if saved is not None:
                messages.success(request, _("Campaign plan saved."))
                return redirect("web:campaign", pk=campaign.pk)
    return _render(request, form, indicators, campaign, status=edit_status(form, refused=400))
