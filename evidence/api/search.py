"""GET /api/v1/search/?q=: sources, excerpts and facts ranked by relevance."""

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from common.text import TextKind
from common.validators import TextValidator
from evidence.api.permissions import EvidenceAccess
from evidence.search.aliases import query_words
from evidence.search.pagination import SearchPagination
from evidence.search.selectors import (
    CANDIDATES_MAX,
    COUNT_CAP,
    QUERY_MAX_CHARS,
    SearchHit,
    search_evidence,
)

__all__ = ["SearchViewSet"]


class SearchQuerySerializer(serializers.Serializer):
    # One line of words: control characters (NUL, tab, line breaks) and bidi overrides are
    # refused as in every name field (`common.text`), before they reach the full-text parser.
    q = serializers.CharField(
        max_length=QUERY_MAX_CHARS,
        trim_whitespace=True,
        validators=[TextValidator(TextKind.NAME)],
    )

    def validate_q(self, value: str) -> str:
        if not query_words(value):
            raise serializers.ValidationError("Type at least one word or number to search for.")
        return value


class SearchHitSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=["source", "excerpt", "fact"])
    id = serializers.IntegerField()
    title = serializers.CharField()
    snippet = serializers.CharField(help_text="The passage around the first matching word.")
    rank = serializers.FloatField(help_text="Higher is more relevant.")


class SearchViewSet(viewsets.ViewSet):
    """Full-text search over the evidence base; an actor's aliases count as its name
    (`?q=daesh` also finds "ISIS" and "Islamic State"). The newest matches (`CANDIDATES_MAX`)
    are ranked by relevance and paged through; `count` stops at `COUNT_CAP` (`count_capped`)."""

    # Every role reads, as on the lists of what it finds; no role, no search (403).
    permission_classes = [EvidenceAccess]
    pagination_class = SearchPagination

    @extend_schema(
        operation_id="search_list",
        parameters=[
            OpenApiParameter("q", str, required=True, description="Words to search for."),
            # `page` and `page_size` as every paged list states them (`common.pagination`).
            *(
                OpenApiParameter(
                    p["name"], p["schema"], required=False, description=p.get("description", "")
                )
                for p in SearchPagination().get_schema_operation_parameters(None)
            ),
        ],
        description=(
            f"The newest {CANDIDATES_MAX:,} matching entries, ranked by relevance (best first); "
            "results end after them, so add words or filters to reach older ones. `count` is "
            f"exact up to {COUNT_CAP:,} matches; past that it is {COUNT_CAP + 1:,} and "
            "`count_capped` is true."
        ),
        responses={
            200: SearchHitSerializer(many=True),
            400: OpenApiResponse(
                description="`q` is missing, empty, too long or holds control characters."
            ),
            403: OpenApiResponse(description="You have no role in Counterpoint."),
            404: OpenApiResponse(description="A page past the last."),
        },
    )
    def list(self, request: Request) -> Response:
        params = SearchQuerySerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        results = search_evidence(query=params.validated_data["q"])
        paginator = self.pagination_class()
        page: list[SearchHit] | None = paginator.paginate_queryset(
            results,  # type: ignore[arg-type]
            request,
            view=self,
        )
        data = SearchHitSerializer(page, many=True).data
        return paginator.get_paginated_response(data)
