"""Report serializers: a request in, the report's status and file out."""

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from reports.models import Report

__all__ = ["ReportRequestSerializer", "ReportSerializer"]


class ReportRequestSerializer(serializers.Serializer):
    """What a client sends to ask for a report. Choices are checked by the service, so a bad
    kind or format gets the same message everywhere."""

    kind = serializers.ChoiceField(choices=Report.Kind.choices)
    format = serializers.ChoiceField(choices=Report.Format.choices)
    campaign = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    parameters = serializers.DictField(
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

    @extend_schema_field(OpenApiTypes.URI)
    def get_download_url(self, report: Report) -> str | None:
        if report.status != Report.Status.SUCCEEDED:
            return None
        url = reverse("v1:report-download", kwargs={"pk": report.pk})
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request is not None else url
