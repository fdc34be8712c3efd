"""Pages of lists that cost the same at row 1 and at row 90,000: keyset (cursor) pagination.

An offset page (`LIMIT 50 OFFSET 90000`) makes the database walk past every earlier row. A
keyset page asks for "the 50 rows after this one" in the list's own order, which an index on
that order answers by seeking straight to the row. The cursor handed out in `next`/`previous`
carries the last (or first) row's values of the order's columns, which way to go, and a
fingerprint of the list's filters and order, so a cursor from another list is refused (400
naming `cursor`) instead of giving wrong rows. The API (`Pagination`) and the pages
(`keyset_page`) both page through `KeysetPaginator`: one rule, one place.

Each list's order must be total: it ends with the primary key (appended if missing). A nullable
column sorts its NULLs explicitly first or last (PostgreSQL's default placement when the query
left it open), and the NULL rows are fetched as their own partition, so each query is a range
on the list's index; the single page that crosses from dated to undated rows costs one query
more.

Counting stays capped: `count` stops at COUNT_CAP rows (`count_capped` says when it did). A
list that always shows its count (the API's, the review queue's) asks for it in the page's own
query, as an uncorrelated subquery the database runs once: the same count, one round trip less.
"""

import base64
import binascii
import datetime
import decimal
import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.core.exceptions import (
    EmptyResultSet,
    FieldDoesNotExist,
    ImproperlyConfigured,
    ValidationError,
)
from django.db.models import F, IntegerField, Q, QuerySet, prefetch_related_objects
from django.db.models.expressions import OrderBy, RawSQL
from django.db.models.query import ModelIterable, ValuesIterable
from rest_framework import exceptions, pagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.utils.urls import remove_query_param, replace_query_param

__all__ = [
    "COUNT_CAP",
    "CURSOR_PARAM",
    "CursorError",
    "KeysetPage",
    "KeysetPaginator",
    "PageNumberPagination",
    "Pagination",
    "first_page_query",
    "keyset_page",
    "order_names",
    "page_number_from",
    "page_size_from",
]

# Lists beyond this many rows say "1,000+" instead of counting on: a reader learns as much
# from "1,000+" as from "10,000+", and counting 1,001 index entries instead of 10,001 took the
# database about a millisecond less on every list request (BENCHMARKS.md). The pages' counts
# (the dashboard's review queue, search) stop at the same number.
COUNT_CAP = 1_000
CURSOR_PARAM = "cursor"
PAGE_PARAM = "page"
PAGE_SIZE_PARAM = "page_size"
# Query parameters that move through a list without changing which rows it holds.
NOT_FILTERS = frozenset({CURSOR_PARAM, PAGE_PARAM, PAGE_SIZE_PARAM, "format"})


class CursorError(ValueError):
    """A cursor that is malformed or belongs to another list (other filters or order)."""


@dataclass(frozen=True)
class Column:
    """One column of a list's order: its field, direction and (if nullable) NULL placement."""

    name: str
    model_field: Any
    descending: bool
    nullable: bool
    nulls_last: bool = False

    def reversed(self) -> "Column":
        return Column(
            self.name,
            self.model_field,
            not self.descending,
            self.nullable,
            not self.nulls_last,
        )

    def order(self) -> OrderBy:
        expression = F(self.name)
        if not self.nullable:
            # No NULLS clause on a NOT NULL column, so the plain index still matches.
            return expression.desc() if self.descending else expression.asc()
        placement = {"nulls_last": True} if self.nulls_last else {"nulls_first": True}
        return expression.desc(**placement) if self.descending else expression.asc(**placement)

    def value(self, row: Any) -> Any:
        if isinstance(row, Mapping):  # a `.values()` row (common/api_rows.py)
            return row[self.model_field.attname if self.name == "pk" else self.name]
        return row.pk if self.name == "pk" else getattr(row, self.name)

    def beyond(self, value: Any) -> Q:
        """Non-NULL rows strictly after `value` (itself not NULL) in this column's order."""
        return Q(**{f"{self.name}__{'lt' if self.descending else 'gt'}": value})

    def from_(self, value: Any) -> Q:
        """Non-NULL rows at or after `value`: the range an index seeks to."""
        return Q(**{f"{self.name}__{'lte' if self.descending else 'gte'}": value})

    def equal(self, value: Any) -> Q:
        return Q(**{f"{self.name}__isnull": True}) if value is None else Q(**{self.name: value})

    def after(self, value: Any) -> Q:
        """Rows strictly after `value` in this column alone, NULLs included where they sort."""
        if value is None:
            return Q(**{f"{self.name}__isnull": False}) if not self.nulls_last else NOTHING
        later = self.beyond(value)
        if self.nullable and self.nulls_last:
            later |= Q(**{f"{self.name}__isnull": True})
        return later


# A condition no row meets (Django answers it without asking the database when it stands alone).
NOTHING = Q(pk__in=[])


def _after(columns: Sequence[Column], values: Sequence[Any]) -> Q:
    """Rows after the cursor in columns[0:], the earlier columns being equal."""
    if not columns:
        return NOTHING
    head, value = columns[0], values[0]
    return head.after(value) | (head.equal(value) & _after(columns[1:], values[1:]))


def _columns_of(queryset: QuerySet[Any]) -> list[Column]:
    """The list's order as columns, ended by the primary key so that it is total."""
    model = queryset.model
    meta = model._meta
    ordering: Iterable[Any] = queryset.query.order_by or meta.ordering or ()
    columns: list[Column] = []
    for item in ordering:
        descending, nulls_last, explicit = False, False, False
        if isinstance(item, str):
            descending = item.startswith("-")
            name = item.lstrip("-")
        elif isinstance(item, OrderBy) and isinstance(item.expression, F):
            name = item.expression.name  # type: ignore[attr-defined]
            descending = item.descending
            explicit = bool(item.nulls_first or item.nulls_last)
            nulls_last = bool(item.nulls_last)
        else:
            raise ImproperlyConfigured(f"{model.__name__}: cannot page by the order {item!r}.")
        try:
            model_field = meta.pk if name == "pk" else meta.get_field(name)
        except FieldDoesNotExist as error:
            raise ImproperlyConfigured(
                f"{model.__name__}: cannot page by {name!r}, which is not a column of the table."
            ) from error
        if model_field.is_relation and name != getattr(model_field, "attname", name):
            # Ordering by a relation's name sorts by the related model's own order.
            raise ImproperlyConfigured(f"{model.__name__}: page by {name}_id, not {name}.")
        nullable = bool(getattr(model_field, "null", False))
        if nullable and not explicit:
            # PostgreSQL's own placement (NULLs largest), which its plain indexes follow.
            nulls_last = not descending
        columns.append(Column(name, model_field, descending, nullable, nulls_last))
        if model_field.primary_key:
            return columns
    return [*columns, Column("pk", meta.pk, False, False)]


def order_names(queryset: QuerySet[Any]) -> list[str]:
    """The columns a page of `queryset` is ordered (and its cursors made) by, as `.values()`
    names them."""
    return [c.model_field.attname if c.name == "pk" else c.name for c in _columns_of(queryset)]


def _encode(payload: dict[str, Any]) -> str:
    raw = json.dumps(payload, separators=(",", ":"), default=_json_value).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    raise TypeError(f"{type(value).__name__} cannot go in a cursor")


def _decode(token: str) -> dict[str, Any]:
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        payload = json.loads(raw)
    except (binascii.Error, ValueError, UnicodeDecodeError) as error:
        raise CursorError("This cursor is not one this list handed out.") from error
    if not isinstance(payload, dict):
        raise CursorError("This cursor is not one this list handed out.")
    return payload


def list_fingerprint(queryset: QuerySet[Any], params: Mapping[str, Any] | None) -> str:
    """Which list a cursor belongs to: the model, its order and the filters asked for."""
    filters = sorted(
        (key, sorted(str(v) for v in _values(params, key)))
        for key in (params or {})
        if key not in NOT_FILTERS
    )
    order = [(c.name, c.descending, c.nulls_last) for c in _columns_of(queryset)]
    basis = json.dumps([queryset.model._meta.label_lower, order, filters], sort_keys=True)
    return hashlib.sha256(basis.encode()).hexdigest()[:16]


def _values(params: Mapping[str, Any] | None, key: str) -> list[Any]:
    if params is None:
        return []
    getlist = getattr(params, "getlist", None)
    return list(getlist(key)) if getlist else [params[key]]


@dataclass
class KeysetPage:
    """One page of a list: its rows, and the cursors to the pages either side (None at an end)."""

    rows: list[Any]
    next_cursor: str | None
    previous_cursor: str | None
    paginator: "KeysetPaginator"
    # The page's own query string for each link, for the pages (set by `keyset_page`).
    next_query: str = field(default="")
    previous_query: str = field(default="")
    first_query: str = field(default="")

    def __iter__(self) -> Any:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def has_next(self) -> bool:
        return self.next_cursor is not None

    def has_previous(self) -> bool:
        return self.previous_cursor is not None


# The name under which a page's rows carry the list's capped count (`counted=True`).
_COUNT = "_keyset_capped_count"


class KeysetPaginator:
    """Pages a queryset by its own order; `count` is capped at COUNT_CAP. With `counted=True`
    the count comes with the page's rows, in the same query."""

    def __init__(
        self,
        queryset: QuerySet[Any],
        *,
        per_page: int,
        fingerprint: str = "",
        counted: bool = False,
    ) -> None:
        self.columns = _columns_of(queryset)
        self.queryset = queryset.order_by(*(c.order() for c in self.columns))
        self.per_page = per_page
        self.fingerprint = fingerprint
        # Rows of models or dicts can carry one more value; tuples (values_list) cannot.
        self.counted = counted and queryset._iterable_class in (ModelIterable, ValuesIterable)
        # The rows of a first page that is also the last: the whole list, counted already.
        self.whole_list: list[Any] | None = None
        self._counted_rows: int | None = None

    def _capped(self) -> QuerySet[Any]:
        # COUNT over a LIMITed subquery of ids, unordered: bounded work however big the table.
        return self.queryset.order_by().values("pk")[: COUNT_CAP + 1]

    def _with_count(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if not self.counted:
            return queryset
        try:
            sql, params = self._capped().query.sql_with_params()
        except EmptyResultSet:  # `.none()`: no rows, so no count to carry
            return queryset
        # The SQL is Django's own compilation of our queryset; every value stays a parameter.
        capped = f"SELECT COUNT(*) FROM ({sql}) capped"  # noqa: S608
        count = RawSQL(capped, params, IntegerField())  # noqa: S611
        return queryset.annotate(**{_COUNT: count})

    def _read_count(self, rows: list[Any]) -> list[Any]:
        if self.counted and rows:
            first = rows[0]
            counted = first[_COUNT] if isinstance(first, dict) else getattr(first, _COUNT)
            self._counted_rows = counted
        return rows

    @cached_property
    def count(self) -> int:
        if self.whole_list is not None:
            return min(len(self.whole_list), COUNT_CAP + 1)
        if self._counted_rows is not None:
            return self._counted_rows
        return self._capped().count()

    @property
    def count_capped(self) -> bool:
        return self.count > COUNT_CAP

    @property
    def count_cap(self) -> int:
        """The cap, for a page that says "1,000+"."""
        return COUNT_CAP

    def cursor(self, row: Any, *, forward: bool) -> str:
        values = [column.value(row) for column in self.columns]
        return _encode({"f": self.fingerprint, "d": "n" if forward else "p", "v": values})

    def position(self, token: str) -> tuple[list[Any], bool]:
        """The cursor's row values (as Python values of their fields) and its direction."""
        payload = _decode(token)
        values, direction = payload.get("v"), payload.get("d")
        if payload.get("f") != self.fingerprint:
            raise CursorError(
                "This cursor belongs to a list with other filters or another order; "
                "start again from the first page."
            )
        if direction not in ("n", "p") or not isinstance(values, list):
            raise CursorError("This cursor is not one this list handed out.")
        if len(values) != len(self.columns):
            raise CursorError("This cursor is not one this list handed out.")
        parsed = []
        for column, value in zip(self.columns, values, strict=True):
            if value is None and not column.nullable:
                raise CursorError("This cursor is not one this list handed out.")
            if isinstance(value, dict | list):
                raise CursorError("This cursor is not one this list handed out.")
            try:
                parsed.append(None if value is None else column.model_field.to_python(value))
            except (ValidationError, TypeError, ValueError, OverflowError) as error:
                raise CursorError("This cursor is not one this list handed out.") from error
            if isinstance(parsed[-1], int) and not -(2**63) <= parsed[-1] < 2**63:
                # Beyond what SQLite compares (OverflowError, a 500).
                raise CursorError("This cursor is not one this list handed out.")
        return parsed, direction == "n"

    def page(self, cursor: str | None = None, *, offset: int = 0) -> KeysetPage:
        """The page after (or before) `cursor`; without one, the rows from `offset` (the first
        page, or `?page=N` for older scripts)."""
        want = self.per_page + 1
        if cursor is None:
            rows = self._read_count(list(self._with_count(self.queryset)[offset : offset + want]))
            more = len(rows) > self.per_page
            rows = rows[: self.per_page]
            if offset == 0 and not more:
                self.whole_list = rows
            return self._page(rows, has_next=more, has_previous=offset > 0)
        values, forward = self.position(cursor)
        columns = self.columns if forward else [c.reversed() for c in self.columns]
        rows = self._rows_after(columns, values, want)
        more = len(rows) > self.per_page
        rows = rows[: self.per_page]
        if forward:
            return self._page(rows, has_next=more, has_previous=True)
        rows.reverse()
        return self._page(rows, has_next=True, has_previous=more)

    def _page(self, rows: list[Any], *, has_next: bool, has_previous: bool) -> KeysetPage:
        return KeysetPage(
            rows=rows,
            next_cursor=self.cursor(rows[-1], forward=True) if has_next and rows else None,
            previous_cursor=(
                self.cursor(rows[0], forward=False) if has_previous and rows else None
            ),
            paginator=self,
        )

    def _rows_after(self, columns: list[Column], values: list[Any], want: int) -> list[Any]:
        """Up to `want` rows after the cursor in `columns`' order. The first column is read as
        a range (`>= value`, the index's seek) with the ties filtered; a nullable first column's
        other partition (NULL or not) follows as a second range when the first runs short."""
        head, rest = columns[0], columns[1:]
        ordered = self._with_count(self.queryset.order_by(*(c.order() for c in columns)))
        lookups = list(getattr(ordered, "_prefetch_related_lookups", ()))
        ordered = ordered.prefetch_related(None)
        if values[0] is None:
            first = ordered.filter(head.equal(None) & _after(rest, values[1:]))
            then = (
                ordered.filter(**{f"{head.name}__isnull": False}) if not head.nulls_last else None
            )
        else:
            first = ordered.filter(
                head.from_(values[0])
                & (head.beyond(values[0]) | (head.equal(values[0]) & _after(rest, values[1:])))
            )
            then = (
                ordered.filter(**{f"{head.name}__isnull": True})
                if head.nullable and head.nulls_last
                else None
            )
        rows = list(first[:want])
        if then is not None and len(rows) < want:
            rows += list(then[: want - len(rows)])
        self._read_count(rows)
        if lookups:
            prefetch_related_objects(rows, *lookups)
        return rows


def keyset_page(
    queryset: QuerySet[Any], params: Mapping[str, Any], *, per_page: int, counted: bool = False
) -> KeysetPage:
    """A page of a list for a page view: the cursor from `params`, and each link's query
    string (the same filters, the other cursor). Raises CursorError for a bad cursor.
    `counted`: the page shows the list's count (see KeysetPaginator)."""
    paginator = KeysetPaginator(
        queryset,
        per_page=per_page,
        fingerprint=list_fingerprint(queryset, params),
        counted=counted,
    )
    page = paginator.page(params.get(CURSOR_PARAM) or None)
    page.next_query = _query_with(params, page.next_cursor)
    page.previous_query = _query_with(params, page.previous_cursor)
    page.first_query = _query_with(params, None)
    return page


def _filters(params: Mapping[str, Any], leave_out: tuple[str, ...] = ()) -> Any:
    """A copy of the list's filters, without its position (cursor or page number): a cursor
    belongs to the filters it was handed out with."""
    copy = getattr(params, "copy", None)
    if copy is None:
        raise TypeError("keyset_page wants a QueryDict")
    query = copy()
    for name in (PAGE_PARAM, CURSOR_PARAM, *leave_out):
        query.pop(name, None)
    return query


def _query_with(params: Mapping[str, Any], cursor: str | None) -> str:
    """The same filters with this cursor (none: the first page)."""
    query = _filters(params)
    if cursor is not None:
        query[CURSOR_PARAM] = cursor
    return str(query.urlencode())


def first_page_query(params: Mapping[str, Any], *, leave_out: tuple[str, ...] = ()) -> str:
    """The query string of the list's first page with these filters left out (a page's "every
    campaign" link, say)."""
    return str(_filters(params, leave_out).urlencode())


MAX_PAGE_SIZE = 200
# Past any table: a larger page number times 200 rows would overflow the database's 64-bit
# offset (SQLite raises OverflowError, a 500).
MAX_PAGE = (2**63 - 1) // MAX_PAGE_SIZE


def _digits(value: str) -> bool:
    # Digits only: `int()` would also read " 2", "+2", "1_0" and "٢", none of which the
    # schema's integer allows.
    return value.isascii() and value.isdigit()


def page_size_from(params: Mapping[str, Any], *, default: int) -> int:
    """`?page_size=` from 1 to 200 (every list of the API); anything else is refused (400)
    rather than ignored, so a client asking for 500 rows learns it gets at most 200."""
    raw = params.get(PAGE_SIZE_PARAM)
    if raw is None:
        return default
    if _digits(raw) and 1 <= int(raw) <= MAX_PAGE_SIZE:
        return int(raw)
    raise exceptions.ValidationError(
        {PAGE_SIZE_PARAM: [f"Give a whole number from 1 to {MAX_PAGE_SIZE}."]}
    )


def page_number_from(params: Mapping[str, Any]) -> int:
    """`?page=N`, a whole number from 1; anything else, `?page=` (empty) included, is a page
    that does not exist (404, as DRF answers a page past the end)."""
    raw = params.get(PAGE_PARAM)
    if raw is None:
        return 1
    if not _digits(raw) or not 1 <= int(raw) <= MAX_PAGE:
        raise exceptions.NotFound("Invalid page.")
    return int(raw)


def page_number_schema_parameters(parameters: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The bounds above, stated on `page` and `page_size` in the schema."""
    for parameter in parameters:
        if parameter["name"] == PAGE_PARAM:
            parameter["schema"].update(minimum=1, maximum=MAX_PAGE)
        elif parameter["name"] == PAGE_SIZE_PARAM:
            parameter["schema"].update(minimum=1, maximum=MAX_PAGE_SIZE)
    return parameters


class PageNumberPagination(pagination.PageNumberPagination):
    """Page numbers, for the lists a cursor does not suit (search's ranked hits, a user's
    tokens), with the same rules for `page` and `page_size` as every other list."""

    page_size_query_param = PAGE_SIZE_PARAM
    max_page_size = MAX_PAGE_SIZE
    last_page_strings = ()  # `page` is a whole number: no `?page=last`

    def get_page_size(self, request: Request) -> int:
        return page_size_from(request.query_params, default=int(self.page_size or 50))

    def get_page_number(self, request: Request, paginator: Any) -> int:
        return page_number_from(request.query_params)

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        return page_number_schema_parameters(super().get_schema_operation_parameters(view))


class Pagination(pagination.BasePagination):
    """`{"count", "count_capped", "next", "previous", "results"}` (API.md): `next` and
    `previous` are cursor links; `?page_size=` up to 200. `count` is exact up to 1,000 rows;
    past that it is 1,001 and `count_capped` is true. `?page=N` still works for older scripts
    (an offset, so slower deep in a list); the links it hands out are cursors."""

    page_size_query_param = PAGE_SIZE_PARAM
    max_page_size = MAX_PAGE_SIZE

    def __init__(self) -> None:
        self.page_size = int(api_settings.PAGE_SIZE or 50)
        self.page: KeysetPage | None = None
        self.request: Request | None = None

    def get_page_size(self, request: Request) -> int:
        return page_size_from(request.query_params, default=self.page_size)

    def paginate_queryset(self, queryset: Any, request: Request, view: Any = None) -> list[Any]:
        self.request = request
        params = request.query_params
        paginator = KeysetPaginator(
            queryset,
            per_page=self.get_page_size(request),
            fingerprint=list_fingerprint(queryset, params),
            counted=True,
        )
        cursor = params.get(CURSOR_PARAM)
        try:
            if cursor:
                self.page = paginator.page(cursor)
            else:
                number = page_number_from(params)
                self.page = paginator.page(offset=(number - 1) * paginator.per_page)
                if number > 1 and not self.page.rows:
                    raise exceptions.NotFound("Invalid page.")
        except CursorError as error:
            raise exceptions.ValidationError({CURSOR_PARAM: [str(error)]}) from error
        return self.page.rows

    def _link(self, cursor: str | None) -> str | None:
        if cursor is None or self.request is None:
            return None
        url = remove_query_param(self.request.build_absolute_uri(), PAGE_PARAM)
        return str(replace_query_param(url, CURSOR_PARAM, cursor))

    def get_next_link(self) -> str | None:
        return self._link(self.page.next_cursor) if self.page else None

    def get_previous_link(self) -> str | None:
        return self._link(self.page.previous_cursor) if self.page else None

    def get_paginated_response(self, data: Any) -> Response:
        assert self.page is not None  # DRF calls this only after paginating a page
        paginator = self.page.paginator
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
        return {
            "type": "object",
            "required": ["count", "count_capped", "results"],
            "properties": {
                "count": {"type": "integer", "example": 123},
                "count_capped": {
                    "type": "boolean",
                    "description": f"True when the list has more than {COUNT_CAP:,} rows and "
                    "`count` stopped counting there.",
                },
                "next": {
                    "type": "string",
                    "nullable": True,
                    "format": "uri",
                    "description": "The next page (a cursor link); null on the last page.",
                },
                "previous": {
                    "type": "string",
                    "nullable": True,
                    "format": "uri",
                    "description": "The previous page (a cursor link); null on the first page.",
                },
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters = [
            {
                "name": CURSOR_PARAM,
                "required": False,
                "in": "query",
                "description": "Where the page starts: take it from `next` or `previous`. A "
                "cursor from a list with other filters is refused (400).",
                "schema": {"type": "string"},
            },
            {
                "name": PAGE_SIZE_PARAM,
                "required": False,
                "in": "query",
                "description": f"Rows per page, up to {self.max_page_size}.",
                "schema": {"type": "integer"},
            },
            {
                "name": PAGE_PARAM,
                "required": False,
                "in": "query",
                "description": "Deprecated: a page number, for older scripts. Use `cursor`.",
                "schema": {"type": "integer"},
            },
        ]
        return page_number_schema_parameters(parameters)
