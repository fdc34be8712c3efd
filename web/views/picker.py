"""The evidence picker's actions in the message editor: its search results (htmx), proposing
a link in one step, and applying a flag's suggested wording. Writes go to the API's services;
refusals are shown beside the field they name (400)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from campaigns.selectors.messages import evidence_link_get_visible
from campaigns.services.links import evidence_link_propose
from campaigns.services.suggestions import evidence_link_apply_suggestion
from common.errors import InvalidInput, NotAllowed
from common.words import Words, in_reader_language
from evidence.selectors.evidence import fact_list
from web.access import planner_required
from web.forms import form_show_refusal
from web.message_forms import ClaimForm, SuggestionForm
from web.picker import picker_context

from .campaign_forms import REFUSED, writer
from .editor_page import editor_refused, message_member_or_403

__all__ = ["evidence_link_new", "evidence_link_suggestion_apply", "evidence_search"]


@planner_required
@require_GET
def evidence_search(request: HttpRequest, pk: int) -> HttpResponse:
    """The picker's results: a fragment for htmx, the editor page (with them) otherwise."""
    message = message_member_or_403(request, pk, doing=Words("link evidence"))
    if not request.htmx:  # type: ignore[attr-defined]
        url = reverse("web:message-edit", args=[pk]) + "?" + request.GET.urlencode()
        return redirect(url + "#picker")
    context = picker_context(request, message)
    context["message"] = message
    status = 400 if context["search"].errors else 200
    return render(request, "web/includes/picker_results.html", context, status=status)


@planner_required
@require_POST
def evidence_link_new(request: HttpRequest, pk: int) -> HttpResponse:
    user = writer(request)
    message = message_member_or_403(request, pk, doing=Words("link evidence"))
    form = ClaimForm(request.POST)
    if form.is_valid():
        fact = fact_list().filter(pk=form.cleaned_data["fact"]).first()
        try:
            if fact is None:
                raise InvalidInput(_("Choose a fact from the search results."), field="fact")
            evidence_link_propose(
                message=message, fact=fact, claim=form.cleaned_data["claim"], actor=user
            )
        except REFUSED as error:
            form_show_refusal(form, error)
        else:
            messages.success(request, _("Claim linked to the fact; it waits for a Reviewer."))
            return redirect("web:message-edit", pk=message.pk)
    return editor_refused(request, message, claim_form=form)


@planner_required
@require_POST
def evidence_link_suggestion_apply(request: HttpRequest, pk: int) -> HttpResponse:
    user = writer(request)
    link = evidence_link_get_visible(user=request.user, pk=pk)
    message = message_member_or_403(request, link.message_id, doing=Words("reword its claims"))
    form = SuggestionForm(request.POST)
    if form.is_valid():
        try:
            evidence_link_apply_suggestion(
                link=link,
                actor=user,
                words=form.cleaned_data["words"],
                suggestion=form.cleaned_data["suggestion"],
            )
        except NotAllowed as error:
            raise PermissionDenied(in_reader_language(error.message)) from error
        except REFUSED as error:
            form_show_refusal(form, error)
        else:
            messages.success(
                request,
                _("Now reads “%(s)s”: saved as a new revision; the claim goes back to review.")
                % {"s": form.cleaned_data["suggestion"]},
            )
            return redirect("web:message-edit", pk=message.pk)
    return editor_refused(request, message, suggestion_form=form)
