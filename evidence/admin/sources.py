"""Sources in the admin: their text with every excerpt highlighted, correction and retraction."""

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from common.errors import DomainError
from evidence.admin.common import EvidenceModelAdmin, add_domain_error, copy_into
from evidence.models import Source
from evidence.services.sources import (
    SOURCE_EDITABLE_FIELDS,
    source_create,
    source_retract,
    source_text_check,
    source_update,
)

__all__ = ["SourceAdmin", "highlighted_text"]

_FIELDS = list(SOURCE_EDITABLE_FIELDS)


def highlighted_text(source: Source) -> SafeString:
    """The source text, escaped, with each anchored excerpt wrapped in `<mark>` (overlapping
    excerpts are clipped where the previous one ends)."""
    parts: list[str] = []
    cursor = 0
    text = source.text
    spans = sorted(
        (e.start, e.end, e.pk)
        for e in source.excerpts.all()
        if e.anchored and e.start is not None and e.end is not None
    )
    for start, end, pk in spans:
        start = max(start, cursor)
        if end <= start:
            continue
        parts.append(escape(text[cursor:start]))
        parts.append(format_html('<mark title="Excerpt {}">{}</mark>', pk, text[start:end]))
        cursor = end
    parts.append(escape(text[cursor:]))
    body = "".join(str(p) for p in parts)
    return mark_safe(  # noqa: S308 - every piece above was escaped
        f'<div style="white-space: pre-wrap; max-width: 60em">{body}</div>'
    )


class SourceForm(forms.ModelForm):
    retract_with_reason = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Fill in to retract this source: whatever rests on it is re-opened.",
    )

    class Meta:
        model = Source
        fields = _FIELDS

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "text" in data and not self.errors:
            source = self.instance if self.instance.pk else None
            try:
                source_text_check(text=data["text"], source=source)
            except DomainError as error:
                add_domain_error(self, error)
        return data


@admin.register(Source)
class SourceAdmin(EvidenceModelAdmin):
    form = SourceForm
    list_display = ["title", "publisher", "published_on", "reliability", "status", "created_at"]
    list_filter = ["status", "reliability", "kind", "language"]
    search_fields = ["title", "publisher", "author"]
    readonly_fields = [
        "status",
        "content_sha256",
        "retraction_reason",
        "retracted_at",
        "retracted_by",
        "created_by",
        "created_at",
        "text_with_excerpts",
    ]

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return _FIELDS
        fields = [*_FIELDS, "text_with_excerpts", *self.readonly_fields[:-1]]
        if obj.status == Source.Status.ACTIVE:
            fields.append("retract_with_reason")
        return fields

    @admin.display(description="Text with its excerpts highlighted")
    def text_with_excerpts(self, obj: Source) -> SafeString:
        return highlighted_text(obj)

    def save_model(self, request: HttpRequest, obj: Source, form: Any, change: bool) -> None:
        data = {name: form.cleaned_data[name] for name in _FIELDS if name in form.cleaned_data}
        if change:
            changed = {name: data[name] for name in form.changed_data if name in data}
            saved = source_update(
                source=Source.objects.get(pk=obj.pk), actor=request.user, **changed
            )
            reason = (form.cleaned_data.get("retract_with_reason") or "").strip()
            if reason:
                saved = source_retract(source=saved, reason=reason, actor=request.user)
        else:
            saved = source_create(created_by=request.user, **data)
        copy_into(obj, saved)
