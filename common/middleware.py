"""The pages' door for form input: the same refusals the API's parsers make (common/parsers.py),
for the requests DRF does not parse (the pages and the admin).

A page form posts `application/x-www-form-urlencoded` or `multipart/form-data`; Django decodes
both leniently, storing invalid UTF-8 as "\\ufffd". Here an urlencoded body that is not UTF-8,
or any field holding a control or bidi-override character (refused in every kind of text,
`common.text`), gets a 400 naming the field before a view runs. What only some fields refuse
(line breaks and isolates in names) is left to the services, which show it beside the field.
"""

from collections.abc import Callable
from urllib.parse import parse_qsl

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.utils.html import escape

from common.text import TextKind, text_problem

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
        content_type = request.content_type or ""
        if content_type == "application/x-www-form-urlencoded":
            try:
                parse_qsl(request.body.decode("utf-8"), keep_blank_values=True, errors="strict")
            except UnicodeDecodeError:
                return "The form was not sent as valid UTF-8."
        elif content_type != "multipart/form-data":
            return None
        for name, values in request.POST.lists():
            for value in values:
                problem = text_problem(value, kind=TextKind.PROSE)
                if problem:
                    return f"{name}: {problem}"
        return None
