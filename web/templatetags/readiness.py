"""Readiness problems with a link to the exact place each is fixed: the fact page's conflict,
the message editor, the review card. One query for all the links the problems name."""

from typing import Any

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

from campaigns.models import EvidenceLink

register = template.Library()

__all__ = ["readiness_fixes"]

# Flags the writer fixes by rewording; the others are fixed on the evidence.
_FACT_FLAGS = {"disputed_fact", "attribution_disputed", "unverified_fact"}


def _fact_url(link: EvidenceLink | None) -> tuple[str, str]:
    if link is None:
        return "", ""
    url = reverse("web:fact", args=[link.fact_id])
    open_fields = [
        str(c.get("field", "")) for c in link.fact.conflicts or [] if not c.get("resolution")
    ]
    if open_fields:
        return f"{url}#conflict-{open_fields[0]}", _("Resolve the conflict on the fact page")
    return url, _("Verify the fact on its page")


def _fix(
    problem: dict[str, Any], campaign_id: int, links: dict[int, EvidenceLink], may_write: bool
) -> tuple[str, str]:
    code = problem.get("code", "")
    link = links.get(int(problem.get("link_id") or 0))
    message_id = problem.get("message_id")
    if code == "open_flag" and link is not None and problem.get("flag") in _FACT_FLAGS:
        return _fact_url(link)
    if code == "link_not_approved" and problem.get("status") == EvidenceLink.Status.PROPOSED:
        queue = reverse("web:review-queue")
        return f"{queue}?campaign={campaign_id}#link-{problem['link_id']}", _("Review the link")
    if code == "message_not_approved" and problem.get("status") == "in_review":
        return f"{reverse('web:review-messages')}#message-{message_id}", _("Review the message")
    if (
        message_id
        and may_write
        and code
        in {
            "open_flag",
            "link_not_approved",
            "claim_unsupported",
            "message_not_approved",
            "message_channel_not_planned",
            "message_theme_not_planned",
        }
    ):
        return reverse("web:message-edit", args=[message_id]), _("Open the message editor")
    return "", ""


@register.simple_tag
def readiness_fixes(
    problems: list[dict[str, Any]], campaign_id: int, may_write: bool = False
) -> list[dict[str, Any]]:
    """Each problem with `fix_url` and `fix_label` (empty when the fix is on this page, or
    when it is in the message editor and the user may not write the campaign's messages)."""
    ids = {int(p["link_id"]) for p in problems if p.get("link_id")}
    links = (
        {link.pk: link for link in EvidenceLink.objects.filter(pk__in=ids).select_related("fact")}
        if ids
        else {}
    )
    fixes = []
    for problem in problems:
        url, label = _fix(problem, campaign_id, links, may_write)
        fixes.append({**problem, "fix_url": url, "fix_label": label})
    return fixes
