"""Claim checks fail closed: a number nothing reads blocks approval until it is linked to a
figure or a Reviewer marks it as not a count; new verbs and Urdu phrases are read like
"killed"; a group's name nothing resolves is flagged."""

import pytest

from campaigns.services.campaign_workflow import campaign_submit_for_review
from campaigns.services.links import evidence_link_propose
from common.models import AuditEntry
from tests.campaigns.factories import (
    Report,
    approved_link,
    approved_message,
    killed,
    make_actor,
    make_fact,
    make_message,
)

pytestmark = pytest.mark.django_db

TEXT = (
    "The shrine bombing killed 88 worshippers. The church attack killed nine worshippers. "
    "12 ambulances reached the shrine."
)


def _codes(flags):  # type: ignore[no-untyped-def]
    return [f["code"] for f in flags]


@pytest.fixture
def sehwan(db):  # type: ignore[no-untyped-def]
    """88 killed vs "more than one hundred": safe wording "at least 88"."""
    return make_fact(
        title="Lal Shahbaz Qalandar shrine",
        place="Sehwan",
        reports=[
            Report("The Lal Shahbaz Qalandar shrine attack killed 88 people.", [killed(88)]),
            Report(
                "More than one hundred people were killed at the shrine.",
                [killed(100, None, "more_than")],
            ),
        ],
    )


@pytest.fixture
def campaign_with_unread_number(campaign, comms, reviewer, shrine_fact, church_fact):  # type: ignore[no-untyped-def]
    message = make_message(campaign, comms, TEXT)
    for fact, claim in (
        (shrine_fact, "The shrine bombing killed 88 worshippers"),
        (church_fact, "The church attack killed nine worshippers"),
    ):
        approved_link(message, fact, claim, proposer=comms, reviewer=reviewer)
    approved_message(message, author=comms, reviewer=reviewer)
    campaign_submit_for_review(campaign=campaign, actor=comms)
    return campaign, message


class TestUnreadNumber:
    def test_a_number_nothing_reads_is_flagged_with_its_words(self, campaign_with_unread_number):
        _, message = campaign_with_unread_number
        message.refresh_from_db()

        [flag] = [f for f in message.flags if f["code"] == "unread_number"]
        assert (flag["words"], flag["start"], flag["end"]) == (
            "12",
            TEXT.index("12"),
            TEXT.index("12") + 2,
        )
        assert "12" in flag["message"] and "unread_number" not in flag["message"]

    def test_it_blocks_approval_until_a_reviewer_marks_it_not_a_count(
        self, client_for, reviewer2, campaign_with_unread_number
    ):
        campaign, message = campaign_with_unread_number
        client = client_for(reviewer2)

        refused = client.post(f"/api/v1/campaigns/{campaign.pk}/approve/", {}, format="json")
        assert refused.status_code == 409
        assert "unread_number" in [p.get("flag") for p in refused.json()["problems"]]

        marked = client.post(
            f"/api/v1/messages/{message.pk}/acknowledge-number/",
            {"words": "12", "reason": "Ambulances, not people."},
            format="json",
        )
        assert marked.status_code == 200
        assert "unread_number" not in _codes(marked.json()["flags"])
        entry = AuditEntry.objects.get(action="message.acknowledge_number")
        assert entry.actor == reviewer2 and entry.comment == "Ambulances, not people."
        assert entry.data["words"] == "12"

        approved = client.post(f"/api/v1/campaigns/{campaign.pk}/approve/", {}, format="json")
        assert approved.status_code == 200

    def test_linking_the_number_to_a_fact_figure_clears_it(self, campaign, comms, shrine_fact):
        message = make_message(campaign, comms, "The shrine bombing took 88 souls.")
        assert "unread_number" in _codes(message.flags)

        evidence_link_propose(message=message, fact=shrine_fact, claim="took 88 souls", actor=comms)

        message.refresh_from_db()
        assert "unread_number" not in _codes(message.flags)

    def test_who_may_mark_a_number(
        self, client_for, anon, comms, reviewer, no_role_user, campaign_with_unread_number
    ):
        _, message = campaign_with_unread_number
        url = f"/api/v1/messages/{message.pk}/acknowledge-number/"
        body = {"words": "12", "reason": "Not people."}

        assert anon.post(url, body, format="json").status_code == 401
        assert client_for(no_role_user).post(url, body, format="json").status_code == 403
        assert client_for(comms).post(url, body, format="json").status_code == 403
        # The author-reviewer rule: `reviewer` approved but did not write it; the writer may not.
        assert client_for(reviewer).post(url, body, format="json").status_code == 200

    def test_bad_input_names_the_field(self, client_for, reviewer2, campaign_with_unread_number):
        _, message = campaign_with_unread_number
        url = f"/api/v1/messages/{message.pk}/acknowledge-number/"
        client = client_for(reviewer2)

        no_reason = client.post(url, {"words": "12", "reason": " "}, format="json")
        not_flagged = client.post(url, {"words": "88", "reason": "x"}, format="json")

        assert no_reason.status_code == 400 and "reason" in no_reason.json()
        assert not_flagged.status_code == 400 and "words" in not_flagged.json()


class TestNewWordsAreRead:
    def test_murdered_is_read_as_killed_and_refused(self, campaign, comms, sehwan):
        claim = "Daesh murdered 120 worshippers at Sehwan"
        message = make_message(campaign, comms, claim + ".")
        link = evidence_link_propose(message=message, fact=sehwan, claim=claim, actor=comms)

        flag = next(f for f in link.flags if f["code"] == "figure_exceeds_evidence")
        assert flag["suggestion"] == "at least 88" and flag["words"] == "120"

    def test_an_urdu_toll_is_checked(self, campaign, comms, sehwan):
        text = "۱۲۰ افراد جاں بحق ہوئے"
        message = make_message(campaign, comms, text + "۔", language="ur")
        link = evidence_link_propose(message=message, fact=sehwan, claim=text, actor=comms)

        flag = next(f for f in link.flags if f["code"] == "figure_exceeds_evidence")
        assert (flag["words"], flag["start"], flag["end"]) == ("۱۲۰", 0, 3)
        assert flag["suggestion"] == "at least 88"

    def test_an_urdu_qualified_toll_that_the_evidence_supports_passes(
        self, campaign, comms, sehwan
    ):
        text = "کم از کم ۸۸ افراد جاں بحق ہوئے"
        message = make_message(campaign, comms, text + "۔", language="ur")
        link = evidence_link_propose(message=message, fact=sehwan, claim=text, actor=comms)

        assert "figure_exceeds_evidence" not in _codes(link.flags)


class TestActors:
    @pytest.fixture
    def groups(self, db):  # type: ignore[no-untyped-def]
        return make_actor("ISIS", ["IS", "Daesh"]), make_actor("ISIS-K", ["IS-K", "ISKP"])

    def test_a_short_alias_inside_a_longer_name_names_the_longer_group(
        self, campaign, comms, groups
    ):
        isis, isis_k = groups
        fact = make_fact(
            claimed_by=[isis],
            reports=[Report("ISIS claimed the shrine attack.", claimed_by=[isis])],
        )
        message = make_message(campaign, comms, "IS-K bombed the shrine.")
        link = evidence_link_propose(
            message=message, fact=fact, claim="IS-K bombed the shrine", actor=comms
        )

        [flag] = [f for f in link.flags if f["code"] == "attribution_disputed"]
        assert flag["actor_id"] == isis_k.pk and "ISIS-K" in flag["message"]
        assert flag["words"] == "IS-K bombed"

    def test_an_urdu_name_resolves_like_the_english_one(self, campaign, comms, groups):
        isis, _ = groups
        fact = make_fact(
            claimed_by=[isis],
            reports=[Report("ISIS claimed the shrine attack.", claimed_by=[isis])],
        )
        text = "داعش نے مزار پر حملہ کیا"
        message = make_message(campaign, comms, text + "۔", language="ur")
        link = evidence_link_propose(message=message, fact=fact, claim=text, actor=comms)

        [flag] = [f for f in link.flags if f["code"] == "attribution_disputed"]
        assert flag["actor_id"] == isis.pk

    def test_calling_a_gathering_a_target_is_not_doing_the_attack(self, campaign, comms, groups):
        isis, _ = groups
        fact = make_fact(
            claimed_by=[isis],
            reports=[Report("ISIS claimed the shrine attack.", claimed_by=[isis])],
        )
        text = "Daesh calls the gathering a legitimate target"
        message = make_message(campaign, comms, text + ".")
        link = evidence_link_propose(message=message, fact=fact, claim=text, actor=comms)

        assert "attribution_disputed" not in _codes(link.flags)

    def test_a_group_name_nothing_resolves_is_flagged(self, campaign, comms, groups):
        message = make_message(campaign, comms, "Lashkar-e-Taiba praised the attack.")

        [flag] = [f for f in message.flags if f["code"] == "unread_actor"]
        assert flag["words"] == "Lashkar-e-Taiba" and flag["start"] == 0


class TestClaimWithoutEvidence:
    def test_a_sentence_naming_a_doer_with_no_link(self, campaign, comms, groups=None):
        make_actor("ISIS", ["Daesh"])
        text = "Daesh bombed the shrine. Never again."
        message = make_message(campaign, comms, text)

        [flag] = [f for f in message.flags if f["code"] == "claim_without_evidence"]
        assert flag["words"] == "Daesh bombed the shrine."
        assert (flag["start"], flag["end"]) == (0, 24)

    def test_a_place_is_a_claim_but_a_hashtag_of_it_is_not(self, campaign, comms, sehwan):
        """ "in Sehwan" says where something happened; "#Sehwan" only tags the topic."""
        message = make_message(campaign, comms, "Pilgrims gathered in Sehwan. #Sehwan")

        flagged = [f["words"] for f in message.flags if f["code"] == "claim_without_evidence"]
        assert flagged == ["Pilgrims gathered in Sehwan."]


def test_a_reviewer_marks_a_name_as_not_a_group(client_for, reviewer2, campaign, comms):
    message = make_message(campaign, comms, "The Liberation Brigades of 1971 were veterans.")
    [flag] = [f for f in message.flags if f["code"] == "unread_actor"]

    response = client_for(reviewer2).post(
        f"/api/v1/messages/{message.pk}/acknowledge-number/",
        {"words": flag["words"], "reason": "A historical army unit, not an armed group."},
        format="json",
    )

    assert response.status_code == 200
    assert "unread_actor" not in _codes(response.json()["flags"])
