"""`/api/v1/excerpts/`: quotes anchored in their sources."""

from typing import Any

from django.db.models import QuerySet
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins
from rest_framework.request import Request
from rest_framework.response import Response

from evidence.api.common import ERRORS, READ, WRITE, EvidenceViewSet, created
from evidence.api.serializers.excerpts import ExcerptSerializer
from evidence.models import Excerpt
from evidence.selectors.evidence import excerpt_list
from evidence.services.excerpts import excerpt_create, excerpt_delete, excerpt_update

__all__ = ["ExcerptViewSet"]


class ExcerptFilter(filters.FilterSet):
    class Meta:
        model = Excerpt
        fields = ["source", "fact", "anchored"]


@extend_schema_view(
    list=extend_schema(responses={200: ExcerptSerializer(many=True), **READ}),
    retrieve=extend_schema(responses={200: ExcerptSerializer, **READ}),
    create=extend_schema(responses={201: ExcerptSerializer, **WRITE}),
    update=extend_schema(responses={200: ExcerptSerializer, **WRITE}),
    partial_update=extend_schema(responses={200: ExcerptSerializer, **WRITE}),
    destroy=extend_schema(responses={204: None, **ERRORS}),
)
class ExcerptViewSet(mixins.DestroyModelMixin, EvidenceViewSet):
    """Verbatim passages anchored in their source, with the figures, date, responsibility
    and relation each reports. `exact` must occur in the source (whitespace, quotes and dashes
    normalised); when it occurs more than once, `prefix`/`suffix` must single it out."""

    serializer_class = ExcerptSerializer
    filterset_class = ExcerptFilter

    def get_queryset(self) -> QuerySet[Excerpt]:
        return excerpt_list()

    def _reload(self, excerpt: Excerpt) -> dict[str, Any]:
        return ExcerptSerializer(excerpt_list().get(pk=excerpt.pk)).data

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        excerpt = excerpt_create(created_by=request.user, **serializer.validated_data)
        return created(request, "excerpt", excerpt.pk, self._reload(excerpt))

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        excerpt = self.get_object()
        serializer = self.get_serializer(
            excerpt, data=request.data, partial=kwargs.get("partial", False)
        )
        serializer.is_valid(raise_exception=True)
        excerpt = excerpt_update(excerpt=excerpt, actor=request.user, **serializer.validated_data)
        return Response(self._reload(excerpt))

    def perform_destroy(self, instance: Excerpt) -> None:
        excerpt_delete(excerpt=instance, actor=self.request.user)
