"""Ranked search over sources, excerpts and facts, with alias expansion.

PostgreSQL ranks the stored, weighted tsvector with `SearchRank` (ts_rank) behind a GIN index;
SQLite ranks its FTS5 table with bm25. Both read the same `SearchDocument` rows and return the
same hits, so the API does not care which database it runs on.
"""

import re
from dataclasses import dataclass
from functools import reduce

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import F

from .aliases import QueryGroup, query_groups
from .models import SearchDocument

__all__ = ["SearchHit", "SearchResults", "search_evidence"]

SNIPPET_CHARS = 200


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

    def __init__(self, groups: list[QueryGroup]) -> None:
        self.groups = groups
        self._count: int | None = None

    def count(self) -> int:
        if self._count is None:
            if connection.vendor == "postgresql":
                self._count = SearchDocument.objects.filter(vector=_pg_query(self.groups)).count()
            else:
                with connection.cursor() as cursor:
                    cursor.execute(
                        "SELECT count(*) FROM evidence_search_fts"
                        " WHERE evidence_search_fts MATCH %s",
                        [_fts5_expression(self.groups)],
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
        if stop <= start:
            return []
        if connection.vendor == "postgresql":
            return self._postgresql_page(start, stop)
        return self._sqlite_page(start, stop)

    def _postgresql_page(self, start: int, stop: int) -> list[SearchHit]:
        query = _pg_query(self.groups)
        rows = (
            SearchDocument.objects.filter(vector=query)
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
            WHERE evidence_search_fts MATCH %s
            ORDER BY bm25(evidence_search_fts, 4.0, 1.0), d.kind, d.object_id
            LIMIT %s OFFSET %s
        """
        with connection.cursor() as cursor:
            cursor.execute(sql, [_fts5_expression(self.groups), stop - start, start])
            return [self._hit(*row) for row in cursor.fetchall()]

    def _hit(self, kind: str, object_id: int, title: str, body: str, rank: float) -> SearchHit:
        return SearchHit(
            type=kind,
            id=object_id,
            title=title,
            snippet=_snippet(body, self.groups),
            rank=round(float(rank), 6),
        )


def search_evidence(*, query: str) -> SearchResults:
    """Sources, excerpts and facts matching every word of `query` (an actor's name or any of
    its aliases counting as one), best first. A query without words matches nothing."""
    return SearchResults(query_groups(query))
