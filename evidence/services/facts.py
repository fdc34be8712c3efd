"""Documenting facts, verifying them and resolving their conflicts."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from common.audit import audit_record, audit_record_many
from common.batching import batched
from common.errors import InvalidInput, NotAllowed, TransitionNotAllowed
from common.roles import REVIEWERS, has_role
from common.words import Words
from evidence.models import Actor, ConflictResolution, Fact
from evidence.search.documents import search_document_for_fact, search_documents_save
from evidence.services.conflicts import FACT_FIELDS_RECOMPUTED_FROM, fact_recompute
from evidence.services.validation import Someone, model_clean, signed_in
from evidence.signals import (
    CHANGE_ATTRIBUTION,
    CHANGE_DATE,
    CHANGE_RELATION,
    evidence_changed,
)
from evidence.text import text_check, text_fields_check

__all__ = [
    "FACT_ACTOR_LIST_FIELDS",
    "FACT_EDITABLE_FIELDS",
    "FactDraft",
    "fact_check",
    "fact_create",
    "fact_prepare",
    "fact_resolve_conflict",
    "fact_update",
    "fact_verify",
    "facts_create_many",
]

# What a user may write on a fact (the API, the admin form), in the order forms show it; the
# rest (status, figures, conflicts) is computed from the excerpts or set by a reviewer.
FACT_EDITABLE_FIELDS = (
    "kind",
    "title",
    "summary",
    "occurred_on",
    "date_precision",
    "place",
    "province",
    "country",
    "target_type",
    "victim_community",
    "claimed_by",
    "attributed_to",
    "subject_actor",
    "object_actor",
    "relation",
)
# Lists of actors: set once the row exists, so left out of the row's own checks.
FACT_ACTOR_LIST_FIELDS = ("claimed_by", "attributed_to")
_MANY = set(FACT_ACTOR_LIST_FIELDS)
_SCALAR = set(FACT_EDITABLE_FIELDS) - _MANY
_RELATIONSHIP_ONLY = ("subject_actor", "object_actor", "relation")
# Changing these changes what the fact claims: a verification no longer holds, and whatever
# rests on the fact is told (code per group).
_SUBSTANTIVE = {
    CHANGE_DATE: {"occurred_on", "date_precision"},
    CHANGE_ATTRIBUTION: {"claimed_by", "attributed_to"},
    CHANGE_RELATION: {"subject_actor", "object_actor", "relation", "kind"},
}


def _actors(value: Any, *, field: str) -> list[Actor]:
    actors = list(value or [])
    if not all(isinstance(a, Actor) and a.pk for a in actors):
        raise InvalidInput("Must be a list of known actors.", field=field)
    return actors


def _truncated(day: date | None, precision: str) -> date | None:
    """A date known only to the month (year) is stored as its first day (of January), so two
    facts with the same month compare equal."""
    if day is None or not isinstance(day, date):
        return day
    if precision == Fact.DatePrecision.MONTH:
        return day.replace(day=1)
    if precision == Fact.DatePrecision.YEAR:
        return day.replace(month=1, day=1)
    return day


def fact_check(*, fact: Fact) -> None:
    """Check a fact's fields without writing: the rules per kind, on top of the model's own
    field validation (a month/year-precision date is truncated to its first day)."""
    fact.title = (fact.title or "").strip()
    # Who created or verified it is set by the services from the signed-in user, never from
    # input: checking that row exists would cost a query per fact.
    model_clean(fact, exclude=[*FACT_ACTOR_LIST_FIELDS, "created_by", "verified_by"])
    problems: dict[str, list[str]] = {}
    if fact.kind == Fact.Kind.RELATIONSHIP:
        for name in _RELATIONSHIP_ONLY:
            if not getattr(fact, name):
                problems[name] = [
                    "A relationship needs a subject actor, an object actor and a relation."
                ]
        if fact.subject_actor_id and fact.subject_actor_id == fact.object_actor_id:
            problems["object_actor"] = ["An actor cannot stand in a relationship with itself."]
    else:
        for name in _RELATIONSHIP_ONLY:
            if getattr(fact, name):
                problems[name] = ["Only relationships have a subject, an object and a relation."]
    if fact.kind == Fact.Kind.INCIDENT and fact.occurred_on is None:
        problems["occurred_on"] = [
            "An incident needs a date (give date_precision month or "
            "year when the day is not known)."
        ]
    if problems:
        raise InvalidInput(problems)
    fact.occurred_on = _truncated(fact.occurred_on, fact.date_precision)


def _fields_check(fields: dict[str, Any]) -> None:
    unknown = set(fields) - _SCALAR - _MANY
    if unknown:
        raise InvalidInput({name: ["Unknown field."] for name in sorted(unknown)})
    text_fields_check({k: v for k, v in fields.items() if k not in _MANY})
    for name in ("subject_actor", "object_actor"):
        value = fields.get(name)
        if value is not None and not (isinstance(value, Actor) and value.pk):
            raise InvalidInput("Must be a known actor.", field=name)


@dataclass
class FactDraft:
    """A fact checked and ready to be written, with its lists of actors."""

    fact: Fact
    claimed_by: list[Actor]
    attributed_to: list[Actor]


def fact_prepare(*, kind: str, title: str, created_by: Someone, **fields: Any) -> FactDraft:
    """Check a new fact without writing (the rules `fact_create` applies): 400 naming the
    field otherwise."""
    _fields_check({"kind": kind, "title": title, **fields})
    claimed = _actors(fields.pop("claimed_by", None), field="claimed_by")
    attributed = _actors(fields.pop("attributed_to", None), field="attributed_to")
    fact = Fact(kind=kind, title=title, created_by=signed_in(created_by), **fields)
    fact_check(fact=fact)
    return FactDraft(fact=fact, claimed_by=claimed, attributed_to=attributed)


@transaction.atomic
@batched
def fact_create(*, kind: str, title: str, created_by: Someone, **fields: Any) -> Fact:
    """Document a fact (`claimed_by`/`attributed_to` as lists of Actor); its status and
    figures come from the excerpts later attached to it."""
    draft = fact_prepare(kind=kind, title=title, created_by=created_by, **fields)
    fact = draft.fact
    fact.save()
    fact.claimed_by.set(draft.claimed_by)
    fact.attributed_to.set(draft.attributed_to)
    audit_record(actor=signed_in(created_by), action="fact.create", target=fact)
    return fact_recompute(fact=fact, sources_unchanged=True)


@transaction.atomic
@batched
def facts_create_many(*, drafts: list[FactDraft], created_by: Someone) -> list[Fact]:
    """Write facts checked by `fact_prepare` in a few queries, however many (an import):
    their rows, actors, audit entries and search entries. They have no excerpts yet, so there
    is nothing to recompute or announce; whoever adds excerpts recomputes them."""
    facts = Fact.objects.bulk_create([draft.fact for draft in drafts])
    for name in FACT_ACTOR_LIST_FIELDS:
        through = getattr(Fact, name).through
        through.objects.bulk_create(
            through(fact_id=draft.fact.pk, actor_id=actor.pk)
            for draft in drafts
            for actor in getattr(draft, name)
        )
    audit_record_many(actor=signed_in(created_by), action="fact.create", targets=facts)
    search_documents_save(
        [
            search_document_for_fact(
                draft.fact,
                actor_names=[a.name for a in (*draft.claimed_by, *draft.attributed_to)],
            )
            for draft in drafts
        ]
    )
    return facts


@transaction.atomic
@batched
def fact_update(*, fact: Fact, actor: Someone, **fields: Any) -> Fact:
    """Edit a fact. Changing what it claims (date, responsibility, relation) lifts a
    verification and tells whatever rests on it."""
    _fields_check(fields)
    # The row as stored now (locked): a caller's instance may be older than its verification.
    fact = Fact.objects.select_for_update().get(pk=fact.pk)
    many = {name: _actors(fields.pop(name), field=name) for name in list(fields) if name in _MANY}
    before = {name: getattr(fact, name) for name in fields}
    before_many = {name: set(getattr(fact, name).all()) for name in many}
    for name, value in fields.items():
        setattr(fact, name, value)
    fact_check(fact=fact)
    changed = {n for n in fields if getattr(fact, n) != before[n]}
    changed |= {n for n, actors in many.items() if set(actors) != before_many[n]}
    codes = [code for code, names in _SUBSTANTIVE.items() if changed & names]
    # Only the edited columns: the computed ones (status, figures …) belong to fact_recompute,
    # and a caller's instance may be older than them.
    columns = [*fields, "updated_at"]
    if codes and fact.verified_at is not None:
        columns += ["verified_at", "verified_by"]
        fact.verified_at, fact.verified_by = None, None
        audit_record(
            actor=signed_in(actor),
            action="fact.verification_lapsed",
            target=fact,
            comment="What the fact claims was changed after it was verified.",
        )
    fact.save(update_fields=columns)
    for name, actors in many.items():
        getattr(fact, name).set(actors)
    audit_record(
        actor=signed_in(actor), action="fact.update", target=fact, data={"fields": sorted(changed)}
    )
    if FACT_FIELDS_RECOMPUTED_FROM & set(columns):
        fact = fact_recompute(fact=fact, sources_unchanged=True)
    for code in codes:
        evidence_changed.send(
            sender=Fact,
            fact_ids=[fact.pk],
            code=code,
            reason=f"Fact '{fact.title}' was edited ({', '.join(sorted(changed))}).",
        )
    return fact


def _reviewer_check(user: Someone) -> None:
    if user is None or not has_role(user, REVIEWERS):
        raise NotAllowed(Words("Only Reviewers may do this."))


@transaction.atomic
@batched
def fact_verify(*, fact: Fact, reviewer: Someone) -> Fact:
    """A reviewer vouches for the fact as its evidence stands now; refused (409) while it has
    no countable evidence or an unresolved conflict."""
    _reviewer_check(reviewer)
    fact = Fact.objects.select_for_update().get(pk=fact.pk)
    problems = []
    if fact.verified_at is not None:
        problems.append(
            {"code": "already_verified", "message": Words("The fact is already verified.")}
        )
    if fact.excerpt_count == 0:
        problems.append(
            {"code": "no_evidence", "message": Words("No excerpt of an active source supports it.")}
        )
    for conflict in fact.conflicts:
        if conflict.get("resolution") is None:
            problems.append(
                {
                    "code": "unresolved_conflict",
                    "message": Words(
                        "The sources disagree on %(field)s; resolve it first.",
                        field=conflict["field"],
                    ),
                    "field": conflict["field"],
                }
            )
    if problems:
        raise TransitionNotAllowed(Words("The fact cannot be verified now."), problems=problems)
    fact.verified_at = timezone.now()
    fact.verified_by = signed_in(reviewer)
    fact.save(update_fields=["verified_at", "verified_by", "updated_at"])
    audit_record(actor=signed_in(reviewer), action="fact.verify", target=fact)
    return fact_recompute(fact=fact, sources_unchanged=True)


@transaction.atomic
@batched
def fact_resolve_conflict(
    *, fact: Fact, field: str, wording: str, reason: str, reviewer: Someone
) -> Fact:
    """A reviewer chooses how to word a disputed field, with a reason. The conflict stays in
    `conflicts`, now carrying its `resolution`."""
    _reviewer_check(reviewer)
    for name, value in (("field", field), ("wording", wording), ("reason", reason)):
        text_check(value, field=name)
    wording, reason = wording.strip(), reason.strip()
    fact = Fact.objects.select_for_update().get(pk=fact.pk)
    fields = [c["field"] for c in fact.conflicts]
    problems: dict[str, list[str]] = {}
    if field not in fields:
        problems["field"] = [
            Words(
                "The fact has no conflict on this field; its conflicts are on: %(fields)s.",
                fields=", ".join(fields),
            )
            if fields
            else Words("The fact has no conflict on this field.")
        ]
    if not wording:
        problems["wording"] = [Words("Give the wording to use.")]
    elif len(wording) > 300:
        problems["wording"] = [Words("At most %(count)s characters.", count=300)]
    if not reason:
        problems["reason"] = [Words("Say why this wording is right.")]
    if problems:
        raise InvalidInput(problems)
    resolution = ConflictResolution.objects.create(
        fact=fact, field=field, wording=wording, reason=reason, resolved_by=signed_in(reviewer)
    )
    for conflict in fact.conflicts:
        if conflict["field"] == field:
            conflict["resolution"] = {
                "wording": wording,
                "reason": reason,
                "resolved_by": reviewer.pk if reviewer is not None else None,
                "resolved_at": resolution.resolved_at.isoformat(),
            }
    fact.save(update_fields=["conflicts", "updated_at"])
    audit_record(
        actor=signed_in(reviewer),
        action="fact.resolve_conflict",
        target=fact,
        comment=reason,
        data={"field": field, "wording": wording},
    )
    return fact_recompute(fact=fact, sources_unchanged=True)
