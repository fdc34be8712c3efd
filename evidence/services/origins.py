"""Independent origins: copies of one wire story do not corroborate each other.

Two sources are one origin when their texts are near-duplicates — the Jaccard similarity of
their sets of five-word shingles is at least `NEAR_DUPLICATE` — or when they share a publisher.
A fact's evidence rests on few sources, so the exact Jaccard is computed pairwise; no sketch
(MinHash) is needed at that size. The grouping is transitive (A copies B, B copies C: one
origin).
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["NEAR_DUPLICATE", "SourceText", "origins_of", "shingles", "similarity"]

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


def origins_of(sources: Iterable[SourceText]) -> dict[str, object]:
    """`{"reports": n, "independent": m, "groups": [[source ids], …]}` for these sources."""
    items = sorted({s.id: s for s in sources}.values(), key=lambda s: s.id)
    parent = {s.id: s.id for s in items}

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    sets = {s.id: shingles(s.text) for s in items}
    for i, a in enumerate(items):
        for b in items[i + 1 :]:
            same_publisher = bool(a.publisher.strip()) and (
                a.publisher.strip().casefold() == b.publisher.strip().casefold()
            )
            if same_publisher or similarity(sets[a.id], sets[b.id]) >= NEAR_DUPLICATE:
                parent[root(b.id)] = root(a.id)
    groups: dict[int, list[int]] = {}
    for s in items:
        groups.setdefault(root(s.id), []).append(s.id)
    ordered = sorted(groups.values())
    return {"reports": len(items), "independent": len(ordered), "groups": ordered}
