"""The admin shows campaigns read-only and changes their workflow only through the services."""

import pytest

from campaigns.models import Campaign, CampaignTransition
from campaigns.services.campaign_workflow import campaign_submit_for_review
from tests.campaigns.factories import make_message
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):  # type: ignore[no-untyped-def]
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    return client


def test_campaign_pages_open_and_are_read_only(admin_client, campaign, comms):
    message = make_message(campaign, comms, "The shrine was attacked.")

    for url in (
        "/admin/campaigns/campaign/",
        f"/admin/campaigns/campaign/{campaign.pk}/change/",
        f"/admin/campaigns/message/{message.pk}/change/",
        "/admin/campaigns/evidencelink/",
        "/admin/campaigns/theme/",
    ):
        assert admin_client.get(url).status_code == 200, url
    assert admin_client.get("/admin/campaigns/campaign/add/").status_code == 403


def test_the_reopen_action_goes_through_the_workflow(admin_client, campaign, comms):
    campaign_submit_for_review(campaign=campaign, actor=comms)

    admin_client.post(
        "/admin/campaigns/campaign/",
        {"action": "reopen_to_draft", "_selected_action": [campaign.pk]},
    )

    assert Campaign.objects.get(pk=campaign.pk).status == "draft"
    assert CampaignTransition.objects.filter(campaign=campaign, to_status="draft").exists()
