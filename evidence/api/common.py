"""What the evidence viewsets share: role access, error responses, the 201 answer."""

from typing import Any

from django.db.models import Model
from django.urls import reverse
from drf_spectacular.utils import OpenApiResponse
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from common.parsers import StrictJSONParser
from common.versioning import ConditionalUpdateMixin
from evidence.api.permissions import EvidenceAccess

__all__ = ["ERRORS", "READ", "TOO_LARGE", "WRITE", "EvidenceViewSet", "created"]

ERRORS = {
    400: OpenApiResponse(description="Invalid input; the body names each field."),
    403: OpenApiResponse(description="Your role does not allow this."),
    404: OpenApiResponse(description="Not found."),
}
READ = {
    400: OpenApiResponse(description="An invalid filter value."),
    403: OpenApiResponse(description="You have no role in Counterpoint."),
    404: OpenApiResponse(description="Not found."),
}
TOO_LARGE = OpenApiResponse(description="The text or the uploaded file is over the limit.")
WRITE = {**ERRORS, 409: OpenApiResponse(description="Clashes with what is stored.")}


def created(request: Request, name: str, pk: int, data: dict[str, Any]) -> Response:
    location = reverse(f"v1:{name}-detail", kwargs={"pk": pk})
    return Response(data, status=status.HTTP_201_CREATED, headers={"Location": location})


class EvidenceViewSet(
    ConditionalUpdateMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Read for every role, write for Source admins; writes go through the services."""

    permission_classes = [EvidenceAccess]
    lookup_value_converter = "int"
    parser_classes = [StrictJSONParser]

    # Writes: validate with the write serializer, call the service, answer with the saved row.
    # A viewset says which services (`service_create`, `service_update`); no docstrings here,
    # drf-spectacular would publish them as every operation's description.

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_write_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        saved = self.service_create(request, dict(serializer.validated_data))
        return created(request, self.basename, saved.pk, self.answer(saved))

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        instance = self.get_object()
        serializer = self.get_write_serializer(
            instance, data=request.data, partial=kwargs.get("partial", False)
        )
        serializer.is_valid(raise_exception=True)
        saved = self.service_update(request, instance, dict(serializer.validated_data))
        return Response(self.answer(saved))

    def get_write_serializer(self, *args: Any, **kwargs: Any) -> serializers.BaseSerializer:
        return self.get_serializer(*args, **kwargs)

    def service_create(self, request: Request, fields: dict[str, Any]) -> Model:
        raise NotImplementedError

    def service_update(self, request: Request, instance: Any, fields: dict[str, Any]) -> Model:
        raise NotImplementedError

    def answer(self, saved: Model) -> dict[str, Any]:
        # Loaded again through the viewset's queryset: the answer has every related row the
        # serializer shows, as the list and detail endpoints do.
        return self.get_serializer_class()(self.get_queryset().get(pk=saved.pk)).data
