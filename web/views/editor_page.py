"""The message editor page as every editor view renders it: the form, the length and claim
checks of the words shown, the revisions with a word-level difference, and the picker."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from campaigns.channels import language_direction, language_normalize
from campaigns.models import Campaign, Message
from campaigns.selectors.drafts import message_draft_check
from campaigns.selectors.messages import message_get_visible, message_revisions
from campaigns.services.access import campaign_require_member
from common.errors import NotAllowed
from common.words import in_reader_language
from web.message_forms import (
    COMMON_LANGUAGES,
    ClaimForm,
    MessageEditForm,
    MessageForm,
    SuggestionForm,
)
from web.picker import picker_context
from web.text_diff import word_diff

__all__ = ["editor_refused", "editor_render", "message_initial", "message_member_or_403"]


def message_member_or_403(request: HttpRequest, pk: int, *, doing: str) -> Message:
    message = message_get_visible(user=request.user, pk=pk)
    try:
        campaign_require_member(user=request.user, campaign=message.campaign, doing=doing)
    except NotAllowed as error:
        raise PermissionDenied(in_reader_language(error.message)) from error
    return message


def _revisions(request: HttpRequest, message: Message) -> dict[str, Any]:
    revisions = list(message_revisions(message=message))
    by_number = {revision.revision: revision for revision in revisions}
    context: dict[str, Any] = {"revisions": revisions}
    if len(revisions) < 2:
        return context
    try:
        before = int(request.GET.get("from", revisions[1].revision))
        after = int(request.GET.get("to", revisions[0].revision))
    except ValueError:
        before, after = revisions[1].revision, revisions[0].revision
    if before in by_number and after in by_number:
        context.update(
            diff_from=by_number[before],
            diff_to=by_number[after],
            diff=word_diff(by_number[before].text, by_number[after].text),
        )
    return context


def editor_render(
    request: HttpRequest,
    form: MessageForm,
    *,
    campaign: Campaign,
    message: Message | None,
    status: int = 200,
    extra: dict[str, Any] | None = None,
) -> HttpResponse:
    channel = form["channel"].value() or (message.channel if message else "")
    text = form["text"].value() or ""
    language = language_normalize(str(form["language"].value() or "")) or "en"
    context: dict[str, Any] = {
        "form": form,
        "campaign": campaign,
        "message": message,
        "languages": COMMON_LANGUAGES,
        "direction": language_direction(language),
        "language": language,
        "check": message_draft_check(
            campaign=campaign, channel=str(channel), text=str(text), message=message
        ),
    }
    if message is not None:
        context.update(_revisions(request, message))
        context.update(picker_context(request, message))
    context.update(extra or {})
    return render(request, "web/message_editor.html", context, status=status)


def message_initial(message: Message) -> dict[str, Any]:
    return {
        "channel": message.channel,
        "language": message.language,
        "theme": message.theme_id,
        "text": message.text,
    }


def editor_refused(
    request: HttpRequest,
    message: Message,
    *,
    claim_form: ClaimForm | None = None,
    suggestion_form: SuggestionForm | None = None,
) -> HttpResponse:
    """The editor again with a refused claim or suggestion beside its form (400)."""
    form = MessageEditForm.for_instance(
        message, initial=message_initial(message), campaign=message.campaign
    )
    extra: dict[str, Any] = {}
    if claim_form is not None:
        extra["claim_form"] = claim_form
    if suggestion_form is not None:
        extra["suggestion_form"] = suggestion_form
    return editor_render(
        request, form, campaign=message.campaign, message=message, status=400, extra=extra
    )
