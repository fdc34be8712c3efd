"""Planning a campaign through the API: who may create and edit it, validation, and the
campaign list's query count."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from campaigns.models import Campaign
from campaigns.services.campaign_workflow import campaign_submit_for_review
from tests.campaigns.factories import make_campaign, theme
from tests.factories import communications_user
from tests.versioning import patch_current

pytestmark = pytest.mark.django_db


def _plan(**overrides):  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    plan = {
        "name": "Not in our name",
        "goal": "Show students what the group does to Muslims and Christians alike.",
        "audiences": ["University students", "Women's seminaries"],
        "messengers": ["Survivors"],
        "channels": ["x", "facebook", "radio"],
        "call_to_action": "Share #NotInOurName",
        "indicators": [{"name": "Shares", "target": 10000}, {"name": "Reach", "target": "2M"}],
        "starts_on": str(today + timedelta(days=3)),
        "ends_on": str(today + timedelta(days=30)),
        "themes": [theme("brutality-against-muslims").pk],
    }
    plan.update(overrides)
    return plan


def test_communications_staff_create_a_campaign_they_own(client_for, comms):
    member = communications_user(username="teammate")

    response = client_for(comms).post("/api/v1/campaigns/", _plan(team=[member.pk]), format="json")

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["owner"] == comms.pk and body["status"] == "draft"
    assert body["team"] == [member.pk]
    assert body["indicators"][1] == {"name": "Reach", "target": "2M"}
    assert response["Location"].endswith(f"/api/v1/campaigns/{body['id']}/")


@pytest.mark.parametrize("user_fixture", ["reviewer", "source_admin", "no_role_user"])
def test_other_roles_may_not_create_campaigns(client_for, request, user_fixture):
    user = request.getfixturevalue(user_fixture)

    response = client_for(user).post("/api/v1/campaigns/", _plan(), format="json")

    assert response.status_code == 403
    assert not Campaign.objects.exists()


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"channels": ["x", "myspace"]}, "channels"),
        ({"ends_on": "2020-01-01", "starts_on": "2020-02-01"}, "ends_on"),
        ({"themes": [999999]}, "themes"),
        ({"team": [999999]}, "team"),
        ({"name": "bad\x00name"}, "name"),
        ({"goal": "lone \ud800 surrogate"}, "goal"),
        ({"indicators": [{"name": "Shares"}]}, "indicators"),
        ({"indicators": [{"name": "Shares", "target": True}]}, "indicators"),
        ({"audiences": "students"}, "audiences"),
        ({"minimum_reliability": "Z"}, "minimum_reliability"),
        ({"name": "x" * 201}, "name"),
    ],
)
def test_invalid_plans_are_400_naming_the_field(client_for, comms, overrides, field):
    # Sent as raw JSON: the escaped lone surrogate is something a real client can send.
    body = json.dumps(_plan(**overrides))
    response = client_for(comms).post("/api/v1/campaigns/", body, content_type="application/json")

    assert response.status_code == 400
    assert field in response.json()


def test_the_team_must_be_communications_staff(client_for, comms, reviewer):
    response = client_for(comms).post(
        "/api/v1/campaigns/", _plan(team=[reviewer.pk]), format="json"
    )

    assert response.status_code == 400
    assert "team" in response.json()


def test_a_draft_is_edited_by_its_team_only(client_for, comms, reviewer, campaign):
    url = f"/api/v1/campaigns/{campaign.pk}/"

    edited = patch_current(client_for(comms), url, {"goal": "A sharper goal"}, format="json")
    by_reviewer = patch_current(client_for(reviewer), url, {"goal": "Hijacked"}, format="json")

    assert edited.status_code == 200 and edited.json()["goal"] == "A sharper goal"
    assert by_reviewer.status_code == 403


def test_a_campaign_under_review_cannot_be_edited(client_for, comms, campaign):
    campaign_submit_for_review(campaign=campaign, actor=comms)

    response = patch_current(
        client_for(comms), f"/api/v1/campaigns/{campaign.pk}/", {"goal": "Too late"}, format="json"
    )

    assert response.status_code == 409
    assert response.json()["problems"][0]["code"] == "campaign_not_editable"


def test_the_list_filters_by_status(client_for, comms, campaign):
    other = make_campaign(comms)
    campaign_submit_for_review(campaign=other, actor=comms)

    response = client_for(comms).get("/api/v1/campaigns/?status=in_review")

    assert [c["id"] for c in response.json()["results"]] == [other.pk]


@pytest.mark.parametrize("count", [2, 12])
def test_the_campaign_list_query_count_does_not_grow(
    client_for, comms, reviewer, django_assert_max_num_queries, count
):
    members = [communications_user(username=f"m{i}") for i in range(3)]
    for _ in range(count):
        make_campaign(comms, team=members)

    for user in (comms, reviewer):
        client = client_for(user)
        with django_assert_max_num_queries(6):
            response = client.get("/api/v1/campaigns/?page_size=50")
        assert response.json()["count"] == count
