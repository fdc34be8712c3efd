"""Pages of API lists that cost the same on a table of 100 rows or of 100,000.

Django's paginator counts every row of the list (`COUNT(*)` over the whole table, 22–24 ms at
100k facts and growing) before it serves a page, only to say how many pages there are. Here the
count stops at `COUNT_CAP` rows (`count_capped` says when it did) and whether a next page exists
is learnt by reading one row past the page, so no request path counts the whole table.
"""

from collections.abc import Sequence
from functools import cached_property
from typing import Any

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db.models import QuerySet
from rest_framework import pagination
from rest_framework.response import Response

__all__ = ["COUNT_CAP", "CappedCountPaginator", "Pagination"]

# Lists beyond this many rows say "10,000+" instead of counting on.
COUNT_CAP = 10_000


class CappedCountPage(Page):
    """A page that knows whether another follows without counting the list."""

    def __init__(
        self, rows: Sequence[Any], number: int, paginator: "CappedCountPaginator", *, more: bool
    ) -> None:
        super().__init__(rows, number, paginator)
        self.more = more

    def has_next(self) -> bool:
        return self.more


class CappedCountPaginator(Paginator):
    """`count` stops at COUNT_CAP + 1 rows; pages beyond it are served all the same."""

    @cached_property
    def count(self) -> int:
        rows = self.object_list
        if isinstance(rows, QuerySet):
            # COUNT over a LIMITed subquery, unordered: bounded work however big the table.
            return rows.order_by()[: COUNT_CAP + 1].count()
        return len(rows)

    @property
    def count_capped(self) -> bool:
        return self.count > COUNT_CAP

    def validate_number(self, number: Any) -> int:
        try:
            value = int(number)
        except (TypeError, ValueError) as error:
            raise PageNotAnInteger("That page number is not an integer.") from error
        if value < 1:
            raise EmptyPage("That page number is less than 1.")
        return value

    def page(self, number: Any) -> CappedCountPage:
        value = self.validate_number(number)
        bottom = (value - 1) * self.per_page
        rows = list(self.object_list[bottom : bottom + self.per_page + 1])
        if not rows and value > 1:
            raise EmptyPage("That page contains no results.")
        return CappedCountPage(rows[: self.per_page], value, self, more=len(rows) > self.per_page)


class Pagination(pagination.PageNumberPagination):
    """`{"count", "count_capped", "next", "previous", "results"}`, `?page_size=` up to 200
    (API.md). `count` is exact up to 10,000 rows; past that it is 10,001 and `count_capped`
    is true."""

    page_size_query_param = "page_size"
    max_page_size = 200
    django_paginator_class = CappedCountPaginator

    def get_paginated_response(self, data: Any) -> Response:
        assert self.page is not None  # DRF calls this only after paginating a page
        paginator = self.page.paginator
        assert isinstance(paginator, CappedCountPaginator)
        return Response(
            {
                "count": paginator.count,
                "count_capped": paginator.count_capped,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        body = super().get_paginated_response_schema(schema)
        body["properties"]["count_capped"] = {
            "type": "boolean",
            "description": f"True when the list has more than {COUNT_CAP:,} rows and `count` "
            "stopped counting there.",
        }
        body["required"] = [*body.get("required", []), "count_capped"]
        return body
