"""`themes/`: the theme catalogue. Everyone signed in reads it; Source admins change it."""

from typing import Any

from django.urls import reverse
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from campaigns.api.fields import TextField, acting_user, error_responses
from campaigns.models import Theme
from campaigns.recommendation import RECOMMENDATION_CLAUSES, clause_text
from campaigns.services.themes import theme_create, theme_delete, theme_update
from common.permissions import HasRole, IsSourceAdminOrReadOnly
from common.versioning import ETagMixin

__all__ = ["ThemeSerializer", "ThemeViewSet"]


class ThemeSerializer(serializers.ModelSerializer):
    name = TextField(max_length=200)
    description = TextField(required=False, allow_blank=True, max_length=5_000)
    recommendation_text = serializers.SerializerMethodField(
        help_text="The words of the recommendation clause this theme follows"
    )

    class Meta:
        model = Theme
        fields = [
            "id",
            "slug",
            "name",
            "description",
            "recommendation_clause",
            "recommendation_text",
            "victim_focus",
        ]
        # The schema states the clauses the recommendation has (`theme_clause_check` refuses
        # any other, for the pages too).
        extra_kwargs = {
            "recommendation_clause": {
                "min_value": min(RECOMMENDATION_CLAUSES),
                "max_value": max(RECOMMENDATION_CLAUSES),
            }
        }

    def get_recommendation_text(self, theme: Theme) -> str:
        return clause_text(theme.recommendation_clause)


@extend_schema_view(
    create=extend_schema(responses={201: ThemeSerializer, **error_responses(400, 403)}),
    update=extend_schema(responses={200: ThemeSerializer, **error_responses(400, 403, 404)}),
    partial_update=extend_schema(
        responses={200: ThemeSerializer, **error_responses(400, 403, 404)}
    ),
    destroy=extend_schema(responses={204: None, **error_responses(403, 404, 409)}),
)
class ThemeViewSet(ETagMixin, viewsets.ModelViewSet):
    lookup_value_converter = "int"
    queryset = Theme.objects.all()
    serializer_class = ThemeSerializer
    permission_classes = [HasRole, IsSourceAdminOrReadOnly]

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        theme = theme_create(actor=acting_user(request), **serializer.validated_data)
        return Response(
            self.get_serializer(theme).data,
            status=status.HTTP_201_CREATED,
            headers={"Location": reverse("v1:theme-detail", kwargs={"pk": theme.pk})},
        )

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        theme = self.get_object()
        serializer = self.get_serializer(
            theme, data=request.data, partial=kwargs.get("partial", False)
        )
        serializer.is_valid(raise_exception=True)
        theme = theme_update(theme=theme, actor=acting_user(request), **serializer.validated_data)
        return Response(self.get_serializer(theme).data)

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        theme_delete(theme=self.get_object(), actor=acting_user(request))
        return Response(status=status.HTTP_204_NO_CONTENT)
