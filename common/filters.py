"""The filter backend of every API list: django-filter's, except that a filter given with no
value (`?source=`) or a yes/no filter given something else (`?anchored=5`) is refused (400
naming it) instead of silently ignored: the schema says `source` is an id and `anchored` a
boolean, and those are not (a text filter such as `?q=` may be empty)."""

from collections.abc import Iterable
from typing import Any

from django_filters import BooleanFilter, CharFilter
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import serializers

from common.pagination import NOT_FILTERS

__all__ = ["FilterBackend", "refuse_empty_parameters", "refuse_non_booleans"]


def refuse_empty_parameters(query_params: Any, names: Iterable[str]) -> None:
    """400 naming each of `names` given in the query string with no value."""
    empty = {
        name: ["Give a value, or leave the parameter out."]
        for name in names
        if name in query_params and not query_params.get(name, "").strip()
    }
    if empty:
        raise serializers.ValidationError(empty)


def refuse_non_booleans(query_params: Any, names: Iterable[str]) -> None:
    """400 naming each of `names` whose value is not `true` or `false`: django-filter reads
    anything else ("5", "yes") as no filter at all, and returns every row."""
    wrong = {
        name: ["Give true or false."]
        for name in names
        if name in query_params and query_params.get(name) not in ("true", "false")
    }
    if wrong:
        raise serializers.ValidationError(wrong)


def _requires_a_filter(filterset_class: Any) -> bool:
    return any(f.extra.get("required") for f in filterset_class.base_filters.values())


class FilterBackend(DjangoFilterBackend):
    def filter_queryset(self, request: Any, queryset: Any, view: Any) -> Any:
        # A request naming no filter (the hot first page of a list) is the list unfiltered:
        # building the filter set and its form would only say so, at about a millisecond.
        named = any(name not in NOT_FILTERS for name in request.query_params)
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is not None and not named and not _requires_a_filter(filterset_class):
            return queryset
        return super().filter_queryset(request, queryset, view)

    def get_filterset(self, request: Any, queryset: Any, view: Any) -> Any:
        filterset = super().get_filterset(request, queryset, view)
        if filterset is not None:
            refuse_non_booleans(
                request.query_params,
                (
                    name
                    for name, filter_ in filterset.filters.items()
                    if isinstance(filter_, BooleanFilter)
                ),
            )
            refuse_empty_parameters(
                request.query_params,
                (
                    name
                    for name, filter_ in filterset.filters.items()
                    if not isinstance(filter_, CharFilter)
                ),
            )
        return filterset
