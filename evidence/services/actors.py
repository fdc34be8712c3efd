"""Creating and editing actors and their aliases.

The actor's own name is stored as one of its `ActorAlias` rows too, so the unique
`ActorAlias.normalized` column guarantees in the database that a name or alias names exactly one
actor, and a lookup by any name is one indexed query (`evidence.selectors.actors.actor_find`).
"""

from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError, transaction

from common.audit import audit_record
from common.batching import batched
from common.errors import InvalidInput
from evidence.models import Actor, ActorAlias
from evidence.selectors.actors import alias_normalize
from evidence.services.validation import Someone, model_clean, signed_in
from evidence.text import text_check, text_fields_check

__all__ = ["actor_create", "actor_names_check", "actor_update"]

_EDITABLE = {"name", "kind", "aliases", "description"}


def actor_names_check(*, actor: Actor | None, name: str, aliases: Iterable[str]) -> dict[str, str]:
    """Check a name and its aliases without writing: normalised key → the spelling to keep.
    Refuses (400) names without letters or digits and names another actor already has."""
    keys: dict[str, str] = {}
    name_key = alias_normalize(name)
    if not name_key:
        raise InvalidInput("A name needs at least one letter or digit.", field="name")
    keys[name_key] = name
    for alias in aliases:
        text_check(alias, field="aliases")
        alias = alias.strip()
        key = alias_normalize(alias)
        if not key:
            raise InvalidInput(f"'{alias}' has no letter or digit.", field="aliases")
        keys.setdefault(key, alias)  # spelling variants of one key are one alias
    taken = ActorAlias.objects.filter(normalized__in=list(keys)).select_related("actor")
    if actor is not None:
        taken = taken.exclude(actor=actor)
    problems: dict[str, list[str]] = {}
    for row in taken:
        field = "name" if row.normalized == name_key else "aliases"
        problems.setdefault(field, []).append(
            f"'{keys[row.normalized]}' already names the actor '{row.actor.name}'."
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
            "One of these names was just given to another actor; try again.", field="aliases"
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
