"""The dashboard: campaigns with readiness, the review queue count, disputed facts, reports."""

import pytest
from django.urls import reverse

from campaigns.services.campaigns import campaign_create
from campaigns.services.links import evidence_link_propose
from campaigns.services.messages import message_create
from reports.services import report_request
from tests.factories import communications_user
from web.views.dashboard import CAMPAIGNS_PER_PAGE

pytestmark = pytest.mark.django_db

URL = reverse("web:dashboard")


def test_anonymous_visitors_are_sent_to_sign_in(page_client):
    response = page_client().get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_owner_sees_campaign_status_period_owner_and_readiness(page_client, comms, scenario):
    response = page_client(comms).get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert scenario.campaign.name in page
    assert reverse("web:campaign", args=[scenario.campaign.pk]) in page
    assert '<span class="badge draft">Draft</span>' in page
    assert "1 Jan 2030" in page and "31 Mar 2030" in page
    assert "comms1" in page
    # Messages and links are not approved yet: the readiness column counts the problems.
    assert "problems</span>" in page
    # Communications staff have no review queue.
    assert "waiting for review" not in page


def test_outsider_does_not_see_the_campaign(page_client, comms_outsider, scenario):
    page = page_client(comms_outsider).get(URL).content.decode()
    assert scenario.campaign.name not in page
    assert "No campaigns you can see yet." in page


def test_reviewer_sees_the_review_queue_count(page_client, reviewer, scenario):
    page = page_client(reviewer).get(URL).content.decode()
    assert '<strong class="count">2</strong> evidence links waiting for review' in page
    assert scenario.campaign.name in page


def test_disputed_facts_show_their_wording_and_conflict_kinds(page_client, comms, scenario):
    page = page_client(comms).get(URL).content.decode()
    assert scenario.hospital.status == "disputed"
    assert scenario.hospital.title in page
    assert scenario.hospital.figures["killed"]["wording"] in page
    assert '<span class="badge disputed">figure</span>' in page
    assert scenario.church.title not in page


def test_recent_reports_are_the_users_own(page_client, comms, reviewer, scenario):
    report_request(
        kind="source_register", format="csv", campaign=None, parameters=None, requested_by=comms
    )
    page = page_client(comms).get(URL).content.decode()
    assert "Source register (CSV)" in page
    assert "Source register (CSV)" not in page_client(reviewer).get(URL).content.decode()


def test_query_count_does_not_grow_with_the_number_of_campaigns(
    page_client, comms, scenario, django_assert_max_num_queries
):
    """Readiness of the whole page is worked out at once: a page of two campaigns costs the
    same as a full page with more campaigns behind it (the rest are one click away)."""
    campaign_create(owner=comms, name="Filler", channels=["x"])
    client = page_client(comms)
    with django_assert_max_num_queries(40) as few:
        page = client.get(URL).content.decode()
    assert page.count('class="badge draft"') == 2
    teammate = communications_user(username="teammate")
    for number in range(CAMPAIGNS_PER_PAGE + 3):
        campaign = campaign_create(
            owner=teammate, name=f"Shared {number}", channels=["facebook"], team=[comms]
        )
        message_create(campaign=campaign, actor=comms, channel="facebook", text=f"Post {number}.")
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(URL).content.decode()
    assert page.count('class="badge draft"') == CAMPAIGNS_PER_PAGE
    assert "page 1 of 2" in page
    second = client.get(URL, {"page": 2}).content.decode()
    assert second.count('class="badge draft"') == 5
    assert scenario.campaign.name in second


def test_query_count_does_not_grow_with_messages(
    page_client, comms, scenario, django_assert_max_num_queries
):
    client = page_client(comms)
    with django_assert_max_num_queries(60) as few:
        client.get(URL)
    for i in range(6):
        message = message_create(
            campaign=scenario.campaign,
            actor=comms,
            channel="facebook",
            text=f"Post {i}: the attack on the church killed nine worshippers.",
        )
        evidence_link_propose(
            message=message, fact=scenario.church, claim="killed nine worshippers", actor=comms
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(URL)


def test_disputed_facts_are_the_newest_few_in_one_query_however_many(
    page_client, comms, scenario, django_assert_max_num_queries
):
    """The dashboard reads the newest disputed facts' headlines only (title, figures,
    conflicts): the same queries for one disputed fact as for many more than it shows."""
    from evidence.models import Fact
    from web.views.dashboard import DASHBOARD_FACTS

    client = page_client(comms)
    with django_assert_max_num_queries(60) as few:
        client.get(URL)
    hospital = Fact.objects.get(pk=scenario.hospital.pk)
    for number in range(DASHBOARD_FACTS + 3):
        hospital.pk = None  # a copy: the same disputed figures under another title
        hospital.title = f"Disputed copy {number}"
        hospital.save()
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(URL).content.decode()
    # Newest first, then by id: the original (same date, lowest id) and the first copies.
    assert scenario.hospital.title in page
    assert page.count("Disputed copy ") == DASHBOARD_FACTS - 1
    assert page.count('<span class="badge disputed">figure</span>') == DASHBOARD_FACTS


def test_a_review_queue_past_the_cap_is_counted_as_the_cap_and_more(
    page_client, reviewer, scenario, monkeypatch
):
    # The scenario has 2 proposed links; a cap of 1 stands in for the real 1,000.
    monkeypatch.setattr("web.views.dashboard.REVIEW_COUNT_CAP", 1)
    page = page_client(reviewer).get(URL).content.decode()
    assert '<strong class="count">1+</strong> evidence links waiting for review' in page
