"""The reports endpoints (API.md, Reports): request, follow, download."""

from typing import cast

import django_filters
from django.contrib.auth.models import AbstractBaseUser
from django.http import FileResponse
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from campaigns.selectors.campaigns import campaign_list_visible
from common.versioning import ETagMixin
from reports.models import Report
from reports.rendering import CONTENT_TYPES
from reports.selectors.fingerprints import report_stale_map
from reports.selectors.reports import report_campaign_for_request, report_list_visible
from reports.services import report_download_open, report_request

from .serializers import ReportRequestSerializer, ReportSerializer

__all__ = ["ReportViewSet"]

NOT_FOUND = OpenApiResponse(description="No such report, or not visible to you.")


class ReportFilter(django_filters.FilterSet):
    # Choices are what the caller may see: a hidden campaign is refused like an unknown one,
    # so the filter does not reveal which campaign ids exist.
    campaign = django_filters.ModelChoiceFilter(
        queryset=lambda request: campaign_list_visible(user=request.user)
    )

    class Meta:
        model = Report
        fields = ["kind", "format", "status", "campaign"]


@extend_schema_view(
    list=extend_schema(summary="Reports you may see, newest first"),
    retrieve=extend_schema(
        summary="A report's status, progress and file",
        responses={200: ReportSerializer, 404: NOT_FOUND},
    ),
)
class ReportViewSet(
    ETagMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Reports are visible to whoever may see their campaign; a report without a campaign to
    its requester and to those who see every campaign. Others get 404."""

    serializer_class = ReportSerializer
    filterset_class = ReportFilter

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return report_list_visible(user=self.request.user)

    def list(self, request: Request, *args: object, **kwargs: object) -> Response:
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        rows = list(page) if page is not None else list(queryset)
        serializer = self.get_serializer(
            rows,
            many=True,
            context={**self.get_serializer_context(), "stale": report_stale_map(reports=rows)},
        )
        if page is not None:
            return self.get_paginated_response(serializer.data)
        return Response(serializer.data)

    def retrieve(self, request: Request, *args: object, **kwargs: object) -> Response:
        report = self.get_object()
        context = {**self.get_serializer_context(), "stale": report_stale_map(reports=[report])}
        return Response(ReportSerializer(report, context=context).data)

    @extend_schema(
        summary="Request a report (built in the background)",
        request=ReportRequestSerializer,
        responses={
            202: ReportSerializer,
            400: OpenApiResponse(
                description="Bad kind, format or parameters; a campaign brief without a "
                "campaign; or a campaign that does not exist or is not visible to you "
                "(answered alike, so the answer reveals nothing)."
            ),
        },
    )
    def create(self, request: Request, *args: object, **kwargs: object) -> Response:
        incoming = ReportRequestSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        report = report_request(
            kind=data["kind"],
            format=data["format"],
            campaign=report_campaign_for_request(campaign_id=data.get("campaign")),
            parameters=data.get("parameters") or {},
            requested_by=cast(AbstractBaseUser, request.user),
        )
        body = ReportSerializer(report, context=self.get_serializer_context()).data
        location = request.build_absolute_uri(reverse("v1:report-detail", kwargs={"pk": report.pk}))
        return Response(body, status=status.HTTP_202_ACCEPTED, headers={"Location": location})

    @extend_schema(
        summary="Download the report's file",
        responses={
            # The file in its format's media type (a JSON report is an object).
            **{
                (200, media_type.split(";")[0]): (
                    OpenApiTypes.OBJECT if format == "json" else OpenApiTypes.BINARY
                )
                for format, media_type in CONTENT_TYPES.items()
            },
            404: NOT_FOUND,
            409: OpenApiResponse(description="The report is not built (yet, or it failed)."),
        },
    )
    @action(detail=True, methods=["get"])
    def download(self, request: Request, pk: str | None = None) -> FileResponse:
        report = self.get_object()
        handle = report_download_open(report=report, user=request.user)
        return FileResponse(
            handle,
            as_attachment=True,
            filename=report.file_name,
            content_type=report.content_type,
        )
