"""The inbox: what happened to a person's work (decisions on their links and messages, links
sent back to review) and, for Reviewers, new items in their queue; newest first."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from campaigns.selectors.notifications import notification_list_for
from campaigns.services.notifications import notifications_mark_read
from web.access import role_required

from .feedback import signed_in_user

__all__ = ["NOTIFICATIONS_PER_PAGE", "inbox", "inbox_mark_read", "inbox_open"]

NOTIFICATIONS_PER_PAGE = 30


@role_required
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    page = Paginator(notification_list_for(user=user), NOTIFICATIONS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request, "web/inbox.html", {"page_obj": page, "notifications": list(page.object_list)}
    )


@role_required
@require_POST
def inbox_mark_read(request: HttpRequest) -> HttpResponse:
    """Mark one notification read (`id`), or all of them."""
    raw = request.POST.get("id", "")
    ids = [int(raw)] if raw.isdigit() else None
    count = notifications_mark_read(user=signed_in_user(request), ids=ids)
    if ids is None:
        messages.success(
            request,
            ngettext(
                "%(count)s notification marked read.",
                "%(count)s notifications marked read.",
                count,
            )
            % {"count": count},
        )
    return redirect("web:inbox")


@role_required
@require_POST
def inbox_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Open what a notification is about, marking it read on the way."""
    user = signed_in_user(request)
    found = list(notification_list_for(user=user).filter(pk=pk).values_list("url", flat=True)[:1])
    if not found:
        raise Http404("No such notification.")  # someone else's is not there for you
    notifications_mark_read(user=user, ids=[pk])
    target = found[0]
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("web:inbox")
