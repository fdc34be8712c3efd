"""Messages in review: Reviewers approve them, or reject them with a comment, in the pages
(the services the API calls); never a message they wrote; others get 403."""

import pytest
from django.urls import reverse

from campaigns.models import Message
from campaigns.services.messages import message_submit
from tests.factories import reviewer_user

pytestmark = pytest.mark.django_db

URL = reverse("web:review-messages")


def decide_url(message: Message, decision: str) -> str:
    return reverse("web:message-review", args=[message.pk, decision])


@pytest.fixture
def submitted(comms, scenario):  # type: ignore[no-untyped-def]
    message_submit(message=scenario.english, actor=comms)
    return scenario.english


def test_who_may_open_and_decide(page_client, comms, source_admin, no_role_user, submitted):
    response = page_client().get(URL)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    for user in (comms, source_admin, no_role_user):
        assert page_client(user).get(URL).status_code == 403
        assert page_client(user).post(decide_url(submitted, "approve")).status_code == 403
    submitted.refresh_from_db()
    assert submitted.status == "in_review"


def test_a_reviewer_sees_the_message_and_approves_it(page_client, reviewer, scenario, submitted):
    client = page_client(reviewer)
    page = client.get(URL).content.decode()
    assert f'id="message-{submitted.pk}"' in page
    assert "The bombing of Quetta" in page
    assert f'id="message-{scenario.urdu.pk}"' not in page  # a draft is not waiting
    response = client.post(decide_url(submitted, "approve"), follow=True)
    assert "Message approved." in response.content.decode()
    submitted.refresh_from_db()
    assert (submitted.status, submitted.reviewed_by) == ("approved", reviewer)


def test_rejecting_needs_a_comment_beside_the_box(page_client, reviewer, submitted):
    response = page_client(reviewer).post(decide_url(submitted, "reject"), {"comment": ""})
    assert response.status_code == 400
    assert (
        f'<ul class="errorlist" id="message-{submitted.pk}-comment-errors">'
        '<li><span role="alert">A comment is required to reject a message.</span></li>'
        in response.content.decode()
    )
    submitted.refresh_from_db()
    assert submitted.status == "in_review"


def test_the_api_refuses_an_empty_comment_in_the_pages_words(client_for, reviewer, submitted):
    for body in ({"comment": " "}, {}):
        refused = client_for(reviewer).post(
            f"/api/v1/messages/{submitted.pk}/reject/", body, format="json"
        )
        assert (refused.status_code, refused.json()) == (
            400,
            {"comment": ["A comment is required to reject a message."]},
        )
    submitted.refresh_from_db()
    assert submitted.status == "in_review"


def test_the_writer_of_a_message_cannot_review_it(page_client, scenario):
    both = reviewer_user(username="writer-reviewer")
    scenario.campaign.team.add(both)
    from campaigns.services.messages import message_create

    mine = message_create(campaign=scenario.campaign, actor=both, channel="x", text="Mine.")
    message_submit(message=mine, actor=both)
    client = page_client(both)
    page = client.get(URL).content.decode()
    section = page[page.index(f'id="message-{mine.pk}"') :]
    assert "You wrote or edited this message" in section[: section.index("</article>")]
    response = client.post(decide_url(mine, "approve"))
    assert response.status_code == 400
    assert "another Reviewer must approve it" in response.content.decode()


def test_query_count_does_not_grow(page_client, comms, reviewer, django_assert_max_num_queries):
    from tests.web.factories import web_scenario

    def submit_all() -> None:
        for message in Message.objects.filter(status="draft"):
            message_submit(message=message, actor=comms)

    web_scenario(owner=comms)
    submit_all()
    client = page_client(reviewer)
    with django_assert_max_num_queries(25) as few:
        client.get(URL)
    for n in range(3):
        web_scenario(owner=comms, name=f"More {n}")
    submit_all()
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(URL).content.decode()
    assert page.count('class="card review-card"') == 8
