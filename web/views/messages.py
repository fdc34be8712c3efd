"""The message editor: write a message for one channel in one language, with the channel's
length counted as the channel counts it, the claim checks run on the words as they are typed
(nothing saved), the revisions with a word-level difference, and the evidence picker.

Writes go to the API's services (`message_create`, `message_update`, `message_submit`); their
refusals are shown beside the field they name, with status 400."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from campaigns.channels import CHANNEL_LIMITS, language_direction, language_normalize
from campaigns.selectors.drafts import message_draft_check
from campaigns.services.messages import message_create, message_submit, message_update
from common.words import Words
from web.access import planner_required
from web.forms import form_show_refusal
from web.message_forms import TEXT_MAX_CHARS, MessageEditForm, MessageForm
from web.versioning import edit_if_current, edit_status

from .campaign_forms import REFUSED, campaign_member_or_403, writer
from .editor_page import editor_render, message_initial, message_member_or_403
from .feedback import REFUSALS, refusal_show

__all__ = ["message_check", "message_edit", "message_new", "message_submit_page"]


def _fields(form: MessageForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {
        "channel": data["channel"],
        "language": data["language"],
        "theme": data["theme"],
        "text": data["text"],
    }


@planner_required
@require_http_methods(["GET", "POST"])
def message_new(request: HttpRequest, pk: int) -> HttpResponse:
    user = writer(request)
    campaign = campaign_member_or_403(request, pk, doing=Words("write its messages"))
    if request.method == "GET":
        initial = {"channel": campaign.channels[0] if campaign.channels else "x", "language": "en"}
        form = MessageForm(initial=initial, campaign=campaign)
        return editor_render(request, form, campaign=campaign, message=None)
    form = MessageForm(request.POST, campaign=campaign)
    if form.is_valid():
        try:
            message = message_create(campaign=campaign, actor=user, **_fields(form))
        except REFUSED as error:
            form_show_refusal(form, error)
        else:
            messages.success(request, _("Message saved. Link its claims to evidence below."))
            return redirect("web:message-edit", pk=message.pk)
    return editor_render(request, form, campaign=campaign, message=None, status=400)


@planner_required
@require_http_methods(["GET", "POST"])
def message_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = writer(request)
    message = message_member_or_403(request, pk, doing=Words("edit its messages"))
    campaign = message.campaign
    if request.method == "GET":
        form = MessageEditForm.for_instance(
            message, initial=message_initial(message), campaign=campaign
        )
        return editor_render(request, form, campaign=campaign, message=message)
    form = MessageEditForm(request.POST, campaign=campaign)
    if form.is_valid():
        before = message.revision
        try:
            saved = edit_if_current(
                form=form,
                instance=message,
                stored=message_initial,
                save=lambda current: message_update(message=current, actor=user, **_fields(form)),
            )
        except ValidationError as error:  # the model's own check, as on the API
            form_show_refusal(form, error)
        else:
            if saved is not None:
                if saved.revision == before:
                    messages.info(request, _("Nothing changed."))
                else:
                    revision = {"n": saved.revision}
                    messages.success(request, _("Saved as revision %(n)s.") % revision)
                return redirect("web:message-edit", pk=message.pk)
    return editor_render(
        request, form, campaign=campaign, message=message, status=edit_status(form, refused=400)
    )


@planner_required
@require_POST
def message_check(request: HttpRequest, pk: int) -> HttpResponse:
    """The editor's live part (htmx): the length and the claim checks for the words as typed,
    computed by the same services as on save, and nothing saved."""
    campaign = campaign_member_or_403(request, pk, doing=Words("write its messages"))
    message = None
    raw = request.POST.get("message", "")
    if raw.isdigit():
        message = message_member_or_403(request, int(raw), doing=Words("edit its messages"))
        if message.campaign_id != campaign.pk:
            raise Http404("No message found.")
    channel = request.POST.get("channel", "")
    if channel not in CHANNEL_LIMITS:
        channel = message.channel if message else "x"
    text = request.POST.get("text", "")[:TEXT_MAX_CHARS]
    language = language_normalize(request.POST.get("language", "")) or ""
    context = {
        "campaign": campaign,
        "message": message,
        "check": message_draft_check(
            campaign=campaign, channel=channel, text=text, message=message
        ),
        "direction": language_direction(language) if language else "auto",
        "language": language,
        "oob": True,
    }
    return render(request, "web/includes/claim_flags.html", context)


@planner_required
@require_POST
def message_submit_page(request: HttpRequest, pk: int) -> HttpResponse:
    user = writer(request)
    message = message_member_or_403(request, pk, doing=Words("submit its messages"))
    try:
        message_submit(message=message, actor=user)
    except REFUSALS as error:
        refusal_show(request, error)
    else:
        messages.success(request, _("Message submitted for review."))
    return redirect("web:message-edit", pk=message.pk)
