"""Ranked search over sources, excerpts and facts, with alias expansion.

PostgreSQL ranks the stored, weighted tsvector with `SearchRank` (ts_rank) behind a GIN index;
SQLite ranks its FTS5 table with bm25. Both read the same `SearchDocument` rows and return the
same hits, so the API does not care which database it runs on.
"""

import re
from dataclasses import dataclass
from functools import reduce
from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, QuerySet

from .aliases import QueryGroup, query_groups
from .filters import SearchFilters, search_filter_documents
from .highlight import TextPiece, highlight_pattern, highlight_pieces
from .models import SearchDocument

__all__ = ["SearchFilters", "SearchHit", "SearchResults", "search_evidence", "search_matching_ids"]

# The admin's fact search reads at most this many matches (best first).
MATCHING_IDS_MAX = 2000

SNIPPET_CHARS = 200
_SQLITE_COUNT = (
    "SELECT count(*) FROM evidence_search_fts JOIN evidence_search_document d"
    " ON d.id = evidence_search_fts.rowid WHERE evidence_search_fts MATCH %s"
)


@dataclass(frozen=True)
class SearchHit:
    """One ranked result: what it is, its id, a title and the passage that matched."""

    type: str
    id: int
    title: str
    snippet: str
    rank: float


def _snippet(body: str, groups: list[QueryGroup]) -> str:
    """The passage around the first word of the query (or an alias) found in the body."""
    words = sorted(
        {word for group in groups for alternative in group.alternatives for word in alternative},
        key=len,
        reverse=True,
    )
    position = None
    for word in words:
        # The stem ("kill" for "killing") finds the inflected forms that stemming matched.
        stem = word if len(word) <= 5 else word[: max(5, len(word) - 3)]
        found = re.search(rf"\b{re.escape(stem)}", body, re.IGNORECASE)
        if found and (position is None or found.start() < position):
            position = found.start()
    start = max(0, (position or 0) - SNIPPET_CHARS // 3)
    if start:
        space = body.find(" ", start)
        start = space + 1 if 0 <= space < start + 20 else start
    snippet = " ".join(body[start : start + SNIPPET_CHARS].split())
    prefix = "…" if start else ""
    suffix = "…" if start + SNIPPET_CHARS < len(body) else ""
    return f"{prefix}{snippet}{suffix}"


def _fts5_phrase(words: tuple[str, ...]) -> str:
    return '"' + " ".join(word.replace('"', '""') for word in words) + '"'


def _fts5_expression(groups: list[QueryGroup]) -> str:
    return " AND ".join(
        "(" + " OR ".join(_fts5_phrase(alt) for alt in group.alternatives) + ")" for group in groups
    )


def _pg_query(groups: list[QueryGroup]) -> SearchQuery:
    def group_query(group: QueryGroup) -> SearchQuery:
        return reduce(
            lambda a, b: a | b,
            (
                SearchQuery(" ".join(alt), search_type="phrase", config="english")
                for alt in group.alternatives
            ),
        )

    return reduce(lambda a, b: a & b, (group_query(group) for group in groups))


class SearchResults:
    """The hits of one query, counted and sliced lazily so a paginator can page through them
    with one count query and one query per page."""

    def __init__(self, groups: list[QueryGroup], filters: SearchFilters | None = None) -> None:
        self.groups = groups
        self.filters = filters or SearchFilters()
        self._count: int | None = None
        self._pattern: re.Pattern[str] | None = highlight_pattern(groups)

    def highlight(self, text: str) -> list[TextPiece]:
        """`text` in pieces, the words this query matched (aliases included) marked."""
        return highlight_pieces(text, self._pattern)

    def _documents(self) -> "QuerySet[SearchDocument]":
        return search_filter_documents(self.filters)

    def _sqlite_restriction(self) -> tuple[str, list[Any]]:
        """`AND d.id IN (…)` for the filters (nothing when nothing narrows)."""
        if not self.filters.narrows:
            return "", []
        sql, params = self._documents().values("id").query.sql_with_params()
        return f" AND d.id IN ({sql})", list(params)

    def count(self) -> int:
        if self._count is None:
            if not self.groups:
                self._count = 0
            elif connection.vendor == "postgresql":
                self._count = self._documents().filter(vector=_pg_query(self.groups)).count()
            else:
                restriction, params = self._sqlite_restriction()
                with connection.cursor() as cursor:
                    cursor.execute(
                        _SQLITE_COUNT + restriction, [_fts5_expression(self.groups), *params]
                    )
                    self._count = int(cursor.fetchone()[0])
        return self._count

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, page: slice) -> list[SearchHit]:
        if not isinstance(page, slice):
            raise TypeError("Search results are read a page (a slice) at a time.")
        start = page.start or 0
        stop = page.stop if page.stop is not None else self.count()
        if stop <= start or not self.groups:
            return []
        if connection.vendor == "postgresql":
            return self._postgresql_page(start, stop)
        return self._sqlite_page(start, stop)

    def _postgresql_page(self, start: int, stop: int) -> list[SearchHit]:
        query = _pg_query(self.groups)
        rows = (
            self._documents()
            .filter(vector=query)
            .annotate(rank=SearchRank(F("vector"), query))
            .order_by("-rank", "kind", "object_id")
            .values_list("kind", "object_id", "title", "body", "rank")[start:stop]
        )
        return [self._hit(*row) for row in rows]

    def _sqlite_page(self, start: int, stop: int) -> list[SearchHit]:
        # bm25 is lower for better matches; weights favour the title as PostgreSQL's A does.
        sql = """
            SELECT d.kind, d.object_id, d.title, d.body, -bm25(evidence_search_fts, 4.0, 1.0)
            FROM evidence_search_fts JOIN evidence_search_document d
              ON d.id = evidence_search_fts.rowid
            WHERE evidence_search_fts MATCH %s{restriction}
            ORDER BY bm25(evidence_search_fts, 4.0, 1.0), d.kind, d.object_id
            LIMIT %s OFFSET %s
        """
        restriction, params = self._sqlite_restriction()
        with connection.cursor() as cursor:
            cursor.execute(
                sql.format(restriction=restriction),
                [_fts5_expression(self.groups), *params, stop - start, start],
            )
            return [self._hit(*row) for row in cursor.fetchall()]

    def _hit(self, kind: str, object_id: int, title: str, body: str, rank: float) -> SearchHit:
        return SearchHit(
            type=kind,
            id=object_id,
            title=title,
            snippet=_snippet(body, self.groups),
            rank=round(float(rank), 6),
        )


def search_evidence(*, query: str, filters: SearchFilters | None = None) -> SearchResults:
    """Sources, excerpts and facts matching every word of `query` (an actor's name or any of
    its aliases counting as one), best first, narrowed by `filters` (kind, fact status, actor,
    place, period). A query without words matches nothing."""
    return SearchResults(query_groups(query), filters)


def search_matching_ids(*, query: str, kind: str, limit: int = MATCHING_IDS_MAX) -> list[int]:
    """The ids of the `kind` items (best first, at most `limit`) that `query` finds: what the
    admin's lists search with, so "Daesh" finds ISIS facts there too."""
    results = search_evidence(query=query, filters=SearchFilters(kind=kind))
    return [hit.id for hit in results[0:limit]]
