"""Messages waiting for a Reviewer: each with its text, its links' state and flags; approve,
or reject with a comment, through the same services as the API (four eyes: never a message
you wrote or edited)."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from campaigns.models import EvidenceLink, Message
from campaigns.selectors.messages import (
    message_get_visible,
    message_ids_authored_by,
    message_list_visible,
)
from campaigns.services.messages import message_approve, message_reject
from common.errors import DomainError
from web.access import reviewer_required
from web.forms import PageForm, form_show_refusal

from .feedback import COMMENT_MAX_CHARS, signed_in_user

__all__ = ["MESSAGES_PER_PAGE", "message_review", "message_review_queue"]

MESSAGES_PER_PAGE = 20
NOT_YOURS = _("You wrote or edited this message; another Reviewer must review it.")

DECISIONS: dict[str, tuple[Callable[..., Message], str]] = {
    "approve": (message_approve, gettext_noop("Message approved.")),
    "reject": (message_reject, gettext_noop("Message rejected.")),
}


class MessageDecisionForm(PageForm):
    comment = forms.CharField(
        label=_("Comment"), required=False, max_length=COMMENT_MAX_CHARS, widget=forms.Textarea
    )


def _waiting(user: Any) -> Any:
    return (
        message_list_visible(user=user)
        .filter(status=Message.Status.IN_REVIEW)
        .select_related("campaign", "theme", "created_by")
        .prefetch_related(
            Prefetch(
                "evidence_links",
                queryset=EvidenceLink.objects.select_related("fact").order_by("pk"),
            )
        )
        .order_by("updated_at", "pk")
    )


def _page(
    request: HttpRequest, *, form_for: tuple[int, MessageDecisionForm] | None = None
) -> HttpResponse:
    page = Paginator(_waiting(request.user), MESSAGES_PER_PAGE).get_page(request.GET.get("page"))
    waiting = list(page.object_list)
    authored = message_ids_authored_by(user=request.user, message_ids=[m.pk for m in waiting])
    cards = [
        {
            "message": message,
            "refusal": NOT_YOURS if message.pk in authored else "",
            "form": form_for[1]
            if form_for and form_for[0] == message.pk
            else MessageDecisionForm(auto_id=f"message-{message.pk}-%s"),
        }
        for message in waiting
    ]
    return render(
        request,
        "web/review_messages.html",
        {"page_obj": page, "cards": cards},
        status=400 if form_for else 200,
    )


@reviewer_required
@require_GET
def message_review_queue(request: HttpRequest) -> HttpResponse:
    return _page(request)


@reviewer_required
@require_POST
def message_review(request: HttpRequest, pk: int, decision: str) -> HttpResponse:
    if decision not in DECISIONS:
        raise Http404("No such review decision.")
    message = message_get_visible(user=request.user, pk=pk)
    service, done = DECISIONS[decision]
    form = MessageDecisionForm(request.POST, auto_id=f"message-{message.pk}-%s")
    if form.is_valid():
        try:
            service(
                message=message,
                reviewer=signed_in_user(request),
                comment=form.cleaned_data["comment"],
            )
        except (DomainError, ValidationError) as error:
            form_show_refusal(form, error)
        else:
            messages.success(request, gettext(done))
            return redirect(reverse("web:review-messages"))
    return _page(request, form_for=(message.pk, form))
