"""Messages: channel limits, languages and direction, revisions, and the review workflow."""

import pytest

from campaigns.channels import CHANNEL_LIMITS
from campaigns.models import Message, MessageRevision
from campaigns.services.messages import message_approve, message_submit
from tests.campaigns.factories import make_campaign, make_message, theme
from tests.factories import communications_user
from tests.versioning import patch_current

pytestmark = pytest.mark.django_db


@pytest.fixture
def multi(comms):  # type: ignore[no-untyped-def]
    return make_campaign(comms, channels=["x", "instagram", "facebook", "radio", "telegram"])


def _create(client, campaign, **fields):  # type: ignore[no-untyped-def]
    body = {"campaign": campaign.pk, "channel": "x", "language": "en", "text": "Hello"}
    body.update(fields)
    return client.post("/api/v1/messages/", body, format="json")


class TestChannelLimits:
    @pytest.mark.parametrize("channel", ["x", "instagram", "telegram", "radio"])
    def test_at_the_limit_passes_and_one_more_is_400_naming_the_limit(
        self, client_for, comms, multi, channel
    ):
        limit = CHANNEL_LIMITS[channel]
        client = client_for(comms)

        fits = _create(client, multi, channel=channel, text="a" * limit)
        too_long = _create(client, multi, channel=channel, text="a" * (limit + 1))

        assert fits.status_code == 201
        assert too_long.status_code == 400
        assert f"{limit:,}" in too_long.json()["text"][0]

    def test_x_counts_emoji_twice_and_links_as_23(self, client_for, comms, multi):
        client = client_for(comms)

        emoji = _create(client, multi, text="🙂" * 141)
        link = _create(client, multi, text="https://example.org/" + "a" * 300 + " " + "b" * 256)

        assert emoji.status_code == 400
        assert link.status_code == 201

    def test_urdu_counts_once_per_letter_on_x(self, client_for, comms, multi):
        response = _create(client_for(comms), multi, language="ur", text="ظ" * 280)

        assert response.status_code == 201


class TestLanguage:
    @pytest.mark.parametrize(
        "language, stored, direction",
        [
            ("en", "en", "ltr"),
            ("UR", "ur", "rtl"),
            ("ar", "ar", "rtl"),
            ("ps", "ps", "rtl"),
            ("sd", "sd", "rtl"),
            ("bal", "bal", "rtl"),
            ("fa", "fa", "rtl"),
            ("ur-latn", "ur-Latn", "ltr"),
            ("pa-Arab-PK", "pa-Arab-PK", "rtl"),
        ],
    )
    def test_direction_follows_the_language(
        self, client_for, comms, multi, language, stored, direction
    ):
        response = _create(client_for(comms), multi, language=language)

        assert response.status_code == 201
        assert (response.json()["language"], response.json()["direction"]) == (stored, direction)

    @pytest.mark.parametrize("language", ["english", "u", "ur_PK", "", "12", "ur-"])
    def test_not_bcp47_is_400(self, client_for, comms, multi, language):
        response = _create(client_for(comms), multi, language=language)

        assert response.status_code == 400
        assert "language" in response.json()


def test_the_channel_and_theme_must_be_the_campaigns(client_for, comms, campaign):
    client = client_for(comms)

    wrong_channel = _create(client, campaign, channel="radio")
    wrong_theme = _create(client, campaign, theme=theme("pluralistic-values").pk)

    assert wrong_channel.status_code == 400 and "channel" in wrong_channel.json()
    assert wrong_theme.status_code == 400 and "theme" in wrong_theme.json()


def test_a_reviewer_may_not_write_messages(client_for, reviewer, campaign):
    assert _create(client_for(reviewer), campaign).status_code == 403


class TestRevisions:
    def test_every_edit_is_kept(self, client_for, comms, campaign):
        message = make_message(campaign, comms, "First words")
        client = client_for(comms)

        patch_current(
            client, f"/api/v1/messages/{message.pk}/", {"text": "Second words"}, format="json"
        )
        response = client.get(f"/api/v1/messages/{message.pk}/revisions/")

        assert [(r["revision"], r["text"]) for r in response.json()] == [
            (2, "Second words"),
            (1, "First words"),
        ]

    def test_editing_an_approved_message_reopens_its_review(
        self, client_for, comms, reviewer, campaign
    ):
        message = make_message(campaign, comms, "Approved words")
        message_submit(message=message, actor=comms)
        message_approve(message=message, reviewer=reviewer)

        response = patch_current(
            client_for(comms),
            f"/api/v1/messages/{message.pk}/",
            {"text": "Changed words"},
            format="json",
        )

        assert response.status_code == 200
        assert (response.json()["status"], response.json()["revision"]) == ("in_review", 2)
        assert MessageRevision.objects.get(message=message, revision=1).status == "approved"

    def test_saving_the_same_words_makes_no_revision(self, client_for, comms, campaign):
        message = make_message(campaign, comms, "Same words")

        patch_current(
            client_for(comms),
            f"/api/v1/messages/{message.pk}/",
            {"text": "Same words"},
            format="json",
        )

        assert MessageRevision.objects.filter(message=message).count() == 1


class TestReview:
    def test_submit_then_another_reviewer_approves(self, client_for, comms, reviewer, campaign):
        message = make_message(campaign, comms, "Words")

        submitted = client_for(comms).post(f"/api/v1/messages/{message.pk}/submit/")
        approved = client_for(reviewer).post(
            f"/api/v1/messages/{message.pk}/approve/", {"comment": "Good"}, format="json"
        )

        assert submitted.json()["status"] == "in_review"
        assert approved.status_code == 200
        assert approved.json()["status"] == "approved"
        assert approved.json()["reviewed_by"] == reviewer.pk

    def test_a_reviewer_who_wrote_a_revision_may_not_review_it(self, client_for, comms):
        from common.roles import COMMUNICATIONS, REVIEWERS
        from tests.factories import UserFactory

        both = UserFactory(username="writer-reviewer", roles=[COMMUNICATIONS, REVIEWERS])
        campaign = make_campaign(comms, team=[both])
        message = make_message(campaign, comms, "Words")
        patch_current(
            client_for(both), f"/api/v1/messages/{message.pk}/", {"text": "My words"}, format="json"
        )
        message_submit(message=message, actor=comms)

        response = client_for(both).post(f"/api/v1/messages/{message.pk}/approve/")

        assert response.status_code == 403
        assert Message.objects.get(pk=message.pk).status == "in_review"

    def test_rejecting_needs_a_comment(self, client_for, comms, reviewer, campaign):
        message = make_message(campaign, comms, "Words")
        message_submit(message=message, actor=comms)
        client = client_for(reviewer)

        bare = client.post(f"/api/v1/messages/{message.pk}/reject/", {}, format="json")
        said = client.post(
            f"/api/v1/messages/{message.pk}/reject/", {"comment": "Too graphic"}, format="json"
        )

        assert bare.status_code == 400 and "comment" in bare.json()
        assert said.json()["status"] == "rejected"
        assert said.json()["review_comment"] == "Too graphic"

    def test_approving_a_draft_is_409(self, client_for, comms, reviewer, campaign):
        message = make_message(campaign, comms, "Words")

        response = client_for(reviewer).post(f"/api/v1/messages/{message.pk}/approve/")

        assert response.status_code == 409

    def test_communications_staff_may_not_approve(self, client_for, comms, campaign):
        member = communications_user(username="member2")
        campaign.team.add(member)
        message = make_message(campaign, comms, "Words")
        message_submit(message=message, actor=comms)

        assert client_for(member).post(f"/api/v1/messages/{message.pk}/approve/").status_code == 403

    def test_who_may_review_is_answered_before_the_body_is_read(self, client_for, comms, campaign):
        """A refusal does not depend on what was sent: staff get 403, not a 400 about a
        missing or over-long comment."""
        message = make_message(campaign, comms, "Words")
        message_submit(message=message, actor=comms)
        client = client_for(comms)

        bare = client.post(f"/api/v1/messages/{message.pk}/reject/", {}, format="json")
        long = client.post(
            f"/api/v1/messages/{message.pk}/approve/", {"comment": "x" * 6_000}, format="json"
        )

        assert (bare.status_code, long.status_code) == (403, 403)
        assert Message.objects.get(pk=message.pk).status == "in_review"

    def test_a_rejected_message_is_resubmitted(self, client_for, comms, reviewer, campaign):
        message = make_message(campaign, comms, "Words")
        message_submit(message=message, actor=comms)
        client_for(reviewer).post(
            f"/api/v1/messages/{message.pk}/reject/", {"comment": "No"}, format="json"
        )

        response = client_for(comms).post(f"/api/v1/messages/{message.pk}/submit/")

        assert response.json()["status"] == "in_review"


@pytest.mark.parametrize("count", [2, 15])
def test_the_message_list_query_count_does_not_grow(
    client_for, comms, campaign, django_assert_max_num_queries, count
):
    for i in range(count):
        make_message(campaign, comms, f"Message {i}")

    with django_assert_max_num_queries(5):
        response = client_for(comms).get("/api/v1/messages/?page_size=50")

    assert response.json()["count"] == count


def test_the_team_deletes_a_message_and_its_links(
    client_for, comms, reviewer, campaign, shrine_fact
):
    from campaigns.models import EvidenceLink
    from campaigns.services.links import evidence_link_propose

    message = make_message(campaign, comms, "The bombing killed 88 worshippers.")
    evidence_link_propose(message=message, fact=shrine_fact, claim="killed 88", actor=comms)

    by_reviewer = client_for(reviewer).delete(f"/api/v1/messages/{message.pk}/")
    by_team = client_for(comms).delete(f"/api/v1/messages/{message.pk}/")

    assert by_reviewer.status_code == 403
    assert by_team.status_code == 204
    assert not EvidenceLink.objects.filter(message_id=message.pk).exists()


def test_messages_of_an_approved_campaign_are_frozen(client_for, comms, ready_campaign, reviewer2):
    from campaigns.services.campaign_workflow import campaign_approve, campaign_submit_for_review

    campaign_submit_for_review(campaign=ready_campaign, actor=comms)
    campaign_approve(campaign=ready_campaign, reviewer=reviewer2)
    message = ready_campaign.messages.get()
    client = client_for(comms)

    edited = patch_current(
        client, f"/api/v1/messages/{message.pk}/", {"text": "New"}, format="json"
    )
    added = _create(client, ready_campaign)

    assert edited.status_code == 409 and added.status_code == 409
    assert edited.json()["problems"][0]["code"] == "campaign_not_editable"
