"""API plumbing shared by every endpoint: the error format (pagination is in
`common.pagination`, the role permissions in `common.permissions`)."""

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views import defaults
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from common.errors import DomainError

__all__ = [
    "exception_handler",
    "not_found",
    "validation_error_body",
]


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


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """Django's 404 for a URL no route matches (`/api/v1/facts/abc/`: the id converter takes
    digits only): in the API's error format under `/api/`, the page elsewhere."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Not found."}, status=404)
    return defaults.page_not_found(request, exception)
