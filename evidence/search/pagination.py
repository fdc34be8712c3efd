"""Pages of search results, for the API and the search page alike.

Search is paged within its bounded candidates (`selectors.CANDIDATES_MAX`), not by the lists'
cursors (`common.pagination`): the hits are ordered by relevance, which no index holds, so every
page ranks the same bounded set and takes its slice; page 50 costs what page 1 does. The count
shown stays the (capped) number of matches; the pages stop where the candidates do.
"""

from functools import cached_property
from typing import Any

from django.core.paginator import Paginator
from rest_framework.response import Response

from common.pagination import PageNumberPagination

from .selectors import COUNT_CAP, SearchResults

__all__ = ["SearchPagination", "SearchPaginator"]


class SearchPaginator(Paginator):
    """Pages over the hits that can be read (at most `CANDIDATES_MAX`), so "page 3 of 50" and
    a `next` link never offer a page past them."""

    @cached_property
    def count(self) -> int:
        results = self.object_list
        assert isinstance(results, SearchResults)
        return results.reachable()


class SearchPagination(PageNumberPagination):
    """`{"count", "count_capped", "next", "previous", "results"}` as the lists answer (API.md),
    `?page_size=` up to 200. `count` is the number of matches, exact up to 1,000 (`COUNT_CAP`);
    past that it is 1,001 and `count_capped` is true. The pages end after the newest
    `CANDIDATES_MAX` matches (a page past them is a 404)."""

    django_paginator_class = SearchPaginator

    def get_paginated_response(self, data: Any) -> Response:
        assert self.page is not None  # DRF calls this only after paginating a page
        results = self.page.paginator.object_list
        assert isinstance(results, SearchResults)
        return Response(
            {
                "count": results.count(),
                "count_capped": results.count_capped,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        body = super().get_paginated_response_schema(schema)
        body["properties"]["count_capped"] = {
            "type": "boolean",
            "description": f"True when more than {COUNT_CAP:,} entries match and `count` "
            "stopped counting there.",
        }
        body["required"] = [*body.get("required", []), "count_capped"]
        return body
