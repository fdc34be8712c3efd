"""The inbox page: every role has one; it lists only your own notifications, newest first,
with an unread count in the navigation; opening or marking one read clears it."""

import pytest
from django.urls import reverse

from campaigns.models import Notification
from campaigns.services.links import evidence_link_approve, evidence_link_reject
from tests.web.factories import web_scenario

pytestmark = pytest.mark.django_db

URL = reverse("web:inbox")


@pytest.fixture
def decided(comms, reviewer):  # type: ignore[no-untyped-def]
    scenario = web_scenario(owner=comms)
    evidence_link_approve(link=scenario.urdu_link, reviewer=reviewer, comment="Matches.")
    evidence_link_reject(link=scenario.flagged_link, reviewer=reviewer, comment="Use 70.")
    return scenario


def test_anonymous_visitors_are_sent_to_sign_in_and_no_role_is_refused(page_client, no_role_user):
    for address in (URL, reverse("web:inbox-read"), reverse("web:inbox-open", args=[1])):
        method = page_client().get if address == URL else page_client().post
        response = method(address)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert page_client(no_role_user).get(URL).status_code == 403
    assert page_client(no_role_user).post(reverse("web:inbox-read")).status_code == 403


def test_the_writer_sees_the_decisions_newest_first_with_an_unread_count(
    page_client, comms, decided
):
    page = page_client(comms).get(URL).content.decode()
    rejected = page.index("reviewer1 rejected your evidence link “killed 75 people”")
    approved = page.index("reviewer1 approved your evidence link")
    assert rejected < approved
    assert "“Use 70.”" in page
    assert '<span class="nav-count">2<span class="visually-hidden"> unread</span></span>' in page
    assert 'href="/inbox/" aria-current="page"' in page


def test_a_reviewer_sees_new_items_for_the_queue_but_not_the_writers_news(
    page_client, source_admin, reviewer2, decided
):
    page = page_client(reviewer2).get(URL).content.decode()
    assert "comms1 proposed “killed 75 people” for review" in page
    assert "your evidence link" not in page
    # Every role has an inbox, even an empty one.
    empty = page_client(source_admin).get(URL)
    assert empty.status_code == 200
    assert "Nothing yet" in empty.content.decode()


def test_opening_a_notification_marks_it_read_and_goes_to_the_work(page_client, comms, decided):
    client = page_client(comms)
    row = Notification.objects.filter(recipient=comms).order_by("-id").first()
    assert row is not None
    response = client.post(reverse("web:inbox-open", args=[row.pk]))
    assert response.status_code == 302
    assert response["Location"] == f"/campaigns/{decided.campaign.pk}/#message-{decided.english.pk}"
    row.refresh_from_db()
    assert row.read_at is not None
    page = client.get(URL).content.decode()
    assert '<span class="nav-count">1<span' in page


def test_mark_all_read_clears_the_count(page_client, comms, decided):
    client = page_client(comms)
    response = client.post(reverse("web:inbox-read"), follow=True)
    page = response.content.decode()
    assert "2 notifications marked read." in page
    assert "nav-count" not in page


def test_someone_elses_notification_cannot_be_opened_or_read(page_client, comms, reviewer, decided):
    theirs = Notification.objects.filter(recipient=comms).first()
    assert theirs is not None
    client = page_client(reviewer)
    # Someone else's notification is not there for you: 404, as for anything not visible.
    assert client.post(reverse("web:inbox-open", args=[theirs.pk])).status_code == 404
    client.post(reverse("web:inbox-read"), {"id": theirs.pk})
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_query_count_does_not_grow_with_the_inbox(
    page_client, comms, reviewer, decided, django_assert_max_num_queries
):
    client = page_client(comms)
    with django_assert_max_num_queries(20) as few:
        client.get(URL)
    more = web_scenario(owner=comms, name="Second campaign")
    evidence_link_approve(link=more.urdu_link, reviewer=reviewer, comment="")
    evidence_link_approve(link=more.flagged_link, reviewer=reviewer, comment="")
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(URL).content.decode()
    assert page.count('class="inbox-item') == 4
