"""Facts: the list with a status filter, and one fact's figures by source, excerpts and
conflicts with their resolution (the evidence dossier's view of a fact)."""

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from evidence.models import Fact
from evidence.selectors.evidence import fact_list as fact_list_selector
from reports.selectors.evidence import CitationBook, fact_entries, facts_for_report
from web.access import role_required

__all__ = ["FACTS_PER_PAGE", "fact_detail", "fact_list"]

FACTS_PER_PAGE = 50


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
    page = Paginator(facts, FACTS_PER_PAGE).get_page(request.GET.get("page"))
    context.update(page_obj=page, facts=list(page.object_list))
    return render(request, "web/fact_list.html", context)


@role_required
@require_GET
def fact_detail(request: HttpRequest, pk: int) -> HttpResponse:
    book = CitationBook()
    entries = fact_entries(facts_for_report(fact_list_selector().filter(pk=pk)), book)
    if not entries:
        raise Http404("No fact found.")
    fact = entries[0]
    context = {
        "fact": fact,
        "figures_by_source": [e for e in fact.excerpts if e.figures_text],
        "retracted_sources": {s.number for s in book.bibliography if s.status == "retracted"},
    }
    return render(request, "web/fact_detail.html", context)
