"""The dashboard: campaigns with readiness, the review queue count, disputed facts, reports."""

import html
import re

import pytest
from django.urls import reverse

from campaigns.services.campaigns import campaign_create
from reports.services import report_request
from tests.factories import communications_user
from tests.web.factories import campaign_with_messages
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


def _names_on_each_page(client) -> list[list[str]]:  # type: ignore[no-untyped-def]
    """The campaign names of each page of the table, following its next links to the end."""
    pages: list[list[str]] = []
    url: str | None = URL
    while url:
        response = client.get(url)
        assert response.status_code == 200
        page = response.content.decode()
        pages.append(re.findall(r'<td><a href="/campaigns/\d+/">([^<]*)</a></td>', page))
        found = re.search(r'href="(\?[^"]*)" rel="next"', page)
        url = URL + html.unescape(found.group(1)) if found else None
    return pages


def _next_cursor(response) -> str:  # type: ignore[no-untyped-def]
    found = re.search(r'href="\?cursor=([^"&]*)" rel="next"', response.content.decode())
    assert found is not None
    return found.group(1)


def test_campaigns_are_paged_newest_first_with_cursor_links(page_client, comms, scenario):
    teammate = communications_user(username="teammate")
    for number in range(CAMPAIGNS_PER_PAGE + 3):
        campaign_create(owner=teammate, name=f"Shared {number}", team=[comms])
    campaign_create(owner=teammate, name="Not shared")
    client = page_client(comms)

    pages = _names_on_each_page(client)

    newest_first = [f"Shared {number}" for number in reversed(range(CAMPAIGNS_PER_PAGE + 3))]
    assert pages == [
        newest_first[:CAMPAIGNS_PER_PAGE],
        [*newest_first[CAMPAIGNS_PER_PAGE:], scenario.campaign.name],
    ]
    # The second page leads back to the first; the first has no way back.
    second = client.get(URL, {"cursor": _next_cursor(client.get(URL))}).content.decode()
    back = re.search(r'href="(\?[^"]*)" rel="prev"', second)
    assert back is not None
    first = client.get(URL + html.unescape(back.group(1))).content.decode()
    assert f">{newest_first[0]}</a>" in first
    assert 'rel="prev"' not in first
    # No count of every visible campaign on each visit: the table does not say how many pages.
    assert "page 1 of" not in first


def test_a_bad_cursor_is_named_and_the_first_page_shown(page_client, comms, scenario):
    response = page_client(comms).get(URL, {"cursor": "rubbish"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "cursor: This cursor is not one this list handed out." in page
    assert scenario.campaign.name in page


# The session and user (2), the user's roles (1), the page of campaigns (1), readiness (themes,
# and messages with their links: 2), the review count (Reviewers only: 1), the disputed facts
# (1), the user's reports (1) and the navigation's unread count (1).
DASHBOARD_QUERIES = {"comms": 9, "reviewer": 10}


@pytest.mark.parametrize("who", ["comms", "reviewer"])
def test_query_count_is_the_same_for_3_campaigns_as_for_a_full_page_and_more(
    page_client, comms, reviewer, scenario, django_assert_num_queries, who
):
    """Readiness of the whole page is worked out at once, and the table is paged without a
    count: 3 campaigns with messages and links cost exactly the queries of a full page of 20
    with 5 more behind it."""
    user = {"comms": comms, "reviewer": reviewer}[who]
    client = page_client(user)
    for _ in range(2):
        campaign_with_messages(owner=comms, fact=scenario.church, messages=3)
    with django_assert_num_queries(DASHBOARD_QUERIES[who]):
        page = client.get(URL).content.decode()
    assert page.count("problems</span>") == 3
    for _ in range(CAMPAIGNS_PER_PAGE + 5 - 3):
        campaign_with_messages(owner=comms, fact=scenario.church, messages=3)
    with django_assert_num_queries(DASHBOARD_QUERIES[who]):
        page = client.get(URL).content.decode()
    assert page.count("problems</span>") == CAMPAIGNS_PER_PAGE
    assert 'rel="next"' in page


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
    monkeypatch.setattr("web.views.dashboard.COUNT_CAP", 1)
    page = page_client(reviewer).get(URL).content.decode()
    assert '<strong class="count">1+</strong> evidence links waiting for review' in page
