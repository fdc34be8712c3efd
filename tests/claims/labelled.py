"""The labelled claim set: loading it, running the checks on it, and counting how they did.

Pure (no database): each claim sentence is checked against a named evidence scenario (its
figures, who claimed, did and denied the attack) with the same functions the product runs on a
saved fact. Shared by `tests/claims/test_labelled_set.py` and `bench/bench_claim_checks.py`.
"""

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from campaigns.services.claim_checks.actors import actor_mentions, actor_names, unresolved_names
from campaigns.services.claim_checks.attribution import Responsibility, responsibility_flags
from campaigns.services.claim_checks.checks import figure_flags, figure_tied
from campaigns.services.claim_checks.responsibility import responsibility_statements
from evidence.figure_text import read_numbers, suggest_figures, unread
from evidence.models import Fact
from evidence.vocabulary.names import parents_of

DATA = Path(__file__).resolve().parent / "data"
CHECKED_CODES = (
    "figure_exceeds_evidence",
    "attribution_disputed",
    "attribution_denied",
    "unread_number",
    "unread_actor",
)


def _load(name: str) -> Any:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def scenarios() -> dict[str, Any]:
    return _load("evidence.json")


def claim_items() -> list[dict[str, Any]]:
    return _load("claims.json")


def heldout_items() -> list[dict[str, Any]]:
    """Sentences written after the vocabulary was tuned, labelled before the first run (see
    BENCHMARKS.md for that first run's figures)."""
    return _load("heldout.json")


def excerpt_items() -> list[dict[str, Any]]:
    return _load("excerpts.json")


def _actors() -> list[tuple[int, str, list[str]]]:
    return [(a["id"], a["name"], a["aliases"]) for a in scenarios()["actors"]]


def check_claim(item: dict[str, Any]) -> dict[str, Any]:
    """What the checks say of one labelled claim: flag codes, figures read, actors named and
    actors stated responsible."""
    data = scenarios()
    actors = _actors()
    names, parents = actor_names(actors), parents_of(actors)
    by_name = {name: actor_id for actor_id, name, _ in actors}
    scenario = data["scenarios"][item["evidence"]]
    fact = Fact(figures=scenario["figures"], conflicts=[])
    text, language = item["text"], item["lang"]

    def ids(key: str) -> dict[int, str]:
        return {by_name[n]: n for n in scenario.get(key, [])}

    evidence = Responsibility(
        ids("claimed"), ids("attributed"), ids("denied"), scenario.get("disputed", False)
    )
    flags = [
        *figure_flags(claim=text, fact=fact, language=language),
        *responsibility_flags(claim=text, evidence=evidence, names=names, parents=parents),
    ]
    readings = read_numbers(text, language)
    for reading in readings:
        if unread(reading) and not figure_tied(mention=reading.mention, fact=fact):
            flags.append({"code": "unread_number", "words": reading.mention.text})
    mentions = actor_mentions(text, names)
    for _, _, words in unresolved_names(text, mentions):
        flags.append({"code": "unread_actor", "words": words})
    return {
        "flags": sorted({f["code"] for f in flags}),
        "figures": sorted([r.kind, r.mention.value_min] for r in readings if r.kind),
        "actors": sorted({m.actor_name for m in mentions}),
        "responsible": sorted(
            {
                s.actor.actor_name
                for s in responsibility_statements(text, mentions)
                if s.says == "did"
            }
        ),
        "flag_details": flags,
    }


@dataclass
class Tally:
    """True positives, false positives and false negatives of one code, with the items."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def score_claims(items: list[dict[str, Any]]) -> dict[str, Tally]:
    """Per flag code (and "any flag"), how the checks did against the labels."""
    tallies = {code: Tally() for code in (*CHECKED_CODES, "any")}
    for item in items:
        got = set(check_claim(item)["flags"])
        expected = set(item["flags"])
        for code in CHECKED_CODES:
            tally = tallies[code]
            if code in got and code in expected:
                tally.tp += 1
            elif code in got:
                tally.fp += 1
                tally.false_alarms.append(item["id"])
            elif code in expected:
                tally.fn += 1
                tally.misses.append(item["id"])
        overall = tallies["any"]
        overall.tp += len(got & expected)
        overall.fp += len(got - expected)
        overall.fn += len(expected - got)
    return tallies


def score_excerpts(items: list[dict[str, Any]]) -> Tally:
    """Figure suggestions against the labelled figures (kind, values and qualifier all equal)."""
    tally = Tally()
    for item in items:
        got = Counter(
            json.dumps(f, sort_keys=True) for f in suggest_figures(item["text"], item["lang"])
        )
        expected = Counter(json.dumps(f, sort_keys=True) for f in item["figures"])
        tally.tp += sum((got & expected).values())
        extra, missing = sum((got - expected).values()), sum((expected - got).values())
        tally.fp += extra
        tally.fn += missing
        if extra:
            tally.false_alarms.append(item["id"])
        if missing:
            tally.misses.append(item["id"])
    return tally
