"""The review queue: proposed evidence links, oldest first, for Reviewers only."""

from collections.abc import Callable

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from campaigns.models import EvidenceLink
from campaigns.selectors.messages import (
    evidence_link_get_visible,
    evidence_link_ids_authored_by,
    evidence_link_list_visible,
)
from campaigns.services.links import (
    evidence_link_approve,
    evidence_link_reject,
    evidence_link_request_changes,
)
from web.access import reviewer_required

from .feedback import REFUSALS, posted_text, refusal_show

__all__ = ["DECISIONS", "LINKS_PER_PAGE", "evidence_link_review", "review_queue"]

# The queue shows the oldest links first; a reviewer works from the top.
LINKS_PER_PAGE = 50


# decision slug → (the service, done message); each takes `link`, `reviewer` and `comment`.
DECISIONS: dict[str, tuple[Callable[..., EvidenceLink], str]] = {
    "approve": (evidence_link_approve, "Link approved."),
    "request-changes": (evidence_link_request_changes, "Changes requested."),
    "reject": (evidence_link_reject, "Link rejected."),
}


@reviewer_required
@require_GET
def review_queue(request: HttpRequest) -> HttpResponse:
    queue = (
        evidence_link_list_visible(user=request.user)
        .filter(status=EvidenceLink.Status.PROPOSED)
        .select_related("message__campaign", "fact", "proposed_by")
    )
    page = Paginator(queue, LINKS_PER_PAGE).get_page(request.GET.get("page"))
    links = list(page.object_list)
    own = evidence_link_ids_authored_by(user=request.user, link_ids=[link.pk for link in links])
    return render(
        request,
        "web/review_queue.html",
        {"page_obj": page, "links": links, "own_link_ids": own},
    )


@reviewer_required
@require_POST
def evidence_link_review(request: HttpRequest, pk: int, decision: str) -> HttpResponse:
    if decision not in DECISIONS:
        raise Http404("No such review decision.")
    link = evidence_link_get_visible(user=request.user, pk=pk)
    service, done = DECISIONS[decision]
    try:
        service(link=link, reviewer=request.user, comment=posted_text(request, "comment"))
    except REFUSALS as error:
        refusal_show(request, error)
    else:
        messages.success(request, f"{done} “{link.claim[:80]}”")
    return redirect("web:review-queue")
