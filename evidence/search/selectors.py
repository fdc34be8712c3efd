"""Ranked search over sources, excerpts and facts, with alias expansion.

PostgreSQL ranks the stored, weighted tsvector with `SearchRank` (ts_rank) behind a GIN index;
SQLite ranks its FTS5 table with bm25. Both read the same `SearchDocument` rows and return the
same hits, so the API does not care which database it runs on.

A search costs the same whether its words are in 300 entries or in 375,000 ("attack" is in 91 %
of the benchmark archive):

- **Bounded candidates.** Of the entries that match, only the newest `CANDIDATES_MAX` (by index
  entry id, a cheap indexed order) are ranked; ranking reads and scores each entry's vector, and
  ranking every match is what made a common word take a second. The trade-off: a very relevant
  but old entry beyond the newest `CANDIDATES_MAX` matches is not among the results (narrow the
  search with more words or the filters to reach it). Within the candidates the order is by
  relevance, best first.
- **Capped count.** The count stops at `COUNT_CAP` + 1, "1,000+ results", rather than counting
  every match. It is the candidates' bound, not the lists' 10,000 (`common.pagination`): to count
  a match PostgreSQL re-reads its vector (always for a phrase such as the alias "Islamic State"),
  and counting 10,001 "daesh" matches took 540 ms at 0.3 scale against 60 ms for the whole
  answer to a rare word; past 1,000 the pages stop anyway.
- **One query for the aliases.** An actor's names are alternatives OR'ed inside the one full-text
  query ("daesh" | "isis" | "islamic <-> state"), never one query per alias.
- **Pages within the candidates.** Every page ranks the same bounded set, so page 40 costs what
  page 1 does; results end after `CANDIDATES_MAX` hits.
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

__all__ = [
    "CANDIDATES_MAX",
    "COUNT_CAP",
    "QUERY_MAX_CHARS",
    "SearchFilters",
    "SearchHit",
    "SearchResults",
    "search_evidence",
    "search_matching_ids",
]

# How many of the matching entries (the newest first) are ranked by relevance. Ranking costs a
# read and a score of each candidate's vector: 1,000 keeps a word found in 91 % of 410,000
# entries within 3x of a rare word's time, and is 50 pages of the search page (20 a page), more
# than anyone reads before adding a word. Older matches beyond it are not shown (see above).
CANDIDATES_MAX = 1_000

# The count stops one past this ("1,000+"): the pages end there anyway (see above).
COUNT_CAP = CANDIDATES_MAX

# The longest query the API and the search page take (characters).
QUERY_MAX_CHARS = 200

# The admin's fact search reads at most this many matches (best first, among the candidates).
MATCHING_IDS_MAX = CANDIDATES_MAX

SNIPPET_CHARS = 200
# Counting stops one past the cap: enough to say "10,000+".
_SQLITE_COUNT = (
    "SELECT count(*) FROM (SELECT evidence_search_fts.rowid FROM evidence_search_fts"
    " WHERE evidence_search_fts MATCH %s{restriction} LIMIT %s)"
)
# The newest CANDIDATES_MAX matches (FTS5 walks its rowids backwards without sorting).
_SQLITE_CANDIDATES = (
    "SELECT evidence_search_fts.rowid FROM evidence_search_fts"
    " WHERE evidence_search_fts MATCH %s{restriction}"
    " ORDER BY evidence_search_fts.rowid DESC LIMIT %s"
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
    """The hits of one query: counted up to `COUNT_CAP` + 1, and read a page at a time from the
    newest `CANDIDATES_MAX` matches ranked by relevance. A paginator pages through them with one
    count query and one query per page, each bounded whatever the archive's size or the depth
    of the page."""

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
        """`AND rowid IN (…)` for the filters (nothing when nothing narrows)."""
        if not self.filters.narrows:
            return "", []
        sql, params = self._documents().values("id").query.sql_with_params()
        return f" AND evidence_search_fts.rowid IN ({sql})", list(params)

    def count(self) -> int:
        """How many entries match, counted up to `COUNT_CAP` + 1 (then `count_capped`)."""
        if self._count is None:
            if not self.groups:
                self._count = 0
            elif connection.vendor == "postgresql":
                matching = self._documents().filter(vector=_pg_query(self.groups)).order_by()
                # COUNT over a LIMITed subquery: stops at the cap however common the words.
                self._count = matching[: COUNT_CAP + 1].count()
            else:
                restriction, params = self._sqlite_restriction()
                with connection.cursor() as cursor:
                    cursor.execute(
                        _SQLITE_COUNT.format(restriction=restriction),
                        [_fts5_expression(self.groups), *params, COUNT_CAP + 1],
                    )
                    self._count = int(cursor.fetchone()[0])
        return self._count

    @property
    def count_capped(self) -> bool:
        """True when more than `COUNT_CAP` entries match: shown as "1,000+"."""
        return self.count() > COUNT_CAP

    def reachable(self) -> int:
        """How many hits can be paged through: the matches, at most `CANDIDATES_MAX`."""
        return min(self.count(), CANDIDATES_MAX)

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, page: slice) -> list[SearchHit]:
        if not isinstance(page, slice):
            raise TypeError("Search results are read a page (a slice) at a time.")
        start = page.start or 0
        # Pages end with the candidates: the work per page never grows with its depth.
        stop = min(page.stop if page.stop is not None else CANDIDATES_MAX, CANDIDATES_MAX)
        if stop <= start or not self.groups:
            return []
        if connection.vendor == "postgresql":
            return self._postgresql_page(start, stop)
        return self._sqlite_page(start, stop)

    def _postgresql_page(self, start: int, stop: int) -> list[SearchHit]:
        query = _pg_query(self.groups)
        # The newest matches by id: the GIN index finds the matches, and PostgreSQL either walks
        # the primary key backwards until it has enough (a common word) or sorts the few it
        # found (a rare one); ts_rank then reads only these vectors.
        candidates = (
            self._documents().filter(vector=query).order_by("-id").values("id")[:CANDIDATES_MAX]
        )
        rows = (
            SearchDocument.objects.filter(id__in=candidates)
            .annotate(rank=SearchRank(F("vector"), query))
            .order_by("-rank", "kind", "object_id")
            .values_list("kind", "object_id", "title", "body", "rank")[start:stop]
        )
        return [self._hit(*row) for row in rows]

    def _sqlite_page(self, start: int, stop: int) -> list[SearchHit]:
        # bm25 is lower for better matches; weights favour the title as PostgreSQL's A does.
        # It can only score rows of a MATCH, hence the expression twice: once to pick the
        # newest candidates, once to rank them.
        sql = """
            SELECT d.kind, d.object_id, d.title, d.body, -bm25(evidence_search_fts, 4.0, 1.0)
            FROM evidence_search_fts JOIN evidence_search_document d
              ON d.id = evidence_search_fts.rowid
            WHERE evidence_search_fts MATCH %s AND evidence_search_fts.rowid IN ({candidates})
            ORDER BY bm25(evidence_search_fts, 4.0, 1.0), d.kind, d.object_id
            LIMIT %s OFFSET %s
        """
        restriction, params = self._sqlite_restriction()
        expression = _fts5_expression(self.groups)
        candidates = _SQLITE_CANDIDATES.format(restriction=restriction)
        with connection.cursor() as cursor:
            cursor.execute(
                sql.format(candidates=candidates),
                [expression, expression, *params, CANDIDATES_MAX, stop - start, start],
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
