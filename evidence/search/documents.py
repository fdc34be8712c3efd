"""What the index holds for each source, excerpt and fact, and keeping it current."""

from collections.abc import Callable, Iterable, Iterator

from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction
from django.db.models import Q
from django.db.models.functions import Substr

from evidence.models import Excerpt, Fact, Source

from .models import SearchDocument

__all__ = [
    "search_document_delete",
    "search_document_for_excerpt",
    "search_document_for_fact",
    "search_document_for_source",
    "search_document_reads",
    "search_document_refresh",
    "search_document_save",
    "search_documents_save",
    "search_index_rebuild",
]

# tsvector refuses more than 1 MB of lexemes; the start of a long document is what matters.
VECTOR_MAX_CHARS = 400_000
TITLE_MAX = 500


# The fields each kind's entry is built from (besides a fact's actor lists, which their own
# signal refreshes): a save of other fields only (a fact's recomputed figures and conflicts, a
# source's status) leaves the entry as it is.
_READS: dict[type, frozenset[str]] = {
    Source: frozenset({"title", "publisher", "author", "text"}),
    Excerpt: frozenset({"exact", "source", "source_id"}),
    Fact: frozenset(
        {
            "title",
            "summary",
            "place",
            "province",
            "country",
            "target_type",
            "victim_community",
            "relation",
            "subject_actor",
            "subject_actor_id",
            "object_actor",
            "object_actor_id",
        }
    ),
}


def search_document_reads(model: type, update_fields: Iterable[str] | None) -> bool:
    """Whether a save of `update_fields` (None: every field) can change the item's entry."""
    return update_fields is None or bool(_READS[model] & set(update_fields))


def _join(*parts: str) -> str:
    return "\n".join(part for part in parts if part)


def search_document_for_source(source: Source) -> SearchDocument:
    return SearchDocument(
        kind=SearchDocument.Kind.SOURCE,
        object_id=source.pk,
        title=source.title[:TITLE_MAX],
        body=_join(source.publisher, source.author, source.text),
    )


def search_document_for_excerpt(excerpt: Excerpt, *, source_title: str) -> SearchDocument:
    return SearchDocument(
        kind=SearchDocument.Kind.EXCERPT,
        object_id=excerpt.pk,
        title=f"Excerpt from {source_title}"[:TITLE_MAX],
        body=excerpt.exact,
    )


def search_document_for_fact(fact: Fact, *, actor_names: Iterable[str]) -> SearchDocument:
    # The actors' names go into the body so that a search for a group (or, through alias
    # expansion, any of its aliases) finds the incidents claimed by or attributed to it.
    return SearchDocument(
        kind=SearchDocument.Kind.FACT,
        object_id=fact.pk,
        title=fact.title[:TITLE_MAX],
        body=_join(
            fact.summary,
            fact.place,
            fact.province,
            fact.country,
            fact.get_target_type_display() if fact.target_type else "",
            fact.get_victim_community_display() if fact.victim_community else "",
            fact.get_relation_display() if fact.relation else "",
            " ".join(sorted(set(actor_names))),
        ),
    )


def _fact_actor_names(fact: Fact) -> list[str]:
    names = [actor.name for actor in fact.claimed_by.all()]
    names += [actor.name for actor in fact.attributed_to.all()]
    names += [actor.name for actor in (fact.subject_actor, fact.object_actor) if actor]
    return names


def _compute_vectors(ids: Iterable[int] | None = None) -> None:
    """Fill the stored tsvector (PostgreSQL only: SQLite's FTS5 triggers index on write)."""
    if connection.vendor != "postgresql":
        return
    documents = SearchDocument.objects.all()
    if ids is not None:
        documents = documents.filter(pk__in=list(ids))
    documents.update(
        vector=SearchVector("title", weight="A", config="english")
        + SearchVector(Substr("body", 1, VECTOR_MAX_CHARS), weight="B", config="english")
    )


def search_document_save(document: SearchDocument) -> None:
    """Insert or replace the index entry of one item."""
    stored, _ = SearchDocument.objects.update_or_create(
        kind=document.kind,
        object_id=document.object_id,
        defaults={"title": document.title, "body": document.body},
    )
    _compute_vectors([stored.pk])


def search_documents_save(documents: list[SearchDocument]) -> None:
    """Insert or replace the index entries of many items (a batch import) in two queries:
    the rows (an upsert on kind and id), then their vectors."""
    if not documents:
        return
    SearchDocument.objects.bulk_create(
        documents,
        update_conflicts=True,
        unique_fields=["kind", "object_id"],
        update_fields=["title", "body"],
    )
    if connection.vendor != "postgresql":
        return
    kinds = {document.kind for document in documents}
    wanted = Q()
    for kind in kinds:
        ids = [d.object_id for d in documents if d.kind == kind]
        wanted |= Q(kind=kind, object_id__in=ids)
    SearchDocument.objects.filter(wanted).update(
        vector=SearchVector("title", weight="A", config="english")
        + SearchVector(Substr("body", 1, VECTOR_MAX_CHARS), weight="B", config="english")
    )


def search_document_delete(*, kind: str, object_id: int) -> None:
    SearchDocument.objects.filter(kind=kind, object_id=object_id).delete()


def _batched(items: Iterator[SearchDocument], size: int) -> Iterator[list[SearchDocument]]:
    batch: list[SearchDocument] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _all_documents(batch_size: int) -> Iterator[SearchDocument]:
    for source in Source.objects.order_by("pk").iterator(chunk_size=batch_size):
        yield search_document_for_source(source)
    titles = dict(Source.objects.values_list("pk", "title"))
    for excerpt in (
        Excerpt.objects.order_by("pk").only("pk", "exact", "source_id").iterator(batch_size)
    ):
        yield search_document_for_excerpt(excerpt, source_title=titles.get(excerpt.source_id, ""))
    names = _actor_names_by_fact()
    facts = Fact.objects.order_by("pk").select_related("subject_actor", "object_actor")
    for fact in facts.iterator(chunk_size=batch_size):
        actors = [a.name for a in (fact.subject_actor, fact.object_actor) if a]
        yield search_document_for_fact(fact, actor_names=[*names.get(fact.pk, []), *actors])


def _actor_names_by_fact() -> dict[int, list[str]]:
    """Claimed-by and attributed-to names of every fact, in two queries."""
    names: dict[int, list[str]] = {}
    for through in (Fact.claimed_by.through, Fact.attributed_to.through):
        for fact_id, name in through.objects.values_list("fact_id", "actor__name"):
            names.setdefault(fact_id, []).append(name)
    return names


def search_index_rebuild(
    *, batch_size: int = 2000, progress: Callable[[int], None] | None = None
) -> int:
    """Rebuild the whole index from the evidence tables (after bulk loads, which bypass the
    signals); returns the number of documents indexed."""
    total = 0
    with transaction.atomic():
        SearchDocument.objects.all().delete()
        for batch in _batched(_all_documents(batch_size), batch_size):
            SearchDocument.objects.bulk_create(batch)
            total += len(batch)
            if progress:
                progress(len(batch))
        _compute_vectors()
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute(
                    "INSERT INTO evidence_search_fts(evidence_search_fts) VALUES ('rebuild')"
                )
    return total


def search_document_refresh(instance: Source | Excerpt | Fact) -> None:
    """Re-index one item after it changed (called by the signal receivers)."""
    if isinstance(instance, Source):
        search_document_save(search_document_for_source(instance))
        # Excerpt entries carry their source's title.
        title = f"Excerpt from {instance.title}"[:TITLE_MAX]
        stale = SearchDocument.objects.filter(
            kind=SearchDocument.Kind.EXCERPT,
            object_id__in=Excerpt.objects.filter(source=instance).values("pk"),
        ).exclude(title=title)
        ids = list(stale.values_list("pk", flat=True))
        if ids:
            SearchDocument.objects.filter(pk__in=ids).update(title=title)
            _compute_vectors(ids)
    elif isinstance(instance, Excerpt):
        titles = Source.objects.filter(pk=instance.source_id).values_list("title", flat=True)
        document = search_document_for_excerpt(instance, source_title=titles.first() or "")
        search_document_save(document)
    else:
        search_document_save(
            search_document_for_fact(instance, actor_names=_fact_actor_names(instance))
        )
