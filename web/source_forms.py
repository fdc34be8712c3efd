"""The evidence desk's forms: registering a source, filtering the list, quoting a passage
(with its figures and the fact it supports), retracting and correcting a source.

Forms only read what was typed into Python values; every rule is the services' (their
refusals come back beside the field through `web.forms.form_show_refusal`).
"""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from evidence.models import Actor, Fact, FigureReport, Source
from evidence.selectors.actors import actor_find
from reports.selectors.evidence import CREDIBILITY_LABELS
from web.forms import PageForm
from web.versioning import VersionedForm

__all__ = [
    "ExcerptForm",
    "FigureForm",
    "FigureFormSet",
    "NewFactForm",
    "SourceFilterForm",
    "SourceForm",
    "SourceRetractForm",
    "SourceTextForm",
    "actors_named",
]

LANGUAGES = ("en", "ur", "ps", "sd", "bal", "ar")


def _blank(choices: Any, label: str = "—") -> list[tuple[str, str]]:
    return [("", label), *choices]


def actors_named(value: str, *, field_label: str) -> list[Actor]:
    """The actors a comma-separated list of names or aliases names ("Daesh, LeJ-A")."""
    actors: list[Actor] = []
    unknown: list[str] = []
    for name in (part.strip() for part in value.split(",")):
        if not name:
            continue
        actor = actor_find(name=name)
        if actor is None:
            unknown.append(name)
        elif actor not in actors:
            actors.append(actor)
    if unknown:
        raise forms.ValidationError(
            _("%(field)s: no actor is called %(names)s; use a name or alias from the list."),
            params={"field": field_label, "names": ", ".join(f"“{n}”" for n in unknown)},
        )
    return actors


class SourceForm(PageForm):
    """A new source: pasted text or an uploaded file, and what the archive records of it."""

    title = forms.CharField(label=_("Title"), max_length=500, required=False)
    publisher = forms.CharField(label=_("Publisher"), max_length=200, required=False)
    author = forms.CharField(label=_("Author"), max_length=200, required=False)
    url = forms.URLField(label=_("Web address (URL)"), max_length=1000, required=False)
    published_on = forms.DateField(
        label=_("Published on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    language = forms.CharField(
        label=_("Language"),
        max_length=16,
        initial="en",
        help_text=_("A BCP 47 code: en, ur, ps, sd, bal, ar …"),
        widget=forms.TextInput(attrs={"list": "languages"}),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=Source.Kind.choices, initial="news")
    reliability = forms.ChoiceField(
        label=_("Reliability (Admiralty grade)"), choices=Source.Reliability.choices, initial="F"
    )
    text = forms.CharField(
        label=_("Text"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 14, "dir": "auto"}),
        help_text=_("Paste the full text, or upload a file below."),
    )
    file = forms.FileField(
        label=_("Or upload a file"),
        required=False,
        help_text=_(".txt, .html, .pdf or .docx"),
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,.html,.htm,.pdf,.docx"}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("file") and not (data.get("text") or "").strip():
            self.add_error("text", _("Paste the text or upload a file."))
        if data.get("file") and (data.get("text") or "").strip():
            self.add_error("file", _("Paste the text or upload a file, not both."))
        if not data.get("file") and not (data.get("title") or "").strip():
            self.add_error("title", _("Give the source a title."))
        return data


class SourceFilterForm(PageForm):
    """The sources list's filters; a value the list does not know is a 400 naming it."""

    publisher = forms.CharField(label=_("Publisher"), max_length=200, required=False)
    reliability = forms.ChoiceField(
        label=_("Grade"), choices=_blank(Source.Reliability.choices, "any"), required=False
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=_blank(Source.Status.choices, "any"), required=False
    )
    language = forms.CharField(label=_("Language"), max_length=16, required=False)
    published_from = forms.DateField(
        label=_("Published from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    published_to = forms.DateField(
        label=_("Published until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class SourceRetractForm(PageForm):
    reason = forms.CharField(
        label=_("Why is the source retracted?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class SourceTextForm(VersionedForm):
    """Correcting a source: its text and what the archive records of it, and the version of
    the source it was opened on."""

    title = forms.CharField(label=_("Title"), max_length=500)
    publisher = forms.CharField(label=_("Publisher"), max_length=200, required=False)
    author = forms.CharField(label=_("Author"), max_length=200, required=False)
    url = forms.URLField(label=_("Web address (URL)"), max_length=1000, required=False)
    published_on = forms.DateField(
        label=_("Published on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    language = forms.CharField(label=_("Language"), max_length=16)
    kind = forms.ChoiceField(label=_("Kind"), choices=Source.Kind.choices)
    reliability = forms.ChoiceField(
        label=_("Reliability (Admiralty grade)"), choices=Source.Reliability.choices
    )
    text = forms.CharField(
        label=_("Text"), strip=False, widget=forms.Textarea(attrs={"rows": 18, "dir": "auto"})
    )


class FigureForm(PageForm):
    """One figure the passage reports; a row left empty is ignored."""

    kind = forms.ChoiceField(
        label=_("Figure"), choices=_blank(FigureReport.Kind.choices), required=False
    )
    qualifier = forms.ChoiceField(
        label=_("Qualifier"), choices=FigureReport.Qualifier.choices, required=False
    )
    value_min = forms.IntegerField(label=_("Number"), min_value=0, required=False)
    value_max = forms.IntegerField(
        label=_("Up to (range)"), min_value=0, required=False, help_text=_("only for a range")
    )

    def figure(self) -> dict[str, Any] | None:
        data = self.cleaned_data
        if not data.get("kind") and data.get("value_min") is None:
            return None
        return {
            "kind": data.get("kind") or "",
            "value_min": data.get("value_min"),
            "value_max": data.get("value_max"),
            "qualifier": data.get("qualifier") or FigureReport.Qualifier.EXACT,
        }


FigureFormSet = forms.formset_factory(FigureForm, extra=2, max_num=20, absolute_max=20)


class ExcerptForm(PageForm):
    """A passage: chosen by its offsets in the reading view, or typed; what it reports; and
    the fact it supports (an existing one, or a new one from `NewFactForm`)."""

    ATTACH_CHOICES = [("existing", _("An existing fact")), ("new", _("A new fact"))]

    start = forms.IntegerField(min_value=0, required=False, widget=forms.HiddenInput)
    end = forms.IntegerField(min_value=0, required=False, widget=forms.HiddenInput)
    exact = forms.CharField(
        label=_("The passage, word for word"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
    )
    # Named as the API names it, so the anchoring rule's refusal shows beside it.
    prefix = forms.CharField(  # type: ignore[assignment]
        label=_("Words just before it"), required=False, max_length=200
    )
    suffix = forms.CharField(label=_("Words just after it"), required=False, max_length=200)
    credibility = forms.TypedChoiceField(
        label=_("Credibility of this information"),
        coerce=int,
        choices=[(n, f"{n} – {label}") for n, label in CREDIBILITY_LABELS.items()],
        initial=3,
    )
    reported_on = forms.DateField(
        label=_("Date this passage gives"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    reported_claimed_by = forms.CharField(
        label=_("Claimed by, per this passage"),
        required=False,
        max_length=500,
        widget=forms.TextInput(attrs={"list": "actor-names"}),
        help_text=_("Names or aliases, separated by commas."),
    )
    reported_attributed_to = forms.CharField(
        label=_("Carried out by, per this passage"),
        required=False,
        max_length=500,
        widget=forms.TextInput(attrs={"list": "actor-names"}),
    )
    reported_relation = forms.ChoiceField(
        label=_("Relation this passage states"),
        choices=_blank(Fact.Relation.choices),
        required=False,
    )
    attach = forms.ChoiceField(
        label=_("The passage supports"),
        choices=ATTACH_CHOICES,
        initial="existing",
        widget=forms.RadioSelect,
    )
    fact = forms.IntegerField(label=_("Fact"), required=False, widget=forms.HiddenInput)
    fact_q = forms.CharField(
        label=_("Find a fact"),
        required=False,
        max_length=200,
        help_text=_("Words, a place, a date or any name of a group (Daesh finds ISIS)."),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )

    def clean_reported_claimed_by(self) -> list[Actor]:
        return actors_named(self.cleaned_data["reported_claimed_by"], field_label="Claimed by")

    def clean_reported_attributed_to(self) -> list[Actor]:
        return actors_named(
            self.cleaned_data["reported_attributed_to"], field_label="Carried out by"
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        has_offsets = data.get("start") is not None and data.get("end") is not None
        if not has_offsets and not (data.get("exact") or "").strip():
            self.add_error("exact", _("Select a passage in the text, or type it word for word."))
        if data.get("attach") == "existing" and not data.get("fact"):
            self.add_error(
                "fact", _("Choose the fact this passage supports, or document a new one.")
            )
        return data


class NewFactForm(PageForm):
    """A fact documented from the desk; its status and figures come from its excerpts."""

    kind = forms.ChoiceField(label=_("Kind"), choices=Fact.Kind.choices, initial="incident")
    title = forms.CharField(label=_("Title"), max_length=300, required=False)
    summary = forms.CharField(
        label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    occurred_on = forms.DateField(
        label=_("Date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_precision = forms.ChoiceField(
        label=_("The date is known to the"), choices=Fact.DatePrecision.choices, initial="day"
    )
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    province = forms.CharField(label=_("Province"), max_length=100, required=False)
    country = forms.CharField(label=_("Country"), max_length=100, required=False)
    target_type = forms.ChoiceField(
        label=_("Target"), choices=_blank(Fact.TargetType.choices), required=False
    )
    victim_community = forms.ChoiceField(
        label=_("Victim community"), choices=_blank(Fact.VictimCommunity.choices), required=False
    )
    claimed_by = forms.CharField(
        label=_("Claimed by"),
        required=False,
        max_length=500,
        widget=forms.TextInput(attrs={"list": "actor-names"}),
        help_text=_("Names or aliases, separated by commas."),
    )
    attributed_to = forms.CharField(
        label=_("Attributed to"),
        required=False,
        max_length=500,
        widget=forms.TextInput(attrs={"list": "actor-names"}),
    )
    subject_actor = forms.CharField(
        label=_("Subject actor (relationships)"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"list": "actor-names"}),
    )
    relation = forms.ChoiceField(
        label=_("Relation"), choices=_blank(Fact.Relation.choices), required=False
    )
    object_actor = forms.CharField(
        label=_("Object actor (relationships)"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"list": "actor-names"}),
    )

    def clean_claimed_by(self) -> list[Actor]:
        return actors_named(self.cleaned_data["claimed_by"], field_label="Claimed by")

    def clean_attributed_to(self) -> list[Actor]:
        return actors_named(self.cleaned_data["attributed_to"], field_label="Attributed to")

    def _one_actor(self, name: str, label: str) -> Actor | None:
        actors = actors_named(self.cleaned_data[name], field_label=label)
        if len(actors) > 1:
            raise forms.ValidationError(_("Name one actor."))
        return actors[0] if actors else None

    def clean_subject_actor(self) -> Actor | None:
        return self._one_actor("subject_actor", "Subject actor")

    def clean_object_actor(self) -> Actor | None:
        return self._one_actor("object_actor", "Object actor")

    def fields_for_service(self) -> dict[str, Any]:
        """What `fact_create` takes, as typed (empty values left to its defaults)."""
        data = dict(self.cleaned_data)
        return {
            name: value
            for name, value in data.items()
            if value not in (None, "") or name in ("kind", "title")
        }
