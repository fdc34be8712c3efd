"""A JSON parser that refuses invalid Unicode with a 400 naming the field.

JSON may carry a lone surrogate (`"\\ud800"`): Python parses it, but it is not text, a database
cannot store it, and DRF cannot even render an error that echoes it (a choice field's "is not a
valid choice" message would then fail with a 500). Refused at the door instead.
"""

from typing import Any

from rest_framework import serializers
from rest_framework.parsers import JSONParser

__all__ = ["StrictJSONParser"]

MESSAGE = "Contains invalid Unicode (a lone surrogate)."


def _is_valid(value: Any) -> bool:
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return False
        return True
    if isinstance(value, dict):
        return all(_is_valid(k) and _is_valid(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_is_valid(item) for item in value)
    return True


class StrictJSONParser(JSONParser):
    def parse(self, stream: Any, media_type: Any = None, parser_context: Any = None) -> Any:
        data = super().parse(stream, media_type, parser_context)
        if _is_valid(data):
            return data
        if isinstance(data, dict):
            for key, value in data.items():
                if not _is_valid(value):
                    field = key if _is_valid(key) else "detail"
                    raise serializers.ValidationError({field: [MESSAGE]})
        raise serializers.ValidationError({"detail": [MESSAGE]})
