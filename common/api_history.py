"""`GET <resource>/{id}/history/`: an object's audit entries, newest first (API.md, History),
paged by cursor like every list (an object edited thousands of times pages on to its first edit).

One mixin, added to a viewset's bases: the object is looked up through the viewset's own
`get_object`, so whoever may not see it gets the same 404 as on its detail endpoint.
"""

from typing import Any

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from common.models import AuditEntry
from common.pagination import Pagination

__all__ = ["HistoryEntrySerializer", "HistoryViewSetMixin", "history_of"]


class HistoryEntrySerializer(serializers.ModelSerializer):
    actor: Any = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    actor_name = serializers.SerializerMethodField()
    at = serializers.DateTimeField(source="created_at", read_only=True)
    changes = serializers.DictField(
        child=serializers.ListField(child=serializers.JSONField(), min_length=2, max_length=2),
        read_only=True,
        help_text='{"field": [before, after]}',
    )

    class Meta:
        model = AuditEntry
        fields = ["id", "actor", "actor_name", "at", "action", "changes", "comment"]
        read_only_fields = fields

    def get_actor_name(self, entry: AuditEntry) -> str | None:
        return entry.actor.get_username() if entry.actor is not None else None


def history_of(obj: Any) -> Any:
    return (
        AuditEntry.objects.filter(target_type=obj._meta.label_lower, target_id=str(obj.pk))
        .select_related("actor")
        .order_by("-created_at", "-id")
    )


class HistoryViewSetMixin:
    """Adds the `history/` action to a viewset of one of the tracked models."""

    @extend_schema(
        request=None,
        responses={
            200: HistoryEntrySerializer(many=True),
            400: OpenApiResponse(description="A malformed cursor, or one of another list."),
            403: OpenApiResponse(description="You have no role in Counterpoint."),
            404: OpenApiResponse(description="Not found."),
        },
        filters=False,
    )
    @action(
        detail=True,
        methods=["get"],
        url_path="history",
        pagination_class=Pagination,
        filterset_class=None,
    )
    def history(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        obj = self.get_object()  # type: ignore[attr-defined]
        page = self.paginate_queryset(history_of(obj))  # type: ignore[attr-defined]
        return self.get_paginated_response(  # type: ignore[attr-defined,no-any-return]
            HistoryEntrySerializer(page, many=True).data
        )
