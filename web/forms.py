"""What every page form shares: a service's refusal shown beside the field it names, in the
same words the API answers with (one validation path: the service's)."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from common.errors import DomainError, InvalidInput, PayloadTooLarge, TransitionNotAllowed

__all__ = ["form_show_refusal"]


def form_show_refusal(form: forms.Form, error: DomainError | ValidationError) -> None:
    """Attach `error` to `form`: each field the service names gets its message beside it;
    anything else (a refused transition, a field the form does not show) goes to the top of
    the form. The form becomes invalid, so the page answers 400 with it."""
    for field, texts in _field_messages(error).items():
        target = field if field in form.fields else None
        for text in texts:
            if target is None and field not in ("detail", NON_FIELD_ERRORS):
                text = f"{field.replace('_', ' ').capitalize()}: {text}"
            form.add_error(target, text)
    if isinstance(error, TransitionNotAllowed):
        for problem in error.problems:
            form.add_error(None, str(problem.get("message") or problem.get("code", "")))


def _field_messages(error: DomainError | ValidationError) -> dict[str, list[str]]:
    if isinstance(error, InvalidInput):
        return error.errors
    if isinstance(error, PayloadTooLarge):
        return {error.field: [error.message]}
    if isinstance(error, ValidationError):
        if hasattr(error, "error_dict"):
            return dict(error.message_dict)
        return {NON_FIELD_ERRORS: list(error.messages)}
    return {NON_FIELD_ERRORS: [error.message]}
