"""The review queue's cards as plain values, and their HTML.

A page of 20 cards took most of the queue's time in template machinery: each `{{ link.… }}`
lookup on a model tries a dictionary lookup first and fails, each `{% translate %}` of a status
or a grade and each `{% blocktranslate %}` looks the words up again, and every card built a
form. Here each card is a dictionary of what it shows, words translated once per page (fixed
vocabularies through one memo), and a Jinja2 template renders each card from those values
(web/jinja2_environment.py): the same card in Django's template language took 4-5 times as
long. The links themselves come as rows of `review_queue` (`CARD_FIELDS` by name), not model
instances: three instances per link, with the users prefetched, cost twice the query.
Nothing is kept between requests: every card shows the link as it is now.
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

from campaigns.models import EvidenceLink, Message
from campaigns.selectors.messages import evidence_links_not_reviewable
from common.people import usernames
from common.words import in_reader_language
from evidence.models import Fact
from evidence.selectors.excerpts_in_context import ExcerptInContext, excerpts_in_context
from web.presenters import TranslatedLabels, UrlPattern
from web.templatetags.counterpoint import field_label

__all__ = ["CARD_TEMPLATE", "CARD_WORDS", "card_html", "review_cards"]

Link = dict[str, Any]  # a row of `review_queue`: `CARD_FIELDS` by name
# Each value's label, as `get_FOO_display` gives it (translated per page by `TranslatedLabels`).
_LINK_STATUS_WORDS: dict[str, str] = dict(EvidenceLink.Status.choices)
_CHANNEL_WORDS: dict[str, str] = dict(Message.Channel.choices)
_FACT_STATUS_WORDS: dict[str, str] = dict(Fact.Status.choices)

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


def _addresses(links: list[Link], decisions: Iterable[str]) -> dict[int, dict[str, str]]:
    """Each card's links, by link id: its campaign, its fact and each decision's form action."""
    campaign, fact = UrlPattern("web:campaign"), UrlPattern("web:fact")
    # Template lookups cannot hold "-": request-changes is read as request_changes.
    actions = {d.replace("-", "_"): UrlPattern("web:evidence-link-review", d) for d in decisions}
    return {
        link["id"]: {
            "campaign": campaign(link["message__campaign__id"]),
            "fact": fact(link["fact__id"]),
            **{name: action(link["id"]) for name, action in actions.items()},
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


def _comment_box(link: Link, form: Any) -> dict[str, Any]:
    """The decision form's comment box: empty, or as a refused POST left it."""
    box: dict[str, Any] = {"id": f"link-{link['id']}-comment", "value": "", "errors": [], "top": []}
    if form is not None:
        value = form["comment"].value()
        box.update(
            value="" if value is None else value,
            errors=list(form.errors.get("comment", [])),
            top=list(form.non_field_errors()),
        )
    return box


def _decided(link: Link, names: dict[int, str]) -> SafeString:
    if link["reviewed_by"] is None:
        return mark_safe("")
    reviewed_at = link["reviewed_at"]
    when = date_filter(localtime(reviewed_at), "j M Y H:i") if reviewed_at else ""
    text = _sentence(DECIDED_BY, who=names.get(link["reviewed_by"], ""), when=when)
    if link["review_comment"]:
        text = mark_safe(f"{text} “{escape(link['review_comment'])}”")  # noqa: S308
    return text


def review_cards(
    *,
    user: Any,
    links: list[Link],
    decisions: dict[str, frozenset[str]],
    forms_by_link: dict[int, Any] | None = None,
) -> list[dict[str, Any]]:
    """What each card shows: the link, its excerpts in their source text, why this reviewer
    may not act on it (if so), the decisions its status allows and the comment box (with a
    refusal, after a failed POST). `decisions`: each decision's slug and the statuses it
    applies to."""
    excerpts = excerpts_in_context(fact_ids={link["fact__id"] for link in links})
    refusals = evidence_links_not_reviewable(user=user, link_ids=[link["id"] for link in links])
    names = usernames({link[who] for link in links for who in ("proposed_by", "reviewed_by")})
    addresses = _addresses(links, decisions)
    labels = TranslatedLabels()
    forms_by_link = forms_by_link or {}
    cards = []
    for link in links:
        pk, status, channel = link["id"], link["status"], link["message__channel"]
        fact_status = link["fact__status"]
        allowed = [d for d, statuses in decisions.items() if status in statuses]
        urls = addresses[pk]
        cards.append(
            {
                "pk": pk,
                "status": status,
                "status_label": labels[_LINK_STATUS_WORDS.get(status) or status],
                "channel_label": labels[_CHANNEL_WORDS.get(channel) or channel],
                "language": link["message__language"],
                "direction": link["message__direction"],
                "campaign_name": link["message__campaign__name"],
                "campaign_url": f"{urls['campaign']}#message-{link['message__id']}",
                "proposed": _sentence(
                    PROPOSED_BY,
                    who=names.get(link["proposed_by"], ""),
                    when=timesince(link["created_at"]) if link["created_at"] else "",
                ),
                "reopened_reason": link["reopened_reason"],
                "message_text": link["message__text"],
                "claim": link["claim"],
                "flags": link["flags"],
                "fact_url": urls["fact"],
                "fact_title": link["fact__title"],
                "fact_status": fact_status,
                "fact_status_label": labels[_FACT_STATUS_WORDS.get(fact_status) or fact_status],
                "figures": _figures(link["fact__figures"]),
                "conflicts": _conflicts(link["fact__conflicts"]),
                "excerpts": [_excerpt(e, labels) for e in excerpts.get(link["fact__id"], [])],
                "refusal": in_reader_language(refusals.get(pk, "")),
                "decisions": {d.replace("-", "_"): urls[d.replace("-", "_")] for d in allowed},
                "action": urls[allowed[0].replace("-", "_")] if allowed else "",
                "comment": _comment_box(link, forms_by_link.get(pk)),
                "decided": _decided(link, names),
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
