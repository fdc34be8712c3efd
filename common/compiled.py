"""Queries that run on every request, compiled once.

Building a queryset and compiling it to SQL costs Django about 0.2 ms of CPU for a small query,
five times what PostgreSQL takes to run it (BENCHMARKS.md). A query whose shape never changes,
only the user it is about, is compiled once per database here and then run with each new id,
through Django's own cursor (so query logging and test capture still see it). The API lists'
many-to-many ids are compiled the same way, once per page size (`common.api_rows`).
"""

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import connections, router
from django.db.models import QuerySet

__all__ = ["CompiledOnce"]

# A value no id takes, to find the parameter in the compiled query.
_PLACEHOLDER = -918_273_645


class CompiledOnce:
    """`build(id)` is a queryset of one integer parameter; `rows(id)` runs its SQL."""

    def __init__(self, build: Callable[[int], QuerySet[Any]]) -> None:
        # Built on first use, not at import: the models may not all be loaded yet.
        self.build = build
        self._statements: dict[str, str] = {}
        self._model: Any = None

    def rows(self, value: int) -> list[tuple[Any, ...]]:
        if self._model is None:
            self._model = self.build(_PLACEHOLDER).model
        database = router.db_for_read(self._model)
        with connections[database].cursor() as cursor:
            cursor.execute(self._statement(database), [value])
            return list(cursor.fetchall())

    def _statement(self, database: str) -> str:
        sql = self._statements.get(database)
        if sql is None:
            compiled, params = self.build(_PLACEHOLDER).query.get_compiler(database).as_sql()
            if list(params) != [_PLACEHOLDER]:
                raise ImproperlyConfigured(f"{compiled}: not a query of one id.")
            sql = self._statements[database] = str(compiled)
        return sql
