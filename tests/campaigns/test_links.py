"""Evidence links: proposing, the four-eyes review, one open review per claim, the review
queue (oldest first, bounded queries) and the review history."""

import pytest

from campaigns.models import EvidenceLink, EvidenceLinkReview
from campaigns.services.links import evidence_link_propose
from common.models import AuditEntry
from common.roles import COMMUNICATIONS, REVIEWERS
from tests.campaigns.factories import make_campaign, make_message
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

TEXT = "The shrine bombing killed 88 worshippers."
CLAIM = "killed 88 worshippers"


@pytest.fixture
def message(campaign, comms):  # type: ignore[no-untyped-def]
    return make_message(campaign, comms, TEXT)


@pytest.fixture
def link(message, shrine_fact, comms):  # type: ignore[no-untyped-def]
    return evidence_link_propose(message=message, fact=shrine_fact, claim=CLAIM, actor=comms)


def _act(client, link, step, **body):  # type: ignore[no-untyped-def]
    return client.post(f"/api/v1/evidence-links/{link.pk}/{step}/", body, format="json")


class TestPropose:
    def test_the_team_proposes_a_claim_of_the_message(
        self, client_for, comms, message, shrine_fact
    ):
        response = client_for(comms).post(
            "/api/v1/evidence-links/",
            {"message": message.pk, "fact": shrine_fact.pk, "claim": CLAIM},
            format="json",
        )

        assert response.status_code == 201
        body = response.json()
        assert (body["status"], body["proposed_by"], body["flags"]) == ("proposed", comms.pk, [])
        assert AuditEntry.objects.filter(action="evidence_link.propose").exists()

    def test_the_claim_must_be_words_of_the_message(self, client_for, comms, message, shrine_fact):
        response = client_for(comms).post(
            "/api/v1/evidence-links/",
            {"message": message.pk, "fact": shrine_fact.pk, "claim": "killed 100 people"},
            format="json",
        )

        assert response.status_code == 400
        assert "claim" in response.json()

    def test_an_unknown_fact_is_400(self, client_for, comms, message):
        response = client_for(comms).post(
            "/api/v1/evidence-links/",
            {"message": message.pk, "fact": 999999, "claim": CLAIM},
            format="json",
        )

        assert response.status_code == 400 and "fact" in response.json()

    def test_the_same_claim_twice_is_409(self, client_for, comms, link):
        response = client_for(comms).post(
            "/api/v1/evidence-links/",
            {"message": link.message_id, "fact": link.fact_id, "claim": CLAIM},
            format="json",
        )

        assert response.status_code == 409

    def test_a_reviewer_may_not_propose(self, client_for, reviewer, message, shrine_fact):
        response = client_for(reviewer).post(
            "/api/v1/evidence-links/",
            {"message": message.pk, "fact": shrine_fact.pk, "claim": CLAIM},
            format="json",
        )

        assert response.status_code == 403


class TestFourEyes:
    def test_another_reviewer_approves(self, client_for, reviewer, link):
        response = _act(client_for(reviewer), link, "approve", comment="Matches both sources")

        assert response.status_code == 200
        body = response.json()
        assert (body["status"], body["reviewed_by"]) == ("approved", reviewer.pk)
        assert body["review_comment"] == "Matches both sources"

    def test_the_proposer_may_not_review_even_as_a_reviewer(self, client_for, comms, shrine_fact):
        both = UserFactory(username="proposer-reviewer", roles=[COMMUNICATIONS, REVIEWERS])
        campaign = make_campaign(comms, team=[both])
        message = make_message(campaign, comms, TEXT)
        link = evidence_link_propose(
            message=message,
            fact=shrine_fact,
            claim=CLAIM,
            actor=both,  # type: ignore[arg-type]
        )
        client = client_for(both)

        for step in ("approve", "reject", "request-changes"):
            assert _act(client, link, step, comment="Mine").status_code == 403
        assert EvidenceLink.objects.get(pk=link.pk).status == "proposed"

    def test_whoever_reworded_the_claim_may_not_review_it(self, client_for, comms, shrine_fact):
        both = UserFactory(username="editor-reviewer", roles=[COMMUNICATIONS, REVIEWERS])
        campaign = make_campaign(comms, team=[both])
        message = make_message(campaign, comms, TEXT)
        link = evidence_link_propose(message=message, fact=shrine_fact, claim=CLAIM, actor=comms)
        client = client_for(both)
        reworded = client.patch(
            f"/api/v1/evidence-links/{link.pk}/", {"claim": "killed 88"}, format="json"
        )

        # The words under review are theirs now: four eyes means someone else approves them.
        assert reworded.status_code == 200
        assert _act(client, link, "approve").status_code == 403
        assert EvidenceLink.objects.get(pk=link.pk).status == "proposed"

    def test_communications_staff_may_not_review(self, client_for, comms, link):
        assert _act(client_for(comms), link, "approve").status_code == 403

    def test_who_may_review_is_answered_before_the_body_is_read(self, client_for, comms, link):
        """Staff get 403 whatever they send, not a 400 about the comment they left out."""
        client = client_for(comms)

        for step in ("reject", "request-changes"):
            assert _act(client, link, step).status_code == 403
        assert _act(client, link, "approve", comment="x" * 6_000).status_code == 403
        assert EvidenceLink.objects.get(pk=link.pk).status == "proposed"

    def test_rejecting_needs_a_comment(self, client_for, reviewer, link):
        client = client_for(reviewer)

        bare = _act(client, link, "reject")
        blank = _act(client, link, "reject", comment="   ")
        said = _act(client, link, "reject", comment="The source says 88 in total, not worshippers")

        assert bare.status_code == 400 and "comment" in bare.json()
        assert blank.status_code == 400
        assert said.json()["status"] == "rejected"

    def test_request_changes_then_the_team_rewords(self, client_for, comms, reviewer, link):
        sent_back = _act(client_for(reviewer), link, "request-changes", comment="Quote all of it")
        reworded = client_for(comms).patch(
            f"/api/v1/evidence-links/{link.pk}/",
            {"claim": "The shrine bombing killed 88 worshippers"},
            format="json",
        )

        assert sent_back.json()["status"] == "changes_requested"
        assert reworded.status_code == 200
        assert reworded.json()["status"] == "proposed"

    def test_one_open_review_approving_twice_is_409(self, client_for, reviewer, reviewer2, link):
        _act(client_for(reviewer), link, "approve")

        again = _act(client_for(reviewer2), link, "approve")

        assert again.status_code == 409
        assert again.json()["problems"][0]["code"] == "invalid_status"

    def test_a_rejected_claim_may_be_proposed_again(self, client_for, comms, reviewer, link):
        _act(client_for(reviewer), link, "reject", comment="Wrong fact")

        again = client_for(comms).post(
            "/api/v1/evidence-links/",
            {"message": link.message_id, "fact": link.fact_id, "claim": CLAIM},
            format="json",
        )

        assert again.status_code == 201

    def test_the_history_keeps_every_decision(self, client_for, comms, reviewer, link):
        _act(client_for(reviewer), link, "request-changes", comment="Quote more")
        client_for(comms).patch(
            f"/api/v1/evidence-links/{link.pk}/",
            {"claim": "shrine bombing killed 88"},
            format="json",
        )
        _act(client_for(reviewer), link, "approve")

        response = client_for(comms).get(f"/api/v1/evidence-links/{link.pk}/reviews/")

        assert [r["decision"] for r in response.json()] == [
            "proposed",
            "request_changes",
            "revised",
            "approve",
        ]
        assert EvidenceLinkReview.objects.filter(link=link).count() == 4


class TestQueue:
    def test_the_queue_is_proposed_links_oldest_first(
        self, client_for, comms, reviewer, campaign, shrine_fact, church_fact
    ):
        message = make_message(campaign, comms, "It killed 88 worshippers and nine worshippers.")
        first = evidence_link_propose(
            message=message, fact=shrine_fact, claim="killed 88 worshippers", actor=comms
        )
        done = evidence_link_propose(
            message=message, fact=church_fact, claim="nine worshippers", actor=comms
        )
        last = evidence_link_propose(message=message, fact=church_fact, claim="killed", actor=comms)
        _act(client_for(reviewer), done, "approve")

        response = client_for(reviewer).get("/api/v1/evidence-links/?status=proposed")

        assert [link["id"] for link in response.json()["results"]] == [first.pk, last.pk]

    @pytest.mark.parametrize("count", [2, 15])
    def test_the_queue_query_count_does_not_grow(
        self,
        client_for,
        comms,
        reviewer,
        campaign,
        shrine_fact,
        django_assert_max_num_queries,
        count,
    ):
        for i in range(count):
            message = make_message(campaign, comms, f"Attack {i} killed 88 worshippers.")
            evidence_link_propose(
                message=message, fact=shrine_fact, claim="killed 88 worshippers", actor=comms
            )

        with django_assert_max_num_queries(5):
            response = client_for(reviewer).get(
                "/api/v1/evidence-links/?status=proposed&page_size=50"
            )

        assert response.json()["count"] == count


def test_the_team_removes_a_link_and_the_message_flags_follow(client_for, comms, reviewer, link):
    by_reviewer = client_for(reviewer).delete(f"/api/v1/evidence-links/{link.pk}/")
    by_team = client_for(comms).delete(f"/api/v1/evidence-links/{link.pk}/")

    assert by_reviewer.status_code == 403
    assert by_team.status_code == 204
    message = client_for(comms).get(f"/api/v1/messages/{link.message_id}/").json()
    assert [f["code"] for f in message["flags"]] == ["figure_without_evidence"]


def test_a_rejected_link_cannot_be_reworded(client_for, comms, reviewer, link):
    _act(client_for(reviewer), link, "reject", comment="Wrong fact")

    response = client_for(comms).patch(
        f"/api/v1/evidence-links/{link.pk}/", {"claim": "killed 88"}, format="json"
    )

    assert response.status_code == 409
