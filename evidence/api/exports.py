"""GET /api/v1/exports/facts.csv and facts.json (or ?format=csv|json): facts with their
figures and sources."""

from typing import Any

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import renderers, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from evidence.api.permissions import EvidenceAccess
from evidence.exports import facts_csv, facts_export_records, facts_for_export, facts_json
from evidence.models import Fact

__all__ = ["FactExportView"]


class _FactsRenderer(renderers.BaseRenderer):
    """Export records (a list) in this renderer's format; anything else is an error body."""

    charset = "utf-8"

    def render(
        self, data: Any, accepted_media_type: Any = None, renderer_context: Any = None
    ) -> bytes:
        if isinstance(data, list):
            return self.records(data).encode("utf-8")
        return self.error(data)

    def records(self, records: list[dict[str, Any]]) -> str:
        raise NotImplementedError

    def error(self, data: Any) -> bytes:
        raise NotImplementedError


class FactsCSVRenderer(_FactsRenderer):
    media_type = "text/csv"
    format = "csv"

    def records(self, records: list[dict[str, Any]]) -> str:
        return facts_csv(records)

    def error(self, data: Any) -> bytes:
        # An error body (e.g. a bad filter) stays readable.
        return "\n".join(f"{k}: {v}" for k, v in (data or {}).items()).encode("utf-8")


class FactsJSONRenderer(_FactsRenderer):
    media_type = "application/json"
    format = "json"

    def records(self, records: list[dict[str, Any]]) -> str:
        return facts_json(records)

    def error(self, data: Any) -> bytes:
        return renderers.JSONRenderer().render(data)


class FactExportParamsSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Fact.Kind.choices, required=False)
    status = serializers.ChoiceField(choices=Fact.Status.choices, required=False)


class FactExportView(APIView):
    """Every fact (optionally of one kind/status) with its figures, conflicts, sources and
    excerpts. Readable by every role, like the facts themselves."""

    permission_classes = [EvidenceAccess]
    renderer_classes = [FactsJSONRenderer, FactsCSVRenderer]

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
    def get(self, request: Request, format: str | None = None) -> Response:
        params = FactExportParamsSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        facts = facts_for_export(
            kind=params.validated_data.get("kind", ""),
            status=params.validated_data.get("status", ""),
        )
        records = facts_export_records(facts)
        extension = request.accepted_renderer.format
        stamp = timezone.now().strftime("%Y%m%d")
        return Response(
            records,
            headers={"Content-Disposition": f'attachment; filename="facts-{stamp}.{extension}"'},
        )
