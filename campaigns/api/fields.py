"""Serializer fields and response shapes shared by the campaigns endpoints."""

from typing import Any, cast

from django.contrib.auth.models import User
from drf_spectacular.utils import OpenApiResponse, extend_schema_field
from rest_framework import serializers
from rest_framework.request import Request

__all__ = [
    "CommentSerializer",
    "DetailSerializer",
    "FlagSerializer",
    "FlagsField",
    "ProblemSerializer",
    "ProblemsSerializer",
    "RequiredCommentSerializer",
    "TextField",
    "acting_user",
    "error_responses",
    "no_surrogates",
]


def acting_user(request: Request) -> User:
    """The signed-in user (every endpoint requires authentication before a view runs)."""
    return cast(User, request.user)


def no_surrogates(value: str) -> None:
    """JSON can smuggle in lone UTF-16 surrogates ("\\ud800") that no database can store."""
    if any(0xD800 <= ord(char) <= 0xDFFF for char in value):
        raise serializers.ValidationError("The text contains invalid Unicode (a lone surrogate).")


class TextField(serializers.CharField):
    """A CharField that also refuses lone surrogates (NUL is refused by DRF already)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.validators.append(no_surrogates)


class FlagSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="e.g. figure_exceeds_evidence, disputed_fact")
    message = serializers.CharField()
    suggestion = serializers.CharField(required=False, help_text="Safer wording, when there is one")
    link_id = serializers.IntegerField(required=False, help_text="On a message: the link flagged")


@extend_schema_field(FlagSerializer(many=True))
class FlagsField(serializers.JSONField):
    """The stored claim-check flags, passed through with every key they carry."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)


class ProblemSerializer(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField()


class ProblemsSerializer(serializers.Serializer):
    detail = serializers.CharField()
    problems = ProblemSerializer(many=True)


class DetailSerializer(serializers.Serializer):
    detail = serializers.CharField()


class CommentSerializer(serializers.Serializer):
    comment = TextField(required=False, allow_blank=True, max_length=5_000, default="")


class RequiredCommentSerializer(serializers.Serializer):
    comment = TextField(max_length=5_000, help_text="Required: say why")


def error_responses(*codes: int) -> dict[int | str, Any]:
    """The documented 4xx answers of an endpoint."""
    described = {
        400: OpenApiResponse(description="Invalid input; the body names each field."),
        403: OpenApiResponse(DetailSerializer, description="You may see this but not do this."),
        404: OpenApiResponse(DetailSerializer, description="Not found, or not visible to you."),
        409: OpenApiResponse(
            ProblemsSerializer, description="Not allowed in the current state; lists the reasons."
        ),
    }
    return {code: described[code] for code in codes}
