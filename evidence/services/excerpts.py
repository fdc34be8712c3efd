"""Quoting sources: excerpts anchored in their source's text, with what they report.

Every change recomputes the fact(s) involved, so a fact's figures and conflicts always reflect
its excerpts.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction

from common.audit import audit_record, audit_record_many
from common.batching import batched
from common.errors import InvalidInput
from common.words import Words
from evidence.anchoring import (
    Anchor,
    ContextMismatch,
    QuoteError,
    find_quote,
    normalize_with_offsets,
)
from evidence.models import Actor, Excerpt, Fact, FigureReport, Source
from evidence.search.documents import search_document_for_excerpt, search_documents_save
from evidence.services.conflicts import facts_recompute
from evidence.services.validation import Someone, model_clean, signed_in
from evidence.text import text_check

__all__ = [
    "EXCERPT_EDITABLE_FIELDS",
    "FIGURE_FIELDS",
    "ExcerptDraft",
    "excerpt_anchor",
    "excerpt_create",
    "excerpt_delete",
    "excerpt_prepare",
    "excerpt_update",
    "excerpts_create_many",
    "figures_check",
]

# What a user may write on an excerpt (the API, the admin form), in the order forms show it.
EXCERPT_EDITABLE_FIELDS = (
    "source",
    "fact",
    "exact",
    "prefix",
    "suffix",
    "credibility",
    "figures",
    "reported_on",
    "reported_claimed_by",
    "reported_attributed_to",
    "reported_denied_by",
    "reported_relation",
)
# The keys of one figure an excerpt reports (`figures=[{...}]`), as forms show them.
FIGURE_FIELDS = ("kind", "value_min", "value_max", "qualifier")


def excerpt_anchor(*, source: Source, exact: str, prefix: str = "", suffix: str = "") -> Anchor:
    """Where `exact` sits in the source's original text; 400 on `exact` (or on `prefix`
    when the prefix/suffix fit none of its occurrences) otherwise."""
    for field, value in (("exact", exact), ("prefix", prefix), ("suffix", suffix)):
        text_check(value, field=field)
    if not exact.strip():
        raise InvalidInput(Words("Quote the passage."), field="exact")
    try:
        return find_quote(normalize_with_offsets(source.text), exact, prefix, suffix)
    except ContextMismatch as error:
        raise InvalidInput(error.message, field="prefix" if prefix else "suffix") from None
    except QuoteError as error:
        raise InvalidInput(error.message, field="exact") from None


def _is_count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def figures_check(figures: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Validate figure items `{"kind", "value_min", "value_max", "qualifier"}`; problems
    become a 400 on `figures` that says which item is wrong and why."""
    kinds, qualifiers = FigureReport.Kind.values, FigureReport.Qualifier.values
    cleaned: list[dict[str, Any]] = []
    problems: list[str] = []
    for number, item in enumerate(figures, start=1):
        if not isinstance(item, Mapping):
            problems.append(f"Item {number}: must be an object.")
            continue
        unknown = set(item) - set(FIGURE_FIELDS)
        value_min: Any = item.get("value_min")
        value_max: Any = item.get("value_max")
        qualifier = item.get("qualifier") or FigureReport.Qualifier.EXACT
        if unknown:
            problems.append(f"Item {number}: unknown keys {', '.join(sorted(map(str, unknown)))}.")
        if item.get("kind") not in kinds:
            problems.append(f"Item {number}: kind must be one of {', '.join(kinds)}.")
        if qualifier not in qualifiers:
            problems.append(f"Item {number}: qualifier must be one of {', '.join(qualifiers)}.")
        if not _is_count(value_min) or value_min > 2_000_000_000:
            problems.append(f"Item {number}: value_min must be a whole number ≥ 0.")
        elif value_max is not None and (not _is_count(value_max) or value_max < value_min):
            problems.append(f"Item {number}: value_max must be a whole number ≥ value_min.")
        elif value_max is not None and value_max > 2_000_000_000:
            problems.append(f"Item {number}: value_max is too large.")
        cleaned.append(
            {
                "kind": item.get("kind"),
                "value_min": value_min,
                "value_max": value_max,
                "qualifier": qualifier,
            }
        )
    if problems:
        raise InvalidInput({"figures": problems})
    return cleaned


def _relation_check(relation: Any) -> str:
    relation = relation or ""
    if relation and relation not in Fact.Relation.values:
        raise InvalidInput(
            f"Must be one of {', '.join(Fact.Relation.values)}.", field="reported_relation"
        )
    return str(relation)


def _actors_check(actors: Iterable[Any], *, field: str) -> list[Actor]:
    actors = list(actors)
    if not all(isinstance(a, Actor) and a.pk for a in actors):
        raise InvalidInput("Must be a list of known actors.", field=field)
    return actors


def _figures_save(excerpt: Excerpt, figures: list[dict[str, Any]]) -> None:
    excerpt.figures.all().delete()
    FigureReport.objects.bulk_create(FigureReport(excerpt=excerpt, **item) for item in figures)


def _fact_usable(fact: Fact | None) -> Fact | None:
    if fact is not None and not (isinstance(fact, Fact) and fact.pk):
        raise InvalidInput("Must be a known fact.", field="fact")
    return fact


@dataclass
class ExcerptDraft:
    """An excerpt checked and anchored, ready to be written, with what it reports."""

    excerpt: Excerpt
    figures: list[dict[str, Any]]
    claimed_by: list[Actor]
    attributed_to: list[Actor]
    denied_by: list[Actor]


def _placed(source: Source, exact: str, placed: tuple[int, int] | None) -> Anchor | None:
    """The offsets a caller that wrote the source text knows, if they do hold `exact`."""
    if placed is None:
        return None
    start, end = placed
    return Anchor(start, end) if source.text[start:end] == exact else None


def excerpt_prepare(
    *,
    source: Source,
    exact: str,
    fact: Fact | None = None,
    prefix: str = "",
    suffix: str = "",
    credibility: int = 6,
    figures: Iterable[Mapping[str, Any]] = (),
    reported_on: date | None = None,
    reported_claimed_by: Iterable[Actor] = (),
    reported_attributed_to: Iterable[Actor] = (),
    reported_relation: str = "",
    created_by: Someone = None,
    placed: tuple[int, int] | None = None,
    reported_denied_by: Iterable[Actor] = (),
) -> ExcerptDraft:
    """Check a new excerpt without writing (the rules `excerpt_create` applies): anchored in
    its source, figures and actors valid; 400 naming the field otherwise. `placed` is the
    (start, end) of the passage when the caller wrote the source text itself (an import):
    checked, it spares searching the whole text for it."""
    if not (isinstance(source, Source) and source.pk):
        raise InvalidInput("Must be a known source.", field="source")
    if source.status == Source.Status.RETRACTED:
        raise InvalidInput(Words("The source is retracted; quote another source."), field="source")
    for name, value in (("exact", exact), ("prefix", prefix), ("suffix", suffix)):
        text_check(value, field=name)
    if not exact.strip():
        raise InvalidInput(Words("Quote the passage."), field="exact")
    anchor = _placed(source, exact, placed) or excerpt_anchor(
        source=source, exact=exact, prefix=prefix, suffix=suffix
    )
    cleaned = figures_check(figures)
    claimed = _actors_check(reported_claimed_by, field="reported_claimed_by")
    attributed = _actors_check(reported_attributed_to, field="reported_attributed_to")
    denied = _actors_check(reported_denied_by, field="reported_denied_by")
    excerpt = Excerpt(
        source=source,
        fact=_fact_usable(fact),
        exact=exact,
        prefix=prefix,
        suffix=suffix,
        start=anchor.start,
        end=anchor.end,
        anchored=True,
        credibility=credibility,
        reported_on=reported_on,
        reported_relation=_relation_check(reported_relation),
        created_by=signed_in(created_by),
    )
    # The source, fact and author were checked above as known rows (or set from the signed-in
    # user): asking the database again would cost a query each.
    model_clean(excerpt, exclude=["source", "fact", "created_by"])
    return ExcerptDraft(
        excerpt=excerpt,
        figures=cleaned,
        claimed_by=claimed,
        attributed_to=attributed,
        denied_by=denied,
    )


@transaction.atomic
@batched
def excerpt_create(
    *,
    source: Source,
    exact: str,
    fact: Fact | None = None,
    prefix: str = "",
    suffix: str = "",
    credibility: int = 6,
    figures: Iterable[Mapping[str, Any]] = (),
    reported_on: date | None = None,
    reported_claimed_by: Iterable[Actor] = (),
    reported_attributed_to: Iterable[Actor] = (),
    reported_relation: str = "",
    created_by: Someone = None,
    reported_denied_by: Iterable[Actor] = (),
) -> Excerpt:
    """Quote a passage of `source` (anchored, or 400) and record what it reports; the fact
    it supports is recomputed."""
    draft = excerpt_prepare(
        source=source,
        exact=exact,
        fact=fact,
        prefix=prefix,
        suffix=suffix,
        credibility=credibility,
        figures=figures,
        reported_on=reported_on,
        reported_claimed_by=reported_claimed_by,
        reported_attributed_to=reported_attributed_to,
        reported_relation=reported_relation,
        created_by=created_by,
        reported_denied_by=reported_denied_by,
    )
    excerpt = draft.excerpt
    excerpt.save()
    _figures_save(excerpt, draft.figures)
    excerpt.reported_claimed_by.set(draft.claimed_by)
    excerpt.reported_attributed_to.set(draft.attributed_to)
    excerpt.reported_denied_by.set(draft.denied_by)
    audit_record(actor=signed_in(created_by), action="excerpt.create", target=excerpt)
    if excerpt.fact_id:
        facts_recompute(fact_ids=[excerpt.fact_id], sources_unchanged=True)
    return excerpt


@transaction.atomic
@batched
def excerpts_create_many(*, drafts: list[ExcerptDraft], created_by: Someone) -> list[Excerpt]:
    """Write excerpts checked by `excerpt_prepare` in a few queries, however many (an
    import): rows, figures, actors, audit and search entries. The facts they support are NOT
    recomputed here: the caller recomputes each once, after its last batch
    (`facts_recompute_many`)."""
    excerpts = Excerpt.objects.bulk_create([draft.excerpt for draft in drafts])
    FigureReport.objects.bulk_create(
        FigureReport(excerpt=draft.excerpt, **item) for draft in drafts for item in draft.figures
    )
    for name, attribute in (
        ("reported_claimed_by", "claimed_by"),
        ("reported_attributed_to", "attributed_to"),
        ("reported_denied_by", "denied_by"),
    ):
        through = getattr(Excerpt, name).through
        through.objects.bulk_create(
            through(excerpt_id=draft.excerpt.pk, actor_id=actor.pk)
            for draft in drafts
            for actor in getattr(draft, attribute)
        )
    audit_record_many(actor=signed_in(created_by), action="excerpt.create", targets=excerpts)
    search_documents_save(
        [
            search_document_for_excerpt(excerpt, source_title=excerpt.source.title)
            for excerpt in excerpts
        ]
    )
    return excerpts


@transaction.atomic
@batched
def excerpt_update(*, excerpt: Excerpt, actor: Someone, **fields: Any) -> Excerpt:
    """Change an excerpt. A new quote, prefix/suffix or source anchors it again (or 400);
    `figures` replaces its figure reports; the facts before and after are recomputed."""
    unknown = set(fields) - set(EXCERPT_EDITABLE_FIELDS)
    if unknown:
        raise InvalidInput({name: ["This field cannot be changed."] for name in sorted(unknown)})
    # The row as stored now (locked): a caller's instance may predate a re-anchoring.
    excerpt = Excerpt.objects.select_for_update().select_related("source").get(pk=excerpt.pk)
    facts_before = {excerpt.fact_id} if excerpt.fact_id else set()
    if "fact" in fields:
        excerpt.fact = _fact_usable(fields["fact"])
    if {"source", "exact", "prefix", "suffix"} & set(fields):
        source = fields.get("source", excerpt.source)
        if source.status == Source.Status.RETRACTED:
            raise InvalidInput(
                Words("The source is retracted; quote another source."), field="source"
            )
        excerpt.source = source
        for name in ("exact", "prefix", "suffix"):
            setattr(excerpt, name, fields.get(name, getattr(excerpt, name)))
        anchor = excerpt_anchor(
            source=source, exact=excerpt.exact, prefix=excerpt.prefix, suffix=excerpt.suffix
        )
        excerpt.start, excerpt.end, excerpt.anchored = anchor.start, anchor.end, True
    if "credibility" in fields:
        excerpt.credibility = fields["credibility"]
    if "reported_on" in fields:
        excerpt.reported_on = fields["reported_on"]
    if "reported_relation" in fields:
        excerpt.reported_relation = _relation_check(fields["reported_relation"])
    model_clean(excerpt)
    excerpt.save()
    if "figures" in fields:
        _figures_save(excerpt, figures_check(fields["figures"]))
    for name in ("reported_claimed_by", "reported_attributed_to", "reported_denied_by"):
        if name in fields:
            getattr(excerpt, name).set(_actors_check(fields[name], field=name))
    audit_record(
        actor=signed_in(actor),
        action="excerpt.update",
        target=excerpt,
        data={"fields": sorted(fields)},
    )
    facts_after = {excerpt.fact_id} if excerpt.fact_id else set()
    # A new quote may name another source, but no source's text changed.
    facts_recompute(fact_ids=sorted(facts_before | facts_after), sources_unchanged=True)
    return excerpt


@transaction.atomic
@batched
def excerpt_delete(*, excerpt: Excerpt, actor: Someone) -> None:
    """Remove an excerpt; the fact it supported is recomputed."""
    fact_id = excerpt.fact_id
    audit_record(actor=signed_in(actor), action="excerpt.delete", target=excerpt)
    excerpt.delete()
    if fact_id:
        facts_recompute(fact_ids=[fact_id], sources_unchanged=True)
