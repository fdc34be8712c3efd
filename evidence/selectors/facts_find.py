"""Finding the fact a new excerpt supports: by words (aliases expanded), place and date."""

import calendar
import re

from evidence.models import Excerpt, Fact
from evidence.search.selectors import search_evidence
from evidence.selectors.evidence import fact_list

__all__ = ["fact_find"]

_MONTHS = {
    name.lower(): number
    for names in (calendar.month_name, calendar.month_abbr)
    for number, name in enumerate(names)
    if name
}
_YEAR = re.compile(r"(?:19|20)\d\d")
_ISO_DAY = re.compile(r"((?:19|20)\d\d)-(\d\d)(?:-(\d\d))?")
# How many search hits are read to find facts (excerpt hits lead to their facts).
_HITS_READ = 200


def fact_find(*, query: str, limit: int = 20) -> list[Fact]:
    """Facts matching every word of `query`: a year ("2016"), a month name ("November") or
    an ISO date ("2016-11") narrows by date; the other words are searched in the facts and
    in the excerpts that support them, an actor's alias counting as its name ("Daesh" finds
    ISIS). Best matches first."""
    year = month = day = None
    words: list[str] = []
    for word in query.split():
        bare = word.strip(",.;:()").lower()
        iso = _ISO_DAY.fullmatch(bare)
        if iso:
            year, month = int(iso.group(1)), int(iso.group(2))
            day = int(iso.group(3)) if iso.group(3) else None
        elif _YEAR.fullmatch(bare):
            year = int(bare)
        elif bare in _MONTHS:
            month = _MONTHS[bare]
        else:
            words.append(word)
    facts = fact_list()
    if year:
        facts = facts.filter(occurred_on__year=year)
    if month:
        facts = facts.filter(occurred_on__month=month)
    if day:
        facts = facts.filter(occurred_on__day=day)
    if not words:
        return list(facts[:limit]) if (year or month) else []
    hits = search_evidence(query=" ".join(words))[0:_HITS_READ]
    order: list[int] = []
    excerpt_ids = [hit.id for hit in hits if hit.type == "excerpt"]
    fact_of_excerpt = dict(
        Excerpt.objects.filter(pk__in=excerpt_ids, fact__isnull=False).values_list("pk", "fact_id")
    )
    for hit in hits:
        fact_id = hit.id if hit.type == "fact" else fact_of_excerpt.get(hit.id)
        if fact_id is not None and fact_id not in order:
            order.append(fact_id)
    found = {fact.pk: fact for fact in facts.filter(pk__in=order)}
    return [found[pk] for pk in order if pk in found][:limit]
