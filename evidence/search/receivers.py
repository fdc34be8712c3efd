"""Keep the search index current as sources, excerpts and facts are written."""

from typing import Any

from django.db.models.signals import m2m_changed, post_delete, post_save

from evidence.models import Excerpt, Fact, Source

from .documents import search_document_delete, search_document_reads, search_document_refresh
from .models import SearchDocument

__all__ = ["connect_search_receivers"]

_KINDS = {
    Source: SearchDocument.Kind.SOURCE,
    Excerpt: SearchDocument.Kind.EXCERPT,
    Fact: SearchDocument.Kind.FACT,
}


def _saved(
    sender: Any, instance: Source | Excerpt | Fact, raw: bool = False, **kwargs: Any
) -> None:
    if raw:  # loaddata: the index is rebuilt afterwards with rebuild_search_index
        return
    if not kwargs.get("created") and not search_document_reads(
        type(instance), kwargs.get("update_fields")
    ):
        return
    search_document_refresh(instance)


def _deleted(sender: Any, instance: Source | Excerpt | Fact, **kwargs: Any) -> None:
    search_document_delete(kind=_KINDS[type(instance)], object_id=instance.pk)


def _fact_actors_changed(
    sender: Any, instance: Any, action: str, reverse: bool, **kwargs: Any
) -> None:
    # A fact's entry names its actors; from the actor's side (reverse) every fact may change.
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        search_document_refresh(instance)
        return
    for fact in Fact.objects.filter(pk__in=kwargs.get("pk_set") or ()):
        search_document_refresh(fact)


def connect_search_receivers() -> None:
    for model in _KINDS:
        post_save.connect(_saved, sender=model, dispatch_uid=f"search_saved_{model.__name__}")
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"search_deleted_{model.__name__}")
    for through in (Fact.claimed_by.through, Fact.attributed_to.through):
        m2m_changed.connect(
            _fact_actors_changed, sender=through, dispatch_uid=f"search_actors_{through.__name__}"
        )
