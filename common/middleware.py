"""The pages' door for form input: invalid UTF-8 refused as the API's parsers refuse it
(common/parsers.py), for the requests DRF does not parse (the pages and the admin).

A page form posts `application/x-www-form-urlencoded`; Django decodes it leniently, storing
invalid UTF-8 as "\\ufffd", so no form or service could tell afterwards: refused here, before
a view runs. Characters that are valid UTF-8 but not wanted in text (control and bidi
characters) are for the forms and services to refuse beside the field
(`common.validators.form_text_check`, `common.text`).
"""

from collections.abc import Callable
from urllib.parse import parse_qsl

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.utils.html import escape

__all__ = ["StrictFormInputMiddleware"]


class StrictFormInputMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "POST" and not request.path.startswith("/api/"):
            refusal = self._refusal(request)
            if refusal:
                return HttpResponseBadRequest(
                    f"<!doctype html><title>Refused</title><p>{escape(refusal)}</p>"
                )
        return self.get_response(request)

    def _refusal(self, request: HttpRequest) -> str | None:
        if request.content_type != "application/x-www-form-urlencoded":
            return None
        try:
            parse_qsl(request.body.decode("utf-8"), keep_blank_values=True, errors="strict")
        except UnicodeDecodeError:
            return "The form was not sent as valid UTF-8."
        return None
