"""Queries that run on every request, compiled once per shape.

Building a queryset and compiling it to SQL costs Django 0.2 to 3 ms of CPU per query, several
times what PostgreSQL takes to run it (BENCHMARKS.md); a review page sent nine of them. A
`Statement` builds its queryset from sentinel values, compiles it once per connection and shape,
and then runs that SQL with each request's values, through Django's own cursor (query logging
and test capture still see it) and Django's own converters (a date read from SQLite is still a
date). What changes the SQL is the shape: which values are None and how many items each list
holds; nothing else may.

It is checked, not trusted: the queryset is compiled twice, from two different sets of
sentinels, and every parameter must be either the same constant both times or exactly one of the
given values both times. A value the query transforms before it reaches the SQL (`pk + 1`), or
a shape that depends on a value, is refused at the first call (`ImproperlyConfigured`), never
run with a stale constant.
"""

from collections.abc import Callable, Hashable
from typing import Any
from weakref import WeakKeyDictionary

from django.core.exceptions import EmptyResultSet, ImproperlyConfigured
from django.db import connections, router
from django.db.models import QuerySet
from django.db.models.query import ValuesListIterable

__all__ = ["Statement"]

Value = int | str | list[int] | list[str] | None
# Shapes kept per statement and connection; a page size or a filter combination is one shape.
_SHAPES_KEPT = 256
# Sentinels sit well inside a 32-bit integer column's range: Django turns a lookup with an
# out-of-range value into an empty result instead of a parameter. The two runs differ in parity
# too, so a query that branches on an odd value is caught.
_BASE, _RUN, _VALUE = -2_000_000_000, 100_000_001, 1_000_000


class _Compiled:
    """One shape's SQL, where each parameter comes from (a value's path, or a constant), and
    the compiler that knows the columns' converters."""

    def __init__(self, sql: str, sources: list[tuple[str, Any]], compiler: Any) -> None:
        self.sql, self.sources, self.compiler = sql, sources, compiler

    def params(self, flat: dict[str, Any]) -> list[Any]:
        return [flat[source] if kind == "value" else source for kind, source in self.sources]


def _shape(values: dict[str, Value]) -> Hashable:
    return tuple(
        (name, None if value is None else len(value) if isinstance(value, list) else type(value))
        for name, value in sorted(values.items())
    )


def _flat(values: dict[str, Value]) -> dict[str, Any]:
    """Each value (each list item) under its path: "user_id", "link_ids.3"."""
    flat: dict[str, Any] = {}
    for name, value in values.items():
        if isinstance(value, list):
            flat.update({f"{name}.{index}": item for index, item in enumerate(value)})
        elif value is not None:
            flat[name] = value
    return flat


def _plain(value: Any) -> Any:
    """An integer or a string as itself, not a subclass (a model's `TextChoices` member is
    passed as its value); anything else is refused."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise TypeError(f"A statement's values are integers or strings, not {type(value)}.")
    return int(value) if isinstance(value, int) else str(value)


def _plain_values(values: dict[str, Any]) -> dict[str, Value]:
    return {
        name: None
        if value is None
        else [_plain(item) for item in value]
        if isinstance(value, list | tuple)
        else _plain(value)
        for name, value in values.items()
    }


def _sentinel(kind: type, run: int, value: int, item: int) -> int | str:
    if kind is int:
        return _BASE + run * _RUN + value * _VALUE + item
    return f"<sentinel {run}.{value}.{item}>"


def _sentinels(values: dict[str, Value], run: int) -> dict[str, Value]:
    given: dict[str, Value] = {}
    for index, (name, value) in enumerate(sorted(values.items())):
        if isinstance(value, list):
            given[name] = [_sentinel(type(item), run, index, n) for n, item in enumerate(value)]  # type: ignore[assignment]
        elif value is not None:
            given[name] = _sentinel(type(value), run, index, 0)
        else:
            given[name] = None
    return given


class Statement:
    """`build(**values)` returns a `values_list()` queryset; `rows(**values)` runs its SQL.

    `build` may look at which values are None and at the lengths of lists, which choose the
    shape; it must not look at the values themselves."""

    def __init__(self, build: Callable[..., QuerySet[Any]]) -> None:
        self.build = build
        self._model: Any = None
        # Per connection object: Django gives each thread its own, and a compiler keeps one.
        self._compiled: WeakKeyDictionary[Any, dict[Hashable, _Compiled | None]] = (
            WeakKeyDictionary()
        )

    def rows(self, **given: Any) -> list[tuple[Any, ...]]:
        values = _plain_values(given)
        if self._model is None:  # which database; built on first use, once the models load
            self._model = self.build(**_sentinels(values, 0)).model
        connection = connections[router.db_for_read(self._model)]
        shapes = self._compiled.setdefault(connection, {})
        shape = _shape(values)
        if shape not in shapes:
            if len(shapes) >= _SHAPES_KEPT:
                shapes.clear()
            shapes[shape] = self._compile(connection, values)
        compiled = shapes[shape]
        if compiled is None:  # a query Django knows is empty (`pk__in=[]`): the ORM answers
            return list(self.build(**values))
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, compiled.params(_flat(values)))
            fetched = cursor.fetchall()
        return list(compiled.compiler.results_iter([fetched], tuple_expected=True))

    def _compile(self, connection: Any, values: dict[str, Value]) -> _Compiled | None:
        compiled = []
        for run in (0, 1):
            given = _sentinels(values, run)
            queryset = self.build(**given)
            if queryset._iterable_class is not ValuesListIterable:
                raise ImproperlyConfigured("A statement is built as a values_list() queryset.")
            compiler = queryset.query.get_compiler(connection=connection)
            try:
                sql, params = compiler.as_sql()
            except EmptyResultSet:
                return None
            compiled.append((str(sql), list(params), _flat(given), compiler))
        (sql, first, first_paths, compiler), (other_sql, second, second_paths, _) = compiled
        if sql != other_sql or len(first) != len(second):
            raise ImproperlyConfigured(f"{sql}: the SQL depends on the values themselves.")
        path_of = [{v: k for k, v in paths.items()} for paths in (first_paths, second_paths)]
        sources: list[tuple[str, Any]] = []
        for one, two in zip(first, second, strict=True):
            path = path_of[0].get(one)
            if path is not None and path_of[1].get(two) == path:
                sources.append(("value", path))
            elif one == two and path is None:
                sources.append(("constant", one))
            else:
                raise ImproperlyConfigured(f"{sql}: a parameter is not one of the values.")
        return _Compiled(sql, sources, compiler)
