"""API tokens: `POST /api/v1/auth/token/` trades a username and password for a token,
`DELETE` revokes the token the request was signed with; `auth/tokens/` lists one's own tokens
and revokes any of them. Tokens are django-rest-knox tokens (`common.tokens`); the contract of
API.md is unchanged: `{"token": ...}` in, `Authorization: Token <key>` out.

Wrong passwords are counted by django-axes; once an address has failed too often for a user
name, the endpoint answers 429 in the API's error format, with `Retry-After`, even to the right
password, until the cool-off ends (`AXES_*` settings).
"""

from typing import Any

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from knox.models import AuthToken
from rest_framework import generics, serializers, status
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from common.lockout import LOCKED_OUT_MESSAGE, lockout_seconds
from common.pagination import PageNumberPagination
from common.parsers import StrictFormParser, StrictJSONParser, StrictMultiPartParser

__all__ = ["ObtainTokenView", "TokenDetailView", "TokenListView"]


class TokenSerializer(serializers.ModelSerializer):
    """A token as its owner sees it: never the secret, only its first characters."""

    id = serializers.CharField(source="token_key", read_only=True)
    current = serializers.SerializerMethodField()

    class Meta:
        model = AuthToken
        fields = ["id", "created", "expiry", "current"]

    def get_current(self, token: AuthToken) -> bool:
        auth = self.context["request"].auth
        return isinstance(auth, AuthToken) and auth.pk == token.pk


ERROR = inline_serializer("AuthError", {"detail": serializers.CharField()})


class ObtainTokenView(APIView):
    """Trade credentials for a token; a wrong username or password gets the same 400."""

    permission_classes = (AllowAny,)
    # Reachable signed out: the strict parsers of every endpoint (common/parsers.py), named here
    # so a change of the defaults cannot loosen the sign-in door.
    parser_classes = (StrictJSONParser, StrictFormParser, StrictMultiPartParser)
    serializer_class = AuthTokenSerializer

    def get_permissions(self) -> Any:
        if self.request.method == "DELETE":
            return [IsAuthenticated()]
        return super().get_permissions()

    @extend_schema(
        request=inline_serializer(
            "TokenRequest",
            {"username": serializers.CharField(), "password": serializers.CharField()},
        ),
        responses={
            200: inline_serializer(
                "TokenResponse",
                {"token": serializers.CharField(), "expiry": serializers.DateTimeField()},
            ),
            400: OpenApiResponse(description="Wrong credentials (never says which part)."),
            429: OpenApiResponse(ERROR, description="Locked out after too many failures."),
        },
        auth=[],
    )
    def post(self, request: Request, *args: object, **kwargs: object) -> Response:
        serializer = AuthTokenSerializer(data=request.data, context={"request": request})
        valid = serializer.is_valid()
        if getattr(request, "axes_locked_out", False) or getattr(
            request._request, "axes_locked_out", False
        ):
            # axes marked the request; its middleware would answer the same, but only when
            # the mark is on Django's request, not DRF's.
            return Response(
                {"detail": LOCKED_OUT_MESSAGE, "code": "locked_out"},
                status=status.HTTP_429_TOO_MANY_REQUESTS,
                headers={"Retry-After": str(lockout_seconds())},
            )
        if not valid:
            return Response(serializer.errors, status=status.HTTP_400_BAD_REQUEST)
        user = serializer.validated_data["user"]
        # As a sign-in on the page does: axes resets the failure count, last_login is set.
        user_logged_in.send(sender=user.__class__, request=request._request, user=user)
        instance, token = AuthToken.objects.create(user=user, expiry=settings.API_TOKEN_TTL)
        return Response({"token": token, "expiry": instance.expiry})

    @extend_schema(
        request=None,
        responses={
            204: OpenApiResponse(description="The token this request was signed with is revoked."),
            400: OpenApiResponse(ERROR, description="The request was not signed with a token."),
        },
    )
    def delete(self, request: Request, *args: object, **kwargs: object) -> Response:
        if not isinstance(request.auth, AuthToken):
            return Response(
                {"detail": "This request was not signed with a token: nothing to revoke."},
                status=status.HTTP_400_BAD_REQUEST,
            )
        request.auth.delete()
        return Response(status=status.HTTP_204_NO_CONTENT)


class _OwnTokens(generics.GenericAPIView):  # type: ignore[type-arg]
    serializer_class = TokenSerializer
    # Anyone signed in manages their own tokens, with or without a role.
    permission_classes = (IsAuthenticated,)

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False):  # drf-spectacular reading the view
            return AuthToken.objects.none()
        return AuthToken.objects.filter(user=self.request.user, expiry__gt=timezone.now()).order_by(
            "-created"
        )


class TokenListView(_OwnTokens, generics.ListAPIView):
    """The caller's unexpired tokens, newest first."""

    # A handful of rows a user, and a token's primary key is its digest, which a cursor would
    # carry into URLs and logs: page numbers here.
    pagination_class = PageNumberPagination


class TokenDetailView(_OwnTokens, generics.RetrieveDestroyAPIView):
    """One of the caller's tokens; DELETE revokes it (another user's token is a 404)."""

    lookup_field = "token_key"
    lookup_url_kwarg = "id"
