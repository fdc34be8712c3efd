"""The review workspace: the queue of evidence links with filters, each card showing the
message and its claim beside the fact, the supporting excerpts in their source text, the
sources' grades and the flags; decisions go to the same services as the API.

A decision answers an htmx request with the card alone (its new state, or the refusal beside
the comment box) and any other request with the whole page, so it works without JavaScript.
"""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import SafeString
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from campaigns.models import Campaign, EvidenceLink
from campaigns.selectors.campaigns import campaign_list_visible
from campaigns.selectors.messages import evidence_link_get_visible
from campaigns.selectors.review_queue import FLAG_NAMES, review_queue
from campaigns.services.links import (
    evidence_link_approve,
    evidence_link_reject,
    evidence_link_request_changes,
)
from common.errors import DomainError
from common.pagination import CURSOR_PARAM, CursorError, first_page_query, keyset_page
from web.access import reviewer_required
from web.forms import ManyOptionsSelect, PageForm, form_show_refusal

from .feedback import COMMENT_MAX_CHARS, signed_in_user
from .review_cards import card_html, review_cards

__all__ = ["DECISIONS", "LINKS_PER_PAGE", "evidence_link_review", "review_queue_page"]

LINKS_PER_PAGE = 20
Status = EvidenceLink.Status

# decision slug → (the service, done message, the statuses it applies to); each service takes
# `link`, `reviewer` and `comment` and decides itself whether a comment is required.
DECISIONS: dict[str, tuple[Callable[..., EvidenceLink], str, frozenset[str]]] = {
    "approve": (
        evidence_link_approve,
        gettext_noop("Link approved."),
        frozenset({Status.PROPOSED}),
    ),
    "request-changes": (
        evidence_link_request_changes,
        gettext_noop("Changes requested."),
        frozenset({Status.PROPOSED}),
    ),
    "reject": (
        evidence_link_reject,
        gettext_noop("Link rejected."),
        frozenset({Status.PROPOSED, Status.CHANGES_REQUESTED}),
    ),
}
WAITING_CHOICES = [
    ("", _("any age")),
    ("1", _("over a day")),
    ("3", _("over 3 days")),
    ("7", _("over a week")),
]


class QueueFilterForm(PageForm):
    """The queue's filters. A campaign is found by part of its name, typed: a `<select>` of
    every campaign was 1,000 options (45 KB of each page, and a long scroll on a phone). A
    link to one campaign's links (`?campaign=<id>`, from the campaign page) still works: the
    page names that campaign and offers the way back to every campaign."""

    campaign = forms.ModelChoiceField(
        label=_("Campaign"),
        required=False,
        queryset=Campaign.objects.none(),
        widget=forms.HiddenInput,
    )
    campaign_name = forms.CharField(
        label=_("Campaign"),
        required=False,
        max_length=200,
        help_text=_("Part of its name"),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=Status.choices, widget=ManyOptionsSelect
    )
    flag = forms.ChoiceField(
        label=_("Flag"),
        required=False,
        choices=[("", _("any flag")), *FLAG_NAMES.items()],
        widget=ManyOptionsSelect,
    )
    waiting = forms.TypedChoiceField(
        label=_("Waiting"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=WAITING_CHOICES,
        widget=ManyOptionsSelect,
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The choices of the API's `campaign` filter (campaigns/api/links.py): the campaigns
        # the user may see, so a hidden id is refused in the same words as an unknown one, and
        # as the API refuses it. A hidden input never lists them; only the given id is read.
        campaign: Any = self.fields["campaign"]
        campaign.queryset = campaign_list_visible(user=user).only("pk", "name")

    @property
    def chosen_campaign(self) -> Campaign | None:
        """The campaign `?campaign=` names, once it is found visible."""
        return getattr(self, "cleaned_data", {}).get("campaign")


class DecisionForm(PageForm):
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        strip=False,
        max_length=COMMENT_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


def _cards(
    request: HttpRequest,
    links: list[dict[str, Any]],
    forms_by_link: dict[int, DecisionForm] | None = None,
) -> list[dict[str, Any]]:
    """The cards of these links (`review_cards`), with each decision's statuses."""
    return review_cards(
        user=request.user,
        links=links,
        decisions={slug: spec[2] for slug, spec in DECISIONS.items()},
        forms_by_link=forms_by_link,
    )


def _cards_html(
    request: HttpRequest, cards: list[dict[str, Any]], *, here: str, done: str = ""
) -> list[SafeString]:
    return card_html(cards, csrf_token=get_token(request), here=here, done=done)


def _int_or_none(value: Any) -> int | None:
    return int(value) if value is not None else None


def _queue_context(request: HttpRequest, query: QueryDict) -> tuple[dict[str, Any], bool]:
    """The queue page's context for these filters; False when a filter is invalid."""
    data = query.copy()
    data.setdefault("status", Status.PROPOSED)
    form = QueueFilterForm(data, user=request.user)
    valid = form.is_valid()
    filters: dict[str, Any] = form.cleaned_data if valid else {"status": Status.PROPOSED}
    queue = review_queue(
        user=request.user,
        status=filters.get("status") or Status.PROPOSED,
        campaign_id=filters["campaign"].pk if filters.get("campaign") else None,
        campaign_name=filters.get("campaign_name") or "",
        flag=filters.get("flag") or "",
        waiting_days=_int_or_none(filters.get("waiting")),
    )
    try:
        page = keyset_page(queue, query, per_page=LINKS_PER_PAGE, counted=True)
    except CursorError as error:
        form.add_error(None, f"cursor: {error}")
        valid = False
        first = query.copy()
        first.pop(CURSOR_PARAM, None)
        page = keyset_page(queue, first, per_page=LINKS_PER_PAGE, counted=True)
    context: dict[str, Any] = {
        "filter_form": form,
        "page": page,
        "links": page.rows,
        "here": request.get_full_path(),
        "every_campaign_url": _address(first_page_query(query, leave_out=("campaign",))),
    }
    return context, valid


def _address(query: str) -> str:
    return reverse("web:review-queue") + (f"?{query}" if query else "")


@reviewer_required
@require_GET
def review_queue_page(request: HttpRequest) -> HttpResponse:
    context, valid = _queue_context(request, request.GET)
    context["cards"] = _cards_html(request, _cards(request, context["links"]), here=context["here"])
    return render(request, "web/review_queue.html", context, status=200 if valid else 400)


def _back_to(request: HttpRequest) -> str:
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return reverse("web:review-queue")


@reviewer_required
@require_POST
def evidence_link_review(request: HttpRequest, pk: int, decision: str) -> HttpResponse:
    if decision not in DECISIONS:
        raise Http404("No such review decision.")
    link = evidence_link_get_visible(user=request.user, pk=pk)
    service, done_words, _statuses = DECISIONS[decision]
    done = gettext(done_words)
    form = DecisionForm(request.POST, auto_id=f"link-{link.pk}-%s")
    refused = not form.is_valid()
    if not refused:
        try:
            link = service(
                link=link, reviewer=signed_in_user(request), comment=form.cleaned_data["comment"]
            )
        except (DomainError, ValidationError) as error:
            form_show_refusal(form, error)
            refused = True
    status = 400 if refused else 200
    if getattr(request, "htmx", False):
        link = evidence_link_get_visible(user=request.user, pk=pk)
        row = review_queue(user=request.user, status=link.status).get(pk=link.pk)
        card = _cards(request, [row], {link.pk: form} if refused else None)
        html = _cards_html(request, card, here=_back_to(request), done="" if refused else done)
        return HttpResponse(html[0], status=status)
    if not refused:
        messages.success(request, f"{done} “{link.claim[:80]}”")
        return redirect(_back_to(request))
    # Without JavaScript: the whole queue again, the refusal beside this link's comment box.
    back = _back_to(request)
    query = QueryDict(back.partition("?")[2])
    context, _valid = _queue_context(request, query)
    links: list[dict[str, Any]] = context["links"]
    if link.pk not in {item["id"] for item in links}:
        links.insert(0, review_queue(user=request.user, status=link.status).get(pk=link.pk))
    context["cards"] = _cards_html(
        request, _cards(request, links, {link.pk: form}), here=context["here"]
    )
    return render(request, "web/review_queue.html", context, status=400)
