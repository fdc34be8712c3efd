"""Quoting a passage at the evidence desk: the excerpt form opened from a selection in the
reading view, the fact search it offers, the preview of what saving will change, and the page
after saving (the fact as it now stands and the links sent back to review).

Only Source admins write. A selection arrives as offsets into the source's text; the quote's
words and context are cut from the text at those offsets and anchored by the same rule as every
excerpt (`evidence.services.selections`).
"""

from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from campaigns.models import EvidenceLink
from campaigns.selectors.messages import evidence_link_list_visible
from common.errors import DomainError, InvalidInput
from evidence.models import Actor, ActorAlias, Excerpt, Fact, Source
from evidence.selectors.facts_find import fact_find
from evidence.services.selections import NEW_FACT, excerpt_quote, source_quote_at
from web.access import evidence_editor_required
from web.forms import form_show_refusal
from web.source_forms import ExcerptForm, FigureFormSet, NewFactForm

from .consequences import LinkLine, consequence_of, fact_snapshots, facts_compare
from .feedback import signed_in_user

__all__ = ["excerpt_new", "excerpt_saved", "fact_search"]

FACTS_FOUND = 15


def _actor_names() -> list[str]:
    names = set(Actor.objects.values_list("name", flat=True))
    names |= set(ActorAlias.objects.values_list("alias", flat=True))
    return sorted(names, key=str.casefold)


def _offsets(data: Any) -> tuple[int, int] | None:
    try:
        return int(data.get("start")), int(data.get("end"))
    except (TypeError, ValueError):
        return None


class _Desk:
    """The three forms of the excerpt desk, bound or not, and what they say."""

    def __init__(self, request: HttpRequest, source: Source) -> None:
        self.request, self.source = request, source
        post = request.POST if request.method == "POST" else None
        initial: dict[str, Any] = {}
        figures: list[dict[str, Any]] = []
        self.quote = None
        self.quote_error: InvalidInput | None = None
        offsets = _offsets(post or request.GET)
        if offsets is not None:
            try:
                self.quote = source_quote_at(source=source, start=offsets[0], end=offsets[1])
            except InvalidInput as error:
                self.quote_error = error
            else:
                initial = {"start": self.quote.start, "end": self.quote.end}
                # "Up to" is shown only for a range: a single number the admin corrects
                # must not leave its old value behind as the range's top.
                figures = [
                    {**f, "value_max": None} if f["value_max"] == f["value_min"] else f
                    for f in self.quote.figures
                ]
        self.form = ExcerptForm(post, initial=initial)
        # Suggestions only fill the unbound form: compared against them, a posted row that
        # keeps a suggestion unchanged would count as empty and be dropped.
        self.figures = FigureFormSet(post, initial=None if post else figures, prefix="figures")
        self.new_fact = NewFactForm(post, prefix="new_fact")
        if self.quote_error is not None:
            self.form.is_valid()
            form_show_refusal(self.form, self.quote_error)

    def valid(self) -> bool:
        ok = self.form.is_valid() & self.figures.is_valid()
        if ok and self.form.cleaned_data["attach"] == "new":
            ok = self.new_fact.is_valid()
        return ok and self.quote_error is None

    def chosen_fact(self) -> Fact | None:
        if not self.form.is_bound:
            return None
        self.form.is_valid()
        pk = self.form.cleaned_data.get("fact")
        return Fact.objects.filter(pk=pk).first() if pk else None

    def service_fields(self) -> dict[str, Any]:
        """`excerpt_quote`'s arguments from the valid forms."""
        data = self.form.cleaned_data
        if self.quote is not None:
            quote = {"exact": self.quote.exact, "prefix": self.quote.prefix}
            quote["suffix"] = self.quote.suffix
        else:
            quote = {k: data[k] for k in ("exact", "prefix", "suffix")}
        fields: dict[str, Any] = {
            **quote,
            "credibility": data["credibility"],
            "figures": [f for f in (form.figure() for form in self.figures.forms) if f],
            "reported_on": data["reported_on"],
            "reported_claimed_by": data["reported_claimed_by"],
            "reported_attributed_to": data["reported_attributed_to"],
            "reported_relation": data["reported_relation"],
        }
        if data["attach"] == "new":
            fields["new_fact"] = self.new_fact.fields_for_service()
        else:
            fact = self.chosen_fact()
            if fact is None:
                raise InvalidInput(_("No such fact; search again and choose one."), field="fact")
            fields["fact"] = fact
        return fields

    def refuse(self, error: DomainError) -> None:
        if isinstance(error, InvalidInput) and any(k.startswith(NEW_FACT) for k in error.errors):
            ours = {k: v for k, v in error.errors.items() if not k.startswith(NEW_FACT)}
            theirs = {
                k[len(NEW_FACT) :]: v for k, v in error.errors.items() if k.startswith(NEW_FACT)
            }
            form_show_refusal(self.new_fact, InvalidInput(theirs))
            if ours:
                form_show_refusal(self.form, InvalidInput(ours))
            return
        form_show_refusal(self.form, error)

    def context(self, **extra: Any) -> dict[str, Any]:
        q = (self.form.data.get("fact_q") or "").strip() if self.form.is_bound else ""
        chosen = self.chosen_fact()
        found = fact_find(query=q, limit=FACTS_FOUND) if q else []
        if chosen is not None and chosen not in found:
            found.insert(0, chosen)
        return {
            "source": self.source,
            "quote": self.quote,
            "form": self.form,
            "figures": self.figures,
            "new_fact": self.new_fact,
            "facts_found": found,
            "fact_q": q,
            "chosen_fact_id": chosen.pk if chosen else None,
            "actor_names": _actor_names(),
            **extra,
        }


def _facts_of(excerpt: Excerpt) -> list[int]:
    return [excerpt.fact_id] if excerpt.fact_id else []


@evidence_editor_required
@require_http_methods(["GET", "POST"])
def excerpt_new(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the form for the selected passage (`?start=&end=`), figures suggested from its
    words. POST `action=search|preview|save`: find facts, rehearse, or save."""
    source = get_object_or_404(Source, pk=pk)
    desk = _Desk(request, source)
    template = "web/excerpt_new.html"
    if request.method == "GET":
        status = 400 if desk.quote_error else 200
        return render(request, template, desk.context(), status=status)
    action = request.POST.get("action", "save")
    # htmx swaps only successful answers; a refusal shown by a preview is still an answer.
    refused = 200 if getattr(request, "htmx", False) else 400
    if action == "search":
        return render(request, template, desk.context())
    if not desk.valid():
        return render(request, template, desk.context(), status=refused)
    user = signed_in_user(request)
    try:
        fields = desk.service_fields()
        if action == "preview":
            fact = fields.get("fact")
            consequence = consequence_of(
                user=user,
                change=lambda: excerpt_quote(source=source, created_by=user, **fields),
                fact_ids=[fact.pk] if fact else [],
                facts_of_result=_facts_of,
            )
            return render(request, template, desk.context(consequence=consequence))
        excerpt = excerpt_quote(source=source, created_by=user, **fields)
    except DomainError as error:
        desk.refuse(error)
        status = refused if action == "preview" else error.status_code
        return render(request, template, desk.context(), status=status)
    return redirect("web:excerpt-saved", pk=source.pk, excerpt_pk=excerpt.pk)


@evidence_editor_required
@require_GET
def fact_search(request: HttpRequest, pk: int) -> HttpResponse:
    """The excerpt form's fact search (an htmx fragment): facts matching the words."""
    source = get_object_or_404(Source, pk=pk)
    q = request.GET.get("fact_q", "").strip()[:200]
    return render(
        request,
        "web/includes/source_fact_choices.html",
        {
            "source": source,
            "facts_found": fact_find(query=q, limit=FACTS_FOUND) if q else [],
            "fact_q": q,
        },
    )


def _reopened_by(user: AbstractBaseUser, excerpt: Excerpt) -> list[LinkLine]:
    """The evidence links on the excerpt's fact that went back to review when it was saved."""
    if not excerpt.fact_id:
        return []
    links = (
        evidence_link_list_visible(user=user)
        .filter(
            fact_id=excerpt.fact_id,
            status=EvidenceLink.Status.PROPOSED,
            reviews__decision="reopen",
            reviews__created_at__gte=excerpt.created_at,
        )
        .select_related("message__campaign", "fact")
        .distinct()
        .order_by("pk")
    )
    return [
        LinkLine(
            id=link.pk,
            claim=link.claim,
            campaign=link.message.campaign.name,
            fact_title=link.fact.title,
            reason=link.reopened_reason,
        )
        for link in links
    ]


@evidence_editor_required
@require_GET
def excerpt_saved(request: HttpRequest, pk: int, excerpt_pk: int) -> HttpResponse:
    """After saving: the excerpt, its fact as it now stands (the conflicts this excerpt takes
    part in marked) and the approved links that went back to review."""
    excerpt = get_object_or_404(
        Excerpt.objects.select_related("source", "fact").prefetch_related("figures"),
        pk=excerpt_pk,
        source_id=pk,
    )
    user = signed_in_user(request)
    fact_now = facts_compare({}, fact_snapshots(_facts_of(excerpt)))
    conflicts = []
    if excerpt.fact is not None:
        for conflict in excerpt.fact.conflicts:
            involved = any(v.get("excerpt") == excerpt.pk for v in conflict["values"])
            conflicts.append({**conflict, "involves_excerpt": involved})
    return render(
        request,
        "web/excerpt_saved.html",
        {
            "excerpt": excerpt,
            "source": excerpt.source,
            "fact": excerpt.fact,
            "fact_now": fact_now[0] if fact_now else None,
            "conflicts": conflicts,
            "reopened_links": _reopened_by(user, excerpt),
        },
    )
