"""What the evidence viewsets share: role access, error responses, the 201 answer."""

from typing import Any

from django.urls import reverse
from drf_spectacular.utils import OpenApiResponse
from rest_framework import mixins, status, viewsets
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from common.parsers import StrictJSONParser
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
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Read for every role, write for Source admins; writes go through the services."""

    permission_classes = [IsAuthenticated, EvidenceAccess]
    lookup_value_converter = "int"
    parser_classes = [StrictJSONParser]
