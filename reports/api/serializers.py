"""Report serializers: a request in, the report's status and file out."""

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from common.text import TextKind, text_pattern
from reports.models import Report
from reports.selectors.dossier import DOSSIER_PARAMETERS

__all__ = ["ReportRequestSerializer", "ReportSerializer"]


_ID_OR_NAME = {
    "oneOf": [
        {"type": "integer", "minimum": 1, "maximum": 2**63 - 1},
        {"type": "string", "pattern": text_pattern(TextKind.NAME)},
    ]
}
_DOSSIER_PARAMETER_SCHEMAS = {
    "theme": {**_ID_OR_NAME, "description": "A theme's id or slug."},
    "actor": {**_ID_OR_NAME, "description": "An actor's id, name or alias."},
    "date_from": {"type": "string", "format": "date"},
    "date_to": {"type": "string", "format": "date"},
}
assert set(_DOSSIER_PARAMETER_SCHEMAS) == set(DOSSIER_PARAMETERS)


# What the service accepts (`reports.services.requests`): the dossier's filters and nothing else.
@extend_schema_field(
    {
        "type": "object",
        "properties": _DOSSIER_PARAMETER_SCHEMAS,
        "additionalProperties": False,
    }
)
class ReportParametersField(serializers.DictField):
    pass


class ReportRequestSerializer(serializers.Serializer):
    """What a client sends to ask for a report. Choices are checked by the service, so a bad
    kind or format gets the same message everywhere."""

    kind = serializers.ChoiceField(choices=Report.Kind.choices)
    format = serializers.ChoiceField(choices=Report.Format.choices)
    campaign = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    parameters = ReportParametersField(
        required=False,
        default=dict,
        help_text="Evidence dossier filters: theme (id or slug), actor (id or name), "
        "date_from, date_to (YYYY-MM-DD).",
    )


class ReportSerializer(serializers.ModelSerializer):
    stale = serializers.SerializerMethodField()
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = Report
        fields = [
            "id",
            "kind",
            "format",
            "campaign",
            "parameters",
            "status",
            "progress",
            "stage",
            "error",
            "attempts",
            "requested_by",
            "created_at",
            "started_at",
            "finished_at",
            "file_name",
            "content_type",
            "size",
            "sha256",
            "stale",
            "download_url",
        ]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_stale(self, report: Report) -> bool:
        """True once the evidence the report was built from has changed."""
        stale_map: dict[int, bool] = self.context.get("stale", {})
        return stale_map.get(report.pk, False)

    # Null until the report is built.
    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_download_url(self, report: Report) -> str | None:
        if report.status != Report.Status.SUCCEEDED:
            return None
        url = reverse("v1:report-download", kwargs={"pk": report.pk})
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request is not None else url
