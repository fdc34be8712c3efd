"""The message editor's forms: the message itself, the claim to link, and applying a
suggested wording. They read what was typed; the services decide."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from campaigns.channels import CHANNEL_LIMITS
from campaigns.models import Campaign, Message, Theme
from evidence.models import Fact
from evidence.search.aliases import query_words
from web.forms import PageForm
from web.versioning import VersionedForm

__all__ = [
    "COMMON_LANGUAGES",
    "TEXT_MAX_CHARS",
    "ClaimForm",
    "MessageEditForm",
    "MessageForm",
    "PickerSearchForm",
    "SuggestionForm",
]

# Offered in the language field's list; any BCP 47 tag may be typed (the service checks it).
COMMON_LANGUAGES = [
    ("en", "English"),
    ("ur", "Urdu · اردو"),
    ("ps", "Pashto · پښتو"),
    ("sd", "Sindhi · سنڌي"),
    ("bal", "Balochi · بلوچی"),
    ("ar", "Arabic · العربية"),
    ("fa", "Persian · فارسی"),
    ("pa", "Punjabi"),
    ("ur-Latn", "Roman Urdu"),
]
TEXT_MAX_CHARS = max(CHANNEL_LIMITS.values()) * 2


class MessageForm(PageForm):
    channel = forms.ChoiceField(label=_("Channel"), choices=Message.Channel.choices)
    language = forms.CharField(
        label=_("Language"),
        max_length=35,
        initial="en",
        help_text=_("A language code such as en, ur, ps, sd, bal or ar."),
        widget=forms.TextInput(attrs={"list": "languages", "autocomplete": "off"}),
    )
    theme = forms.ModelChoiceField(
        label=_("Theme"), required=False, queryset=Theme.objects.all(), empty_label=_("No theme")
    )
    text = forms.CharField(
        label=_("Text"),
        max_length=TEXT_MAX_CHARS,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 7}),
    )

    def __init__(self, *args: Any, campaign: Campaign, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Offer the campaign's own channels and themes first; the service refuses others in
        # its own words, so the list is a convenience, not the rule.
        if campaign.channels:
            labels = dict(Message.Channel.choices)
            channel = self.fields["channel"]
            assert isinstance(channel, forms.ChoiceField)
            channel.choices = [(c, labels.get(c, c)) for c in campaign.channels]
        theme = self.fields["theme"]
        assert isinstance(theme, forms.ModelChoiceField)
        theme.queryset = Theme.objects.all()
        theme.choices = [("", _("No theme"))] + [(t.pk, t.name) for t in campaign.themes.all()]


class MessageEditForm(MessageForm, VersionedForm):
    """Editing a saved message: its words and the version (revision) it was opened on."""


class SuggestionForm(PageForm):
    words = forms.CharField(max_length=500, strip=False)
    suggestion = forms.CharField(max_length=500, strip=False)


class ClaimForm(PageForm):
    claim = forms.CharField(
        label=_("Claim: the words of the message the fact supports"),
        max_length=2_000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    fact = forms.IntegerField(min_value=1, max_value=2**63 - 1)


class PickerSearchForm(PageForm):
    """The evidence picker's search: words (an actor's aliases count as its name), and the
    place, period and target type of the incident."""

    q = forms.CharField(label=_("Search facts"), max_length=200, required=False)
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    target_type = forms.ChoiceField(
        label=_("Target"), required=False, choices=[("", _("Any target")), *Fact.TargetType.choices]
    )
    occurred_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    occurred_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean_q(self) -> str:
        value = str(self.cleaned_data.get("q") or "").strip()
        if value and not query_words(value):
            raise forms.ValidationError(_("Type at least one word or number to search for."))
        return value

    def has_criteria(self) -> bool:
        return any(self.cleaned_data.get(name) for name in self.fields)
