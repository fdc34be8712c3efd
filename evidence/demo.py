"""The demo corpus: the five seed articles as sources, with actors, facts and excerpts.

Everything is created through the evidence services, exactly as a source admin would create it,
so the conflicts the demo shows (PRODUCT.md, "Conflicts in the demo corpus") are found by the
real conflict service from the excerpts' figures, dates, claims and relations: nothing about a
conflict is written here. The data is in `demo_data/corpus.json`; the articles' text, as
published, in `demo_data/articles/`.

Loading twice changes nothing: sources are matched by their text, actors by name, facts by kind
and title, excerpts by source, fact and quote. Loading after someone changed the demo data
repairs what is missing (deleted excerpts, facts, actors) and leaves decisions alone (a
retracted source stays retracted and is not quoted again); it never fails on what it finds.
"""

import json
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from django.db import transaction

from evidence.models import Actor, Excerpt, Fact, Source
from evidence.selectors.actors import actor_find
from evidence.services.actors import actor_create
from evidence.services.excerpts import excerpt_create
from evidence.services.facts import fact_create
from evidence.services.sources import source_content_sha256, source_create

__all__ = ["DEMO_DATA", "demo_corpus", "demo_corpus_load"]

DEMO_DATA = Path(__file__).resolve().parent / "demo_data"


@cache
def demo_corpus() -> dict[str, Any]:
    """The demo corpus description, with each source's text read from its article file."""
    corpus = json.loads((DEMO_DATA / "corpus.json").read_text(encoding="utf-8"))
    for source in corpus["sources"]:
        source["text"] = (DEMO_DATA / source["file"]).read_text(encoding="utf-8")
    return corpus


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _sources(corpus: dict[str, Any]) -> tuple[dict[str, Source], int]:
    by_key: dict[str, Source] = {}
    created = 0
    for item in corpus["sources"]:
        existing = Source.objects.filter(content_sha256=source_content_sha256(item["text"])).first()
        if existing is None:
            existing = source_create(
                title=item["title"],
                text=item["text"],
                reliability=item["reliability"],
                created_by=None,
                publisher=item["publisher"],
                author=item["author"],
                published_on=_day(item["published_on"]),
                kind=item["kind"],
            )
            created += 1
        by_key[item["key"]] = existing
    return by_key, created


def _actors(corpus: dict[str, Any]) -> tuple[dict[str, Actor], int]:
    by_name: dict[str, Actor] = {}
    created = 0
    for item in corpus["actors"]:
        actor = actor_find(name=item["name"])
        if actor is None:
            actor = actor_create(
                name=item["name"],
                aliases=item["aliases"],
                description=item.get("description", ""),
            )
            created += 1
        by_name[item["name"]] = actor
    return by_name, created


def _fact(item: dict[str, Any], actors: dict[str, Actor]) -> tuple[Fact, bool]:
    existing = Fact.objects.filter(kind=item["kind"], title=item["title"]).first()
    if existing is not None:
        return existing, False
    fields: dict[str, Any] = {
        name: item[name]
        for name in (
            "summary",
            "date_precision",
            "place",
            "province",
            "country",
            "target_type",
            "victim_community",
            "relation",
        )
        if name in item
    }
    if item.get("occurred_on"):
        fields["occurred_on"] = _day(item["occurred_on"])
    for name in ("subject_actor", "object_actor"):
        if name in item:
            fields[name] = actors[item[name]]
    fact = fact_create(kind=item["kind"], title=item["title"], created_by=None, **fields)
    return fact, True


def _excerpt(
    entry: dict[str, Any], *, fact: Fact, sources: dict[str, Source], actors: dict[str, Actor]
) -> bool:
    source = sources[entry["source"]]
    if source.status == Source.Status.RETRACTED:
        return False  # someone retracted it: the demo respects that, never quotes it again
    if Excerpt.objects.filter(source=source, fact=fact, exact=entry["exact"]).exists():
        return False
    excerpt_create(
        source=source,
        exact=entry["exact"],
        fact=fact,
        prefix=entry.get("prefix", ""),
        suffix=entry.get("suffix", ""),
        credibility=entry.get("credibility", 6),
        figures=entry.get("figures", []),
        reported_on=_day(entry.get("reported_on")),
        reported_claimed_by=[actors[name] for name in entry.get("claimed_by", [])],
        reported_attributed_to=[actors[name] for name in entry.get("attributed_to", [])],
        reported_relation=entry.get("relation", ""),
    )
    return True


@transaction.atomic
def demo_corpus_load() -> str:
    """Load the demo corpus (idempotent); returns a one-line summary."""
    corpus = demo_corpus()
    sources, new_sources = _sources(corpus)
    actors, new_actors = _actors(corpus)
    new_facts = new_excerpts = 0
    for item in corpus["facts"]:
        fact, created = _fact(item, actors)
        new_facts += created
        for entry in item["excerpts"]:
            new_excerpts += _excerpt(entry, fact=fact, sources=sources, actors=actors)
    disputed = Fact.objects.filter(
        title__in=[item["title"] for item in corpus["facts"]], status=Fact.Status.DISPUTED
    ).count()
    return (
        f"Evidence: {new_sources} sources, {new_actors} actors, {new_facts} facts and "
        f"{new_excerpts} excerpts added; {disputed} of the {len(corpus['facts'])} demo facts "
        "are disputed."
    )
