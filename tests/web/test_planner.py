"""The campaign planner pages: who may create and edit a plan, what is saved, and refusals
shown beside the field in the API's words, with nothing half-written."""

from typing import Any

import pytest
from django.urls import reverse

from campaigns.models import Campaign, Theme
from campaigns.services.campaign_workflow import campaign_submit_for_review
from campaigns.services.campaigns import campaign_create
from campaigns.services.themes import theme_catalogue_ensure
from tests.factories import communications_user, reviewer_user
from tests.web.versions import opened_version

pytestmark = pytest.mark.django_db

NEW = reverse("web:campaign-new")


def plan(**overrides: Any) -> dict[str, Any]:
    """The planner form as a writer fills it in (two indicator rows, one left empty)."""
    data: dict[str, Any] = {
        "name": "Shrines and churches",
        "goal": "Show that the group kills Muslims and non-Muslims alike.",
        "audiences": "University students\nSeminary students\n",
        "messengers": "Survivors' families",
        "channels": ["x", "radio"],
        "call_to_action": "Share the survivors' stories.",
        "starts_on": "2030-01-01",
        "ends_on": "2030-03-31",
        "minimum_reliability": "B",
        "follows_main_idea": "on",
        "indicators-TOTAL_FORMS": "2",
        "indicators-INITIAL_FORMS": "0",
        "indicators-MIN_NUM_FORMS": "0",
        "indicators-MAX_NUM_FORMS": "50",
        "indicators-0-name": "Shares",
        "indicators-0-target": "5000",
        "indicators-1-name": "",
        "indicators-1-target": "",
    }
    data.update(overrides)
    return data


def test_a_writer_creates_a_campaign_with_its_plan_themes_and_team(page_client, comms):
    theme_catalogue_ensure()
    themes = list(Theme.objects.order_by("pk")[:2])
    colleague = communications_user(username="colleague")
    client = page_client(comms)
    form = client.get(NEW)
    assert form.status_code == 200
    assert f'name="team" value="{colleague.pk}"' in form.content.decode()
    response = client.post(NEW, plan(themes=[t.pk for t in themes], team=[colleague.pk]))
    campaign = Campaign.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("web:campaign", args=[campaign.pk])
    assert campaign.owner == comms
    assert campaign.audiences == ["University students", "Seminary students"]
    assert campaign.messengers == ["Survivors' families"]
    assert campaign.channels == ["x", "radio"]
    assert campaign.indicators == [{"name": "Shares", "target": 5000}]
    assert str(campaign.starts_on) == "2030-01-01" and str(campaign.ends_on) == "2030-03-31"
    assert campaign.minimum_reliability == "B"
    assert set(campaign.themes.all()) == set(themes)
    assert list(campaign.team.all()) == [colleague]
    detail = client.get(response["Location"]).content.decode()
    assert "Campaign created." in detail
    assert "Edit the plan" in detail and "New message" in detail


def test_the_team_picker_offers_only_communications_users(page_client, comms, reviewer):
    colleague = communications_user(username="colleague")
    page = page_client(comms).get(NEW).content.decode()
    assert f'name="team" value="{colleague.pk}"' in page
    assert f'name="team" value="{reviewer.pk}"' not in page
    assert f'name="team" value="{comms.pk}"' not in page  # the owner is on it already
    # A forged id of a non-Communications user gets the service's refusal beside the team.
    response = page_client(comms).post(NEW, plan(team=[reviewer.pk]))
    assert response.status_code == 400
    assert not Campaign.objects.exists()
    team_errors = response.context["form"].errors["team"]
    assert team_errors == [
        f"Team members must be active Communications staff (not: {reviewer.pk})."
    ]
    assert "Team members must be active Communications staff" in response.content.decode()


@pytest.mark.parametrize(
    ("overrides", "field", "words"),
    [
        (
            {"starts_on": "2030-03-31", "ends_on": "2030-01-01"},
            "ends_on",
            "The campaign must end on or after the day it starts.",
        ),
        (
            {"indicators-0-name": "", "indicators-0-target": "5000"},
            "indicators",
            "Each indicator needs a name.",
        ),
        (
            {"indicators-0-name": "Shares", "indicators-0-target": ""},
            "indicators",
            "Indicator “Shares” needs a target.",
        ),
        ({"name": ""}, "name", "This field is required."),
    ],
)
def test_bad_input_is_refused_beside_the_field_and_nothing_is_saved(
    page_client, comms, overrides, field, words
):
    response = page_client(comms).post(NEW, plan(**overrides))
    assert response.status_code == 400
    assert response.context["form"].errors[field] == [words]
    page = response.content.decode()
    assert "The campaign was not saved" in page
    # Beside the field: the error list sits inside that field's own block.
    block = (
        page.split(f'class="field {field}"')[1]
        if field != "indicators"
        else page.split('id="indicators"')[1]
    )
    assert words.replace("“", "&ldquo;")[:10] in block or words[:10] in block
    assert not Campaign.objects.exists()


def test_the_owner_edits_the_plan_and_a_draft_only(page_client, comms):
    campaign = campaign_create(
        owner=comms, name="Old name", channels=["x"], indicators=[{"name": "Reach", "target": 10}]
    )
    client = page_client(comms)
    url = reverse("web:campaign-edit", args=[campaign.pk])
    form = client.get(url)
    assert form.status_code == 200
    assert 'value="Reach"' in form.content.decode()
    data = plan(
        name="New name",
        version=opened_version(client, url),
        **{
            "indicators-TOTAL_FORMS": "2",
            "indicators-0-name": "Reach",
            "indicators-0-target": "10",
            "indicators-0-DELETE": "on",
            "indicators-1-name": "Replies",
            "indicators-1-target": "5%",
        },
    )
    response = client.post(url, data)
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.name == "New name"
    assert campaign.indicators == [{"name": "Replies", "target": "5%"}]

    campaign_submit_for_review(campaign=campaign, actor=comms)
    # Opened again after the submission (an older form would be told someone changed it).
    refused = client.post(url, plan(name="Newer name", version=opened_version(client, url)))
    assert refused.status_code == 400
    page = refused.content.decode()
    assert "Only a draft campaign can be edited; re-open it to draft first." in page
    campaign.refresh_from_db()
    assert campaign.name == "New name"


def test_who_may_open_the_planner(page_client, comms, comms_outsider, reviewer, no_role_user):
    campaign = campaign_create(owner=comms, name="Ours")
    edit = reverse("web:campaign-edit", args=[campaign.pk])
    anonymous = page_client().get(NEW)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith(reverse("login"))
    assert page_client(no_role_user).get(NEW).status_code == 403
    assert page_client(no_role_user).get(edit).status_code == 403
    # Reviewers see every campaign but plan none: 403 with the reason.
    refused = page_client(reviewer).get(NEW)
    assert refused.status_code == 403
    assert "Only Communications users may plan campaigns." in refused.content.decode()
    assert page_client(reviewer).get(edit).status_code == 403
    assert page_client(reviewer).post(NEW, plan()).status_code == 403
    # A writer off the team does not learn the campaign exists.
    assert page_client(comms_outsider).get(edit).status_code == 404
    assert page_client(comms_outsider).post(edit, plan(name="Taken")).status_code == 404
    campaign.refresh_from_db()
    assert campaign.name == "Ours"
    assert Campaign.objects.count() == 1


def test_a_reviewer_who_writes_too_may_view_but_not_edit_a_campaign_off_their_team(
    page_client, comms
):
    both = reviewer_user(username="both")
    both.groups.add(*comms.groups.all())
    campaign = campaign_create(owner=comms, name="Ours")
    client = page_client(both)
    assert client.get(reverse("web:campaign", args=[campaign.pk])).status_code == 200
    refused = client.get(reverse("web:campaign-edit", args=[campaign.pk]))
    assert refused.status_code == 403
    assert "Only the campaign&#x27;s owner and team may edit the campaign." in (
        refused.content.decode()
    )


def test_the_dashboard_offers_a_new_campaign_only_to_those_who_may_plan(
    page_client, comms, reviewer
):
    assert NEW in page_client(comms).get(reverse("web:dashboard")).content.decode()
    assert NEW not in page_client(reviewer).get(reverse("web:dashboard")).content.decode()


@pytest.mark.parametrize(
    ("field", "value"),
    [("name", "Quetta\x07 truth"), ("goal", "Expose\x0b the brutality"), ("name", "Quetta\u202e")],
)
def test_a_page_form_refuses_what_the_api_refuses_beside_the_field(
    page_client, comms, client_for, field, value
):
    """The text rule of the API (control characters, bidi overrides) holds on the pages, in
    the same words: a character that would later break every DOCX report is never stored."""
    response = page_client(comms).post(NEW, plan(**{field: value}))
    assert response.status_code == 400
    page_error = response.context["form"].errors[field][0]
    api = client_for(comms).post("/api/v1/campaigns/", {**plan(), field: value}, format="json")
    assert api.status_code == 400
    assert page_error in " ".join(api.json()[field])
    assert not Campaign.objects.exists()
