"""Alias expansion: a search for "daesh" also finds what says "ISIS" or "Islamic State"."""

import re
from dataclasses import dataclass

from evidence.models import Actor, ActorAlias
from evidence.selectors.actors import alias_normalize

__all__ = ["QueryGroup", "query_groups", "query_words"]

# The longest alias, in words, looked for inside a query ("Lashkar e Jhangvi Al Alami").
MAX_ALIAS_WORDS = 6
# Aliases this short ("IS") are ordinary words too; they expand only when typed in capitals.
SHORT_ALIAS = 2

_WORD_RE = re.compile(r"\w+", re.UNICODE)


def _fold(text: str) -> str:
    """Case-, accent- and punctuation-free form: "Jamaat-ul-Ahrar" → "jamaatulahrar"."""
    return alias_normalize(text)


def query_words(text: str) -> list[str]:
    """The words of a query or an alias, as the search backends match them."""
    return _WORD_RE.findall(text)


@dataclass(frozen=True)
class QueryGroup:
    """Words of the query that must all match, each group as one of its alternatives: the
    words as typed or, when they name an actor, any of the actor's names."""

    alternatives: tuple[tuple[str, ...], ...]

    @property
    def typed(self) -> tuple[str, ...]:
        return self.alternatives[0]


def _names_by_fold() -> dict[str, list[str]]:
    """Every actor's names (its name and aliases), keyed by each folded name; two queries."""
    names_of: dict[int, list[str]] = {}
    for pk, name in Actor.objects.values_list("pk", "name"):
        names_of.setdefault(pk, []).append(name)
    for actor_id, alias in ActorAlias.objects.values_list("actor_id", "alias"):
        names_of.setdefault(actor_id, []).append(alias)
    by_fold: dict[str, list[str]] = {}
    for names in names_of.values():
        for name in names:
            if _fold(name):
                by_fold.setdefault(_fold(name), names)
    return by_fold


def query_groups(text: str) -> list[QueryGroup]:
    """Split a query into groups, expanding each run of words that names an actor (longest
    first) into all the actor's names."""
    words = query_words(text)
    if not words:
        return []
    by_fold = _names_by_fold()
    groups: list[QueryGroup] = []
    i = 0
    while i < len(words):
        for length in range(min(MAX_ALIAS_WORDS, len(words) - i), 0, -1):
            typed = words[i : i + length]
            folded = _fold("".join(typed))
            names = by_fold.get(folded)
            if names and (len(folded) > SHORT_ALIAS or "".join(typed).isupper()):
                alternatives = [tuple(typed)]
                for name in names:
                    name_words = tuple(query_words(name))
                    # A short alias ("IS") as an alternative would match every "is".
                    if len(_fold(name)) <= SHORT_ALIAS:
                        continue
                    if name_words and name_words not in alternatives:
                        alternatives.append(name_words)
                groups.append(QueryGroup(alternatives=tuple(alternatives)))
                i += length
                break
        else:
            groups.append(QueryGroup(alternatives=((words[i],),)))
            i += 1
    return groups
