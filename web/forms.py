"""What every page form shares: a service's refusal shown beside the field it names, in the
same words the API answers with (one validation path: the service's)."""

from collections.abc import Iterator
from html import escape
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.choices import BaseChoiceIterator
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from common.errors import DomainError, InvalidInput, PayloadTooLarge, TransitionNotAllowed
from common.validators import form_text_check
from common.words import in_reader_language, problem_words

__all__ = ["ManyOptionsSelect", "PageForm", "PlainChoices", "form_show_refusal"]


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
        # The choices lists already translated, by field name: a template reads a field many
        # times, and a long list must not be translated at each read.
        self._translated_choices: dict[str, object] = {}

    def __getitem__(self, name: str) -> forms.BoundField:
        # At render time, not in __init__: views narrow some choices after building the form
        # (a message's channels are its campaign's). gettext of a label already translated, or
        # of a lazy label, gives it back unchanged.
        field = self.fields.get(name)
        if (
            isinstance(field, forms.ChoiceField)
            and not isinstance(field, forms.ModelChoiceField)
            and self._translated_choices.get(name) is not field.choices
        ):
            choices: list[tuple[Any, Any]] = list(field.choices)  # type: ignore[arg-type]
            field.choices = [
                (value, gettext(label) if isinstance(label, str) else label)
                for value, label in choices
            ]
            self._translated_choices[name] = field.choices
        return super().__getitem__(name)

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean()
        form_text_check(self)
        return cleaned


class PlainChoices(BaseChoiceIterator):
    """Choices already as `(value, label)` pairs, taken as they are. Django normalises a plain
    list item by item with pattern matching, on the field and again on its widget: for the
    reports page's 1,000 campaigns that was about 2 ms on every request."""

    def __init__(self, choices: list[tuple[Any, Any]]) -> None:
        self.choices = choices

    def __iter__(self) -> Iterator[tuple[Any, Any]]:
        return iter(self.choices)


def _attributes(attrs: dict[str, Any]) -> str:
    """HTML attributes as Django's `attrs.html` writes them (True: the name alone; False:
    left out)."""
    return "".join(
        f" {name}" if value is True else f' {name}="{conditional_escape(str(value))}"'
        for name, value in attrs.items()
        if value is not False
    )


def _escape(value: Any) -> str:
    """`conditional_escape` without its lazy-string wrapper (a thousand calls add up)."""
    html = getattr(value, "__html__", None)
    return str(html()) if html is not None else escape(str(value), quote=True)


class ManyOptionsSelect(forms.Select):
    """A `<select>` of many options (one per campaign, say) written in Python: the same HTML as
    Django's `select.html`, without a template include per option, which made a select of
    1,000 campaigns cost more than the rest of its page. Flat choices are
    written straight from the choices (no option dictionaries); groups take Django's
    `optgroups` path."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        built = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected or any(
            isinstance(label, list | tuple) for _value, label in self.choices
        ):
            return self._render_groups(name, value, attrs)
        parts = [f'<select name="{_escape(name)}"{_attributes(built)}>']
        wanted = self.format_value(value)
        selected_one = False
        for option_value, label in self.choices:
            text = "" if option_value is None else str(option_value)
            selected = not selected_one and text in wanted
            selected_one |= selected
            parts.append(
                f'\n  <option value="{_escape(text)}"{" selected" if selected else ""}>'
                f"{_escape(label)}</option>\n"
            )
        parts.append("\n</select>")
        return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped

    def _render_groups(self, name: str, value: Any, attrs: dict[str, Any] | None) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        name_attr = conditional_escape(widget["name"])
        parts = [f'<select name="{name_attr}"{_attributes(widget["attrs"])}>']
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
            for option in options:
                parts.append(
                    f'\n  <option value="{conditional_escape(str(option["value"]))}"'
                    f"{_attributes(option['attrs'])}>{conditional_escape(option['label'])}</option>\n"
                )
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped


def form_show_refusal(form: forms.Form, error: DomainError | ValidationError) -> None:
    """Attach `error` to `form`: each field the service names gets its message beside it;
    anything else (a refused transition, a field the form does not show) goes to the top of
    the form. The form becomes invalid, so the page answers 400 with it."""
    for field, texts in _field_messages(error).items():
        target = field if field in form.fields else None
        for text in texts:
            text = in_reader_language(text)
            if target is None and field not in ("detail", NON_FIELD_ERRORS):
                text = f"{field.replace('_', ' ').capitalize()}: {text}"
            form.add_error(target, text)
    if isinstance(error, TransitionNotAllowed):
        for problem in error.problems:
            form.add_error(None, problem_words(problem))


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
