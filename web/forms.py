"""What every page form shares: a service's refusal shown beside the field it names, in the
same words the API answers with (one validation path: the service's)."""

from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext

from common.errors import DomainError, InvalidInput, PayloadTooLarge, TransitionNotAllowed
from common.validators import form_text_check

__all__ = ["PageForm", "form_show_refusal"]


class PageForm(forms.Form):
    """The base of every page form: labels without Django's trailing colon (the label is the
    control's accessible name), and the API's text rule (`common.text`: control characters,
    bidi overrides, invalid text) applied to every text field, its refusal beside the field in
    the API's words. Choices from the models show in the page's language: the models mark
    their labels (`gettext_noop`) without translating them, so what the API, the search index
    and stored text say stays English."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def __getitem__(self, name: str) -> forms.BoundField:
        # At render time, not in __init__: views narrow some choices after building the form
        # (a message's channels are its campaign's). gettext of a label already translated, or
        # of a lazy label, gives it back unchanged.
        field = self.fields.get(name)
        if isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
            choices: list[tuple[Any, Any]] = list(field.choices)  # type: ignore[arg-type]
            field.choices = [
                (value, gettext(label) if isinstance(label, str) else label)
                for value, label in choices
            ]
        return super().__getitem__(name)

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean()
        form_text_check(self)
        return cleaned


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
