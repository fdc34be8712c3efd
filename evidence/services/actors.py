"""Creating and editing actors and their aliases.

The actor's own name is stored as one of its `ActorAlias` rows too, so the unique
`ActorAlias.normalized` column guarantees in the database that a name or alias names exactly one
actor, and a lookup by any name is one indexed query (`evidence.selectors.actors.actor_find`).
"""

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q

from common.audit import audit_record
from common.batching import batched
from common.errors import Conflict, InvalidInput
from common.history import history_update
from common.words import Words
from evidence.models import Actor, ActorAlias, Excerpt, Fact
from evidence.selectors.actors import alias_normalize
from evidence.services.conflicts import facts_recompute
from evidence.services.validation import Someone, model_clean, signed_in
from evidence.text import text_check, text_fields_check

__all__ = [
    "ActorMergePlan",
    "actor_create",
    "actor_merge",
    "actor_merge_plan",
    "actor_names_check",
    "actor_update",
]

_EDITABLE = {"name", "kind", "aliases", "description"}


def actor_names_check(*, actor: Actor | None, name: str, aliases: Iterable[str]) -> dict[str, str]:
    """Check a name and its aliases without writing: normalised key → the spelling to keep.
    Refuses (400) names without letters or digits and names another actor already has."""
    keys: dict[str, str] = {}
    name_key = alias_normalize(name)
    if not name_key:
        raise InvalidInput(Words("A name needs at least one letter or digit."), field="name")
    keys[name_key] = name
    for alias in aliases:
        text_check(alias, field="aliases")
        alias = alias.strip()
        key = alias_normalize(alias)
        if not key:
            raise InvalidInput(
                Words("'%(alias)s' has no letter or digit.", alias=alias), field="aliases"
            )
        keys.setdefault(key, alias)  # spelling variants of one key are one alias
    taken = ActorAlias.objects.filter(normalized__in=list(keys)).select_related("actor")
    if actor is not None:
        taken = taken.exclude(actor=actor)
    problems: dict[str, list[str]] = {}
    for row in taken:
        field = "name" if row.normalized == name_key else "aliases"
        problems.setdefault(field, []).append(
            Words(
                "'%(name)s' already names the actor '%(actor)s'.",
                name=keys[row.normalized],
                actor=row.actor.name,
            )
        )
    if problems:
        raise InvalidInput(problems)
    return keys


def _aliases_save(*, actor: Actor, keys: dict[str, str]) -> None:
    existing = {row.normalized: row for row in actor.aliases.all()}
    ActorAlias.objects.filter(actor=actor).exclude(normalized__in=list(keys)).delete()
    for key, alias in keys.items():
        row = existing.get(key)
        if row is None:
            ActorAlias.objects.create(actor=actor, alias=alias[:200], normalized=key[:200])
        elif row.alias != alias:
            row.alias = alias[:200]
            row.save(update_fields=["alias"])


def _actor_save(*, actor: Actor, keys: dict[str, str]) -> None:
    try:
        with transaction.atomic():
            actor.save()
            _aliases_save(actor=actor, keys=keys)
    except IntegrityError:
        # Another request took one of these names between our check and our write.
        raise InvalidInput(
            Words("One of these names was just given to another actor; try again."),
            field="aliases",
        ) from None


@transaction.atomic
@batched
def actor_create(
    *,
    name: str,
    kind: str = Actor.Kind.ARMED_GROUP,
    aliases: Iterable[str] = (),
    description: str = "",
    created_by: Someone = None,
) -> Actor:
    """Register an actor under `name`, also known as each of `aliases`."""
    aliases = list(aliases)
    text_fields_check({"name": name, "description": description, "kind": kind})
    name = name.strip()
    actor = Actor(name=name, kind=kind, description=description)
    model_clean(actor)
    keys = actor_names_check(actor=None, name=name, aliases=aliases)
    _actor_save(actor=actor, keys=keys)
    audit_record(
        actor=signed_in(created_by), action="actor.create", target=actor, data={"aliases": aliases}
    )
    return actor


@transaction.atomic
@batched
def actor_update(*, actor: Actor, updated_by: Someone = None, **fields: Any) -> Actor:
    """Change an actor's name, kind, description or aliases (`aliases` replaces the list;
    a former name is forgotten unless it is listed among the aliases)."""
    unknown = set(fields) - _EDITABLE
    if unknown:
        raise InvalidInput({name: ["This field cannot be changed."] for name in sorted(unknown)})
    text_fields_check({k: v for k, v in fields.items() if k != "aliases"})
    aliases = fields.pop("aliases", None)
    if aliases is None:
        name_key = alias_normalize(actor.name)
        aliases = [row.alias for row in actor.aliases.all() if row.normalized != name_key]
    aliases = list(aliases)
    for field, value in fields.items():
        setattr(actor, field, value.strip() if field == "name" else value)
    model_clean(actor)
    keys = actor_names_check(actor=actor, name=actor.name, aliases=aliases)
    _actor_save(actor=actor, keys=keys)
    audit_record(
        actor=signed_in(updated_by),
        action="actor.update",
        target=actor,
        data={"fields": sorted(fields), "aliases": aliases},
    )
    return actor


# Where facts and excerpts name an actor in a list (many-to-many).
_FACT_LISTS = ("claimed_by", "attributed_to")
_EXCERPT_LISTS = ("reported_claimed_by", "reported_attributed_to")


@dataclass
class ActorMergePlan:
    """What merging `actor` into `into` changes, worked out before anything is written (the
    page shows it before the admin confirms; the merge carries out exactly this)."""

    actor: Actor
    into: Actor
    aliases: list[str] = dataclasses.field(default_factory=list)
    facts: dict[str, list[int]] = dataclasses.field(default_factory=dict)
    excerpts: dict[str, list[int]] = dataclasses.field(default_factory=dict)

    @property
    def fact_ids(self) -> list[int]:
        """Every fact whose actors or whose excerpts' reported actors change."""
        ids = {pk for pks in self.facts.values() for pk in pks}
        excerpt_ids = {pk for pks in self.excerpts.values() for pk in pks}
        ids |= set(
            Excerpt.objects.filter(pk__in=excerpt_ids, fact__isnull=False).values_list(
                "fact_id", flat=True
            )
        )
        return sorted(ids)

    def as_dict(self) -> dict[str, Any]:
        return {
            "actor": {"id": self.actor.pk, "name": self.actor.name},
            "into": {"id": self.into.pk, "name": self.into.name},
            "aliases": self.aliases,
            "facts": self.facts,
            "excerpts": self.excerpts,
        }


def _merge_check(*, actor: Actor, into: Actor) -> None:
    if actor.pk == into.pk:
        raise InvalidInput(
            Words("An actor cannot be merged into itself; choose another."), field="into"
        )
    # A relation between the two would become a relation of one actor with itself.
    between = Fact.objects.filter(
        Q(subject_actor=actor, object_actor=into) | Q(subject_actor=into, object_actor=actor)
    ).first()
    if between is not None:
        raise Conflict(
            Words(
                "The fact '%(fact)s' states a relation between '%(actor)s' and '%(into)s'; "
                "merged, the actor would be related to itself. Correct or remove that fact first.",
                fact=between.title,
                actor=actor.name,
                into=into.name,
            ),
            fact=between.pk,
        )


def actor_merge_plan(*, actor: Actor, into: Actor) -> ActorMergePlan:
    """What `actor_merge(actor=actor, into=into)` would change (read only). Refuses as the
    merge would: into itself (400 on `into`), or two actors related by a fact (409)."""
    _merge_check(actor=actor, into=into)
    plan = ActorMergePlan(actor=actor, into=into)
    plan.aliases = [row.alias for row in ActorAlias.objects.filter(actor=actor).order_by("alias")]
    for name in _FACT_LISTS:
        through = getattr(Fact, name).through
        plan.facts[name] = sorted(
            through.objects.filter(actor=actor).values_list("fact_id", flat=True)
        )
    for name in ("subject_actor", "object_actor"):
        plan.facts[name] = sorted(Fact.objects.filter(**{name: actor}).values_list("pk", flat=True))
    for name in _EXCERPT_LISTS:
        through = getattr(Excerpt, name).through
        plan.excerpts[name] = sorted(
            through.objects.filter(actor=actor).values_list("excerpt_id", flat=True)
        )
    return plan


@transaction.atomic
@batched
def actor_merge(*, actor: Actor, into: Actor, merged_by: Someone = None) -> Actor:
    """`actor` and `into` turned out to be one group: every name of `actor` (its own name too)
    becomes an alias of `into`, every fact and excerpt naming `actor` names `into` instead,
    the affected facts are recomputed, and `actor` is removed. Audited on both."""
    user = signed_in(merged_by)
    # Lock both in id order, so two merges of the same pair cannot interleave.
    locked = {
        a.pk: a
        for a in Actor.objects.select_for_update().filter(pk__in=[actor.pk, into.pk]).order_by("pk")
    }
    actor, into = locked.get(actor.pk, actor), locked.get(into.pk, into)
    plan = actor_merge_plan(actor=actor, into=into)
    fact_ids = plan.fact_ids
    # Names are unique across actors, so moving the rows cannot clash.
    ActorAlias.objects.filter(actor=actor).update(actor=into)
    for name in _FACT_LISTS:
        for fact in Fact.objects.filter(pk__in=plan.facts[name]):
            # Through the relation manager: the search index hears about it.
            getattr(fact, name).remove(actor)
            getattr(fact, name).add(into)
    for name in ("subject_actor", "object_actor"):
        history_update(
            Fact.objects.filter(**{name: actor}),
            {name: into},
            actor=user,
            comment=f"'{actor.name}' merged into '{into.name}'.",
        )
    for name in _EXCERPT_LISTS:
        for excerpt in Excerpt.objects.filter(pk__in=plan.excerpts[name]):
            getattr(excerpt, name).remove(actor)
            getattr(excerpt, name).add(into)
    data = plan.as_dict()
    audit_record(
        actor=user,
        action="actor.merged_into",
        target=actor,
        data=data,
        comment=f"Merged into '{into.name}'.",
    )
    audit_record(
        actor=user,
        action="actor.merge",
        target=into,
        data=data,
        comment=f"'{actor.name}' merged into this actor.",
    )
    actor.delete()
    facts_recompute(fact_ids=fact_ids)
    into.refresh_from_db()
    return into
