"""The OpenAPI schema documents every error answer an operation can give, in the shapes the
API really sends (`common.api.exception_handler`, `common.errors`), from one rule here instead
of a list copied into each view.

A view's own `extend_schema(responses=...)` still says *why* a code happens on that endpoint
(its description, or a more precise body such as the 409 `problems`); this class adds the codes
every endpoint of that kind can answer and gives a body to those documented by description
only, so a client (and schemathesis, `tests/test_schema_conformance.py`) can rely on the schema
for every answer.
"""

from typing import Any

from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.plumbing import ResolvedComponent
from rest_framework import permissions
from rest_framework.generics import GenericAPIView

from common.serializers import UnknownKeysRefused
from common.text import TextKind, kind_of_field, text_pattern

__all__ = ["AutoSchema", "schema_text_patterns"]

ERROR = {
    "type": "object",
    "description": "`detail` says what went wrong; some answers add the fields concerned.",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
INVALID_INPUT = {
    "type": "object",
    "description": 'Each invalid field with its messages (`{"field": ["message"]}`); a problem '
    "with the request as a whole is under `detail`.",
    "properties": {"detail": {"type": "string"}},
    "additionalProperties": {},
}

# Why each code is answered, for the codes a view does not describe itself.
WHY = {
    "400": "Invalid input; the body names each field.",
    "401": "Not signed in (no valid token or session).",
    "403": "Your role does not allow this.",
    "404": "Not found, or not visible to you.",
    "413": "The request body is over the size limit.",
    "415": "The body is in a media type this operation does not read.",
    "429": "Too many requests: `Retry-After` says when to try again.",
}
RETRY_AFTER = {
    "Retry-After": {"schema": {"type": "integer"}, "description": "Seconds to wait."},
}
# Permissions that refuse nobody signed in: no 403 follows from them.
_NEVER_FORBID = (permissions.AllowAny, permissions.IsAuthenticated)


class AutoSchema(SpectacularAutoSchema):
    def _map_basic_serializer(self, serializer: Any, direction: Any) -> dict[str, Any]:
        schema: dict[str, Any] = super()._map_basic_serializer(serializer, direction)
        if direction == "request" and isinstance(serializer, UnknownKeysRefused):
            schema["additionalProperties"] = False
        return schema

    def _get_response_bodies(self, direction: Any = "response") -> dict[str, Any]:
        responses: dict[str, Any] = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        for code in self._error_codes():
            answer = responses.setdefault(code, {"description": WHY[code]})
            if not answer.get("content"):
                answer["content"] = {"application/json": {"schema": self._error_body(code)}}
            if code == "429":
                answer.setdefault("headers", {}).update(RETRY_AFTER)
        # Codes a view documented by description only get the error body too.
        for code, answer in responses.items():
            if code >= "400" and not answer.get("content"):
                answer["content"] = {"application/json": {"schema": self._error_body(code)}}
        return dict(sorted(responses.items()))

    def _error_codes(self) -> list[str]:
        codes = []
        has_body = self.method in ("POST", "PUT", "PATCH")
        if has_body or self._has_query_parameters():
            codes.append("400")
        auth = self.get_auth()
        if auth and {} not in auth:
            codes.append("401")
        if any(
            not isinstance(permission, _NEVER_FORBID) for permission in self.view.get_permissions()
        ):
            codes.append("403")
        # A path id no row has, or a page number past the list's end.
        if "{" in self.path or (
            isinstance(self.view, GenericAPIView) and self._get_pagination_parameters()
        ):
            codes.append("404")
        if has_body:
            codes += ["413", "415"]
        if self.view.get_throttles():
            codes.append("429")
        return codes

    def _lists(self) -> bool:
        # Filters and pages belong to a generic view's list (an APIView has no serializer).
        return isinstance(self.view, GenericAPIView) and bool(
            self._get_filter_parameters() or self._get_pagination_parameters()
        )

    def _has_query_parameters(self) -> bool:
        return bool(
            self._lists()
            or any(
                getattr(parameter, "location", None) == "query"
                for parameter in self.get_override_parameters()
            )
        )

    def _error_body(self, code: str) -> dict[str, Any]:
        name, schema = ("InvalidInput", INVALID_INPUT) if code == "400" else ("Error", ERROR)
        component = ResolvedComponent(
            name=name, type=ResolvedComponent.SCHEMA, schema=schema, object=name
        )
        self.registry.register_on_missing(component)
        return component.ref


def schema_text_patterns(
    result: dict[str, Any], generator: Any, request: Any, public: bool
) -> dict[str, Any]:
    """drf-spectacular postprocessing hook: every free-text field of a request body says, as a
    `pattern`, which characters it refuses: the rule `common.parsers` applies to every string
    of every body (`common.text`: a name refuses line breaks and bidi isolates, prose does
    not), so what the schema calls valid the API accepts."""
    for name, component in result.get("components", {}).get("schemas", {}).items():
        if not name.endswith("Request"):  # COMPONENT_SPLIT_REQUEST: the bodies clients send
            continue
        for field, prop in component.get("properties", {}).items():
            _text_pattern_on(prop, kind_of_field(field))
    return result


def _text_pattern_on(prop: dict[str, Any], kind: TextKind) -> None:
    if prop.get("type") == "array" and isinstance(prop.get("items"), dict):
        _text_pattern_on(prop["items"], kind)
    elif prop.get("type") == "string" and not {"format", "enum", "pattern"} & set(prop):
        prop["pattern"] = text_pattern(kind)
