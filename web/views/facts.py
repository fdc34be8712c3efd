"""Facts: the list with a status filter, and one fact's figures by source, excerpts and
conflicts with their resolution (the evidence dossier's view of a fact). On the fact page a
Reviewer verifies the fact and resolves its conflicts, through the same services as the API."""

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from common.access import may_review
from common.errors import DomainError
from common.pagination import CursorError, keyset_page
from common.people import usernames
from common.words import in_reader_language, problem_words
from evidence.models import Fact, FigureReport
from evidence.selectors.evidence import fact_list as fact_list_selector
from evidence.services.facts import fact_resolve_conflict, fact_verify
from reports.selectors.evidence import CitationBook, fact_entries, facts_for_report
from web.access import reviewer_required, role_required
from web.forms import PageForm, form_show_refusal

from .feedback import REFUSALS, signed_in_user

__all__ = [
    "FACTS_PER_PAGE",
    "fact_conflict_resolve",
    "fact_detail",
    "fact_list",
    "fact_verify_page",
]

FACTS_PER_PAGE = 50
OTHER_WORDING = "__other__"


class ConflictResolutionForm(PageForm):
    field = forms.CharField(widget=forms.HiddenInput)
    wording = forms.CharField(label=_("Wording to use"), required=False, max_length=300)
    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea)


@role_required
@require_GET
def fact_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    context: dict[str, object] = {"statuses": Fact.Status.choices, "status": status}
    if status and status not in Fact.Status.values:
        context.update(
            status="",
            error=f"status: unknown value; choose one of {', '.join(Fact.Status.values)}.",
        )
        return render(request, "web/fact_list.html", context, status=400)
    facts = fact_list_selector()
    if status:
        facts = facts.filter(status=status)
    try:
        page = keyset_page(facts, request.GET, per_page=FACTS_PER_PAGE)
    except CursorError as error:
        context.update(error=f"cursor: {error}")
        return render(request, "web/fact_list.html", context, status=400)
    context.update(page=page, facts=page.rows)
    return render(request, "web/fact_list.html", context)


def _wordings(fact: Fact, conflict: dict[str, Any]) -> list[str]:
    """The wordings a Reviewer may choose for a conflict: for a figure, the conservative one
    first, then what each source says; otherwise each source's value."""
    field = str(conflict.get("field", ""))
    values = [str(v.get("value", "")) for v in conflict.get("values", []) if isinstance(v, dict)]
    if conflict.get("kind") == "figure":
        noun = str(dict(FigureReport.Kind.choices).get(field, field)).lower()
        safe = (fact.figures or {}).get(field, {}).get("wording")
        values = ([str(safe)] if safe else []) + values
        values = [f"{value} {noun}" for value in values]
    return list(dict.fromkeys(v for v in values if v))


def _conflicts(
    fact: Fact, entry: Any, forms_by_field: dict[str, ConflictResolutionForm]
) -> list[dict[str, Any]]:
    """Each conflict with its values (and their sources), its resolution in words, and the
    resolution form (bound, with the refusal, after a failed POST)."""
    resolver_ids: set[int | None] = {
        int(by)
        for c in fact.conflicts or []
        if (by := (c.get("resolution") or {}).get("resolved_by")) is not None
    }
    names = usernames(resolver_ids)
    shown = []
    for raw, conflict in zip(fact.conflicts or [], entry.conflicts, strict=False):
        resolution = raw.get("resolution") or {}
        field = conflict.field
        shown.append(
            {
                "entry": conflict,
                "field": field,
                "anchor": f"conflict-{field}",
                "resolved_by": names.get(resolution.get("resolved_by") or 0, ""),
                "wordings": _wordings(fact, raw),
                "form": forms_by_field.get(field)
                or ConflictResolutionForm(initial={"field": field}, auto_id=f"c-{field}-%s"),
            }
        )
    return shown


def _fact_page(
    request: HttpRequest,
    pk: int,
    *,
    status: int = 200,
    conflict_forms: dict[str, ConflictResolutionForm] | None = None,
    verify_problems: list[str] | None = None,
) -> HttpResponse:
    facts = list(facts_for_report(fact_list_selector().filter(pk=pk)))
    if not facts:
        raise Http404("No fact found.")
    book = CitationBook()
    entry = fact_entries(facts, book)[0]
    conflicts = _conflicts(facts[0], entry, conflict_forms or {})
    shown = {item["field"] for item in conflicts}
    # A refusal about a conflict the page does not show (an unknown field) goes to the top.
    problems = list(verify_problems or [])
    for field, form in (conflict_forms or {}).items():
        if field not in shown:
            problems += [str(e) for errors in form.errors.values() for e in errors]
    context = {
        "fact": entry,
        "fact_model": facts[0],
        "figures_by_source": [e for e in entry.excerpts if e.figures_text],
        "retracted_sources": {s.number for s in book.bibliography if s.status == "retracted"},
        "conflicts": conflicts,
        "may_review": may_review(request.user),
        "verify_problems": problems,
        "other_wording": OTHER_WORDING,
    }
    return render(request, "web/fact_detail.html", context, status=status)


@role_required
@require_GET
def fact_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _fact_page(request, pk)


def _fact(pk: int) -> Fact:
    fact = Fact.objects.filter(pk=pk).first()
    if fact is None:
        raise Http404("No fact found.")
    return fact


@reviewer_required
@require_POST
def fact_verify_page(request: HttpRequest, pk: int) -> HttpResponse:
    fact = _fact(pk)
    try:
        fact_verify(fact=fact, reviewer=signed_in_user(request))
    except REFUSALS as error:
        problems = [problem_words(p) for p in getattr(error, "problems", [])]
        refusal = in_reader_language(getattr(error, "message", str(error)))
        return _fact_page(request, pk, status=400, verify_problems=[refusal, *problems])
    messages.success(request, _("Fact verified."))
    return redirect("web:fact", pk=pk)


@reviewer_required
@require_POST
def fact_conflict_resolve(request: HttpRequest, pk: int) -> HttpResponse:
    fact = _fact(pk)
    field = request.POST.get("field", "")
    data = request.POST.copy()
    # The radio buttons offer the sources' wordings; "other" takes the typed one.
    if data.get("wording") == OTHER_WORDING:
        data["wording"] = data.get("wording_other", "")
    form = ConflictResolutionForm(data, auto_id=f"c-{field}-%s")
    if form.is_valid():
        try:
            fact_resolve_conflict(
                fact=fact,
                field=form.cleaned_data["field"],
                wording=form.cleaned_data["wording"],
                reason=form.cleaned_data["reason"],
                reviewer=signed_in_user(request),
            )
        except (DomainError, ValidationError) as error:
            form_show_refusal(form, error)
        else:
            messages.success(
                request, _("Conflict on %(field)s resolved.") % {"field": field.replace("_", " ")}
            )
            return redirect(reverse("web:fact", args=[pk]) + f"#conflict-{field}")
    return _fact_page(request, pk, status=400, conflict_forms={field: form})
