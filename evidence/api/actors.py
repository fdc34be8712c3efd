"""`/api/v1/actors/`: actors and their aliases."""

from typing import Any

from django.db.models import QuerySet
from django_filters import rest_framework as filters
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from common.api_history import HistoryViewSetMixin
from evidence.api.common import READ, WRITE, EvidenceViewSet
from evidence.api.serializers.actors import ActorSerializer
from evidence.models import Actor
from evidence.selectors.actors import actor_list
from evidence.services.actors import actor_create, actor_merge, actor_update

__all__ = ["ActorViewSet"]


class ActorMergeSerializer(serializers.Serializer):
    into = serializers.PrimaryKeyRelatedField(
        queryset=Actor.objects.all(),
        help_text="The actor that stays; the merged actor's name becomes one of its aliases.",
    )


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
class ActorViewSet(HistoryViewSetMixin, EvidenceViewSet):
    """Armed groups and institutions with their aliases; `?q=daesh` finds ISIS."""

    serializer_class = ActorSerializer
    filterset_class = ActorFilter

    def get_queryset(self) -> QuerySet[Actor]:
        return actor_list()

    def service_create(self, request: Request, fields: dict[str, Any]) -> Actor:
        return actor_create(created_by=request.user, **fields)

    def service_update(self, request: Request, instance: Actor, fields: dict[str, Any]) -> Actor:
        return actor_update(actor=instance, updated_by=request.user, **fields)

    @extend_schema(
        request=ActorMergeSerializer,
        responses={
            200: OpenApiResponse(ActorSerializer, description="The actor that stays."),
            **WRITE,
            400: OpenApiResponse(
                description="`into` is missing, unknown or the actor itself; the body names it."
            ),
            409: OpenApiResponse(
                description="A relationship fact links the two actors; correct it first."
            ),
        },
        description="Merge this actor into `into` (Source admins): its name and aliases become "
        "aliases of `into`; every fact (claimed by, attributed to, subject, object) and excerpt "
        "(reported claimed by / attributed to) naming it names `into` instead; the affected "
        "facts are recomputed; this actor is removed. Recorded in both actors' history.",
    )
    @action(detail=True, methods=["post"])
    def merge(self, request: Request, pk: str | None = None) -> Response:
        actor = self.get_object()
        serializer = ActorMergeSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        into = actor_merge(
            actor=actor, into=serializer.validated_data["into"], merged_by=request.user
        )
        return Response(ActorSerializer(actor_list().get(pk=into.pk)).data)
