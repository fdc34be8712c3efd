"""Finding actors by any of their names: case-, accent- and punctuation-tolerant."""

import re
import unicodedata

from django.db.models import Prefetch, Q, QuerySet

from evidence.models import Actor, ActorAlias

__all__ = ["actor_find", "actor_list", "alias_normalize"]

_NOT_ALNUM = re.compile(r"[\W_]+")


def alias_normalize(value: str) -> str:
    """Fold a name for comparison: accents dropped, case folded, punctuation and spaces
    removed, so "Jamat-ul-Ahrar", "Jamatul Ahrar" and "JAMAT UL AHRAR" are one key, as are
    "ISIS-K" and "ISIS K". Spelling variants ("Jamaat" vs "Jamat") stay distinct keys: they
    are stored as aliases of their own."""
    decomposed = unicodedata.normalize("NFKD", value)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NOT_ALNUM.sub("", bare.casefold())


def actor_find(*, name: str) -> Actor | None:
    """The actor that `name` names (its name or one of its aliases), or None."""
    key = alias_normalize(name)
    if not key:
        return None
    alias = ActorAlias.objects.select_related("actor").filter(normalized=key).first()
    return alias.actor if alias else None


def actor_list(*, q: str = "") -> QuerySet[Actor]:
    """Actors with their aliases prefetched; `q` matches names and aliases (tolerantly)."""
    actors = Actor.objects.prefetch_related(
        Prefetch("aliases", queryset=ActorAlias.objects.order_by("alias"))
    ).order_by("name")
    q = q.strip()
    if q:
        key = alias_normalize(q)
        match = Q(name__icontains=q)
        if key:
            match |= Q(aliases__normalized__contains=key)
        ids = Actor.objects.filter(match).values("id")
        actors = actors.filter(id__in=ids)
    return actors
