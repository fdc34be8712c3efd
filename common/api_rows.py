"""The hot API lists read as rows: a page of `.values()` dicts holding the columns the
serializer shows, represented by that same serializer's fields, instead of model instances with
their related rows joined and prefetched and DRF's per-row, per-field attribute lookups (together
most of the CPU of such a request).

The representation stays one definition, the serializer: each field's own `to_representation`
turns the row's value into JSON, in the serializer's field order, and a value that is None stays
None, as `Serializer.to_representation` does. What DRF would read from the instance is read from
the row instead: a column's value under its name; a foreign key's id, handed to the field as
DRF's own `PKOnlyObject` (its stand-in for a related row it shows only the id of); a
many-to-many relation's ids, from the join table in the related model's order. The detail
endpoints serialise instances; `tests/common/test_api_rows.py` pins that both give the same JSON,
field order included.

What this cannot read from a row makes `RowPlan` refuse the serializer when the list is first
asked for, never a wrong answer: a method field, a dotted or `*` source, a reverse relation, a
related field that shows more than the id, or a serializer that overrides `to_representation`.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.db.models import IntegerField, Model, QuerySet
from django.http import Http404
from django.utils import timezone
from rest_framework import serializers
from rest_framework.permissions import BasePermission
from rest_framework.relations import ManyRelatedField, PKOnlyObject, PrimaryKeyRelatedField
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.serializer_helpers import ReturnList

from common.compiled import Statement
from common.pagination import order_names

__all__ = ["RowListMixin", "RowPlan", "RowRetrieveMixin", "related_order", "row_plan"]


def related_order(model: type[Model]) -> list[str]:
    """The order of a many-to-many relation's rows: the related model's own, then its primary
    key, so that rows equal in that order come in one order on every read."""
    ordering = [item for item in model._meta.ordering or () if isinstance(item, str)]
    if len(ordering) != len(model._meta.ordering or ()):
        raise ImproperlyConfigured(f"{model.__name__}: order a list's relation by columns.")
    return [*ordering, "pk"]


@dataclass(frozen=True)
class ManyIds:
    """A many-to-many relation a serializer shows as ids: read from its join table alone
    (or joined to the related table for its order), one query for the whole page."""

    name: str
    through: type[Model]
    owner_column: str
    related_column: str
    order: tuple[str, ...]

    def pairs(self, owner_ids: list[Any]) -> QuerySet[Any, tuple[Any, Any]]:
        return (
            self.through._default_manager.filter(**{f"{self.owner_column}__in": owner_ids})
            .order_by(*self.order)
            .values_list(self.owner_column, self.related_column)
        )

    def ids_by_owner(self, owner_ids: list[Any]) -> dict[Any, list[Any]]:
        found: dict[Any, list[Any]] = defaultdict(list)
        owner_ids = list(dict.fromkeys(owner_ids))
        if not owner_ids:
            return found
        # Compiled once per page size: compiling it cost several times running it.
        for owner, related in _pairs_statement(self).rows(owner_ids=owner_ids):
            found[owner].append(related)
        return found


@cache
def _pairs_statement(relation: ManyIds) -> Statement:
    return Statement(relation.pairs)


def _many_ids(model_field: Any) -> ManyIds:
    through = model_field.remote_field.through
    owner = through._meta.get_field(model_field.m2m_field_name())
    related = through._meta.get_field(model_field.m2m_reverse_field_name())
    related_model = model_field.related_model
    if not all(isinstance(f.target_field, IntegerField) for f in (owner, related)):
        raise ImproperlyConfigured(f"{model_field.name}: many-to-many ids are read as integers.")
    order = []
    for item in related_order(related_model):
        descending, column = item.startswith("-"), item.lstrip("-")
        path = related.attname if column in ("pk", related_model._meta.pk.name) else None
        path = path or f"{related.name}__{column}"
        order.append(f"-{path}" if descending else path)
    return ManyIds(model_field.name, through, owner.attname, related.attname, tuple(order))


# How a field's value is read from a row.
COLUMN, FOREIGN_KEY, MANY = "column", "foreign key", "many"

# DRF's own `to_representation` of the field kinds whose output depends on the value alone,
# never on the serializer's context (the request, as a file's or a link's address does): a
# serializer made of these can have its fields built once and used for every page.
_VALUE_ONLY = {
    kind.to_representation
    for kind in (
        serializers.BigIntegerField,
        serializers.BooleanField,
        serializers.CharField,
        serializers.ChoiceField,
        serializers.DateField,
        serializers.DateTimeField,
        serializers.DecimalField,
        serializers.DictField,
        serializers.DurationField,
        serializers.FloatField,
        serializers.IntegerField,
        serializers.JSONField,
        serializers.ListField,
        serializers.ListSerializer,
        serializers.MultipleChoiceField,
        serializers.ReadOnlyField,
        serializers.Serializer,
        serializers.TimeField,
        serializers.UUIDField,
        ManyRelatedField,
        PrimaryKeyRelatedField,
    )
}


def _value_only(field: serializers.Field) -> bool:
    """True if `field` (and whatever it holds) represents a value from the value alone."""
    if type(field).to_representation not in _VALUE_ONLY:
        return False
    if isinstance(field, serializers.ListSerializer | serializers.ListField):
        return _value_only(field.child)  # type: ignore[arg-type]
    if isinstance(field, serializers.DictField):
        return _value_only(field.child)
    if isinstance(field, ManyRelatedField):
        return _value_only(field.child_relation)
    if isinstance(field, serializers.Serializer):
        return all(_value_only(f) for f in field.fields.values() if not f.write_only)
    return True


def _pin_time_zone(fields: Any, zone: Any) -> None:
    for field in fields.values():
        if isinstance(field, serializers.DateTimeField) and not hasattr(field, "timezone"):
            # DRF looks the current time zone up for every value it writes: once per page.
            field.timezone = zone


class RowPlan:
    """What a list serializer reads: the columns to ask `.values()` for, how each field reads
    its value from a row, and the many-to-many relations to read as ids."""

    def __init__(self, serializer_class: type[serializers.ModelSerializer]) -> None:
        name = serializer_class.__name__
        if serializer_class.to_representation is not serializers.Serializer.to_representation:
            raise ImproperlyConfigured(f"{name}: a list read as rows has no own to_representation.")
        list_class = getattr(serializer_class.Meta, "list_serializer_class", None)
        if list_class not in (None, serializers.ListSerializer):
            raise ImproperlyConfigured(f"{name}: a list read as rows is a plain ListSerializer.")
        self.model: type[Model] = serializer_class.Meta.model
        meta = self.model._meta
        self.pk: str = meta.pk.attname  # type: ignore[union-attr]
        self.columns: list[str] = []
        self.many: list[ManyIds] = []
        # (field name, how it is read) in the serializer's order.
        self.readers: list[tuple[str, str]] = []
        self.serializer_class = serializer_class
        fields = serializer_class().fields
        for field in fields.values():
            if field.write_only:
                continue
            self.readers.append((str(field.field_name), self._reader(name, field, meta)))
        self.value_only = all(_value_only(f) for f in fields.values() if not f.write_only)
        # Fields built once per time zone (only a serializer of value-only fields).
        self._built: dict[Any, Any] = {}

    def _reader(self, name: str, field: serializers.Field, meta: Any) -> str:
        source = str(field.source)
        refusal = ImproperlyConfigured(
            f"{name}.{field.field_name}: a list read as rows shows columns, foreign keys and "
            "many-to-many relations (as ids) only."
        )
        if source == "*" or "." in source:
            raise refusal
        try:
            model_field = meta.get_field(source)
        except FieldDoesNotExist as error:
            raise refusal from error
        if isinstance(field, ManyRelatedField):
            # DRF hands the related rows to the child field; a row has only their ids, which
            # is all a primary-key field reads.
            shows_ids = isinstance(field.child_relation, PrimaryKeyRelatedField) and (
                type(field.child_relation).to_representation
                is PrimaryKeyRelatedField.to_representation
            )
            if not model_field.many_to_many or model_field.auto_created or not shows_ids:
                raise refusal
            self.many.append(_many_ids(model_field))
            return MANY
        if isinstance(field, serializers.RelatedField):
            # What DRF itself hands the field: PKOnlyObject(id), never the related row.
            if not (model_field.many_to_one and model_field.concrete):
                raise refusal
            if not field.use_pk_only_optimization():
                raise refusal
            self.columns.append(source)
            return FOREIGN_KEY
        if isinstance(field, serializers.SerializerMethodField | serializers.HiddenField):
            raise refusal
        if not model_field.concrete or model_field.is_relation:
            raise refusal
        self.columns.append(source)
        return COLUMN

    def values(self, queryset: QuerySet[Any]) -> QuerySet[Any, dict[str, Any]]:
        """The list's queryset, its filters and order kept, reading only these columns (and
        the order's, which the page's cursors are made of)."""
        wanted = list(dict.fromkeys([*self.columns, *order_names(queryset), self.pk]))
        return queryset.prefetch_related(None).select_related(None).values(*wanted)

    def rows(self, values: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
        """The page's rows, with their many-to-many ids: one query per relation."""
        rows = list(values)
        if rows and self.many:
            ids = [row[self.pk] for row in rows]
            for relation in self.many:
                found = relation.ids_by_owner(ids)
                for row in rows:
                    row[relation.name] = found.get(row[self.pk], [])
        return rows

    def represent(self, serializer: serializers.ListSerializer, rows: list[dict[str, Any]]) -> Any:
        """What `serializer.data` would be for the instances of these rows."""
        fields = self._fields(serializer)
        readers = [
            (name, how, fields[name].to_representation, fields[name].source)
            for name, how in self.readers
        ]
        data = []
        for row in rows:
            item: dict[str, Any] = {}
            for name, how, represent, source in readers:
                value = row[source]
                if how == MANY:
                    item[name] = represent([PKOnlyObject(pk=pk) for pk in value])
                elif value is None:
                    item[name] = None
                elif how == FOREIGN_KEY:
                    item[name] = represent(PKOnlyObject(pk=value))
                else:
                    item[name] = represent(value)
            data.append(item)
        return ReturnList(data, serializer=serializer)

    def _fields(self, serializer: serializers.ListSerializer) -> Any:
        """The serializer's fields: built for this page, or (value-only fields) once per time
        zone, which is the only thing outside the value they read."""
        zone = timezone.get_current_timezone() if settings.USE_TZ else None
        if not self.value_only:
            fields = serializer.child.fields  # type: ignore[union-attr]
            _pin_time_zone(fields, zone)
            return fields
        fields = self._built.get(zone)
        if fields is None:
            fields = self._built[zone] = self.serializer_class().fields
            _pin_time_zone(fields, zone)
        return fields


@cache
def row_plan(serializer_class: type[serializers.ModelSerializer]) -> RowPlan:
    return RowPlan(serializer_class)


class RowListMixin:
    # A list viewset's `list`, read as rows: filtered, ordered and paged as before, then
    # represented by the viewset's serializer. No docstring: drf-spectacular would publish it.

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        view: Any = self
        plan = row_plan(view.get_serializer_class())
        queryset = plan.values(view.filter_queryset(view.get_queryset()))
        page = view.paginate_queryset(queryset)
        rows = plan.rows(queryset if page is None else page)
        data = plan.represent(view.get_serializer(rows, many=True), rows)
        return Response(data) if page is None else view.get_paginated_response(data)


def _checks_objects(permissions: Iterable[BasePermission]) -> bool:
    """Whether any of these permissions overrides `has_object_permission` (DRF's own allows)."""
    return any(
        type(permission).has_object_permission is not BasePermission.has_object_permission
        for permission in permissions
    )


class RowRetrieveMixin:
    # A viewset's `retrieve`, read as a row the way its list is: the same lookup, filters and
    # object permissions as DRF's `get_object`, the same JSON (and so the same `ETag`) as
    # serialising the instance, without building the instance and its prefetches. Writes still
    # load instances. No docstring: drf-spectacular would publish it.

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        view: Any = self
        if _checks_objects(view.get_permissions()):
            # A permission that looks at the object would be handed a row (a dict), where it
            # expects the instance: fail closed into DRF's own retrieve, which loads it.
            return super().retrieve(request, *args, **kwargs)  # type: ignore[misc,no-any-return]
        plan = row_plan(view.get_serializer_class())
        lookup = view.lookup_url_kwarg or view.lookup_field
        queryset = view.filter_queryset(view.get_queryset())
        try:
            one = queryset.filter(**{view.lookup_field: kwargs[lookup]})
        except (TypeError, ValueError) as error:  # as get_object_or_404
            raise Http404 from error
        rows = plan.rows(plan.values(one)[:2])
        if len(rows) != 1:
            raise Http404
        view.check_object_permissions(request, rows[0])
        return Response(plan.represent(view.get_serializer(rows, many=True), rows)[0])
