"""`/api/v1/facts/`: facts with figures and conflicts, verification, resolution."""

from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from common.api_history import HistoryViewSetMixin
from common.api_rows import RowListMixin, RowRetrieveMixin
from common.permissions import HasRole, IsReviewer
from evidence.api.common import ERRORS, READ, WRITE, EvidenceViewSet
from evidence.api.serializers.facts import FactSerializer, ResolveConflictSerializer
from evidence.models import Fact
from evidence.selectors.evidence import fact_ids_for_actor, fact_list_by_ids
from evidence.services.facts import (
    fact_create,
    fact_resolve_conflict,
    fact_update,
    fact_verify,
)

__all__ = ["FactViewSet"]


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": 2**63 - 1})
class ActorIdFilter(filters.NumberFilter):
    # A whole number only: "2.5" is no actor's id (NumberFilter reads decimals); and within
    # a 64-bit integer, which SQLite cannot compare beyond (OverflowError, a 500).
    field_class = forms.IntegerField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, min_value=1, max_value=2**63 - 1, **kwargs)


class FactFilter(filters.FilterSet):
    kind = filters.ChoiceFilter(choices=Fact.Kind.choices)
    status = filters.ChoiceFilter(choices=Fact.Status.choices)
    target_type = filters.ChoiceFilter(choices=Fact.TargetType.choices)
    victim_community = filters.ChoiceFilter(choices=Fact.VictimCommunity.choices)
    actor = ActorIdFilter(
        method="filter_actor", help_text="Claimed by, attributed to, subject or object."
    )
    q = filters.CharFilter(method="filter_q", help_text="Words in the title, summary or place.")

    class Meta:
        model = Fact
        fields = ["kind", "status", "target_type", "victim_community", "actor", "q"]

    def filter_actor(self, queryset: QuerySet[Fact], name: str, value: int) -> QuerySet[Fact]:
        return queryset.filter(pk__in=fact_ids_for_actor(value))

    def filter_q(self, queryset: QuerySet[Fact], name: str, value: str) -> QuerySet[Fact]:
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(title__icontains=value) | Q(summary__icontains=value) | Q(place__icontains=value)
        )


@extend_schema_view(
    list=extend_schema(responses={200: FactSerializer(many=True), **READ}),
    retrieve=extend_schema(responses={200: FactSerializer, **READ}),
    create=extend_schema(responses={201: FactSerializer, **WRITE}),
    update=extend_schema(responses={200: FactSerializer, **WRITE}),
    partial_update=extend_schema(responses={200: FactSerializer, **WRITE}),
)
class FactViewSet(RowListMixin, RowRetrieveMixin, HistoryViewSetMixin, EvidenceViewSet):
    """Incidents, relationships, statements and statistics, with the figures and conflicts
    computed from their excerpts."""

    serializer_class = FactSerializer
    filterset_class = FactFilter

    def get_queryset(self) -> QuerySet[Fact]:
        # The serializer shows actors and users by id: joining their rows (users' included)
        # cost the detail most of its database time.
        return fact_list_by_ids()

    def service_create(self, request: Request, fields: dict[str, Any]) -> Fact:
        return fact_create(created_by=request.user, **fields)

    def service_update(self, request: Request, instance: Fact, fields: dict[str, Any]) -> Fact:
        return fact_update(fact=instance, actor=request.user, **fields)

    @extend_schema(
        request=None,
        responses={200: FactSerializer, **WRITE},
        description="A reviewer verifies the fact as its evidence stands; 409 with the "
        "problems while it has unresolved conflicts or no evidence.",
    )
    @action(detail=True, methods=["post"], permission_classes=[HasRole, IsReviewer])
    def verify(self, request: Request, pk: str | None = None) -> Response:
        fact = fact_verify(fact=self.get_object(), reviewer=request.user)
        return Response(self.answer(fact))

    @extend_schema(
        request=ResolveConflictSerializer,
        responses={200: FactSerializer, **ERRORS},
        description="A reviewer chooses the wording of a disputed field, with a reason; the "
        "conflict stays listed, with its resolution.",
    )
    @action(
        detail=True,
        methods=["post"],
        url_path="resolve-conflict",
        permission_classes=[HasRole, IsReviewer],
    )
    def resolve_conflict(self, request: Request, pk: str | None = None) -> Response:
        fact = self.get_object()
        serializer = ResolveConflictSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        fact = fact_resolve_conflict(fact=fact, reviewer=request.user, **serializer.validated_data)
        return Response(self.answer(fact))
