"""The search index's own table (see evidence.search)."""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_noop

__all__ = ["SearchDocument"]


class SearchDocument(models.Model):
    """A source, excerpt or fact as the search index sees it: a title and a body of words.

    Kept in its own table so that the evidence tables stay free of database-specific columns.
    On PostgreSQL `vector` holds the weighted tsvector (title A, body B) behind a GIN index; on
    SQLite `vector` stays empty and an FTS5 table, synchronised by triggers, indexes title and
    body instead (migration 0002_search_document).
    """

    class Kind(models.TextChoices):
        SOURCE = "source", gettext_noop("Source")
        EXCERPT = "excerpt", gettext_noop("Excerpt")
        FACT = "fact", gettext_noop("Fact")

    kind = models.CharField(max_length=8, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField()
    title = models.CharField(max_length=500)
    body = models.TextField(blank=True)
    vector = SearchVectorField(null=True, editable=False)

    class Meta:
        db_table = "evidence_search_document"
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_document_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}: {self.title}"
