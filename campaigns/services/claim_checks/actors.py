"""Finding actors in a claim's words: whole names only, the longest name wins, in any script.

"IS" never matches inside "IS-K" or "ISIS-K"; "Daesh", "داعش" and "ISIL" all resolve to ISIS
(an alias row, or a name `evidence.vocabulary` knows in another script). A name that looks like
an armed group's but resolves to no actor is returned too, so the checks can flag it instead of
ignoring it.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from evidence.vocabulary import actor_groups, claim_words
from evidence.vocabulary.names import fold_with_offsets, name_key

__all__ = [
    "ActorMention",
    "ActorName",
    "actor_mentions",
    "actor_names",
    "unresolved_names",
]


@dataclass(frozen=True)
class ActorName:
    """One name of an actor as it may appear in a claim."""

    actor_id: int
    actor_name: str
    name: str
    pattern: re.Pattern[str]
    exact_case: bool


@dataclass(frozen=True)
class ActorMention:
    """An actor named in a text: which, and the words as written with their offsets."""

    name: ActorName
    start: int
    end: int
    words: str

    @property
    def actor_id(self) -> int:
        return self.name.actor_id

    @property
    def actor_name(self) -> str:
        return self.name.actor_name


def _pattern(name: str) -> re.Pattern[str] | None:
    tokens = re.findall(r"\w+", fold_with_offsets(name)[0])
    if not tokens:
        return None
    joined = r"[\s\-‐–'’.]*".join(re.escape(t) for t in tokens)
    return re.compile(rf"(?<!\w){joined}(?!\w)")


def _short(name: str) -> bool:
    """Short capitalised abbreviations ("IS", "AQ", "JuA") must match case and all: "is" in a
    sentence is not the Islamic State."""
    letters = re.sub(r"\W", "", name)
    return len(letters) <= 3 and any(c.isupper() for c in letters)


def actor_names(actors: Iterable[tuple[int, str, list[str]]]) -> list[ActorName]:
    """Patterns for each actor's name and aliases, and for the names in other scripts that
    `evidence.vocabulary` knows for any of them."""
    actors = list(actors)
    by_key: dict[str, tuple[int, str]] = {}
    for actor_id, actor_name, aliases in actors:
        for name in (actor_name, *aliases):
            by_key.setdefault(name_key(name), (actor_id, actor_name))
    spelled: dict[tuple[int, str], set[str]] = {}
    for actor_id, actor_name, aliases in actors:
        spelled[(actor_id, actor_name)] = {actor_name, *aliases}
    for group in actor_groups():
        owner = next((by_key[name_key(n)] for n in group.names if name_key(n) in by_key), None)
        if owner is None:
            continue
        for name in group.names:
            if by_key.setdefault(name_key(name), owner) == owner:
                spelled[owner].add(name)
    names = []
    for (actor_id, actor_name), spellings in spelled.items():
        for name in sorted(spellings):
            pattern = _pattern(name)
            if pattern is not None:
                names.append(ActorName(actor_id, actor_name, name, pattern, _short(name)))
    return names


@cache
def _compound_suffixes() -> frozenset[str]:
    return frozenset(claim_words()["group_words"]["compound_suffixes"])


def _inside_compound(text: str, start: int, end: int) -> bool:
    """A name glued by a hyphen to more of a name ("IS" in "IS-K", "K" in "ISIS-K") is part
    of that longer name; "ISIS-led" keeps ISIS."""
    after = re.match(r"-(\w+)", text[end:])
    if after and after.group(1).lower() not in _compound_suffixes():
        return True
    before = re.search(r"(\w+)-$", text[:start])
    return bool(before and (before.group(1)[-1:].isupper() or before.group(1)[-1:].isdigit()))


def actor_mentions(text: str, names: list[ActorName]) -> list[ActorMention]:
    """The actors `text` names, in order. Overlapping names: the longest wins, and a known
    name inside a longer unknown group name ("Taliban" in "Punjabi Taliban") names no one."""
    chosen = _known_mentions(text, names)
    unknown = unresolved_names(text, chosen)
    return [
        m
        for m in chosen
        if not any(
            s <= m.start and m.end <= e and (e - s) > (m.end - m.start) for s, e, _ in unknown
        )
    ]


def _known_mentions(text: str, names: list[ActorName]) -> list[ActorMention]:
    folded, offsets = fold_with_offsets(text)
    candidates: list[ActorMention] = []
    for name in names:
        for match in name.pattern.finditer(folded):
            if match.end() == match.start():
                continue
            start, end = offsets[match.start()], offsets[match.end() - 1] + 1
            words = text[start:end]
            if name.exact_case and re.sub(r"\W", "", words) != re.sub(r"\W", "", name.name):
                continue
            if _inside_compound(text, start, end):
                continue
            candidates.append(ActorMention(name, start, end, words))
    chosen: list[ActorMention] = []
    for mention in sorted(candidates, key=lambda m: (-(m.end - m.start), m.start)):
        if all(mention.end <= c.start or c.end <= mention.start for c in chosen):
            chosen.append(mention)
    return sorted(chosen, key=lambda m: m.start)


_LEADING = re.compile(
    r"^(?:(?:The|A|An|In|On|At|When|After|Before|Yesterday|Today|Last|This|That|These|Those|"
    r"Since|During|Both|And|But|Our|Their|His|Her|Its|Why|How|What|Who|Never|Remember|"
    r"Unlike|Like)\s+)+"
)
_CAPITALISED = re.compile(
    r"(?<![\w-])[A-Z][\w'’]*(?:-(?:[a-z]{1,3}|[A-Z][\w'’]*))*"
    r"(?:\s+(?:[A-Z][\w'’]*(?:-(?:[a-z]{1,3}|[A-Z][\w'’]*))*|al|ul|e|i|of|the))*"
)
_ACRONYM = re.compile(r"(?<![\w-])[A-Z](?:[a-z]?[A-Z]){1,5}(?:-[A-Z][A-Za-z]{0,2})?(?![\w-])")
_POSTPOSITIONS = {
    "کے",
    "کی",
    "کا",
    "نے",
    "کو",
    "سے",
    "میں",
    "پر",
    "اور",
    "نہیں",
    "ہے",
    "ہیں",
    "تھا",
    "تھی",
    "بھی",
    "کہ",
}


@cache
def _group_words() -> tuple[re.Pattern[str], re.Pattern[str], frozenset[str]]:
    table = claim_words()["group_words"]
    english = re.compile(rf"\b(?:{'|'.join(table['en'])})", re.IGNORECASE)
    native = re.compile(rf"(?<!\w)(?:{'|'.join(table['ur'])})(?!\w)((?:\s+\w+){{1,2}})")
    return english, native, frozenset(table["not_actors"])


def unresolved_names(text: str, known: list[ActorMention]) -> list[tuple[int, int, str]]:
    """Names in `text` that look like an armed group's (an abbreviation such as "BLA" or
    "IS-K", a name with a word such as Lashkar, Jaish or Tehreek, "لشکر …") and that no actor
    resolves: (start, end, words). A known name inside a longer unknown one does not resolve
    it ("Punjabi Taliban" is not the Taliban)."""
    english, native, not_actors = _group_words()
    found: list[tuple[int, int, str]] = []

    def add(start: int, end: int) -> None:
        words = text[start:end].strip()
        if not words or words in not_actors:
            return
        start = text.index(words, start)
        end = start + len(words)
        covered = any(k.start <= start and end <= k.end for k in known)
        if not covered and all(end <= s or e <= start for s, e, _ in found):
            found.append((start, end, words))

    shouting = text.upper() == text
    for match in _CAPITALISED.finditer(text):
        run = match.group(0)
        lead = _LEADING.match(run)
        offset = lead.end() if lead else 0
        body = run[offset:]
        if body and english.search(body):
            add(match.start() + offset, match.end())
    if not shouting:
        for match in _ACRONYM.finditer(text):
            add(match.start(), match.end())
    for match in native.finditer(text):
        following = match.group(1).split()
        if not following or following[0] in _POSTPOSITIONS:
            continue
        kept = []
        for word in following:
            if word in _POSTPOSITIONS:
                break
            kept.append(word)
        end = match.start(1) + match.group(1).find(kept[-1]) + len(kept[-1])
        add(match.start(), end)
    return sorted(found)
