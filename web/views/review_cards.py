"""The review queue's cards as plain values, and their HTML.

A page of 20 cards took most of the queue's time in template machinery: each `{{ link.… }}`
lookup on a model tries a dictionary lookup first and fails, each `{% translate %}` of a status
or a grade and each `{% blocktranslate %}` looks the words up again, and every card built a
form. Here each card is a dictionary of what it shows, words translated once per page (fixed
vocabularies through one memo), and a Jinja2 template renders each card from those values
(web/jinja2_environment.py): the same card in Django's template language took 4-5 times as
long. Nothing is kept between requests: every card shows the link as it is now.
"""

from collections.abc import Iterable
from typing import Any

from django.template import engines
from django.template.defaultfilters import date as date_filter
from django.template.defaultfilters import slugify
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.timesince import timesince
from django.utils.timezone import localtime
from django.utils.translation import gettext, gettext_noop, ngettext
from jinja2 import Template

from campaigns.models import EvidenceLink
from campaigns.selectors.messages import evidence_links_not_reviewable
from evidence.selectors.excerpts_in_context import ExcerptInContext, excerpts_in_context
from web.presenters import TranslatedLabels, UrlPattern
from web.templatetags.counterpoint import field_label

__all__ = ["CARD_TEMPLATE", "CARD_WORDS", "card_html", "review_cards"]

CARD_TEMPLATE = "web/review_card.html"

# The card's fixed words, translated once per page and shared by its cards.
# Safe, as the template's literal strings are (the Urdu catalogue is ours).
CARD_WORDS = {
    "back_in_review": gettext_noop("Back in review:"),
    "message": gettext_noop("Message"),
    "claim": gettext_noop("Claim"),
    "flags": gettext_noop("Flags"),
    "suggest": gettext_noop("suggest:"),
    "no_flags": gettext_noop("No flags."),
    "fact": gettext_noop("Fact"),
    "resolved": gettext_noop("resolved"),
    "disputed": gettext_noop("disputed"),
    "resolve_it": gettext_noop("Resolve it on the fact page"),
    "figures_by_source": gettext_noop("Figures by source"),
    "no_figure": gettext_noop("no figure"),
    "source_retracted": gettext_noop("source retracted"),
    "no_anchored_excerpt": gettext_noop("No anchored excerpt supports this fact."),
    "in_their_source_text": gettext_noop("Supporting excerpts, in their source text"),
    "grade": gettext_noop("grade"),
    "credibility": gettext_noop("credibility"),
    "cannot_review": gettext_noop("You cannot review this link:"),
    "comment": gettext_noop("Comment"),
    "comment_required": gettext_noop("(required to request changes or reject)"),
    "approve": gettext_noop("Approve"),
    "request_changes": gettext_noop("Request changes"),
    "reject": gettext_noop("Reject"),
}

# The sentences the card fills in, msgids as `{% blocktranslate %}` wrote them (the catalogue
# keeps them): the values are escaped, the sentence is ours.
PROPOSED_BY = gettext_noop("proposed by %(who)s, %(when)s ago")
DECIDED_BY = gettext_noop("Decided by %(who)s on %(when)s.")
DISAGREE = gettext_noop("The sources disagree on %(field)s.")
DISAGREE_RESOLVED = gettext_noop(
    "The sources disagree on %(field)s; a reviewer chose “%(wording)s”."
)


def _sentence(msgid: str, **values: Any) -> SafeString:
    """A translated sentence with its values escaped, as `{% blocktranslate %}` writes it."""
    return mark_safe(gettext(msgid) % {k: escape(v) for k, v in values.items()})  # noqa: S308


def _addresses(links: list[EvidenceLink], decisions: Iterable[str]) -> dict[int, dict[str, str]]:
    """Each card's links, by link id: its campaign, its fact and each decision's form action."""
    campaign, fact = UrlPattern("web:campaign"), UrlPattern("web:fact")
    # Template lookups cannot hold "-": request-changes is read as request_changes.
    actions = {d.replace("-", "_"): UrlPattern("web:evidence-link-review", d) for d in decisions}
    return {
        link.pk: {
            "campaign": campaign(link.message.campaign_id),
            "fact": fact(link.fact_id),
            **{name: action(link.pk) for name, action in actions.items()},
        }
        for link in links
    }


def _figures(figures: dict[str, Any]) -> list[dict[str, Any]]:
    shown = []
    for kind, figure in (figures or {}).items():
        low = figure.get("min")
        high = figure.get("max")
        span = "?" if low is None else str(low)
        if high != low:
            span += "–" + ("…" if high is None else str(high))
        reports = figure.get("reports")
        count = ngettext("%(n)s report", "%(n)s reports", reports) % {"n": reports}
        detail = f"{escape(kind)}: {escape(span)}, {count}"
        shown.append({"wording": figure.get("wording"), "detail": mark_safe(detail)})  # noqa: S308
    return shown


def _conflicts(conflicts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    shown = []
    for conflict in conflicts or []:
        field = field_label(conflict.get("field", ""))
        resolution = conflict.get("resolution")
        if resolution:
            text = _sentence(DISAGREE_RESOLVED, field=field, wording=resolution.get("wording"))
        else:
            text = _sentence(DISAGREE, field=field)
        shown.append(
            {
                "resolved": bool(resolution),
                "text": text,
                "anchor": slugify(str(conflict.get("field", ""))),
            }
        )
    return shown


def _excerpt(excerpt: ExcerptInContext, labels: TranslatedLabels) -> dict[str, Any]:
    return {
        "before": excerpt.before,
        "exact": excerpt.exact,
        "after": excerpt.after,
        "starts_mid_text": excerpt.starts_mid_text,
        "ends_mid_text": excerpt.ends_mid_text,
        "source_title": excerpt.source_title,
        "publisher": excerpt.publisher,
        "reliability": excerpt.reliability,
        "grade": labels[excerpt.reliability_label],
        "source_retracted": excerpt.source_retracted,
        "language": excerpt.language,
        "credibility": excerpt.credibility,
        "figures": "; ".join(excerpt.figures),
    }


def _comment_box(link: EvidenceLink, form: Any) -> dict[str, Any]:
    """The decision form's comment box: empty, or as a refused POST left it."""
    box: dict[str, Any] = {"id": f"link-{link.pk}-comment", "value": "", "errors": [], "top": []}
    if form is not None:
        value = form["comment"].value()
        box.update(
            value="" if value is None else value,
            errors=list(form.errors.get("comment", [])),
            top=list(form.non_field_errors()),
        )
    return box


def _decided(link: EvidenceLink) -> SafeString:
    if link.reviewed_by is None:
        return mark_safe("")
    when = date_filter(localtime(link.reviewed_at), "j M Y H:i") if link.reviewed_at else ""
    text = _sentence(DECIDED_BY, who=link.reviewed_by.get_username(), when=when)
    if link.review_comment:
        text = mark_safe(f"{text} “{escape(link.review_comment)}”")  # noqa: S308
    return text


def review_cards(
    *,
    user: Any,
    links: list[EvidenceLink],
    decisions: dict[str, frozenset[str]],
    forms_by_link: dict[int, Any] | None = None,
) -> list[dict[str, Any]]:
    """What each card shows: the link, its excerpts in their source text, why this reviewer
    may not act on it (if so), the decisions its status allows and the comment box (with a
    refusal, after a failed POST). `decisions`: each decision's slug and the statuses it
    applies to."""
    excerpts = excerpts_in_context(fact_ids={link.fact_id for link in links})
    refusals = evidence_links_not_reviewable(user=user, link_ids=[link.pk for link in links])
    addresses = _addresses(links, decisions)
    labels = TranslatedLabels()
    forms_by_link = forms_by_link or {}
    cards = []
    for link in links:
        message = link.message
        fact = link.fact
        allowed = [d for d, statuses in decisions.items() if link.status in statuses]
        urls = addresses[link.pk]
        cards.append(
            {
                "pk": link.pk,
                "status": link.status,
                "status_label": labels[link.get_status_display()],
                "channel_label": labels[message.get_channel_display()],
                "language": message.language,
                "direction": message.direction,
                "campaign_name": message.campaign.name,
                "campaign_url": f"{urls['campaign']}#message-{link.message_id}",
                "proposed": _sentence(
                    PROPOSED_BY,
                    who=link.proposed_by.get_username() if link.proposed_by else "",
                    when=timesince(link.created_at) if link.created_at else "",
                ),
                "reopened_reason": link.reopened_reason,
                "message_text": message.text,
                "claim": link.claim,
                "flags": link.flags,
                "fact_url": urls["fact"],
                "fact_title": fact.title,
                "fact_status": fact.status,
                "fact_status_label": labels[fact.get_status_display()],
                "figures": _figures(fact.figures),
                "conflicts": _conflicts(fact.conflicts),
                "excerpts": [_excerpt(e, labels) for e in excerpts.get(link.fact_id, [])],
                "refusal": refusals.get(link.pk, ""),
                "decisions": {d.replace("-", "_"): urls[d.replace("-", "_")] for d in allowed},
                "action": urls[allowed[0].replace("-", "_")] if allowed else "",
                "comment": _comment_box(link, forms_by_link.get(link.pk)),
                "decided": _decided(link),
            }
        )
    return cards


def _card_template() -> Template:
    """The compiled card template (the environment caches it)."""
    return engines["jinja2"].env.get_template(CARD_TEMPLATE)  # type: ignore[attr-defined,no-any-return]


def card_html(
    cards: list[dict[str, Any]], *, csrf_token: str, here: str, done: str = ""
) -> list[SafeString]:
    """Each card's HTML, from only what a card reads (no request context processors). The
    environment escapes every value; the words and sentences built above are SafeStrings,
    which it leaves as they are."""
    template = _card_template()
    words = {key: mark_safe(gettext(msgid)) for key, msgid in CARD_WORDS.items()}  # noqa: S308
    shared = {"words": words, "csrf_token": csrf_token, "here": here, "done": done}
    return [
        mark_safe(template.render(shared, card=card))  # noqa: S308 - autoescaped
        for card in cards
    ]
