"""The pages' side of conditional writes (`web.versioning`): a form opened on one version and
submitted after someone else's edit shows both versions and saves nothing."""

from typing import Any

import pytest
from django import forms
from django.template.loader import render_to_string

from campaigns.models import Campaign
from campaigns.services.campaigns import campaign_update
from tests.campaigns.factories import make_campaign
from web.versioning import VersionedForm, edit_if_current

pytestmark = pytest.mark.django_db


class GoalForm(VersionedForm):
    goal = forms.CharField(label="Goal")


def submit(campaign: Campaign, data: dict[str, str], actor: Any) -> tuple[GoalForm, object]:
    form = GoalForm(data)
    assert form.is_valid(), form.errors
    saved = edit_if_current(
        form=form,
        instance=campaign,
        stored=lambda current: {"goal": current.goal},
        save=lambda current: campaign_update(
            campaign=current, actor=actor, goal=form.cleaned_data["goal"]
        ),
    )
    return form, saved


def test_a_stale_page_edit_shows_both_versions_and_saves_nothing(comms):
    campaign = make_campaign(owner=comms, goal="Original goal")
    opened = GoalForm.for_instance(campaign, initial={"goal": campaign.goal})
    version = opened.initial["version"]
    campaign_update(campaign=campaign, actor=comms, goal="Their goal")  # someone else, meanwhile

    form, saved = submit(campaign, {"goal": "My goal", "version": version}, comms)

    assert saved is None
    campaign.refresh_from_db()
    assert campaign.goal == "Their goal"
    assert [(c.yours, c.theirs) for c in form.conflict.values] == [("My goal", "Their goal")]  # type: ignore[attr-defined]
    assert "Someone else changed this" in str(form.non_field_errors())
    html = render_to_string("web/includes/edit_conflict.html", {"form": form})
    assert "Their goal" in html and "My goal" in html

    # Sent again from what the user has now seen: saved.
    form, saved = submit(campaign, {"goal": "My goal", "version": form.data["version"]}, comms)
    assert saved is not None
    campaign.refresh_from_db()
    assert campaign.goal == "My goal"
