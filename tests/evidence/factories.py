"""Evidence built through the real services (so every rule applies), with sensible defaults."""

import itertools
from datetime import date
from typing import Any

from evidence.models import Actor, Excerpt, Fact, Source
from evidence.services.actors import actor_create
from evidence.services.excerpts import excerpt_create
from evidence.services.facts import fact_create
from evidence.services.sources import source_create

__all__ = ["make_actor", "make_excerpt", "make_fact", "make_source"]

_numbers = itertools.count(1)


def make_source(text: str | None = None, **fields: Any) -> Source:
    n = next(_numbers)
    fields.setdefault("title", f"Source {n}")
    fields.setdefault("reliability", "B")
    fields.setdefault("created_by", None)
    fields.setdefault("publisher", f"Publisher {n}")
    if text is None:
        text = f"Article {n}. The bombing took about 70 lives in Quetta on August 9."
    return source_create(text=text, **fields)


def make_actor(name: str | None = None, **fields: Any) -> Actor:
    return actor_create(name=name or f"Group {next(_numbers)}", **fields)


def make_fact(kind: str = Fact.Kind.INCIDENT, **fields: Any) -> Fact:
    fields.setdefault("title", f"Incident {next(_numbers)}")
    fields.setdefault("created_by", None)
    if kind == Fact.Kind.INCIDENT:
        fields.setdefault("occurred_on", date(2016, 8, 8))
    return fact_create(kind=kind, **fields)


def make_excerpt(source: Source | None = None, exact: str | None = None, **fields: Any) -> Excerpt:
    source = source or make_source()
    return excerpt_create(source=source, exact=exact or source.text[:20], **fields)
