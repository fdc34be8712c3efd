"""Evidence suggestions for a message: for each sentence making a checkable claim, the facts
that could support it, ranked, each with the reasons in words (place, actor, date, target,
figures)."""

import re
from typing import Any

from django.db.models import QuerySet

from campaigns.models import Message
from campaigns.services.claim_checks import check_context
from campaigns.services.claim_checks.actors import actor_mentions
from campaigns.services.claim_checks.checks import FIGURE_WORDS, figure_supports
from campaigns.services.claim_checks.sentences import checkable_sentences
from evidence.figure_text import read_numbers
from evidence.models import Fact
from evidence.vocabulary import claim_words
from evidence.vocabulary.names import fold_with_offsets

__all__ = ["message_claim_suggestions"]

_FACTS_READ = 2000
_PER_SENTENCE = 5


def _contains(folded_sentence: str, name: str) -> bool:
    key = fold_with_offsets(name)[0].strip()
    return bool(key) and bool(re.search(rf"(?<!\w){re.escape(key)}(?!\w)", folded_sentence))


def _facts() -> QuerySet[Fact]:
    return Fact.objects.prefetch_related("claimed_by", "attributed_to").order_by(
        "-occurred_on", "id"
    )[:_FACTS_READ]


def _score(fact: Fact, sentence: Any, folded: str, actors: set[int], readings: list) -> tuple:
    why: list[str] = []
    score = 0.0
    for label, value in (("place", fact.place), ("province", fact.province)):
        if value and _contains(folded, value):
            score += 3
            why.append(f"Names the {label} {value}.")
    named = {a.pk: a.name for a in [*fact.claimed_by.all(), *fact.attributed_to.all()]}
    for actor_id in sorted(actors & set(named)):
        score += 3
        why.append(f"Names {named[actor_id]}, whom the fact holds responsible or claimant.")
    inside = [r for r in readings if sentence.start <= r.mention.start < sentence.end]
    if fact.occurred_on:
        years = {r.mention.value_min for r in inside if r.not_count == "year"}
        if fact.occurred_on.year in years:
            score += 2
            why.append(f"Gives the year {fact.occurred_on.year}.")
    targets = claim_words()["target_types"].get(fact.target_type, [])
    hit = next((t for t in targets if _contains(folded, t)), None)
    if hit:
        score += 2
        why.append(f"Mentions “{hit}” ({fact.get_target_type_display().lower()}).")
    for reading in inside:
        if reading.kind and reading.kind in (fact.figures or {}):
            words = FIGURE_WORDS.get(reading.kind, reading.kind)
            if figure_supports(mention=reading.mention, fact=fact, kind=reading.kind):
                score += 3
                why.append(f"“{reading.mention.text}” {words} agrees with the evidence.")
            else:
                score += 1
                why.append(f"The fact reports a number of {words}.")
    return score, why


def message_claim_suggestions(*, message: Message) -> list[dict[str, Any]]:
    """`[{"sentence", "start", "end", "facts": [{"id", "title", "score", "why"}, …]}, …]`."""
    context = check_context()
    mentions = actor_mentions(message.text, context.names)
    sentences = checkable_sentences(message.text, message.language, mentions, context.places)
    if not sentences:
        return []
    readings = read_numbers(message.text, message.language)
    facts = list(_facts())
    results = []
    for sentence in sentences:
        folded = fold_with_offsets(sentence.words)[0]
        actors = {m.actor_id for m in mentions if sentence.start <= m.start < sentence.end}
        ranked = []
        for fact in facts:
            score, why = _score(fact, sentence, folded, actors, readings)
            if score > 0:
                ranked.append({"id": fact.pk, "title": fact.title, "score": score, "why": why})
        ranked.sort(key=lambda f: (-f["score"], f["id"]))
        results.append(
            {
                "sentence": sentence.words,
                "start": sentence.start,
                "end": sentence.end,
                "facts": ranked[:_PER_SENTENCE],
            }
        )
    return results
