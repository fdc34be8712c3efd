"""Applying a suggested wording (`evidence_link_apply_suggestion`): the number phrase changes in
the message and the claim as one new revision, or nothing changes at all; and the live check
counts as the channel counts."""

import pytest

from campaigns.models import EvidenceLink, MessageRevision
from campaigns.selectors.drafts import message_draft_check
from campaigns.services.campaigns import campaign_create
from campaigns.services.links import evidence_link_propose
from campaigns.services.messages import message_create
from campaigns.services.suggestions import evidence_link_apply_suggestion
from common.errors import InvalidInput, NotAllowed
from tests.scenarios import quetta_evidence

pytestmark = pytest.mark.django_db


@pytest.fixture
def hospital():  # type: ignore[no-untyped-def]
    return quetta_evidence(with_claims=False).hospital


def linked(owner, fact, text: str, claim: str, channel: str = "facebook") -> EvidenceLink:  # type: ignore[no-untyped-def]
    campaign = campaign_create(owner=owner, name="C", channels=[channel])
    message = message_create(campaign=campaign, actor=owner, channel=channel, text=text)
    return evidence_link_propose(message=message, fact=fact, claim=claim, actor=owner)


def test_the_same_occurrence_of_the_words_is_rewritten(comms, hospital):
    # "75" appears twice: in another sentence first, then in the claim.
    link = linked(
        comms,
        hospital,
        "Since 75 years of independence. The bombing killed 75 people.",
        "killed 75 people",
    )
    evidence_link_apply_suggestion(link=link, actor=comms, words="75", suggestion="at least 70")
    link.refresh_from_db()
    assert link.message.text == (
        "Since 75 years of independence. The bombing killed at least 70 people."
    )
    assert link.claim == "killed at least 70 people"
    assert link.message.revision == 2
    assert link.reviews.filter(decision="revised").exists()


def test_a_suggestion_the_evidence_does_not_make_is_refused(comms, hospital):
    link = linked(comms, hospital, "The bombing killed 75 people.", "killed 75 people")
    with pytest.raises(InvalidInput) as refused:
        evidence_link_apply_suggestion(link=link, actor=comms, words="75", suggestion="3")
    assert refused.value.errors == {
        "suggestion": [
            "The evidence no longer suggests “3” for “75”: the claim or the evidence has "
            "changed. Check the flags again."
        ]
    }
    link.refresh_from_db()
    assert link.message.text == "The bombing killed 75 people." and link.message.revision == 1


def test_a_rewording_too_long_for_the_channel_leaves_everything_as_it_was(comms, hospital):
    text = "x" * 260 + " killed 75 people"
    link = linked(comms, hospital, text, "killed 75 people", channel="x")
    with pytest.raises(InvalidInput) as refused:
        evidence_link_apply_suggestion(link=link, actor=comms, words="75", suggestion="at least 70")
    assert "X (Twitter) allows at most 280 characters" in refused.value.errors["text"][0]
    link.refresh_from_db()
    assert link.claim == "killed 75 people" and link.message.text == text
    assert MessageRevision.objects.filter(message=link.message).count() == 1


def test_only_the_team_may_apply_a_suggestion(comms, comms_outsider, hospital):
    link = linked(comms, hospital, "The bombing killed 75 people.", "killed 75 people")
    with pytest.raises(NotAllowed):
        evidence_link_apply_suggestion(
            link=link, actor=comms_outsider, words="75", suggestion="at least 70"
        )


def test_the_live_check_counts_as_x_counts(comms):
    campaign = campaign_create(owner=comms, name="C", channels=["x"])
    # Latin letters count once, CJK and emoji twice, any link 23.
    check = message_draft_check(
        campaign=campaign, channel="x", text="ab 中文 🙂 https://example.org/a/very/long/path"
    )
    assert check.length == 3 + 4 + 1 + 2 + 1 + 23
    assert check.limit == 280 and not check.over_limit
    radio = message_draft_check(campaign=campaign, channel="radio", text="ab 中文")
    assert (radio.length, radio.limit) == (5, 1000)
