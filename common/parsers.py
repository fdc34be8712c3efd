"""Parsers that refuse, at the door, what no field may hold: bodies over the size limit (413),
JSON nested deeper than a person writes (400), bytes that are not UTF-8 (400), and text with
control or bidirectional-override characters (400 naming the field, `common.text`).

Each parser reads the body with a cap, so an oversized body never fills memory, and checks the
nesting depth without recursion, before the JSON library (which recurses) sees it.
"""

import io
import json
import re
from typing import Any
from urllib.parse import parse_qsl

from django.conf import settings
from django.http import QueryDict
from django.utils.http import parse_header_parameters
from rest_framework import exceptions, serializers
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser

from common.errors import InvalidInput
from common.text import kind_of_field, text_problem

__all__ = [
    "BodyTooLarge",
    "StrictFormParser",
    "StrictJSONParser",
    "StrictMultiPartParser",
    "json_depth_check",
    "parsed_text_check",
]

NOT_UTF8 = "The body is not valid UTF-8."
# Deeper than any body of this API (a campaign's indicators are three levels deep), far below
# the depth at which the JSON library or a check that walks the result would recurse too far.
JSON_MAX_DEPTH = 32


class BodyTooLarge(exceptions.APIException):
    status_code = 413
    default_detail = "The request body is over the size limit."
    default_code = "too_large"


def _read_capped(stream: Any, limit: int) -> bytes:
    data = stream.read(limit + 1) if stream is not None else b""
    if len(data) > limit:
        raise BodyTooLarge(f"The request body is larger than the limit of {limit} bytes.")
    return data


_JSON_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKET = re.compile(rb"[\[\]{}]")


def json_depth_check(data: bytes, *, limit: int) -> None:
    """400 when arrays/objects nest deeper than `limit`: counted over the raw bytes with the
    strings removed, so a deep body is refused before anything recurses into it."""
    depth = 0
    for match in _BRACKET.finditer(_JSON_STRING.sub(b'""', data)):
        if match.group() in b"[{":
            depth += 1
            if depth > limit:
                raise InvalidInput(
                    f"The JSON is nested more than {limit} levels deep.", field="detail"
                )
        else:
            depth -= 1


def _strings(value: Any) -> Any:
    """Every string in a parsed body (keys too), without recursion."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            for key, nested in item.items():
                stack.append(key)
                stack.append(nested)
        elif isinstance(item, list | tuple):
            stack.extend(item)


def parsed_text_check(data: Any) -> None:
    """Refuse a body whose text breaks `common.text`'s rule, naming the top-level field."""
    if isinstance(data, dict):
        items = list(data.items())
    elif isinstance(data, QueryDict):
        items = list(data.lists())
    else:
        items = [("detail", data)]
    for field, value in items:
        if not isinstance(field, str) or text_problem(field) is not None:
            raise InvalidInput("A field name is not valid text.", field="detail")
        kind = kind_of_field(field)
        for text in _strings(value):
            problem = text_problem(text, kind=kind)
            if problem:
                raise InvalidInput(problem, field=field)


class StrictJSONParser(JSONParser):
    def parse(self, stream: Any, media_type: Any = None, parser_context: Any = None) -> Any:
        raw = _read_capped(stream, settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
        json_depth_check(raw, limit=JSON_MAX_DEPTH)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise InvalidInput(NOT_UTF8, field="detail") from None
        try:
            data = json.loads(text, parse_constant=_refuse_constant)
        except (ValueError, RecursionError) as error:
            raise exceptions.ParseError(f"JSON parse error - {error}") from None
        parsed_text_check(data)
        return data


def _refuse_constant(name: str) -> Any:
    # NaN and Infinity are not JSON (RFC 8259) and no field takes them.
    raise ValueError(f"{name} is not valid JSON")


class StrictFormParser(FormParser):
    def parse(self, stream: Any, media_type: Any = None, parser_context: Any = None) -> Any:
        raw = _read_capped(stream, settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
        # QueryDict decodes raw and percent-encoded bytes leniently ("\ufffd"): check strictly.
        try:
            parse_qsl(raw.decode("utf-8"), keep_blank_values=True, errors="strict")
        except UnicodeDecodeError:
            raise InvalidInput(NOT_UTF8, field="detail") from None
        data = super().parse(io.BytesIO(raw), media_type, parser_context)
        parsed_text_check(data)
        return data


def _multipart_fields_check(raw: bytes, media_type: str) -> None:
    """Every non-file part must be UTF-8: Django would store invalid bytes as U+FFFD."""
    _, params = parse_header_parameters(media_type)
    boundary = params.get("boundary", "")
    if not boundary:
        raise serializers.ValidationError({"detail": "The multipart body has no boundary."})
    for part in raw.split(b"--" + boundary.encode("latin-1")):
        head, _, body = part.partition(b"\r\n\r\n")
        if b"content-disposition" not in head.lower():
            continue
        header = head.decode("latin-1")
        name_match = re.search(r'\bname="([^"]*)"', header)
        name = name_match.group(1) if name_match else "detail"
        try:
            head.decode("utf-8")
            if "filename=" not in header:
                body.removesuffix(b"\r\n").decode("utf-8")
        except UnicodeDecodeError:
            raise InvalidInput(NOT_UTF8.replace("body", "field"), field=name) from None


class StrictMultiPartParser(MultiPartParser):
    def parse(self, stream: Any, media_type: Any = None, parser_context: Any = None) -> Any:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE + settings.SOURCE_UPLOAD_MAX_BYTES
        raw = _read_capped(stream, limit)
        _multipart_fields_check(raw, media_type or "")
        parsed = super().parse(io.BytesIO(raw), media_type, parser_context)
        parsed_text_check(parsed.data)
        return parsed
