"""Folding names so spellings and scripts compare alike, and the branches groups belong to."""

import re
import unicodedata
from collections.abc import Iterable

from evidence.vocabulary import actor_groups

__all__ = ["fold_with_offsets", "name_key", "parents_of"]

# Letters written several ways in Arabic-script text, mapped to one form each.
_LETTERS = str.maketrans(
    {"ي": "ی", "ى": "ی", "ك": "ک", "ە": "ہ", "ة": "ہ", "أ": "ا", "إ": "ا", "آ": "ا"}
)
_SILENT = {"\u200c", "\u200d", "\u0640", "\u200f", "\u200e"}  # joiners, tatweel, direction marks


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """`text` case-, accent- and script-variant-folded, with the offset in `text` of each
    character kept, so a match in the folded text maps back to the words as written."""
    chars: list[str] = []
    offsets: list[int] = []
    for index, char in enumerate(text):
        if char in _SILENT or unicodedata.combining(char):
            continue
        base = unicodedata.normalize("NFKD", char)[0].translate(_LETTERS)
        lower = base.lower()
        chars.append(lower if len(lower) == 1 else base)
        offsets.append(index)
    return "".join(chars), offsets


def name_key(name: str) -> str:
    folded, _ = fold_with_offsets(name)
    return " ".join(re.findall(r"\w+", folded))


def parents_of(actors: Iterable[tuple[int, str, list[str]]]) -> dict[int, int]:
    """Actor id → id of the group it belongs to, per `belongs_to` in actors.toml (ISIS-K →
    ISIS), for the actors present; a group whose parent is not in the archive has none."""
    by_key: dict[str, int] = {}
    for actor_id, name, aliases in actors:
        for spelling in (name, *aliases):
            by_key.setdefault(name_key(spelling), actor_id)
    parents: dict[int, int] = {}
    for group in actor_groups():
        if not group.belongs_to:
            continue
        child = next((by_key[name_key(n)] for n in group.names if name_key(n) in by_key), None)
        parent = by_key.get(name_key(group.belongs_to))
        if child is not None and parent is not None and child != parent:
            parents[child] = parent
    return parents
