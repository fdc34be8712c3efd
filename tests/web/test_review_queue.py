"""The review queue: Reviewers only, oldest first, four eyes, decisions through the services."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from campaigns.models import EvidenceLink
from tests.factories import reviewer_user
from tests.web.factories import URDU_TEXT, campaign_with_messages

pytestmark = pytest.mark.django_db

URL = reverse("web:review-queue")


def review_url(link: EvidenceLink, decision: str) -> str:
    return reverse("web:evidence-link-review", args=[link.pk, decision])


def test_anonymous_visitors_are_sent_to_sign_in(page_client):
    response = page_client().get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_only_reviewers_may_open_it(page_client, comms, source_admin, no_role_user, scenario):
    for user in (comms, source_admin, no_role_user):
        assert page_client(user).get(URL).status_code == 403
        response = page_client(user).post(
            review_url(scenario.flagged_link, "approve"), {"comment": ""}
        )
        assert response.status_code == 403
    scenario.flagged_link.refresh_from_db()
    assert scenario.flagged_link.status == "proposed"


def test_reviewer_sees_each_link_with_message_claim_fact_and_flags(page_client, reviewer, scenario):
    response = page_client(reviewer).get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    # Oldest first: the English link was proposed before the Urdu one.
    assert page.index(f'id="link-{scenario.flagged_link.pk}"') < page.index(
        f'id="link-{scenario.urdu_link.pk}"'
    )
    assert escape(scenario.english.text) in page
    assert f'dir="rtl" lang="ur">{URDU_TEXT}</p>' in page
    assert "“<bdi>killed 75 people</bdi>”" in page
    assert scenario.hospital.title in page
    assert '<span class="badge disputed">Disputed</span>' in page
    assert scenario.hospital.figures["killed"]["wording"] in page
    assert "figure: killed" in page
    figure = next(f for f in scenario.flagged_link.flags if f["code"] == "figure_exceeds_evidence")
    assert f'<q class="suggestion">{figure["suggestion"]}</q>' in page
    assert page.count(">Approve</button>") == 2


def test_approving_from_the_queue_takes_the_link_out_of_it(page_client, reviewer, scenario):
    client = page_client(reviewer)
    response = client.post(
        review_url(scenario.urdu_link, "approve"), {"comment": "Matches the source."}, follow=True
    )
    assert response.status_code == 200
    scenario.urdu_link.refresh_from_db()
    assert scenario.urdu_link.status == "approved"
    assert scenario.urdu_link.reviewed_by == reviewer
    page = response.content.decode()
    assert "Link approved." in page
    assert f'id="link-{scenario.urdu_link.pk}"' not in page
    assert f'id="link-{scenario.flagged_link.pk}"' in page


def test_the_proposer_sees_no_buttons_and_is_refused(page_client, scenario):
    # A Reviewer who also writes for the campaign proposes a link: someone else must review it.
    from campaigns.services.links import evidence_link_propose

    writer = reviewer_user(username="reviewer-writer")
    scenario.campaign.team.add(writer)
    link = evidence_link_propose(
        message=scenario.english,
        fact=scenario.hospital,
        claim="Quetta's civil hospital",
        actor=writer,
    )
    client = page_client(writer)
    page = client.get(URL).content.decode()
    section = page[page.index(f'id="link-{link.pk}"') :]
    section = section[: section.index("</article>")]
    assert "Approve</button>" not in section
    assert "You proposed or reworded this link" in section
    response = client.post(review_url(link, "approve"), {"comment": ""}, follow=True)
    assert "another Reviewer must review it" in response.content.decode()
    link.refresh_from_db()
    assert link.status == "proposed"


def test_a_reviewer_who_reworded_a_claim_sees_no_buttons_on_it(page_client, scenario):
    from campaigns.services.links import evidence_link_propose, evidence_link_update

    writer = reviewer_user(username="reviewer-editor")
    scenario.campaign.team.add(writer)
    link = evidence_link_propose(
        message=scenario.english,
        fact=scenario.hospital,
        claim="Quetta's civil hospital",
        actor=scenario.campaign.owner,
    )
    evidence_link_update(link=link, actor=writer, claim="civil hospital")

    page = page_client(writer).get(URL).content.decode()
    section = page[page.index(f'id="link-{link.pk}"') :]
    section = section[: section.index("</article>")]

    assert "Approve</button>" not in section
    assert "You proposed or reworded this link" in section


def test_rejecting_needs_a_comment(page_client, reviewer, scenario):
    client = page_client(reviewer)
    response = client.post(
        review_url(scenario.flagged_link, "reject"), {"comment": " "}, follow=True
    )
    assert "A comment is required to reject a link." in response.content.decode()
    scenario.flagged_link.refresh_from_db()
    assert scenario.flagged_link.status == "proposed"
    client.post(
        review_url(scenario.flagged_link, "reject"), {"comment": "Says 75; use at least 70."}
    )
    scenario.flagged_link.refresh_from_db()
    assert scenario.flagged_link.status == "rejected"
    assert scenario.flagged_link.review_comment == "Says 75; use at least 70."


def test_requesting_changes_sends_the_link_back(page_client, reviewer, scenario):
    page_client(reviewer).post(
        review_url(scenario.flagged_link, "request-changes"), {"comment": "Use the safe wording."}
    )
    scenario.flagged_link.refresh_from_db()
    assert scenario.flagged_link.status == "changes_requested"


def test_a_link_already_decided_is_a_message(page_client, reviewer, reviewer2, scenario):
    page_client(reviewer).post(review_url(scenario.urdu_link, "approve"))
    response = page_client(reviewer2).post(
        review_url(scenario.urdu_link, "reject"), {"comment": "No."}, follow=True
    )
    assert response.status_code == 200
    assert "Cannot reject this link: it is approved." in response.content.decode()


def test_unknown_link_or_decision_is_404(page_client, reviewer, scenario):
    client = page_client(reviewer)
    assert (
        client.post(reverse("web:evidence-link-review", args=[999999, "approve"])).status_code
        == 404
    )
    assert client.post(review_url(scenario.urdu_link, "shrug")).status_code == 404


def test_query_count_does_not_grow_with_the_queue(
    page_client, comms, reviewer, scenario, django_assert_max_num_queries
):
    client = page_client(reviewer)
    with django_assert_max_num_queries(30) as few:
        client.get(URL)
    campaign_with_messages(owner=comms, fact=scenario.church, messages=6)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(URL).content.decode()
    assert page.count('class="card review"') == 8


def test_a_comment_with_a_nul_character_or_too_long_is_refused(page_client, reviewer, scenario):
    client = page_client(reviewer)
    for comment, says in (("bad\x00byte", "NUL character"), ("x" * 2001, "At most 2000")):
        response = client.post(
            review_url(scenario.flagged_link, "reject"), {"comment": comment}, follow=True
        )
        assert response.status_code == 200
        assert says in response.content.decode()
    scenario.flagged_link.refresh_from_db()
    assert scenario.flagged_link.status == "proposed"
