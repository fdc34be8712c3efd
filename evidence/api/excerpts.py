"""`/api/v1/excerpts/`: quotes anchored in their sources."""

from typing import Any

from django.db.models import QuerySet
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins
from rest_framework.request import Request

from common.api_history import HistoryViewSetMixin
from evidence.api.common import ERRORS, READ, WRITE, EvidenceViewSet
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
class ExcerptViewSet(HistoryViewSetMixin, mixins.DestroyModelMixin, EvidenceViewSet):
    """Verbatim passages anchored in their source, with the figures, date, responsibility
    and relation each reports. `exact` must occur in the source (whitespace, quotes and dashes
    normalised); when it occurs more than once, `prefix`/`suffix` must single it out."""

    serializer_class = ExcerptSerializer
    filterset_class = ExcerptFilter

    def get_queryset(self) -> QuerySet[Excerpt]:
        return excerpt_list()

    def service_create(self, request: Request, fields: dict[str, Any]) -> Excerpt:
        return excerpt_create(created_by=request.user, **fields)

    def service_update(
        self, request: Request, instance: Excerpt, fields: dict[str, Any]
    ) -> Excerpt:
        return excerpt_update(excerpt=instance, actor=request.user, **fields)

    def perform_destroy(self, instance: Excerpt) -> None:
        excerpt_delete(excerpt=instance, actor=self.request.user)
