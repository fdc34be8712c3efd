"""Who a sentence says did an attack, and who it says claimed it.

An actor counts as stated responsible only when the sentence makes it the doer: the subject of
an attack verb ("Daesh bombed the shrine", "داعش نے مزار پر حملہ کیا"), the agent of a passive
("carried out by ISIS"), or the owner of the attack noun ("the ISIS bombing"). A word such as
"target" nearby is not enough: "ISIS calls the gathering a legitimate target" says what ISIS
threatens, not what it did. The words come from `evidence.vocabulary` (claims.toml).
"""

import re
from dataclasses import dataclass
from functools import cache

from campaigns.services.claim_checks.actors import ActorMention
from evidence.vocabulary import claim_words

__all__ = ["Statement", "disputed_nearby", "responsibility_statements"]

_MAX_WORDS_BETWEEN = 6
_SENTENCE_END = re.compile(r"(?<!\d)[.!?](?!\d)|[۔؟\n]")


@dataclass(frozen=True)
class Statement:
    """What a sentence says about one actor: `did` it (form: active, passive, noun) or
    `claimed` it; with the words that say so and their offsets."""

    actor: ActorMention
    says: str  # "did" | "claimed"
    form: str  # "active" | "passive" | "noun" | "claimed"
    start: int
    end: int
    words: str
    verb: str = ""


def _alternation(entries: list[str]) -> str:
    return "|".join(f"(?:{e})" for e in sorted(entries, key=len, reverse=True))


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    table = claim_words()
    doer = table["doer"]
    flags = re.IGNORECASE
    return {
        "active": re.compile(rf"(?<!\w)(?:{_alternation(doer['active'])})", flags),
        "passive_before": re.compile(
            rf"(?<!\w)(?:{_alternation(doer['passive_before'])})\s+(?:the\s+)?$", flags
        ),
        "passive_after": re.compile(rf"^\s*(?:{_alternation(doer['passive_after'])})", flags),
        "noun_after": re.compile(rf"^(?:{_alternation(doer['nouns_after'])})", flags),
        "ergative": re.compile(rf"^\s*(?:{_alternation(doer['ergative'])})(?!\w)"),
        "claim": re.compile(rf"(?<!\w)(?:{_alternation(table['claim']['words'])})", flags),
        "lives": re.compile(rf"(?<!\w)(?:{_alternation(table['claim']['lives'])})", flags),
        "blocker": re.compile(rf"(?<!\w)(?:{_alternation(table['not_doer']['blockers'])})", flags),
        "disputed": re.compile(rf"(?<!\w)(?:{_alternation(table['disputed']['words'])})", flags),
        "claimed_by": re.compile(r"\bclaimed\s+by\s+(?:the\s+)?$", flags),
    }


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    begin = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    found = _SENTENCE_END.search(text, end)
    return begin, found.start() if found else len(text)


def disputed_nearby(text: str, start: int, end: int) -> bool:
    """Does the sentence around these words say the claim is disputed or denied?"""
    begin, finish = _sentence(text, start, end)
    return bool(_patterns()["disputed"].search(text[begin:finish]))


def _statement(text: str, actor: ActorMention, others: list[ActorMention]) -> Statement | None:
    patterns = _patterns()
    begin, finish = _sentence(text, actor.start, actor.end)
    # "The bombing claimed 53 lives" counts the dead: blank it out of what we read.
    sentence = patterns["lives"].sub(lambda m: " " * len(m.group(0)), text[:finish])
    before, after = sentence[begin : actor.start], sentence[actor.end : finish]
    if patterns["claimed_by"].search(before):
        start = before.rfind("claimed") + begin
        return Statement(actor, "claimed", "claimed", start, actor.end, text[start : actor.end])
    passive = patterns["passive_before"].search(before)
    if passive:
        start = begin + passive.start()
        return Statement(actor, "did", "passive", start, actor.end, text[start : actor.end])
    passive_after = patterns["passive_after"].match(after)
    if passive_after:
        end = actor.end + passive_after.end()
        return Statement(actor, "did", "passive", actor.start, end, text[actor.start : end])
    noun = patterns["noun_after"].match(after)
    if noun:
        end = actor.end + noun.end()
        words = text[actor.start : end].rstrip()
        return Statement(actor, "did", "noun", actor.start, actor.start + len(words), words)
    # The actor as the subject: the clause after it, up to the next actor named.
    limit = min([o.start for o in others if o.start > actor.start] + [finish])
    clause = sentence[actor.end : limit]
    ergative = patterns["ergative"].match(clause)
    verb = patterns["active"].search(clause)
    claim = patterns["claim"].search(clause)
    if claim and (verb is None or claim.start() < verb.start()):
        end = actor.end + claim.end()
        return Statement(actor, "claimed", "claimed", actor.start, end, text[actor.start : end])
    if verb is None:
        return None
    between = clause[: verb.start()]
    if ergative is None and len(between.split()) > _MAX_WORDS_BETWEEN:
        return None
    if patterns["blocker"].search(between) or re.search(r"[,;:]\s*$", between):
        return None
    if ergative is None and re.search(r"\b(?:which|who|that|whom|whose)\b", between):
        return None
    end = actor.end + verb.end()
    return Statement(
        actor, "did", "active", actor.start, end, text[actor.start : end], verb.group(0)
    )


def responsibility_statements(text: str, actors: list[ActorMention]) -> list[Statement]:
    """For each actor named in `text`, what the sentence says it did or claimed (if anything)."""
    statements = []
    for actor in actors:
        statement = _statement(text, actor, actors)
        if statement is not None:
            statements.append(statement)
    return statements
