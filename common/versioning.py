"""Conditional writes: no edit silently overwrites another (API.md, "Conditional writes").

Every detail response carries an `ETag`: a hash of the representation the client was given. A
`PUT`/`PATCH` must send it back in `If-Match`: without it 428, with a value that is no longer
current 412, both naming the current version. The check and the write happen in one transaction
with the row locked (`SELECT … FOR UPDATE` on PostgreSQL; SQLite's IMMEDIATE transactions take
the write lock when the transaction begins), so of two edits made from the same version exactly
one lands and the other is told, and a list field read-modify-written by two clients never loses
an item.

The version of an object is one rule, `representation_version`: the hash of its API
representation. The API's `ETag` is that value, and so is the `version` a page's edit form carries
(`web.versioning`), so an edit made through either makes the other's copy stale.
"""

import hashlib
import json
from typing import Any

from django.db import transaction
from django.db.models import Model
from rest_framework import exceptions
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer
from rest_framework.utils.encoders import JSONEncoder

__all__ = [
    "CONDITIONAL_RESOURCES",
    "ConditionalUpdateMixin",
    "ETagMixin",
    "PreconditionFailed",
    "PreconditionRequired",
    "representation_version",
    "row_lock",
    "schema_conditional_writes",
    "version_of",
    "versions_in",
]


def version_of(data: Any) -> str:
    """The version of a representation, as a quoted entity tag."""
    canonical = json.dumps(data, cls=JSONEncoder, sort_keys=True, ensure_ascii=False)
    return '"' + hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:32] + '"'


def representation_version(serializer: BaseSerializer) -> str:
    """The version of a stored object: the hash of its API representation (the serializer
    the API answers with, bound to the object). The API's `ETag` and the pages' hidden
    `version` field both come from here."""
    return version_of(serializer.data)


def row_lock(instance: Model) -> Model:
    """The row as stored now, locked until the transaction ends (call inside `atomic`)."""
    return type(instance)._default_manager.select_for_update().get(pk=instance.pk)


def versions_in(header: str) -> set[str]:
    """The entity tags of an `If-Match` header (weak tags compared by their value)."""
    return {tag.strip().removeprefix("W/") for tag in header.split(",") if tag.strip()}


class PreconditionRequired(exceptions.APIException):
    status_code = 428
    default_code = "precondition_required"

    def __init__(self, current: str) -> None:
        super().__init__(
            "Send the version you edited in an If-Match header (the ETag of the resource)."
        )
        self.current = current


class PreconditionFailed(exceptions.APIException):
    status_code = 412
    default_code = "precondition_failed"

    def __init__(self, current: str) -> None:
        super().__init__(
            "Someone else changed this since you loaded it: load the current version "
            f"({current}), apply your change to it and send it again."
        )
        self.current = current


class ETagMixin:
    # First base of a viewset whose edits need no `If-Match`: its detail answers carry an
    # `ETag` all the same (every detail response does, API.md). No docstring: drf-spectacular
    # would publish it as the description of every operation of the viewset.

    def finalize_response(
        self, request: Request, response: Response, *args: Any, **kwargs: Any
    ) -> Response:
        response = super().finalize_response(request, response, *args, **kwargs)  # type: ignore[misc]
        action = getattr(self, "action", None)
        if (
            isinstance(response, Response)
            and response.status_code == 200
            and action in ("retrieve", "update", "partial_update")
            and isinstance(response.data, dict)
        ):
            response["ETag"] = version_of(response.data)
        return response


class ConditionalUpdateMixin:
    # First base of a viewset: `ETag` on retrieve/update answers, `If-Match` checked under a
    # row lock before an update runs. (No docstring, as above.)

    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        if request.method not in ("PUT", "PATCH"):
            return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]
        with transaction.atomic():
            response = super().dispatch(request, *args, **kwargs)  # type: ignore[misc]
            if response.status_code >= 400:
                transaction.set_rollback(True)  # an error answer leaves nothing half-written
            return response

    def check_write_allowed(self, instance: Any) -> None:
        """Refuse (403) a user who may see but not change `instance` before any version is
        compared: who may write is decided first, with the service's own rule, so a refusal
        never hides behind a 428. A viewset whose writes have such a rule overrides this."""

    def get_object(self) -> Any:
        instance = super().get_object()  # type: ignore[misc]
        request: Request = self.request  # type: ignore[attr-defined]
        if request.method in ("PUT", "PATCH") and not getattr(self, "_version_checked", 0):
            self._version_checked = 1
            self.check_write_allowed(instance)
            # Lock the row, then read it again: what we compare is what is stored now.
            type(instance)._default_manager.select_for_update().filter(pk=instance.pk).values_list(
                "pk"
            ).first()
            instance = super().get_object()  # type: ignore[misc]
            current = representation_version(self.get_serializer(instance))  # type: ignore[attr-defined]
            sent = request.headers.get("If-Match", "")
            if not sent.strip():
                raise PreconditionRequired(current)
            if "*" not in versions_in(sent) and current not in versions_in(sent):
                raise PreconditionFailed(current)
        return instance

    def finalize_response(
        self, request: Request, response: Response, *args: Any, **kwargs: Any
    ) -> Response:
        response = super().finalize_response(request, response, *args, **kwargs)  # type: ignore[misc]
        if isinstance(response, Response) and response.status_code == 200:
            action = getattr(self, "action", None)
            if action in ("retrieve", "update", "partial_update") and isinstance(
                response.data, dict
            ):
                response["ETag"] = version_of(response.data)
        elif isinstance(response, Response) and response.status_code in (412, 428):
            current = getattr(response, "current_version", None)
            if current:
                response["ETag"] = current
        return response

    def handle_exception(self, exc: Exception) -> Response:
        response: Response = super().handle_exception(exc)  # type: ignore[misc]
        if isinstance(exc, PreconditionRequired | PreconditionFailed):
            response.data = {"detail": str(exc.detail), "current_version": exc.current}
            response.current_version = exc.current  # type: ignore[attr-defined]
        return response


# The resources whose edits need `If-Match` (API.md, "Conditional writes").
CONDITIONAL_RESOURCES = ("sources", "excerpts", "facts", "actors", "campaigns", "messages")


def schema_conditional_writes(
    result: dict[str, Any], generator: Any, request: Any, public: bool
) -> dict[str, Any]:
    """drf-spectacular postprocessing hook: the schema says what the views do. Every detail GET
    answers with an `ETag` header; PUT/PATCH of the conditional resources take `If-Match` and
    may answer 412 or 428."""
    etag_header = {"ETag": {"schema": {"type": "string"}, "description": "The version."}}
    refusal = {
        "type": "object",
        "properties": {"detail": {"type": "string"}, "current_version": {"type": "string"}},
        "required": ["detail", "current_version"],
    }
    for path, operations in result.get("paths", {}).items():
        if not path.endswith("/{id}/"):
            continue
        resource = path.strip("/").split("/")[-2]
        for method, operation in operations.items():
            ok = operation.get("responses", {}).get("200")
            if method in ("get", "put", "patch") and ok is not None:
                ok.setdefault("headers", {}).update(etag_header)
            if method in ("put", "patch") and resource in CONDITIONAL_RESOURCES:
                operation.setdefault("parameters", []).append(
                    {
                        "in": "header",
                        "name": "If-Match",
                        "required": True,
                        "schema": {"type": "string"},
                        "description": "The ETag of the version being edited.",
                    }
                )
                for code, why in (
                    ("412", "Someone else changed it: the body names the current version."),
                    ("428", "If-Match is missing: the body names the current version."),
                ):
                    operation["responses"][code] = {
                        "description": why,
                        "content": {"application/json": {"schema": refusal}},
                    }
    return result
