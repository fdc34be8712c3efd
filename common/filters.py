"""The filter backend of every API list: django-filter's, except that a filter given with no
value (`?source=`) or a yes/no filter given something else (`?anchored=5`) is refused (400
naming it) instead of silently ignored: the schema says `source` is an id and `anchored` a
boolean, and those are not (a text filter such as `?q=` may be empty).

A request's filter set holds only the filters it names: the others would filter nothing and refuse
nothing, and building their form fields was a millisecond of every list request."""

from collections.abc import Iterable
from functools import cache
from typing import Any

from django import forms
from django_filters import (
    BooleanFilter,
    CharFilter,
    ChoiceFilter,
    ModelChoiceFilter,
    NumberFilter,
)
from django_filters.rest_framework import DjangoFilterBackend
from django_filters.utils import translate_validation
from rest_framework import serializers

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


# Filters read from one query parameter of their own name (a range reads `<name>_min` and
# `<name>_max`, a lookup choice `<name>_lookup`): the filter set of a request may leave out those
# it does not name.
_ONE_PARAMETER = (BooleanFilter, CharFilter, ChoiceFilter, ModelChoiceFilter, NumberFilter)


@cache
def _named_only(filterset_class: Any, names: frozenset[str]) -> Any:
    """`filterset_class` with only the filters in `names` (and any required one): a filter a
    request does not name filters nothing and refuses nothing, so leaving it out changes no
    answer; building each one's form field on every request costs about a millisecond."""
    filters = filterset_class.base_filters
    if filterset_class._meta.form is not forms.Form or not all(
        isinstance(f, _ONE_PARAMETER) for f in filters.values()
    ):
        return filterset_class
    kept = {n: f for n, f in filters.items() if n in names or f.extra.get("required")}
    if len(kept) == len(filters):
        return filterset_class
    named_only: Any = type(filterset_class.__name__, (filterset_class,), {})
    named_only.base_filters = kept
    return named_only


class FilterBackend(DjangoFilterBackend):
    def filter_queryset(self, request: Any, queryset: Any, view: Any) -> Any:
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is None:
            return queryset
        named = frozenset(request.query_params) & frozenset(filterset_class.base_filters)
        # The class the view names, so the cache holds a few classes per list.
        if filterset_class is getattr(view, "filterset_class", None):
            filterset_class = _named_only(filterset_class, named)
        if not filterset_class.base_filters:
            return queryset  # no filter named: the list as it is
        filterset = self.checked(
            request, filterset_class(**self.get_filterset_kwargs(request, queryset, view))
        )
        if not filterset.is_valid() and self.raise_exception:
            raise translate_validation(filterset.errors)
        return filterset.qs

    def get_filterset(self, request: Any, queryset: Any, view: Any) -> Any:
        filterset = super().get_filterset(request, queryset, view)
        return None if filterset is None else self.checked(request, filterset)

    def checked(self, request: Any, filterset: Any) -> Any:
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
