"""POST /api/v1/imports/incidents/: upload an incident CSV (GTD-like layout)."""

from django.conf import settings
from django.urls import reverse
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from common.errors import PayloadTooLarge
from common.parsers import StrictMultiPartParser
from common.permissions import IsSourceAdmin
from evidence.imports.incidents import incidents_import

__all__ = ["IncidentImportView"]


class IncidentImportParamsSerializer(serializers.Serializer):
    dry_run = serializers.BooleanField(default=False)
    skip_invalid = serializers.BooleanField(default=False)


class IncidentImportUploadSerializer(serializers.Serializer):
    file = serializers.FileField(
        help_text="CSV with the columns eventid, iyear, imonth, iday, country, provstate, city, "
        "targtype1, gname, claimed, nkill, nwound, summary, scite1."
    )


class RowErrorSerializer(serializers.Serializer):
    row = serializers.IntegerField(help_text="Line of the file (the header is line 1).")
    eventid = serializers.CharField()
    column = serializers.CharField()
    message = serializers.CharField()


class ImportedRowSerializer(serializers.Serializer):
    row = serializers.IntegerField()
    eventid = serializers.CharField()
    fact = serializers.IntegerField(allow_null=True)
    action = serializers.ChoiceField(choices=["created", "updated", "unchanged"])


class ImportReportSerializer(serializers.Serializer):
    file = serializers.CharField()
    dry_run = serializers.BooleanField()
    skip_invalid = serializers.BooleanField()
    rows = serializers.IntegerField()
    valid = serializers.IntegerField()
    invalid = serializers.IntegerField()
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    written = serializers.BooleanField()
    sources = serializers.ListField(child=serializers.IntegerField())
    facts = ImportedRowSerializer(many=True)
    errors = RowErrorSerializer(many=True)  # type: ignore[assignment]


class IncidentImportView(APIView):
    """Import incidents from a CSV; Source admins only. `?dry_run=true` checks and reports
    without writing; without `?skip_invalid=true` one invalid row means nothing is written."""

    permission_classes = [IsSourceAdmin]
    parser_classes = [StrictMultiPartParser]

    @extend_schema(
        operation_id="imports_incidents_create",
        parameters=[
            OpenApiParameter("dry_run", bool, required=False),
            OpenApiParameter("skip_invalid", bool, required=False),
        ],
        request={"multipart/form-data": IncidentImportUploadSerializer},
        responses={
            200: OpenApiResponse(ImportReportSerializer, description="Dry run: the report."),
            201: OpenApiResponse(ImportReportSerializer, description="Imported."),
            400: OpenApiResponse(
                # An unreadable file or header is refused before there is a report.
                {
                    "oneOf": [
                        {"$ref": "#/components/schemas/ImportReport"},
                        {"$ref": "#/components/schemas/InvalidInput"},
                    ]
                },
                description="Invalid rows: nothing written, the report lists every row error; "
                "or an unreadable file or header: the error names `file`.",
            ),
            403: OpenApiResponse(description="Only Source admins may import."),
            413: OpenApiResponse(description="The file is over the size limit."),
        },
    )
    def post(self, request: Request) -> Response:
        params = IncidentImportParamsSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        upload = request.FILES.get("file")
        limit = settings.INCIDENT_IMPORT_MAX_BYTES
        if upload is not None and upload.size is not None and upload.size > limit:
            raise PayloadTooLarge(
                f"The file is {upload.size} bytes; the limit is {limit}.", field="file"
            )
        body = IncidentImportUploadSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        upload = body.validated_data["file"]
        report = incidents_import(
            data=upload.read(),
            name=upload.name or "upload.csv",
            user=request.user if request.user.is_authenticated else None,
            dry_run=params.validated_data["dry_run"],
            skip_invalid=params.validated_data["skip_invalid"],
        )
        data = report.as_dict()
        if report.dry_run:
            return Response(data, status=200)
        if not report.written:
            invalid = report.invalid
            data = {"detail": f"{invalid} row(s) are invalid; nothing was imported.", **data}
            return Response(data, status=400)
        headers = {}
        if report.sources:
            headers["Location"] = reverse("v1:source-detail", args=[report.sources[0]])
        return Response(data, status=201, headers=headers)
