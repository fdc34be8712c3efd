"""What a locked-out sign-in gets (django-axes' AXES_LOCKOUT_CALLABLE): 429 with `Retry-After`,
in the API's error format on the API, the lockout page elsewhere (login page, admin)."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

__all__ = ["LOCKED_OUT_MESSAGE", "lockout_response"]

LOCKED_OUT_MESSAGE = (
    "Too many failed sign-in attempts: signing in is locked for this account from this "
    "address. Try again later or ask an administrator to unlock it."
)


def lockout_seconds() -> int:
    return int(settings.AXES_COOLOFF_TIME.total_seconds())


def lockout_response(
    request: HttpRequest, original_response: Any = None, credentials: Any = None
) -> HttpResponse:
    seconds = lockout_seconds()
    response: HttpResponse
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": LOCKED_OUT_MESSAGE, "code": "locked_out"}, status=429)
    else:
        minutes = max(1, seconds // 60)
        response = render(
            request, "common/locked_out.html", {"cooloff_minutes": minutes}, status=429
        )
    response["Retry-After"] = str(seconds)
    return response
