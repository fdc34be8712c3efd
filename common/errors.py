"""Domain errors raised by services and mapped to HTTP answers in one place (common.api).

Services never import DRF; they raise these, so the API, the pages, the admin and the commands
report the same problem in the same words.
"""

from typing import Any

__all__ = [
    "Conflict",
    "DomainError",
    "InvalidInput",
    "NotAllowed",
    "PayloadTooLarge",
    "TransitionNotAllowed",
]


class DomainError(Exception):
    """Base of every error a service raises on purpose."""

    status_code = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def as_body(self) -> dict[str, Any]:
        return {"detail": self.message}


class InvalidInput(DomainError):
    """Input a client can fix; `errors` maps each field name to its messages."""

    def __init__(self, errors: dict[str, list[str]] | str, *, field: str | None = None) -> None:
        if isinstance(errors, str):
            errors = {"detail" if field is None else field: [errors]}
        self.errors = errors
        super().__init__("; ".join(f"{k}: {' '.join(v)}" for k, v in errors.items()))

    def as_body(self) -> dict[str, Any]:
        if list(self.errors) == ["detail"]:
            return {"detail": self.errors["detail"][0]}
        return dict(self.errors)


class NotAllowed(DomainError):
    """The user may see the object but may not do this to it."""

    status_code = 403


class Conflict(DomainError):
    """The request clashes with what is stored (e.g. a duplicate source). The body has the
    shape of every 409 (API.md: `detail` and the `problems` list), plus `extra` at the top,
    such as `existing` (the duplicate's id)."""

    status_code = 409

    def __init__(self, message: str, **extra: Any) -> None:
        super().__init__(message)
        self.extra = extra

    def as_body(self) -> dict[str, Any]:
        return {
            "detail": self.message,
            "problems": [{"code": "conflict", "message": self.message}],
            **self.extra,
        }


class TransitionNotAllowed(DomainError):
    """A workflow step that is not allowed now; `problems` lists every reason."""

    status_code = 409

    def __init__(self, message: str, problems: list[dict[str, Any]] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []

    def as_body(self) -> dict[str, Any]:
        return {"detail": self.message, "problems": self.problems}


class PayloadTooLarge(DomainError):
    """Text or an upload over the configured limit."""

    status_code = 413

    def __init__(self, message: str, *, field: str) -> None:
        super().__init__(message)
        self.field = field

    def as_body(self) -> dict[str, Any]:
        return {"detail": self.message, self.field: [self.message]}
