"""The campaign planner's form: the GAMMMA+ plan as a page form. It only reads what was typed;
every rule (channels, team, period, indicators) is the service's, shown beside its field."""

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from campaigns.models import Campaign, Message, Theme
from common.roles import COMMUNICATIONS
from evidence.models import Source
from web.forms import PageForm
from web.versioning import VersionedForm

__all__ = [
    "CampaignEditForm",
    "CampaignForm",
    "IndicatorFormSet",
    "campaign_form_fields",
    "team_candidates",
]

LINES_HELP = _("One per line.")


def team_candidates(*, exclude_pk: int | None) -> QuerySet[Any]:
    """Who the picker offers: active Communications users (the service refuses anyone else
    in its own words, so a forged id gets the API's answer)."""
    users = get_user_model().objects.filter(is_active=True, groups__name=COMMUNICATIONS)
    if exclude_pk is not None:
        users = users.exclude(pk=exclude_pk)
    return users.order_by("username").distinct()


class LinesField(forms.CharField):
    """A textarea read as a list: one item per non-empty line."""

    widget = forms.Textarea(attrs={"rows": 3})

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        text = super().to_python(value) or ""
        return [line.strip() for line in text.splitlines() if line.strip()]

    def prepare_value(self, value: Any) -> Any:
        return "\n".join(value) if isinstance(value, list | tuple) else value


class CampaignForm(PageForm):
    name = forms.CharField(label=_("Name"), max_length=200)
    goal = forms.CharField(
        label=_("Goal"), required=False, max_length=10_000, widget=forms.Textarea(attrs={"rows": 3})
    )
    audiences = LinesField(
        label=_("Audiences"), required=False, max_length=20_000, help_text=LINES_HELP
    )
    messengers = LinesField(
        label=_("Messengers"), required=False, max_length=20_000, help_text=LINES_HELP
    )
    channels = forms.MultipleChoiceField(
        label=_("Media (channels)"),
        required=False,
        choices=Message.Channel.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    call_to_action = forms.CharField(
        label=_("Call to action"),
        required=False,
        max_length=5_000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    # No widget of its own: the rows are the indicator formset; this field only carries the
    # service's refusal about them so it shows beside the indicators.
    indicators = forms.CharField(label=_("Indicators"), required=False, widget=forms.HiddenInput)
    starts_on = forms.DateField(
        label=_("Starts on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    ends_on = forms.DateField(
        label=_("Ends on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        required=False,
        queryset=Theme.objects.all(),
        widget=forms.CheckboxSelectMultiple,
    )
    team = forms.ModelMultipleChoiceField(
        label=_("Team"),
        required=False,
        queryset=get_user_model().objects.filter(is_active=True),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Communications staff who write and link this campaign's messages."),
    )
    minimum_reliability = forms.ChoiceField(
        label=_("Minimum source grade"),
        choices=Source.Reliability.choices,
        initial="C",
        help_text=_("Claims resting on sources graded below this are flagged."),
    )
    follows_main_idea = forms.BooleanField(
        label=_(
            "Follows the recommendation's main idea (brutality against Muslims and non-Muslims)"
        ),
        required=False,
        initial=True,
    )

    def __init__(self, *args: Any, owner_pk: int | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        team = self.fields["team"]
        assert isinstance(team, forms.ModelMultipleChoiceField)
        team.choices = [
            (user.pk, _user_label(user)) for user in team_candidates(exclude_pk=owner_pk)
        ]


class CampaignEditForm(CampaignForm, VersionedForm):
    """The planner editing a saved campaign: the plan and the version it was opened on."""


def _user_label(user: Any) -> str:
    full = user.get_full_name()
    return f"{user.get_username()} ({full})" if full else user.get_username()


class IndicatorForm(PageForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    name = forms.CharField(label=_("Indicator"), max_length=300, required=False)
    target = forms.CharField(label=_("Target"), max_length=300, required=False)


IndicatorFormSet = forms.formset_factory(IndicatorForm, extra=1, can_delete=True, max_num=50)


def _target(text: str) -> str | int:
    """A target typed as a whole number is stored as one, as the API would send it."""
    return int(text) if text.isdigit() and len(text) < 16 else text


def campaign_form_fields(form: CampaignForm, indicators: Any) -> dict[str, Any]:
    """The service's keyword arguments from a valid form and indicator formset. Half-filled
    indicator rows are passed on, so the service names what is missing."""
    data = dict(form.cleaned_data)
    data.pop("indicators", None)
    rows = []
    for row in indicators.forms:
        cleaned = getattr(row, "cleaned_data", {}) or {}
        if cleaned.get("DELETE") or not (cleaned.get("name") or cleaned.get("target")):
            continue
        rows.append({"name": cleaned.get("name", ""), "target": _target(cleaned.get("target", ""))})
    data["indicators"] = rows
    return data


def campaign_initial(campaign: Campaign) -> dict[str, Any]:
    return {
        "name": campaign.name,
        "goal": campaign.goal,
        "audiences": campaign.audiences,
        "messengers": campaign.messengers,
        "channels": campaign.channels,
        "call_to_action": campaign.call_to_action,
        "starts_on": campaign.starts_on,
        "ends_on": campaign.ends_on,
        "themes": [theme.pk for theme in campaign.themes.all()],
        "team": [user.pk for user in campaign.team.all()],
        "minimum_reliability": campaign.minimum_reliability,
        "follows_main_idea": campaign.follows_main_idea,
    }
