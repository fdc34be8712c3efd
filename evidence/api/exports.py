"""GET /api/v1/exports/facts.csv and facts.json (or ?format=csv|json): facts with their
figures and sources."""

from typing import Any

from django.http import StreamingHttpResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import renderers, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from common.filters import refuse_empty_parameters
from evidence.api.permissions import EvidenceAccess
from evidence.exports import facts_export_stream
from evidence.models import Fact

__all__ = ["FactExportView"]


class _FactsRenderer(renderers.BaseRenderer):
    """Chooses the export's format (the view streams the file itself, evidence.exports);
    what is rendered here is only an error body, e.g. a bad filter."""

    charset = "utf-8"

    def render(
        self, data: Any, accepted_media_type: Any = None, renderer_context: Any = None
    ) -> bytes:
        raise NotImplementedError


class FactsCSVRenderer(_FactsRenderer):
    media_type = "text/csv"
    format = "csv"

    def render(
        self, data: Any, accepted_media_type: Any = None, renderer_context: Any = None
    ) -> bytes:
        # An error body stays readable as text.
        return "\n".join(f"{k}: {v}" for k, v in (data or {}).items()).encode("utf-8")


class FactsJSONRenderer(_FactsRenderer):
    media_type = "application/json"
    format = "json"

    def render(
        self, data: Any, accepted_media_type: Any = None, renderer_context: Any = None
    ) -> bytes:
        return renderers.JSONRenderer().render(data)


class FactExportParamsSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Fact.Kind.choices, required=False)
    status = serializers.ChoiceField(choices=Fact.Status.choices, required=False)


class FactExportView(APIView):
    """Every fact (optionally of one kind/status) with its figures, conflicts, sources and
    excerpts. Readable by every role, like the facts themselves."""

    permission_classes = [EvidenceAccess]
    renderer_classes = [FactsJSONRenderer, FactsCSVRenderer]

    def handle_exception(self, exc: Exception) -> Response:
        # An error is answered in the API's JSON error format, whichever file was asked for.
        self.request.accepted_renderer = renderers.JSONRenderer()
        self.request.accepted_media_type = renderers.JSONRenderer.media_type
        return super().handle_exception(exc)

    @extend_schema(
        operation_id="exports_facts",
        parameters=[
            OpenApiParameter("kind", str, enum=Fact.Kind.values, required=False),
            OpenApiParameter("status", str, enum=Fact.Status.values, required=False),
            OpenApiParameter(
                "format",
                str,
                enum=["csv", "json"],
                required=False,
                description="Instead of the .csv/.json suffix.",
            ),
        ],
        responses={
            (200, "application/json"): OpenApiResponse(OpenApiTypes.OBJECT),
            (200, "text/csv"): OpenApiResponse(OpenApiTypes.STR),
            400: OpenApiResponse(description="Unknown kind or status."),
            403: OpenApiResponse(description="You have no role in Counterpoint."),
            404: OpenApiResponse(description="Unknown format."),
        },
    )
    def get(self, request: Request, format: str | None = None) -> StreamingHttpResponse:
        refuse_empty_parameters(request.query_params, ["kind", "status", "format"])
        params = FactExportParamsSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        renderer = request.accepted_renderer
        stamp = timezone.now().strftime("%Y%m%d")
        # Streamed: the whole archive never sits in memory (evidence.exports).
        response = StreamingHttpResponse(
            facts_export_stream(
                format=renderer.format,
                kind=params.validated_data.get("kind", ""),
                status=params.validated_data.get("status", ""),
            ),
            content_type=f"{renderer.media_type}; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="facts-{stamp}.{renderer.format}"'
        return response
