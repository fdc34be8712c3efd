"""The words Counterpoint reads figures, qualifiers, actors and responsibility by: ONE vocabulary,
kept as data tables, used by the excerpt figure suggestions and by the message claim checks.

Each language has a TOML table (`en.toml`, `ur.toml`, `ps.toml`, `sd.toml`): the words that say
what a number counts (killed, wounded, joined, arrested), the qualifiers before or after a
number ("at least", "کم از کم", "سے زیادہ"), number words, vague plurals, and the words that
make a number something other than a count (a month, an age, a length of time). `claims.toml`
holds the responsibility words (who did it, who claimed it, who denied it) and `actors.toml`
group names across scripts. A new verb, phrase or alias is a new line in a table.

Entries are regular expressions matched at the start of a word, case-insensitively.
"""

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

__all__ = [
    "FIGURE_KINDS",
    "LANGUAGES",
    "ActorGroup",
    "Language",
    "Words",
    "actor_groups",
    "claim_words",
    "language_tables",
    "words_for",
]

HERE = Path(__file__).resolve().parent
LANGUAGES = ("en", "ur", "ps", "sd")
# The figures a claim check reads numbers for: FigureReport.Kind without "other", which has
# no words to find it by (tests/evidence/test_vocabulary_kinds.py keeps the two in step).
FIGURE_KINDS = ("killed", "wounded", "joined", "arrested")
QUALIFIERS = ("about", "at_least", "more_than", "up_to")


@dataclass(frozen=True)
class Language:
    """One language's table, as written in its TOML file."""

    code: str
    kinds: dict[str, list[str]]
    toll_before: list[str]
    qualifiers: dict[str, list[str]]
    qualifiers_after: dict[str, list[str]]
    vague: dict[str, int]
    numbers: dict[str, float]
    scales: dict[str, int]
    not_counts: dict[str, list[str]]
    count_nouns: list[str] = field(default_factory=list)


def _load(code: str) -> Language:
    data: dict[str, Any] = tomllib.loads((HERE / f"{code}.toml").read_text(encoding="utf-8"))
    kinds = dict(data.get("kinds", {}))
    toll = list(kinds.pop("toll_before", []))
    return Language(
        code=code,
        kinds={k: list(v) for k, v in kinds.items()},
        toll_before=toll,
        qualifiers={k: list(v) for k, v in data.get("qualifiers", {}).items()},
        qualifiers_after={k: list(v) for k, v in data.get("qualifiers_after", {}).items()},
        vague={k: int(v) for k, v in data.get("vague", {}).items()},
        numbers={k: float(v) for k, v in data.get("numbers", {}).items()},
        scales={k: int(v) for k, v in data.get("scales", {}).items()},
        not_counts={k: list(v) for k, v in data.get("not_counts", {}).items()},
        count_nouns=list(data.get("count_nouns", [])),
    )


@cache
def language_tables() -> dict[str, Language]:
    return {code: _load(code) for code in LANGUAGES}


def _alternation(entries: list[str]) -> str:
    """Entries as one alternation, longest first so "lost their lives" wins over "lives"."""
    unique = sorted(set(entries), key=len, reverse=True)
    return "|".join(f"(?:{e})" for e in unique) if unique else r"(?!x)x"


def _words_re(entries: list[str], *, end: bool = False) -> re.Pattern[str]:
    tail = r"(?!\w)" if end else ""
    return re.compile(rf"(?<!\w)(?:{_alternation(entries)}){tail}", re.IGNORECASE)


@dataclass(frozen=True)
class Words:
    """The compiled vocabulary for English plus one language (or every language)."""

    languages: tuple[str, ...]
    kinds: dict[str, re.Pattern[str]]
    toll_before: re.Pattern[str]
    qualifier_before: dict[str, str]  # folded words → qualifier
    qualifier_before_re: str
    qualifier_after: list[tuple[re.Pattern[str], str]]
    vague: dict[str, int]
    numbers: dict[str, float]
    scales: dict[str, int]
    months: re.Pattern[str]
    time_after: re.Pattern[str]
    age_before: re.Pattern[str]
    age_after: re.Pattern[str]
    name_before: re.Pattern[str]
    year_before: re.Pattern[str]
    year_after: re.Pattern[str]
    ordinal_after: re.Pattern[str]
    pronoun_one: re.Pattern[str]
    count_noun: re.Pattern[str]
    extra: dict[str, Any] = field(default_factory=dict)


def _merged(tables: list[Language], name: str) -> list[str]:
    return [e for t in tables for e in t.not_counts.get(name, [])]


@cache
def words_for(language: str | None = None) -> Words:
    """English plus `language` (a BCP 47 code; its primary subtag is used); every language
    when it is unknown or not given, so a text of no stated language is still read."""
    code = (language or "").split("-")[0].lower()
    all_tables = language_tables()
    codes = ("en", code) if code in all_tables and code != "en" else tuple(all_tables)
    if code == "en":
        codes = ("en",)
    tables = [all_tables[c] for c in codes]
    kinds = {
        kind: _words_re([e for t in tables for e in t.kinds.get(kind, [])]) for kind in FIGURE_KINDS
    }
    before: dict[str, str] = {}
    for table in tables:
        for qualifier, entries in table.qualifiers.items():
            for entry in entries:
                before[" ".join(entry.lower().split())] = qualifier
    after = [
        (re.compile(rf"^\s*(?:{_alternation(entries)})(?!\w)", re.IGNORECASE), qualifier)
        for table in tables
        for qualifier, entries in table.qualifiers_after.items()
        if entries
    ]
    toll = "|".join(f"(?:{e})" for t in tables for e in t.toll_before) or r"(?!x)x"
    return Words(
        languages=codes,
        kinds=kinds,
        toll_before=re.compile(toll, re.IGNORECASE),
        qualifier_before=before,
        qualifier_before_re=_alternation([re.escape(q) for q in before]),
        qualifier_after=after,
        vague={k: v for t in tables for k, v in t.vague.items()},
        numbers={k: v for t in tables if t.code != "en" for k, v in t.numbers.items()},
        scales={k: v for t in tables if t.code != "en" for k, v in t.scales.items()},
        months=_words_re(_merged(tables, "months"), end=True),
        time_after=re.compile(
            rf"^[\s-]*(?:\w+[\s-]+)?(?:{_alternation(_merged(tables, 'time_after'))})",
            re.IGNORECASE,
        ),
        age_before=re.compile(
            rf"(?<!\w)(?:{_alternation(_merged(tables, 'age_before'))})\s*$", re.IGNORECASE
        ),
        age_after=re.compile(
            rf"^\s*(?:{_alternation(_merged(tables, 'age_after'))})", re.IGNORECASE
        ),
        name_before=re.compile(
            rf"(?<!\w)(?:{_alternation(_merged(tables, 'name_before'))})\s*$", re.IGNORECASE
        ),
        year_before=re.compile(
            rf"(?<!\w)(?:{_alternation(_merged(tables, 'year_before'))})\s*(?:the\s+)?$",
            re.IGNORECASE,
        ),
        year_after=re.compile(
            rf"^\s*(?:{_alternation(_merged(tables, 'year_after'))})", re.IGNORECASE
        ),
        ordinal_after=re.compile(
            rf"^\s*(?:{_alternation(_merged(tables, 'ordinal_after'))})(?!\w)", re.IGNORECASE
        ),
        pronoun_one=re.compile(_alternation(_merged(tables, "pronoun_one")), re.IGNORECASE),
        count_noun=re.compile(
            rf"^\s*(?:\w+\s+)?(?:{_alternation([n for t in tables for n in t.count_nouns])})(?!\w)",
            re.IGNORECASE,
        ),
    )


@dataclass(frozen=True)
class ActorGroup:
    """Names of one group across scripts, and the group it belongs to (if a branch)."""

    names: tuple[str, ...]
    belongs_to: str


@cache
def actor_groups() -> tuple[ActorGroup, ...]:
    data = tomllib.loads((HERE / "actors.toml").read_text(encoding="utf-8"))
    return tuple(
        ActorGroup(names=tuple(g["names"]), belongs_to=g.get("belongs_to", ""))
        for g in data.get("group", [])
    )


@cache
def claim_words() -> dict[str, Any]:
    """The responsibility tables of `claims.toml`, as written."""
    return tomllib.loads((HERE / "claims.toml").read_text(encoding="utf-8"))
