"""Facts in the admin (figures by source, conflicts) and excerpts with their figures inline."""

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from common.errors import DomainError
from evidence.admin.common import (
    EvidenceModelAdmin,
    ServiceSavedInline,
    add_domain_error,
    copy_into,
)
from evidence.models import Excerpt, Fact, FigureReport, Source
from evidence.search.selectors import search_matching_ids
from evidence.services.conflict_rules import FigureClaim, claim_wording
from evidence.services.conflicts import fact_countable_excerpts
from evidence.services.excerpts import (
    EXCERPT_EDITABLE_FIELDS,
    FIGURE_FIELDS,
    excerpt_anchor,
    excerpt_create,
    excerpt_update,
    figures_check,
)
from evidence.services.facts import (
    FACT_ACTOR_LIST_FIELDS,
    FACT_EDITABLE_FIELDS,
    fact_check,
    fact_create,
    fact_update,
)

__all__ = ["ExcerptAdmin", "FactAdmin"]

_FACT_FIELDS = list(FACT_EDITABLE_FIELDS)
# The figures are edited in their own inline rows, not as a form field.
_EXCERPT_FIELDS = [name for name in EXCERPT_EDITABLE_FIELDS if name != "figures"]


class FactForm(forms.ModelForm):
    class Meta:
        model = Fact
        fields = _FACT_FIELDS

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors:
            scalar = {k: v for k, v in data.items() if k not in FACT_ACTOR_LIST_FIELDS}
            try:
                fact_check(fact=Fact(**scalar))
            except DomainError as error:
                add_domain_error(self, error)
        return data


class ExcerptInline(admin.TabularInline):
    """The excerpts supporting the fact, read-only (they are edited on their own page)."""

    model = Excerpt
    fields = ["source", "exact", "anchored", "credibility"]
    readonly_fields = ["source", "exact", "anchored", "credibility"]
    extra = 0
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Fact)
class FactAdmin(EvidenceModelAdmin):
    form = FactForm
    list_display = ["title", "kind", "occurred_on", "status", "excerpt_count"]
    list_filter = ["kind", "status", "target_type", "victim_community"]
    search_fields = ["title", "summary", "place"]
    autocomplete_fields = ["claimed_by", "attributed_to", "subject_actor", "object_actor"]
    readonly_fields = [
        "status",
        "excerpt_count",
        "figures_by_source",
        "conflict_table",
        "verified_by",
        "verified_at",
    ]
    inlines = [ExcerptInline]

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return _FACT_FIELDS if obj is None else [*_FACT_FIELDS, *self.readonly_fields]

    def get_search_results(
        self, request: HttpRequest, queryset: Any, search_term: str
    ) -> tuple[Any, bool]:
        """The archive's search (actor aliases included: "Daesh" finds ISIS facts) besides
        the admin's own matching of title, summary and place."""
        found, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if search_term.strip():
            ids = search_matching_ids(query=search_term, kind="fact")
            found = found | queryset.filter(pk__in=ids)
        return found, may_have_duplicates

    @admin.display(description="Figures by source")
    def figures_by_source(self, obj: Fact) -> SafeString:
        rows = [
            (
                excerpt.source.title,
                excerpt.source.reliability,
                ", ".join(
                    f"{claim_wording(FigureClaim(f.kind, f.value_min, f.value_max, f.qualifier))}"
                    f" {f.kind}"
                    for f in excerpt.figures.all()
                )
                or "—",
            )
            for excerpt in fact_countable_excerpts(fact=obj)
        ]
        summary = format_html_join(
            "",
            "<li><b>{}</b>: {}</li>",
            ((kind, f["wording"]) for kind, f in sorted(obj.figures.items())),
        )
        table = format_html_join("", "<tr><td>{}</td><td>{}</td><td>{}</td></tr>", rows)
        return format_html(
            "<ul>{}</ul><table><tr><th>Source</th><th>Grade</th><th>Figures</th></tr>{}</table>",
            summary,
            table,
        )

    @admin.display(description="Conflicts")
    def conflict_table(self, obj: Fact) -> SafeString:
        if not obj.conflicts:
            return format_html("{}", "None")
        rows = (
            (
                c["kind"],
                c["field"],
                "; ".join(f"{v['value']} (source {v['source']})" for v in c["values"]),
                (c.get("resolution") or {}).get("wording", "open"),
            )
            for c in obj.conflicts
        )
        return format_html(
            "<table><tr><th>Kind</th><th>Field</th><th>What sources say</th>"
            "<th>Resolution</th></tr>{}</table>",
            format_html_join("", "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>", rows),
        )

    def save_model(self, request: HttpRequest, obj: Fact, form: Any, change: bool) -> None:
        data = {k: form.cleaned_data[k] for k in _FACT_FIELDS if k in form.cleaned_data}
        data["claimed_by"] = list(data.get("claimed_by") or [])
        data["attributed_to"] = list(data.get("attributed_to") or [])
        if change:
            changed = {k: data[k] for k in form.changed_data if k in data}
            saved = fact_update(fact=Fact.objects.get(pk=obj.pk), actor=request.user, **changed)
        else:
            saved = fact_create(created_by=request.user, **data)
        copy_into(obj, saved)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        # Many-to-many fields were saved by the service; the excerpt inline is read-only.
        for formset in formsets:  # what the admin's change message reads after a save
            formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []


class FigureFormSet(forms.BaseInlineFormSet):
    def figures(self) -> list[dict[str, Any]]:
        return [
            {k: f.cleaned_data.get(k) for k in FIGURE_FIELDS}
            for f in self.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]

    def clean(self) -> None:
        super().clean()
        try:
            figures_check(self.figures())
        except DomainError as error:
            raise forms.ValidationError(error.message) from None


class FigureInline(ServiceSavedInline):
    model = FigureReport
    formset = FigureFormSet
    fields = list(FIGURE_FIELDS)
    extra = 1


class ExcerptForm(forms.ModelForm):
    class Meta:
        model = Excerpt
        fields = _EXCERPT_FIELDS

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors and data.get("source"):
            if data["source"].status == Source.Status.RETRACTED:
                self.add_error("source", "The source is retracted; quote another source.")
                return data
            try:
                excerpt_anchor(
                    source=data["source"],
                    exact=data.get("exact", ""),
                    prefix=data.get("prefix", ""),
                    suffix=data.get("suffix", ""),
                )
            except DomainError as error:
                add_domain_error(self, error)
        return data


@admin.register(Excerpt)
class ExcerptAdmin(EvidenceModelAdmin):
    form = ExcerptForm
    list_display = ["__str__", "source", "fact", "anchored", "credibility"]
    list_filter = ["anchored", "credibility"]
    search_fields = ["exact"]
    autocomplete_fields = [
        "fact",
        "reported_claimed_by",
        "reported_attributed_to",
        "reported_denied_by",
    ]
    readonly_fields = ["start", "end", "anchored"]
    inlines = [FigureInline]

    def get_queryset(self, request: HttpRequest) -> Any:
        return super().get_queryset(request).select_related("source", "fact")

    def save_model(self, request: HttpRequest, obj: Excerpt, form: Any, change: bool) -> None:
        pass  # saved with its figures in save_related, where the inline's rows are known

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        data = {k: form.cleaned_data[k] for k in _EXCERPT_FIELDS if k in form.cleaned_data}
        data["reported_claimed_by"] = list(data.get("reported_claimed_by") or [])
        data["reported_attributed_to"] = list(data.get("reported_attributed_to") or [])
        data["reported_denied_by"] = list(data.get("reported_denied_by") or [])
        data["figures"] = [f for formset in formsets for f in formset.figures()]
        if change:
            saved = excerpt_update(
                excerpt=Excerpt.objects.get(pk=form.instance.pk), actor=request.user, **data
            )
        else:
            saved = excerpt_create(created_by=request.user, **data)
        copy_into(form.instance, saved)
        for formset in formsets:  # what the admin's change message reads after a save
            formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
