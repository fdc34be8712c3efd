"""Responsibility checks: a claim that says an actor did an attack, or that it claimed it, read
against who the evidence says claimed it, did it, and denied it.

- `attribution_disputed`: the claim makes an actor the doer while the evidence only records its
  claim, names someone else, or disagrees about who did it.
- `attribution_denied`: the claim states that an actor did or claimed the attack, the evidence
  records a denial by that actor or by the group it belongs to, and the sentence does not say
  the claim is disputed.

Each flag names the words that say it (`words`, `start`, `end`) and, where one reads well, a
wording that replaces exactly those words.
"""

from dataclasses import dataclass
from typing import Any

from campaigns.services.claim_checks.actors import ActorName, actor_mentions
from campaigns.services.claim_checks.checks import flag, where
from campaigns.services.claim_checks.responsibility import (
    Statement,
    disputed_nearby,
    responsibility_statements,
)
from evidence.models import Excerpt, Fact, Source

__all__ = [
    "Responsibility",
    "attribution_flags",
    "fact_responsibility",
    "reported_responsibility",
    "responsibility_flags",
]

# Who an excerpt says claimed, did or denied the attack; each a list of actors on the excerpt.
_REPORTED = {
    "claimed": "reported_claimed_by",
    "attributed": "reported_attributed_to",
    "denied": "reported_denied_by",
}
Reported = dict[str, dict[int, str]]

Flag = dict[str, Any]


@dataclass(frozen=True)
class Responsibility:
    """What the evidence says about who did an attack: actor id → name for each list, and
    whether an attribution conflict is open."""

    claimed: dict[int, str]
    attributed: dict[int, str]
    denied: dict[int, str]
    disputed: bool


def reported_responsibility(fact_ids: list[int]) -> dict[int, Reported]:
    """What the countable excerpts (anchored, of an active source) of these facts say about
    responsibility, per fact: three queries however many excerpts, no excerpt rows loaded."""
    reported: dict[int, Reported] = {pk: {key: {} for key in _REPORTED} for pk in fact_ids}
    for key, name in _REPORTED.items():
        through = getattr(Excerpt, name).through
        rows = through.objects.filter(
            excerpt__fact_id__in=fact_ids,
            excerpt__anchored=True,
            excerpt__source__status=Source.Status.ACTIVE,
        ).values_list("excerpt__fact_id", "actor_id", "actor__name")
        for fact_id, actor_id, actor_name in rows:
            reported[fact_id][key][actor_id] = actor_name
    return reported


def fact_responsibility(fact: Fact, reported: Reported | None = None) -> Responsibility:
    """Who claimed the attack, who it is attributed to and who denied it, per the fact and per
    each of its countable excerpts (a source admin may record either). `reported`: what the
    excerpts say (`reported_responsibility`), when not read from the prefetched excerpts."""
    if reported is None:
        reported = {key: {} for key in _REPORTED}
        for excerpt in fact.excerpts.all():
            if excerpt.anchored and excerpt.source.status == Source.Status.ACTIVE:
                for key, name in _REPORTED.items():
                    reported[key].update((a.pk, a.name) for a in getattr(excerpt, name).all())
    claimed = {a.pk: a.name for a in fact.claimed_by.all()} | reported["claimed"]
    attributed = {a.pk: a.name for a in fact.attributed_to.all()} | reported["attributed"]
    denied = dict(reported["denied"])
    disputed = any(
        c.get("kind") == "attribution" and not c.get("resolution") for c in fact.conflicts or []
    )
    return Responsibility(claimed, attributed, denied, disputed)


def _claimed_form(statement: Statement, actor: str) -> str | None:
    """The statement reworded to report a claim, replacing exactly its words."""
    if not statement.words.isascii():
        return None  # no reliable rewording in right-to-left scripts: the message says what to do
    if statement.form == "passive" or statement.form == "claimed":
        return f"claimed by {actor}" if statement.form == "passive" else None
    if statement.form == "noun":
        noun = statement.words[len(statement.actor.words) :].lstrip("'’s-").strip()
        noun = noun.removeprefix("s ").strip()
        return f"{actor}-claimed {noun}".strip()
    return f"{actor} claimed it {statement.verb}".strip()


def _denial_flag(statement: Statement, denier: str) -> Flag:
    actor = statement.actor.actor_name
    reworded = _claimed_form(statement, actor) if statement.says == "did" else statement.words
    said = "claimed" if statement.says == "claimed" else "carried out"
    suggestion = f"{reworded} (a claim {denier} denied)" if reworded else None
    return flag(
        "attribution_denied",
        f"The claim says {actor} {said} the attack, but {denier} denied responsibility; say "
        "that the claim is disputed.",
        suggestion,
        actor_id=statement.actor.actor_id,
        **where(statement.words, statement.start, statement.end),
    )


def attribution_flags(
    *, claim: str, fact: Fact, names: list[ActorName], parents: dict[int, int] | None = None
) -> list[Flag]:
    return responsibility_flags(
        claim=claim, evidence=fact_responsibility(fact), names=names, parents=parents or {}
    )


def responsibility_flags(
    *, claim: str, evidence: Responsibility, names: list[ActorName], parents: dict[int, int]
) -> list[Flag]:
    """The flags of one claim given what the evidence says about responsibility (pure)."""
    claimed, attributed, denied = evidence.claimed, evidence.attributed, evidence.denied
    disputed = evidence.disputed
    flags: list[Flag] = []
    seen: set[tuple[str, int]] = set()
    for statement in responsibility_statements(claim, actor_mentions(claim, names)):
        actor_id, actor = statement.actor.actor_id, statement.actor.actor_name
        opposing = [denied[a] for a in (actor_id, parents.get(actor_id)) if a in denied]
        if opposing and not disputed_nearby(claim, statement.start, statement.end):
            if ("denied", actor_id) not in seen:
                seen.add(("denied", actor_id))
                flags.append(_denial_flag(statement, opposing[0]))
            continue
        if statement.says != "did" or ("did", actor_id) in seen:
            continue
        seen.add(("did", actor_id))
        if actor_id in claimed:
            suggestion = _claimed_form(statement, actor)
        elif claimed:
            suggestion = _claimed_form(statement, " and ".join(sorted(claimed.values())))
        else:
            suggestion = None
        if disputed:
            message = (
                f"Sources disagree about who carried out this attack; the claim says {actor} did."
            )
        elif actor_id in attributed:
            continue
        elif actor_id in claimed:
            message = (
                f"The evidence records only that {actor} claimed responsibility, not that it "
                "carried out the attack."
            )
        else:
            message = f"The evidence does not name {actor} as responsible for this attack."
        flags.append(
            flag(
                "attribution_disputed",
                message,
                suggestion,
                actor_id=actor_id,
                **where(statement.words, statement.start, statement.end),
            )
        )
    return flags
