"""Independent origins: copies of one wire story do not corroborate each other.

Two sources are one origin when their texts are near-duplicates — the Jaccard similarity of
their sets of five-word shingles is at least `NEAR_DUPLICATE` — or when they share a publisher.
A fact's evidence rests on few sources, so the exact Jaccard is computed pairwise; no sketch
(MinHash) is needed at that size. The grouping is transitive (A copies B, B copies C: one
origin).
"""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

__all__ = [
    "NEAR_DUPLICATE",
    "SourceText",
    "origins_of",
    "origins_regrouped",
    "shingles",
    "similarity",
]

NEAR_DUPLICATE = 0.5
_SHINGLE = 5


@dataclass(frozen=True)
class SourceText:
    """What the grouping reads of a source: its id, publisher and text."""

    id: int
    publisher: str
    text: str


def shingles(text: str, size: int = _SHINGLE) -> frozenset[tuple[str, ...]]:
    """The text's overlapping `size`-word sequences, case and punctuation folded."""
    words = re.findall(r"\w+", text.casefold())
    if len(words) < size:
        return frozenset([tuple(words)]) if words else frozenset()
    return frozenset(tuple(words[i : i + size]) for i in range(len(words) - size + 1))


def similarity(a: frozenset[tuple[str, ...]], b: frozenset[tuple[str, ...]]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


class _Grouping:
    """Union-find over source ids, comparing each pair at most once."""

    def __init__(self, ids: Iterable[int]):
        self.parent = {i: i for i in ids}

    def root(self, x: int) -> int:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def join(self, a: int, b: int) -> None:
        self.parent[self.root(b)] = self.root(a)

    def result(self) -> dict[str, object]:
        groups: dict[int, list[int]] = {}
        for s in sorted(self.parent):
            groups.setdefault(self.root(s), []).append(s)
        ordered = sorted(groups.values())
        return {"reports": len(self.parent), "independent": len(ordered), "groups": ordered}


class _Shingles(dict[int, frozenset[tuple[str, ...]]]):
    """Each source's shingles, made the first time a comparison needs them: a fact with one
    source, or whose sources share a publisher, never pays for its texts (an incident import
    gives each fact one source of a whole batch of rows, 100 KB and more)."""

    def __init__(self, sources: dict[int, SourceText]):
        super().__init__()
        self.sources = sources

    def __missing__(self, source_id: int) -> frozenset[tuple[str, ...]]:
        made = self[source_id] = shingles(self.sources[source_id].text)
        return made


def _publisher(source: SourceText) -> str:
    return source.publisher.strip().casefold()


def _one_origin(a: SourceText, b: SourceText, sets: dict[int, frozenset[tuple[str, ...]]]) -> bool:
    same_publisher = bool(_publisher(a)) and _publisher(a) == _publisher(b)
    return same_publisher or similarity(sets[a.id], sets[b.id]) >= NEAR_DUPLICATE


def origins_of(sources: Iterable[SourceText]) -> dict[str, object]:
    """`{"reports": n, "independent": m, "groups": [[source ids], …]}` for these sources."""
    items = sorted({s.id: s for s in sources}.values(), key=lambda s: s.id)
    grouping = _Grouping(s.id for s in items)
    sets = _Shingles({s.id: s for s in items})
    for i, a in enumerate(items):
        for b in items[i + 1 :]:
            if grouping.root(a.id) != grouping.root(b.id) and _one_origin(a, b, sets):
                grouping.join(a.id, b.id)
    return grouping.result()


def origins_regrouped(
    old: dict[str, Any], now: set[int], texts: Callable[[set[int]], list[SourceText]]
) -> dict[str, object]:
    """`origins_of` the sources `now`, from `old` (their grouping before some sources were
    added or removed, none of them edited) — the same result at the cost of the change: a
    group that lost a source is regrouped among its remaining members (they had no tie to
    any other group), and each added source is compared with every source, once. `texts`
    loads the sources asked for."""
    before = {s for group in old["groups"] for s in group}
    removed, added = before - now, now - before
    grouping = _Grouping(now)
    broken: set[int] = set()
    for group in old["groups"]:
        kept = [s for s in group if s in now]
        if removed & set(group):
            broken.update(kept)
            continue
        for s in kept[1:]:
            grouping.join(kept[0], s)
    wanted = (now if added else broken) if (added or broken) else set()
    loaded = {s.id: s for s in texts(wanted)} if wanted else {}
    sets = _Shingles(loaded)
    regroup = sorted(broken)
    for i, a in enumerate(regroup):
        for b in regroup[i + 1 :]:
            if _one_origin(loaded[a], loaded[b], sets):
                grouping.join(a, b)
    for a in sorted(added):
        for b in sorted(now):
            # Pairs of two added sources are compared once (a < b); a pair already in one
            # group needs no comparison.
            if b == a or (b in added and b < a) or grouping.root(a) == grouping.root(b):
                continue
            if _one_origin(loaded[a], loaded[b], sets):
                grouping.join(a, b)
    return grouping.result()
