"""`common.text`'s rule as a Django validator, for model fields and page forms: the same
characters refused in the same words as the API and the services."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible

from common.text import TextKind, kind_of_field, text_problem

__all__ = ["TextValidator", "form_text_check"]


@deconstructible
class TextValidator:
    """`validators=[TextValidator(TextKind.NAME)]` on a model or form field."""

    def __init__(self, kind: str = TextKind.PROSE) -> None:
        self.kind = TextKind(kind)

    def __call__(self, value: Any) -> None:
        if isinstance(value, str):
            problem = text_problem(value, kind=self.kind)
            if problem:
                raise ValidationError(problem, code="invalid_text")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, TextValidator) and other.kind == self.kind

    def __hash__(self) -> int:
        return hash(self.kind)


def form_text_check(form: forms.BaseForm) -> None:
    """Call from a page form's `clean()`: every text field's value is checked by the field's
    kind (`common.text.kind_of_field`), the problem shown beside that field."""
    for name, value in list(form.cleaned_data.items()):
        values = value if isinstance(value, list | tuple) else [value]
        for item in values:
            if isinstance(item, str):
                problem = text_problem(item, kind=kind_of_field(name))
                if problem:
                    form.add_error(name, problem)
                    break
