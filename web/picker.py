"""The evidence picker's results: the facts a search finds (an actor's aliases count as its
name: "Daesh" finds ISIS facts; places, dates and target types narrow the list), each with its
status, figures and safe wording, conflicts and its sources' grades, and the flags the claim
checks would put on a link of the writer's claim to it, before anything is linked."""

from typing import Any

from django.db.models import Prefetch
from django.http import HttpRequest

from campaigns.models import EvidenceLink, Message
from campaigns.services.claim_checks import check_context, link_flags
from evidence.models import Excerpt, Fact
from evidence.search.selectors import search_evidence
from evidence.selectors.evidence import fact_list
from reports.selectors.evidence import CitationBook, fact_entries, facts_for_report
from web.message_forms import ClaimForm, PickerSearchForm

__all__ = ["picker_context", "picker_results"]

RESULTS = 8
# Hits read to find RESULTS facts: excerpts and sources lead to their facts.
HITS_READ = 60


def _fact_ids_for(query: str) -> list[int]:
    """Facts the search finds, best first: facts themselves, the facts of matching excerpts,
    and the facts resting on matching sources."""
    hits = search_evidence(query=query)[:HITS_READ]
    excerpt_ids = [hit.id for hit in hits if hit.type == "excerpt"]
    source_ids = [hit.id for hit in hits if hit.type == "source"]
    fact_of_excerpt = dict(
        Excerpt.objects.filter(pk__in=excerpt_ids, fact__isnull=False).values_list("pk", "fact_id")
    )
    facts_of_source: dict[int, list[int]] = {}
    for source_id, fact_id in Excerpt.objects.filter(
        source_id__in=source_ids, fact__isnull=False
    ).values_list("source_id", "fact_id"):
        facts_of_source.setdefault(source_id, []).append(fact_id)
    ordered: list[int] = []
    for hit in hits:
        found = {
            "fact": [hit.id],
            "excerpt": [fact_of_excerpt[hit.id]] if hit.id in fact_of_excerpt else [],
            "source": facts_of_source.get(hit.id, []),
        }.get(hit.type, [])
        ordered.extend(pk for pk in found if pk not in ordered)
    return ordered


def _checked_facts(ids: list[int]) -> dict[int, Fact]:
    """Facts with what the claim checks read (as `links_with_evidence` loads them)."""
    facts = Fact.objects.filter(pk__in=ids).prefetch_related(
        Prefetch(
            "excerpts",
            queryset=Excerpt.objects.select_related("source").prefetch_related(
                "reported_claimed_by", "reported_attributed_to", "reported_denied_by"
            ),
        ),
        "claimed_by",
        "attributed_to",
    )
    return {fact.pk: fact for fact in facts}


def picker_results(*, message: Message, search: PickerSearchForm, claim: str) -> list[Any]:
    """The facts found, each as the fact page shows it, with the flags its link would carry."""
    data = search.cleaned_data
    facts = fact_list()
    ordered: list[int] | None = None
    if data.get("q"):
        ordered = _fact_ids_for(data["q"])
        facts = facts.filter(pk__in=ordered)
    if data.get("target_type"):
        facts = facts.filter(target_type=data["target_type"])
    if data.get("place"):
        facts = facts.filter(place__icontains=data["place"])
    if data.get("occurred_from"):
        facts = facts.filter(occurred_on__gte=data["occurred_from"])
    if data.get("occurred_to"):
        facts = facts.filter(occurred_on__lte=data["occurred_to"])
    ids = list(facts.values_list("pk", flat=True)[: HITS_READ if ordered else RESULTS])
    if ordered is not None:
        ids = sorted(ids, key=ordered.index)[:RESULTS]
    by_pk = {
        e.id: e
        for e in fact_entries(facts_for_report(Fact.objects.filter(pk__in=ids)), CitationBook())
    }
    checked = _checked_facts(ids) if claim else {}
    context = check_context() if claim else None
    results = []
    for pk in ids:
        flags = []
        if claim:
            draft_link = EvidenceLink(message=message, fact=checked[pk], claim=claim)
            flags = link_flags(link=draft_link, context=context)
        entry = by_pk[pk]
        grades = sorted({excerpt.citation.reliability for excerpt in entry.excerpts})
        results.append({"fact": entry, "grades": grades, "flags": flags})
    return results


def picker_context(request: HttpRequest, message: Message) -> dict[str, Any]:
    """What the editor's picker shows: the search form and, when searched, the results."""
    search = PickerSearchForm(request.GET or None)
    claim = " ".join(request.GET.get("claim", "").split())[:2000]
    context: dict[str, Any] = {
        "search": search,
        "claim_form": ClaimForm(initial={"claim": claim}),
        "claim": claim,
        "links": list(message.evidence_links.select_related("fact").order_by("created_at", "pk")),
    }
    if search.is_bound and search.is_valid() and search.has_criteria():
        context["results"] = picker_results(message=message, search=search, claim=claim)
    return context
