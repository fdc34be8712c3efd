"""The search page: one box over sources, excerpts and facts (actor aliases count as the
actor's name), filters, the matched words marked, paginated. The same results come as an htmx
fragment from `search/results/`, for the page itself and for other pages' pickers."""

from dataclasses import dataclass

from django.core.paginator import Page
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_GET

from evidence.models import Excerpt, Fact
from evidence.search.highlight import TextPiece
from evidence.search.pagination import SearchPaginator
from evidence.search.selectors import COUNT_CAP, SearchHit, SearchResults, search_evidence
from web.access import role_required
from web.archive_forms import SearchForm

__all__ = ["RESULTS_PER_PAGE", "search_page", "search_results"]

RESULTS_PER_PAGE = 20


@dataclass(frozen=True)
class SearchRow:
    """One result as the page shows it."""

    kind: str
    kind_label: str
    id: int
    url: str
    title: list[TextPiece]
    snippet: list[TextPiece]
    status: str
    status_label: str


def _source_url(pk: int) -> str:
    # The source page belongs to the evidence desk; until it exists the API shows the source.
    try:
        return reverse("web:source", args=[pk])
    except NoReverseMatch:
        return reverse("v1:source-detail", args=[pk])


def _rows(results: SearchResults, hits: list[SearchHit]) -> list[SearchRow]:
    """The page's hits with where each leads and, for facts, their status: two queries."""
    fact_ids = {hit.id for hit in hits if hit.type == "fact"}
    excerpt_ids = [hit.id for hit in hits if hit.type == "excerpt"]
    excerpts = {
        pk: (fact_id, source_id)
        for pk, fact_id, source_id in Excerpt.objects.filter(pk__in=excerpt_ids).values_list(
            "pk", "fact_id", "source_id"
        )
    }
    statuses = dict(Fact.objects.filter(pk__in=fact_ids).values_list("pk", "status"))
    labels = dict(Fact.Status.choices)
    kinds = {"fact": "Fact", "excerpt": "Excerpt", "source": "Source"}
    rows = []
    for hit in hits:
        if hit.type == "fact":
            url = reverse("web:fact", args=[hit.id])
        elif hit.type == "excerpt":
            fact_id, source_id = excerpts.get(hit.id, (None, None))
            if fact_id:
                url = reverse("web:fact", args=[fact_id])
            elif source_id:
                url = _source_url(source_id)
            else:
                url = ""
        else:
            url = _source_url(hit.id)
        status = statuses.get(hit.id, "") if hit.type == "fact" else ""
        rows.append(
            SearchRow(
                kind=hit.type,
                kind_label=kinds.get(hit.type, hit.type),
                id=hit.id,
                url=url,
                title=results.highlight(hit.title),
                snippet=results.highlight(hit.snippet),
                status=status,
                status_label=str(labels.get(status, "")),
            )
        )
    return rows


def _search(request: HttpRequest) -> tuple[dict[str, object], int]:
    form = SearchForm(request.GET or None)
    context: dict[str, object] = {"form": form, "searched": False}
    if not request.GET:
        return context, 200
    if not form.is_valid():
        return context, 400
    query = form.cleaned_data["q"]
    if not query:
        return context, 200
    results = search_evidence(query=query, filters=form.filters())
    page: Page = SearchPaginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))  # type: ignore[arg-type]
    params = request.GET.copy()
    params.pop("page", None)
    context.update(
        searched=True,
        query=query,
        page_obj=page,
        count=results.count(),
        count_capped=results.count_capped,
        # "1,000+": past the cap the count stopped, so it says so rather than a number.
        count_label=f"{COUNT_CAP:,}+",
        rows=_rows(results, list(page.object_list)),
        params=params.urlencode(),
    )
    return context, 200


@role_required
@require_GET
def search_page(request: HttpRequest) -> HttpResponse:
    context, status = _search(request)
    template = "web/search_results.html" if getattr(request, "htmx", False) else "web/search.html"
    return render(request, template, context, status=status)


@role_required
@require_GET
def search_results(request: HttpRequest) -> HttpResponse:
    """The results alone (an htmx fragment): `GET /search/results/?q=…&kind=fact&…`."""
    context, status = _search(request)
    return render(request, "web/search_results.html", context, status=status)
