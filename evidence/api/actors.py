"""`/api/v1/actors/`: actors and their aliases."""

from typing import Any

from django.db.models import QuerySet
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework.request import Request
from rest_framework.response import Response

from evidence.api.common import READ, WRITE, EvidenceViewSet, created
from evidence.api.serializers.actors import ActorSerializer
from evidence.models import Actor
from evidence.selectors.actors import actor_list
from evidence.services.actors import actor_create, actor_update

__all__ = ["ActorViewSet"]


class ActorFilter(filters.FilterSet):
    q = filters.CharFilter(method="filter_q", help_text="Matches names and aliases.")
    kind = filters.ChoiceFilter(choices=Actor.Kind.choices)

    class Meta:
        model = Actor
        fields = ["q", "kind"]

    def filter_q(self, queryset: QuerySet[Actor], name: str, value: str) -> QuerySet[Actor]:
        return queryset.filter(pk__in=actor_list(q=value).values("pk"))


@extend_schema_view(
    list=extend_schema(responses={200: ActorSerializer(many=True), **READ}),
    retrieve=extend_schema(responses={200: ActorSerializer, **READ}),
    create=extend_schema(responses={201: ActorSerializer, **WRITE}),
    update=extend_schema(responses={200: ActorSerializer, **WRITE}),
    partial_update=extend_schema(responses={200: ActorSerializer, **WRITE}),
)
class ActorViewSet(EvidenceViewSet):
    """Armed groups and institutions with their aliases; `?q=daesh` finds ISIS."""

    serializer_class = ActorSerializer
    filterset_class = ActorFilter

    def get_queryset(self) -> QuerySet[Actor]:
        return actor_list()

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        actor = actor_create(created_by=request.user, **serializer.validated_data)
        return created(
            request, "actor", actor.pk, ActorSerializer(actor_list().get(pk=actor.pk)).data
        )

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        actor = self.get_object()
        serializer = self.get_serializer(
            actor, data=request.data, partial=kwargs.get("partial", False)
        )
        serializer.is_valid(raise_exception=True)
        actor_update(actor=actor, updated_by=request.user, **serializer.validated_data)
        return Response(ActorSerializer(actor_list().get(pk=actor.pk)).data)
