"""Serializer fields and response shapes shared by the campaigns endpoints."""

from typing import Any, cast

from django.contrib.auth.models import User
from drf_spectacular.utils import OpenApiResponse, extend_schema_field
from rest_framework import serializers
from rest_framework.request import Request

from common.text import TextKind, kind_of_field, text_problem

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
    """Refuse what `common.text` refuses in running text (lone surrogates, control and
    bidi-override characters); kept under its old name for existing callers."""
    problem = text_problem(value, kind=TextKind.PROSE)
    if problem:
        raise serializers.ValidationError(problem)


def _names_only(value: str) -> None:
    problem = text_problem(value, kind=TextKind.NAME)
    if problem:
        raise serializers.ValidationError(problem)


class TextField(serializers.CharField):
    """A CharField checked by `common.text`: a name (one line, no bidi controls) unless
    `kind=TextKind.PROSE`, or a field named in `common.text.PROSE_FIELDS`."""

    def __init__(self, *, kind: TextKind | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.text_kind = kind
        self.validators.append(self._text_check)

    def _text_check(self, value: str) -> None:
        # The kind is known once the field is bound to its name (a list's items: the list's).
        parent = getattr(self, "parent", None)
        name = getattr(self, "field_name", "") or getattr(parent, "field_name", "") or ""
        kind = self.text_kind or kind_of_field(name)
        (no_surrogates if kind == TextKind.PROSE else _names_only)(value)


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
    """The documented body of a step that needs a reason. Only the schema reads it: the step
    checks the body's form with CommentSerializer and leaves "required" to the service."""

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
