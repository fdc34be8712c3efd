"""Forms of the archive pages: search, actors and the incident import.

They only read the request into typed values; every rule is the services' (a refusal comes back
through `web.forms.form_show_refusal`)."""

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from evidence.models import Actor, Fact
from evidence.search.aliases import query_words
from evidence.search.models import SearchDocument
from evidence.search.selectors import QUERY_MAX_CHARS, SearchFilters
from web.forms import PageForm
from web.versioning import VersionedForm

__all__ = ["ActorEditForm", "ActorForm", "ActorMergeForm", "IncidentImportForm", "SearchForm"]

ALIASES_MAX_CHARS = 10_000


class SearchForm(PageForm):
    q = forms.CharField(
        label=_("Search for"),
        max_length=QUERY_MAX_CHARS,
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "dir": "auto"}),
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("All kinds")), *SearchDocument.Kind.choices],
    )
    status = forms.ChoiceField(
        label=_("Fact status"), required=False, choices=[("", _("Any")), *Fact.Status.choices]
    )
    actor = forms.ModelChoiceField(
        label=_("Actor"),
        required=False,
        queryset=Actor.objects.order_by("name"),
        empty_label=_("Any"),
    )
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean_q(self) -> str:
        value: str = self.cleaned_data.get("q", "").strip()
        if value and not query_words(value):
            raise forms.ValidationError(_("Type at least one word or number to search for."))
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("until", _("The end of the period is before its start."))
        return data

    def filters(self) -> SearchFilters:
        data = self.cleaned_data
        return SearchFilters(
            kind=data.get("kind") or "",
            status=data.get("status") or "",
            actor=data.get("actor"),
            place=data.get("place") or "",
            since=data.get("since"),
            until=data.get("until"),
        )


class ActorForm(PageForm):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=Actor.Kind.choices)
    aliases = forms.CharField(
        label=_("Aliases"),
        required=False,
        max_length=ALIASES_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 6, "dir": "auto"}),
        help_text=_("One per line, in any script (for example ISIL, Daesh, داعش)."),
    )
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["dir"] = "auto"

    def clean_aliases(self) -> list[str]:
        # One alias per line: each is a name, checked as one by the text rule (PageForm).
        lines = self.cleaned_data.get("aliases", "").splitlines()
        return [line.strip() for line in lines if line.strip()]

    def alias_list(self) -> list[str]:
        return list(self.cleaned_data.get("aliases", []))

    def service_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "kind": data["kind"],
            "description": data.get("description", ""),
            "aliases": self.alias_list(),
        }


class ActorEditForm(ActorForm, VersionedForm):
    """Editing a saved actor: its names and the version it was opened on."""


class ActorMergeForm(PageForm):
    into = forms.ModelChoiceField(
        label=_("Merge into"),
        queryset=Actor.objects.order_by("name"),
        help_text=_("The actor that stays; this one's names become its aliases."),
    )

    def __init__(self, *args: Any, actor: Actor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["into"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Actor.objects.exclude(pk=actor.pk).order_by("name")


class IncidentImportForm(PageForm):
    file = forms.FileField(
        label=_("Incident CSV"),
        help_text=_(
            "Columns: eventid, iyear, imonth, iday, country, provstate, city, targtype1, gname, "
            "claimed, nkill, nwound, summary, scite1."
        ),
    )
    skip_invalid = forms.BooleanField(
        label=_("Import the valid rows even if some rows are invalid"), required=False
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        limit = settings.INCIDENT_IMPORT_MAX_BYTES
        if upload.size is not None and upload.size > limit:
            raise forms.ValidationError(
                _("The file is %(size)s bytes; the limit is %(limit)s."),
                params={"size": upload.size, "limit": limit},
            )
        return upload
