"""`POST /api/v1/auth/token/`: trade a username and password for an API token."""

from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from common.parsers import StrictFormParser, StrictJSONParser, StrictMultiPartParser

__all__ = ["ObtainTokenView"]


class ObtainTokenView(ObtainAuthToken):
    """DRF's token view, documented; a wrong username or password gets the same 400."""

    permission_classes = (AllowAny,)
    # DRF's token view names its own (lenient) parsers: use the strict ones (common/parsers.py).
    parser_classes = (StrictJSONParser, StrictFormParser, StrictMultiPartParser)

    @extend_schema(
        request=inline_serializer(
            "TokenRequest",
            {"username": serializers.CharField(), "password": serializers.CharField()},
        ),
        responses={
            200: inline_serializer("TokenResponse", {"token": serializers.CharField()}),
            400: OpenApiResponse(description="Wrong credentials (never says which part)."),
        },
        auth=[],
    )
    def post(self, request: Request, *args: object, **kwargs: object) -> Response:
        return super().post(request, *args, **kwargs)
