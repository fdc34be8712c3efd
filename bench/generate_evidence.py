"""Generate a large evidence base for the benchmarks: sources, facts, excerpts, figures, actors.

    .venv/bin/python bench/generate_evidence.py                       # 10k / 100k / 300k
    .venv/bin/python bench/generate_evidence.py --scale 0.1           # 1k / 10k / 30k
    .venv/bin/python bench/generate_evidence.py --database-url postgres://postgres@127.0.0.1:5432/cp_bench

The database is created afresh (PostgreSQL: dropped and re-created; SQLite: the file replaced)
and migrated, then filled with bulk inserts (no services: they would take hours at this size),
then the search index is rebuilt as `manage.py rebuild_search_index` does. Prints what it made
and how long each step took.

Texts are drawn from a Zipf-like vocabulary of the domain (places, groups, targets, verbs) so
that some words are in nearly every document and most are rare, as in real news text; every
excerpt is a passage of its source, so it anchors.
"""

import argparse
import hashlib
import itertools
import os
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/cp_bench"
BASE = {"sources": 10_000, "facts": 100_000, "excerpts": 300_000}
BATCH = 5_000

PLACES = [
    "Quetta",
    "Karachi",
    "Peshawar",
    "Lahore",
    "Islamabad",
    "Sehwan",
    "Mastung",
    "Khuzdar",
    "Parachinar",
    "Kurram",
    "Hangu",
    "Bajaur",
    "Swat",
    "Dera Ismail Khan",
    "Bannu",
    "Gwadar",
    "Turbat",
    "Sukkur",
    "Larkana",
    "Hyderabad",
    "Multan",
    "Rawalpindi",
    "Mardan",
    "Charsadda",
]
PROVINCES = ["Balochistan", "Sindh", "Khyber Pakhtunkhwa", "Punjab", "Islamabad Capital"]
GROUPS = [
    ("ISIS", ["ISIL", "Daesh", "Islamic State"]),
    ("ISIS-K", ["ISKP", "Khorasan Province", "Khorasan Wilayah"]),
    ("Lashkar-e-Jhangvi Al-Alami", ["LeJ-A", "LeJA"]),
    ("Tehreek-e-Taliban Pakistan", ["TTP", "Pakistani Taliban"]),
    ("Jamaat-ul-Ahrar", ["Jamatul Ahrar", "JuA"]),
    ("Jundullah", ["Jandullah"]),
    ("Tehreek-e-Khilafat", []),
]
TARGETS = [
    ("place_of_worship", "shrine"),
    ("place_of_worship", "mosque"),
    ("place_of_worship", "church"),
    ("worshippers", "worshippers"),
    ("religious_figure", "seminary"),
    ("police", "police"),
    ("military", "convoy"),
    ("education", "school"),
    ("health", "hospital"),
    ("government", "office"),
    ("civilians", "market"),
    ("transport", "bus"),
]
COMMUNITIES = ["muslim", "sufi_muslim", "shia_muslim", "christian", "hindu", "mixed", "unknown"]
_DOMAIN_TEXT = (
    "attack bombing suicide killed wounded injured people militants security forces officials "
    "police said group claimed responsibility statement according reported attackers blast "
    "explosion gunmen terrorists province city district government army operation area "
    "children women victims hospital toll rose least more than about nearly dozens hundreds "
    "investigation arrested suspects network cell commander leader spokesman sources analysts "
    "threat recruitment online propaganda magazine sectarian minority community shrine mosque "
    "church seminary students worshippers prayers convoy checkpoint border crossing tribal "
    "agency region influence presence allegiance pledged split cooperation rejected ideology "
    "counter narrative campaign media social platform message youth poverty unemployment "
    "university madrassa recruiters funding financing weapons explosives vest rifle grenade"
)
WORDS = _DOMAIN_TEXT.split()


_CUMULATIVE: dict[int, list[float]] = {}


def _zipf_words(rng: random.Random, count: int, vocabulary: list[str]) -> list[str]:
    """`count` words, the word of rank r drawn with probability ∝ 1/r (Zipf's law)."""
    cumulative = _CUMULATIVE.get(len(vocabulary))
    if cumulative is None:
        cumulative = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(vocabulary))))
        _CUMULATIVE[len(vocabulary)] = cumulative
    return rng.choices(vocabulary, cum_weights=cumulative, k=count)


def _vocabulary(rng: random.Random) -> list[str]:
    """Domain words first (frequent), then places and groups, then many rare made-up words
    (names, villages) so that most of the vocabulary is rare."""
    rare = [
        "".join(rng.choice("aeioubdghjklmnprstvz") for _ in range(rng.randint(5, 9)))
        for _ in range(20_000)
    ]
    groups = [name for name, aliases in GROUPS for name in [name, *aliases]]
    return WORDS + PLACES + groups + rare


def _sentence(rng: random.Random, vocabulary: list[str], words: int) -> str:
    text = " ".join(_zipf_words(rng, words, vocabulary))
    return text[0].upper() + text[1:] + "."


def _paragraphs(rng: random.Random, vocabulary: list[str], sentences: int) -> str:
    return " ".join(_sentence(rng, vocabulary, rng.randint(8, 22)) for _ in range(sentences))


def _configure(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    sys.path.insert(0, str(ROOT))


def _fresh_database(database_url: str) -> None:
    """Drop and re-create the benchmark database (never any other)."""
    if database_url.startswith("sqlite"):
        path = Path(database_url.split("///", 1)[1])
        path.unlink(missing_ok=True)
        return
    import psycopg

    name = database_url.rsplit("/", 1)[1]
    if not name.startswith(("cp_bench", "bench")):
        raise SystemExit(f"Refusing to drop {name!r}: the benchmark database must be cp_bench*.")
    admin_url = database_url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def _step(label: str, started: float) -> float:
    now = time.perf_counter()
    print(f"  {label:<34} {now - started:7.1f} s", flush=True)
    return now


def generate(*, scale: float, database_url: str, seed: int = 1) -> dict[str, Any]:
    """Create the database and fill it; returns the counts and timings."""
    _configure(database_url)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, connections

    connections.close_all()  # the database is about to be dropped under any open connection
    _fresh_database(database_url)

    from evidence.models import (
        Actor,
        ActorAlias,
        Excerpt,
        Fact,
        FigureReport,
        Source,
        SourceShingleIndex,
    )
    from evidence.search.documents import search_index_rebuild
    from evidence.selectors.actors import alias_normalize
    from evidence.services.origins import shingle_index

    rng = random.Random(seed)
    counts = {name: max(1, int(number * scale)) for name, number in BASE.items()}
    print(f"Generating {counts} into {connection.vendor} ({database_url})", flush=True)
    started = total_started = time.perf_counter()
    call_command("migrate", verbosity=0)
    started = _step("migrate", started)

    vocabulary = _vocabulary(rng)
    actors = []
    for name, aliases in GROUPS:
        actors.append(Actor.objects.create(name=name))
        keys = {alias_normalize(alias): alias for alias in reversed([name, *aliases])}
        for key, alias in keys.items():
            ActorAlias.objects.create(actor=actors[-1], alias=alias, normalized=key)

    source_texts: list[str] = []
    batch: list[Any] = []
    for n in range(counts["sources"]):
        text = "\n\n".join(_paragraphs(rng, vocabulary, rng.randint(3, 6)) for _ in range(4))
        source_texts.append(text)
        batch.append(
            Source(
                title=f"{_sentence(rng, vocabulary, rng.randint(4, 9))[:-1]} ({n})",
                publisher=rng.choice(["Dawn", "The Media Line", "Pakistan Forward", "Reuters", ""]),
                author=rng.choice(["", "Staff reporter", "A. Analyst"]),
                text=text,
                content_sha256=hashlib.sha256(f"{n}:{text}".encode()).hexdigest(),
                reliability=rng.choice("ABCDEF"),
                kind=rng.choice(["news", "analysis", "report"]),
            )
        )
        if len(batch) >= BATCH:
            Source.objects.bulk_create(batch)
            batch = []
    Source.objects.bulk_create(batch)
    source_ids = list(Source.objects.order_by("id").values_list("id", flat=True))
    # What `source_create` stores with a text, so the origins read it as on a live archive.
    for start in range(0, len(source_ids), BATCH):
        SourceShingleIndex.objects.bulk_create(
            SourceShingleIndex(source_id=pk, hashes=shingle_index(text))
            for pk, text in zip(
                source_ids[start : start + BATCH], source_texts[start : start + BATCH], strict=True
            )
        )
    started = _step(f"{counts['sources']} sources", started)

    first_day = date(2014, 1, 1)
    fact_batch: list[Fact] = []
    for _ in range(counts["facts"]):
        target, word = rng.choice(TARGETS)
        place = rng.choice(PLACES)
        killed = rng.randint(0, 120)
        fact_batch.append(
            Fact(
                kind="incident",
                title=f"Attack on a {word} in {place}",
                summary=_sentence(rng, vocabulary, rng.randint(12, 30)),
                occurred_on=first_day + timedelta(days=rng.randint(0, 365 * 6)),
                place=place,
                province=rng.choice(PROVINCES),
                country="Pakistan",
                target_type=target,
                victim_community=rng.choice(COMMUNITIES),
                status=rng.choice(["unverified", "corroborated", "disputed", "verified"]),
                figures={
                    "killed": {
                        "min": killed,
                        "max": killed + rng.randint(0, 10),
                        "reports": 3,
                        "wording": f"at least {killed}",
                        "disputed": False,
                    }
                },
                excerpt_count=3,
            )
        )
        if len(fact_batch) >= BATCH:
            Fact.objects.bulk_create(fact_batch)
            fact_batch = []
    Fact.objects.bulk_create(fact_batch)
    fact_ids = list(Fact.objects.order_by("id").values_list("id", flat=True))
    claimed = Fact.claimed_by.through
    links = [
        claimed(fact_id=fact_id, actor_id=rng.choice(actors).pk)
        for fact_id in fact_ids
        if rng.random() < 0.5
    ]
    claimed.objects.bulk_create(links, batch_size=BATCH)
    started = _step(f"{counts['facts']} facts (+ claims)", started)

    excerpts: list[Excerpt] = []
    for n in range(counts["excerpts"]):
        index = rng.randrange(len(source_ids))
        text = source_texts[index]
        start = rng.randrange(0, max(1, len(text) - 200))
        end = min(len(text), start + rng.randint(60, 200))
        excerpts.append(
            Excerpt(
                source_id=source_ids[index],
                fact_id=fact_ids[n % len(fact_ids)],
                exact=text[start:end],
                start=start,
                end=end,
                credibility=rng.randint(1, 6),
            )
        )
        if len(excerpts) >= BATCH:
            _excerpts_save(excerpts, rng, FigureReport, Excerpt)
            excerpts = []
    _excerpts_save(excerpts, rng, FigureReport, Excerpt)
    started = _step(f"{counts['excerpts']} excerpts (+ figures)", started)

    indexed = search_index_rebuild(batch_size=BATCH)
    started = _step(f"search index ({indexed} documents)", started)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # VACUUM as well: autovacuum keeps a live archive's visibility map current, which
            # index-only scans (the capped counts) rely on; a freshly bulk-loaded table has none
            # yet, and measuring it would measure a state production does not stay in.
            cursor.execute("VACUUM ANALYZE")
        started = _step("VACUUM ANALYZE", started)
    seconds = time.perf_counter() - total_started
    print(f"Done in {seconds:.0f} s.", flush=True)
    return {"counts": counts, "seconds": seconds, "indexed": indexed}


def _excerpts_save(excerpts: list[Any], rng: random.Random, figure_model: Any, model: Any) -> None:
    saved = model.objects.bulk_create(excerpts)
    figures = [
        figure_model(
            excerpt_id=excerpt.pk,
            kind="killed",
            value_min=(value := rng.randint(0, 120)),
            value_max=value,
            qualifier=rng.choice(["exact", "about", "at_least"]),
        )
        for excerpt in saved
        if rng.random() < 0.5
    ]
    figure_model.objects.bulk_create(figures)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 = 10k/100k/300k")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL),
        help=f"Database to (re)create and fill (default {DEFAULT_URL}).",
    )
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args()
    generate(scale=options.scale, database_url=options.database_url, seed=options.seed)


if __name__ == "__main__":
    main()
