"""API plumbing shared by every endpoint: pagination and the error format (the role
permissions are in `common.permissions`)."""

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, pagination
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from common.errors import DomainError

__all__ = [
    "Pagination",
    "exception_handler",
    "validation_error_body",
]


class Pagination(pagination.PageNumberPagination):
    """`{"count", "next", "previous", "results"}`, `?page_size=` up to 200 (API.md)."""

    page_size_query_param = "page_size"
    max_page_size = 200


def validation_error_body(error: DjangoValidationError) -> dict[str, Any]:
    """Django's ValidationError as `{"field": ["message"]}`; non-field errors under `detail`."""
    if hasattr(error, "error_dict"):
        body: dict[str, Any] = {}
        for field, messages in error.message_dict.items():
            body["detail" if field == "__all__" else field] = list(messages)
        if list(body) == ["detail"]:
            return {"detail": " ".join(body["detail"])}
        return body
    return {"detail": " ".join(error.messages)}


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Map domain errors and Django's own errors to 4xx answers, never a 500."""
    if isinstance(exc, DomainError):
        return Response(exc.as_body(), status=exc.status_code)
    if isinstance(exc, DjangoValidationError):
        return Response(validation_error_body(exc), status=400)
    # Django raises these while reading a body; left alone they become an HTML 400 page.
    if isinstance(exc, RequestDataTooBig):
        return Response({"detail": "The request body is over the size limit."}, status=413)
    if isinstance(exc, TooManyFieldsSent):
        return Response({"detail": "The request has too many fields."}, status=400)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    return drf_exception_handler(exc, context)
