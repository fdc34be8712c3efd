"""The campaign page: plan, messages (RTL Urdu), links with flags, readiness, coverage,
workflow buttons and the report request form."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from campaigns.models import Campaign
from campaigns.services.campaign_workflow import campaign_submit_for_review
from campaigns.services.campaigns import campaign_create
from campaigns.services.links import evidence_link_approve
from campaigns.services.messages import message_create
from reports.models import Report
from tests.web.factories import URDU_TEXT, campaign_with_messages

pytestmark = pytest.mark.django_db


def url(campaign: Campaign, name: str = "web:campaign", *args: str) -> str:
    return reverse(name, args=[campaign.pk, *args])


def test_anonymous_visitors_are_sent_to_sign_in(page_client, scenario):
    response = page_client().get(url(scenario.campaign))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_outsider_gets_404_everywhere(page_client, comms_outsider, scenario):
    client = page_client(comms_outsider)
    assert client.get(url(scenario.campaign)).status_code == 404
    assert (
        client.post(url(scenario.campaign, "web:campaign-transition", "submit")).status_code == 404
    )
    response = client.post(
        url(scenario.campaign, "web:campaign-report-request"),
        {"kind": "campaign_brief", "format": "pdf"},
    )
    assert response.status_code == 404
    assert not Report.objects.exists()


def test_unknown_campaign_is_404(page_client, comms):
    assert page_client(comms).get(reverse("web:campaign", args=[999999])).status_code == 404


def test_owner_sees_plan_themes_messages_and_links(page_client, comms, scenario):
    response = page_client(comms).get(url(scenario.campaign))
    assert response.status_code == 200
    page = response.content.decode()
    campaign = scenario.campaign
    assert campaign.name in page
    assert escape(campaign.goal) in page
    assert "University students in Quetta" in page
    assert "Survivors&#x27; families" in page
    assert "Shares: <strong>5000</strong>" in page
    for theme in campaign.themes.all():
        assert theme.name in page
    assert "The bombing of Quetta&#x27;s civil hospital killed 75 people." in page
    assert '<span class="badge">X (Twitter)</span>' in page
    assert "revision 1" in page
    assert "“<bdi>killed 75 people</bdi>”" in page
    assert scenario.hospital.title in page
    assert '<span class="badge proposed">Proposed</span>' in page


def test_urdu_message_is_shown_right_to_left(page_client, comms, scenario):
    page = page_client(comms).get(url(scenario.campaign)).content.decode()
    assert f'<p class="message-text" dir="rtl" lang="ur">{URDU_TEXT}</p>' in page
    assert 'dir="ltr" lang="en">The bombing' in page


def test_flags_are_shown_with_their_suggestions(page_client, comms, scenario):
    flags = scenario.flagged_link.flags
    figure = next(f for f in flags if f["code"] == "figure_exceeds_evidence")
    page = page_client(comms).get(url(scenario.campaign)).content.decode()
    assert 'data-code="figure_exceeds_evidence"' in page
    assert f'<q class="suggestion">{figure["suggestion"]}</q>' in page
    assert "at least 70" in figure["suggestion"]


def test_readiness_problems_and_coverage_are_listed(page_client, comms, reviewer, scenario):
    evidence_link_approve(link=scenario.urdu_link, reviewer=reviewer)
    page = page_client(comms).get(url(scenario.campaign)).content.decode()
    assert 'data-code="message_not_approved"' in page
    assert 'data-code="link_not_approved"' in page
    # The approved link to the church attack shows as Christian (non-Muslim) coverage.
    assert "<th>Christian</th>" in page
    assert '<td class="covered">1</td>' in page


def test_owner_gets_the_team_buttons_and_a_reviewer_the_approve_button(
    page_client, comms, reviewer, scenario
):
    campaign = scenario.campaign
    owner_page = page_client(comms).get(url(campaign)).content.decode()
    assert 'value="submit"' in owner_page
    assert 'value="approve"' not in owner_page
    assert 'value="submit"' not in page_client(reviewer).get(url(campaign)).content.decode()
    campaign_submit_for_review(campaign=campaign, actor=comms)
    reviewer_page = page_client(reviewer).get(url(campaign)).content.decode()
    assert 'value="approve"' in reviewer_page
    assert 'value="reopen"' in reviewer_page
    owner_page = page_client(comms).get(url(campaign)).content.decode()
    assert 'value="approve"' not in owner_page
    assert 'value="reopen"' in owner_page


def test_submit_moves_the_campaign_to_review(page_client, comms, scenario):
    response = page_client(comms).post(
        url(scenario.campaign, "web:campaign-transition", "submit"), follow=True
    )
    assert response.status_code == 200
    scenario.campaign.refresh_from_db()
    assert scenario.campaign.status == "in_review"
    assert "Submitted for review." in response.content.decode()


def test_refused_approval_lists_the_problems_instead_of_failing(
    page_client, comms, reviewer, scenario
):
    campaign_submit_for_review(campaign=scenario.campaign, actor=comms)
    response = page_client(reviewer).post(
        url(scenario.campaign, "web:campaign-transition", "approve"), follow=True
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert '<li class="error"><span role="alert">Cannot approve the campaign' in page
    # Each readiness problem is listed, e.g. the English message still being a draft.
    warning = f'<li class="warning"><span role="alert">Message {scenario.english.pk}'
    assert f"{warning} (facebook, en) is draft." in page
    scenario.campaign.refresh_from_db()
    assert scenario.campaign.status == "in_review"


def test_a_step_not_allowed_now_is_a_message_not_an_error(page_client, comms, scenario):
    response = page_client(comms).post(
        url(scenario.campaign, "web:campaign-transition", "activate"), follow=True
    )
    assert response.status_code == 200
    assert "Cannot activate it" in response.content.decode()


def test_unknown_step_is_404_and_get_is_refused(page_client, comms, scenario):
    client = page_client(comms)
    assert (
        client.post(url(scenario.campaign, "web:campaign-transition", "explode")).status_code == 404
    )
    assert (
        client.get(url(scenario.campaign, "web:campaign-transition", "submit")).status_code == 405
    )


def test_transitions_need_the_csrf_token(comms, scenario):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(comms)
    response = client.post(url(scenario.campaign, "web:campaign-transition", "submit"))
    assert response.status_code == 403
    scenario.campaign.refresh_from_db()
    assert scenario.campaign.status == "draft"


def test_requesting_a_report_creates_it_and_redirects_to_it(page_client, comms, scenario):
    response = page_client(comms).post(
        url(scenario.campaign, "web:campaign-report-request"),
        {"kind": "campaign_brief", "format": "html"},
    )
    report = Report.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("web:report", args=[report.pk])
    assert report.campaign == scenario.campaign
    assert report.requested_by == comms
    assert (report.kind, report.format) == ("campaign_brief", "html")


def test_a_bad_report_request_is_a_message(page_client, comms, scenario):
    response = page_client(comms).post(
        url(scenario.campaign, "web:campaign-report-request"),
        {"kind": "poem", "format": "pdf"},
        follow=True,
    )
    assert response.status_code == 200
    assert "Unknown kind" in response.content.decode()
    assert not Report.objects.exists()


def test_query_count_does_not_grow_with_messages(
    page_client, comms, scenario, django_assert_max_num_queries
):
    small = campaign_with_messages(owner=comms, fact=scenario.church, messages=1)
    large = campaign_with_messages(owner=comms, fact=scenario.church, messages=8)
    client = page_client(comms)
    with django_assert_max_num_queries(40) as few:
        client.get(url(small))
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(url(large)).content.decode()
    assert page.count('class="message"') == 8


def test_everything_users_typed_is_escaped(page_client, comms):
    campaign = campaign_create(
        owner=comms,
        name="<script>alert('name')</script>",
        goal="<img src=x onerror=alert(1)>",
        channels=["facebook"],
    )
    message_create(
        campaign=campaign, actor=comms, channel="facebook", text="<b>bold</b> & <i>claims</i>"
    )
    page = page_client(comms).get(url(campaign)).content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#x27;name&#x27;)&lt;/script&gt;" in page
    assert "<img src=x" not in page
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; &lt;i&gt;claims&lt;/i&gt;" in page


def test_a_step_records_the_comment(page_client, comms, scenario):
    page_client(comms).post(
        url(scenario.campaign, "web:campaign-transition", "submit"),
        {"comment": "Ready for a first look."},
    )
    transition = scenario.campaign.transitions.get()
    assert (transition.to_status, transition.comment) == ("in_review", "Ready for a first look.")
    assert transition.actor == comms


def test_reviewers_and_source_admins_see_it_and_others_do_not(
    page_client, reviewer, source_admin, no_role_user, scenario
):
    for user in (reviewer, source_admin):
        response = page_client(user).get(url(scenario.campaign))
        assert response.status_code == 200
        # A draft is the team's to submit: nobody outside it gets a workflow button yet.
        assert '<form class="row actions"' not in response.content.decode()
    # Without a role every page is refused, as the API refuses every endpoint.
    assert page_client(no_role_user).get(url(scenario.campaign)).status_code == 403


def test_a_comment_with_a_nul_character_is_refused(page_client, comms, scenario):
    response = page_client(comms).post(
        url(scenario.campaign, "web:campaign-transition", "submit"),
        {"comment": "ready\x00"},
        follow=True,
    )
    assert "comment: The text contains a NUL character." in response.content.decode()
    scenario.campaign.refresh_from_db()
    assert scenario.campaign.status == "draft"
