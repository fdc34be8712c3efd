"""`/api/v1/sources/`: registering (pasted or uploaded), correcting, retracting sources."""

from typing import Any

from django.db.models import Model, QuerySet
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from common.api_history import HistoryViewSetMixin
from common.parsers import StrictFormParser, StrictJSONParser, StrictMultiPartParser
from evidence.api.common import READ, TOO_LARGE, WRITE, EvidenceViewSet
from evidence.api.serializers.sources import (
    SourcePasteSerializer,
    SourceRetractSerializer,
    SourceSerializer,
    SourceUploadSerializer,
    SourceWriteSerializer,
)
from evidence.models import Source
from evidence.selectors.evidence import source_list
from evidence.services.sources import (
    source_create,
    source_retract,
    source_text_from_upload,
    source_update,
)

__all__ = ["SourceViewSet"]


class SourceFilter(filters.FilterSet):
    status = filters.ChoiceFilter(choices=Source.Status.choices)
    reliability = filters.ChoiceFilter(choices=Source.Reliability.choices)
    kind = filters.ChoiceFilter(choices=Source.Kind.choices)

    class Meta:
        model = Source
        fields = ["status", "reliability", "kind"]


@extend_schema_view(
    list=extend_schema(responses={200: SourceSerializer(many=True), **READ}),
    retrieve=extend_schema(responses={200: SourceSerializer, **READ}),
    create=extend_schema(
        request={
            "application/json": SourcePasteSerializer,
            "multipart/form-data": SourceUploadSerializer,
        },
        responses={201: SourceSerializer, 413: TOO_LARGE, **WRITE},
    ),
    update=extend_schema(
        request=SourceWriteSerializer, responses={200: SourceSerializer, 413: TOO_LARGE, **WRITE}
    ),
    partial_update=extend_schema(
        request=SourceWriteSerializer, responses={200: SourceSerializer, 413: TOO_LARGE, **WRITE}
    ),
)
class SourceViewSet(HistoryViewSetMixin, EvidenceViewSet):
    """Sources with their full text and reliability grade. A second source with the same text
    gets 409 naming the `existing` one. Send a `file` (multipart) instead of `text` to have its
    text extracted."""

    serializer_class = SourceSerializer
    filterset_class = SourceFilter
    parser_classes = [StrictJSONParser, StrictMultiPartParser, StrictFormParser]

    def get_queryset(self) -> QuerySet[Source]:
        return source_list()

    def get_write_serializer(self, *args: Any, **kwargs: Any) -> SourceWriteSerializer:
        return SourceWriteSerializer(*args, **kwargs)

    def _fields(self, fields: dict[str, Any]) -> dict[str, Any]:
        upload = fields.pop("file", None)
        if upload is not None:
            fields["text"] = source_text_from_upload(upload=upload)
            if "title" not in fields and self.action == "create":
                fields["title"] = (upload.name or "Uploaded document").rsplit(".", 1)[0]
        return fields

    def service_create(self, request: Request, fields: dict[str, Any]) -> Source:
        return source_create(created_by=request.user, **self._fields(fields))

    def service_update(self, request: Request, instance: Source, fields: dict[str, Any]) -> Source:
        return source_update(source=instance, actor=request.user, **self._fields(fields))

    def answer(self, saved: Model) -> dict[str, Any]:
        # The service's row already has all a source shows.
        return SourceSerializer(saved).data

    @extend_schema(
        request=SourceRetractSerializer,
        responses={200: SourceSerializer, **WRITE},
        description="Retract the source (a reason is required); every fact resting on it is "
        "recomputed and the evidence links resting on it are re-opened.",
    )
    @action(detail=True, methods=["post"])
    def retract(self, request: Request, pk: str | None = None) -> Response:
        source = self.get_object()
        serializer = SourceRetractSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        source = source_retract(
            source=source, reason=serializer.validated_data["reason"], actor=request.user
        )
        return Response(SourceSerializer(source_list().get(pk=source.pk)).data)
