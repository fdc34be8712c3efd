"""The admin shows campaigns read-only and changes their workflow only through the services."""

import pytest

from campaigns.models import Campaign, CampaignTransition, Theme
from campaigns.services.campaign_workflow import campaign_submit_for_review
from campaigns.services.messages import message_update
from common.models import AuditEntry
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


def test_adding_a_theme_checks_the_clause_and_is_audited(admin_client):
    form = {"slug": "pluralism-2", "name": "Many faiths", "description": "", "victim_focus": "none"}

    refused = admin_client.post("/admin/campaigns/theme/add/", {**form, "recommendation_clause": 9})
    added = admin_client.post("/admin/campaigns/theme/add/", {**form, "recommendation_clause": 5})

    assert refused.status_code == 200 and "recommendation has clauses" in refused.text
    assert added.status_code == 302
    theme = Theme.objects.get(slug="pluralism-2")
    assert AuditEntry.objects.filter(action="theme.create", target_id=str(theme.pk)).exists()


def test_the_message_page_does_not_query_per_revision(
    admin_client, campaign, comms, django_assert_max_num_queries
):
    message = make_message(campaign, comms, "The shrine was attacked.")
    url = f"/admin/campaigns/message/{message.pk}/change/"
    with django_assert_max_num_queries(40) as few:
        assert admin_client.get(url).status_code == 200
    for n in range(6):
        message_update(message=message, actor=comms, text=f"The shrine was attacked ({n}).")

    with django_assert_max_num_queries(len(few.captured_queries)):
        assert admin_client.get(url).status_code == 200
