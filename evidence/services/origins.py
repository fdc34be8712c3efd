"""Independent origins: copies of one wire story do not corroborate each other.

Two sources are one origin when their texts are near-duplicates — the Jaccard similarity of
their sets of five-word shingles is at least `NEAR_DUPLICATE` — or when they share a publisher.
The Jaccard is exact, computed pairwise; no sketch (MinHash) guesses it. The grouping is
transitive (A copies B, B copies C: one origin).

A fact may rest on a thousand sources, so a source added to it is not compared with each of
their texts: each source stores its shingle index (`shingle_index`, set with its text), the
sorted 32-bit hashes of its shingles, from which an upper bound of the Jaccard is read. A pair
whose bound is under `NEAR_DUPLICATE` cannot be one origin; only the others (the copies, or a
source stored without an index) are compared on their texts, so the grouping is exactly the
one the texts give.
"""

import hashlib
import re
import sys
from array import array
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

__all__ = [
    "NEAR_DUPLICATE",
    "SourceIndex",
    "SourceText",
    "origins_of",
    "origins_regrouped",
    "shingle_index",
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


@dataclass(frozen=True)
class SourceIndex:
    """What the grouping reads of a source already on the fact: its id, publisher and stored
    shingle index (None: stored before the index existed, so its text is compared)."""

    id: int
    publisher: str
    index: bytes | None


def _hash(shingle: tuple[str, ...]) -> int:
    # Stable across processes (Python's str hash is not); words never contain a space.
    digest = hashlib.blake2b(" ".join(shingle).encode("utf-8"), digest_size=4).digest()
    return int.from_bytes(digest, "little", signed=True)


def _hashes(index: bytes) -> array:  # type: ignore[type-arg]
    hashes = array("i")
    hashes.frombytes(index)
    if sys.byteorder == "big":  # stored little-endian
        hashes.byteswap()
    return hashes


def shingle_index(text: str) -> bytes:
    """What a source stores of its text for the grouping: the hash of each of its `shingles`,
    sorted, one per shingle (two shingles with one hash keep two entries, so the entries count
    the shingles), as little-endian 4-byte integers (a hash shared by chance only weakens
    the bound, never the grouping: a pair the bound does not rule out is compared on its texts)."""
    hashes = array("i", sorted(_hash(s) for s in shingles(text)))
    if sys.byteorder == "big":
        hashes.byteswap()
    return hashes.tobytes()


def _index_rules_out(
    added: dict[int, int], keys: frozenset[int], added_count: int, index: bytes
) -> bool:
    """Whether a source with this stored index is certainly not a near-duplicate of a source
    whose `added_count` shingles hash to `added` (hash → how many of them; `keys`: its keys).
    A shingle both have is a hash both have, so the shared hashes, each counted as often as
    the added source has it, bound the shared shingles from above, and the Jaccard they give
    bounds the real one (it grows with the intersection)."""
    count = len(index) // 4
    if not added_count or not count:
        return True  # `similarity` of an empty set is 0
    both = keys.intersection(_hashes(index))
    shared = len(both) if len(added) == added_count else sum(added[h] for h in both)
    return shared / (added_count + count - shared) < NEAR_DUPLICATE


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


def _publisher(source: SourceText | SourceIndex) -> str:
    return source.publisher.strip().casefold()


def _same_publisher(a: SourceText | SourceIndex, b: SourceText | SourceIndex) -> bool:
    return bool(_publisher(a)) and _publisher(a) == _publisher(b)


def _one_origin(a: SourceText, b: SourceText, sets: dict[int, frozenset[tuple[str, ...]]]) -> bool:
    return _same_publisher(a, b) or similarity(sets[a.id], sets[b.id]) >= NEAR_DUPLICATE


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


def _needing_texts(
    added: list[SourceText],
    others: list[SourceIndex],
    sets: dict[int, frozenset[tuple[str, ...]]],
) -> set[int]:
    """The sources of `others` whose text a comparison with an added source needs: those
    without an index, and those whose index does not rule a near-duplicate out (a shared
    publisher decides without the text)."""
    needed = {b.id for b in others if b.index is None}
    publishers = {b.id: _publisher(b) for b in others}
    for a in added:
        hashes = Counter(_hash(s) for s in sets[a.id])
        keys = frozenset(hashes)
        publisher = _publisher(a)
        for b in others:
            if b.id in needed or (publisher and publisher == publishers[b.id]):
                continue
            assert b.index is not None
            if not _index_rules_out(hashes, keys, len(sets[a.id]), b.index):
                needed.add(b.id)
    return needed


def origins_regrouped(
    old: dict[str, Any],
    now: set[int],
    texts: Callable[[set[int]], list[SourceText]],
    indexes: Callable[[set[int]], list[SourceIndex]] | None = None,
) -> dict[str, object]:
    """`origins_of` the sources `now`, from `old` (their grouping before some sources were
    added or removed, none of them edited) — the same result at the cost of the change: a
    group that lost a source is regrouped among its remaining members (they had no tie to
    any other group), and each added source is compared with every source, once. `texts`
    loads the sources asked for; with `indexes` (loads the stored shingle indexes), an added
    source is compared with the others' indexes, and with a text only where the index does
    not rule a near-duplicate out."""
    before = {s for group in old["groups"] for s in group}
    removed, added = before - now, now - before
    grouping = _Grouping(now)
    broken: set[int] = set()
    for group in old["groups"]:
        if removed and not removed.isdisjoint(group):
            broken.update(s for s in group if s in now)
            continue
        for s in group[1:]:  # a group that lost none is all still here
            grouping.join(group[0], s)
    if indexes is not None and added:
        loaded = {s.id: s for s in texts(added | broken)}
        sets = _Shingles(loaded)
        others = indexes(now - added - broken)
        needed = _needing_texts([loaded[a] for a in sorted(added)], others, sets)
        if needed:
            loaded.update((s.id, s) for s in texts(needed))
    else:
        wanted = (now if added else broken) if (added or broken) else set()
        loaded = {s.id: s for s in texts(wanted)} if wanted else {}
        sets = _Shingles(loaded)
        others = []
    # A source whose text was not read (its index rules a near-duplicate out) is one origin
    # with an added source only through a shared publisher.
    of_publisher: dict[str, set[int]] = {}
    for other in others:
        if other.id not in loaded and _publisher(other):
            of_publisher.setdefault(_publisher(other), set()).add(other.id)
    regroup = sorted(broken)
    for i, a in enumerate(regroup):
        for b in regroup[i + 1 :]:
            if _one_origin(loaded[a], loaded[b], sets):
                grouping.join(a, b)
    for a in sorted(added):
        unread = of_publisher.get(_publisher(loaded[a]), set()) if _publisher(loaded[a]) else set()
        for b in sorted((now & loaded.keys()) | unread):
            # Pairs of two added sources are compared once (a < b); a pair already in one
            # group needs no comparison.
            if b == a or (b in added and b < a) or grouping.root(a) == grouping.root(b):
                continue
            if b in unread or _one_origin(loaded[a], loaded[b], sets):
                grouping.join(a, b)
    return grouping.result()
