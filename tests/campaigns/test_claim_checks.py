"""Claim checks: each flag raised when the claim or its evidence is wrong, and not raised when
it is right. Evidence is built through the evidence services, so the figures, conflicts and
statuses compared are the ones the product computes."""

import pytest

from campaigns.services.campaigns import campaign_update
from campaigns.services.claim_checks.checks import figure_flags
from campaigns.services.links import evidence_link_propose
from campaigns.services.messages import message_update
from evidence.models import Fact
from evidence.services.facts import fact_verify
from evidence.services.sources import source_retract, source_update
from tests.campaigns.factories import Report, killed, make_actor, make_fact, make_message

pytestmark = pytest.mark.django_db


def _flags(campaign, comms, fact, text, claim=None):  # type: ignore[no-untyped-def]
    message = make_message(campaign, comms, text)
    link = evidence_link_propose(message=message, fact=fact, claim=claim or text, actor=comms)
    return link.flags


def _codes(flags):  # type: ignore[no-untyped-def]
    return [f["code"] for f in flags]


def _figure_flag(flags):  # type: ignore[no-untyped-def]
    found = [f for f in flags if f["code"] == "figure_exceeds_evidence"]
    return found[0] if found else None


@pytest.fixture
def sehwan(db):  # type: ignore[no-untyped-def]
    """88 killed (one source) vs "more than one hundred" (another): disputed."""
    return make_fact(
        title="Lal Shahbaz Qalandar shrine",
        reports=[
            Report("The Lal Shahbaz Qalandar shrine attack killed 88 people.", [killed(88)]),
            Report(
                "More than one hundred people were killed at the shrine.",
                [killed(100, None, "more_than")],
            ),
        ],
    )


@pytest.fixture
def quetta_hospital(db):  # type: ignore[no-untyped-def]
    """About 70, 75 and at least 70 killed: disputed, safe wording "at least 70"."""
    return make_fact(
        title="Quetta hospital",
        target_type="health",
        victim_community="mixed",
        reports=[
            Report("The suicide bombing took about 70 lives.", [killed(70, 70, "about")]),
            Report("The hospital attack killed 75 people.", [killed(75)]),
            Report("At least 70 people were killed.", [killed(70, None, "at_least")]),
        ],
    )


class TestFigureExceedsEvidence:
    def test_88_against_88_and_more_than_a_hundred_suggests_at_least_88(
        self, campaign, comms, sehwan
    ):
        flags = _flags(campaign, comms, sehwan, "The bombing killed 88 worshippers.")

        flag = _figure_flag(flags)
        assert flag is not None
        assert flag["suggestion"] == "at least 88"
        assert "88" in flag["message"]

    def test_at_least_88_is_supported(self, campaign, comms, sehwan):
        flags = _flags(campaign, comms, sehwan, "The bombing killed at least 88 worshippers.")

        assert _figure_flag(flags) is None

    def test_75_against_70_to_75_suggests_at_least_70(self, campaign, comms, quetta_hospital):
        flags = _flags(campaign, comms, quetta_hospital, "The hospital bombing killed 75 people.")

        assert _figure_flag(flags)["suggestion"] == "at least 70"

    def test_at_least_70_is_supported(self, campaign, comms, quetta_hospital):
        flags = _flags(campaign, comms, quetta_hospital, "It killed at least 70 people.")

        assert _figure_flag(flags) is None

    def test_number_words_are_read(self, campaign, comms, church_fact):
        right = _flags(campaign, comms, church_fact, "The church attack killed nine worshippers.")
        wrong = _flags(campaign, comms, church_fact, "The church attack killed ten worshippers.")

        assert _figure_flag(right) is None
        assert _figure_flag(wrong)["suggestion"] == "9"

    def test_two_dozen_against_26_and_more_than_two_dozen(self, campaign, comms):
        convoy = make_fact(
            title="Mastung convoy",
            reports=[
                Report("26 madressah students lost their lives.", [killed(26)]),
                Report(
                    "More than two dozen seminary students were killed.",
                    [killed(24, None, "more_than")],
                ),
            ],
        )

        vague = _flags(campaign, comms, convoy, "Two dozen seminary students were killed.")
        safe = _flags(campaign, comms, convoy, "More than two dozen students were killed.")

        assert _figure_flag(vague)["suggestion"] == "26"
        assert _figure_flag(safe) is None

    def test_hundreds_is_more_than_the_evidence(self, campaign, comms, shrine_fact):
        flags = _flags(campaign, comms, shrine_fact, "Hundreds of worshippers were killed.")

        assert _figure_flag(flags)["suggestion"] == "88"

    def test_a_figure_the_fact_does_not_report(self, campaign, comms, shrine_fact):
        flags = _flags(campaign, comms, shrine_fact, "The blast injured 300 people.")

        flag = _figure_flag(flags)
        assert flag is not None and "suggestion" not in flag

    def test_a_year_is_not_a_casualty_figure(self, campaign, comms, shrine_fact):
        flags = _flags(campaign, comms, shrine_fact, "In 2017 the bombing killed 88 people.")

        assert _figure_flag(flags) is None

    def test_a_resolution_worded_without_digits_still_checks_the_claim(self):
        # A Reviewer resolved the conflict as "many worshippers": no number the check can
        # compare, so a precise claim is flagged rather than waved through.
        fact = Fact(
            figures={"killed": {"min": 40, "max": 90, "wording": "at least 40"}},
            conflicts=[
                {
                    "kind": "figure",
                    "field": "killed",
                    "values": [],
                    "resolution": {"wording": "many worshippers"},
                }
            ],
        )

        flag = _figure_flag(figure_flags(claim="The attack killed 500 people.", fact=fact))

        assert flag is not None and flag["suggestion"] == "many worshippers"


class TestAttribution:
    @pytest.fixture
    def isis(self, db):  # type: ignore[no-untyped-def]
        return make_actor("ISIS", ["Daesh", "ISIL"])

    @pytest.fixture
    def claimed_only(self, isis):  # type: ignore[no-untyped-def]
        return make_fact(
            title="Shah Noorani shrine",
            claimed_by=[isis],
            reports=[
                Report(
                    "ISIS claimed the shrine attack, which killed 53.",
                    [killed(53)],
                    claimed_by=[isis],
                ),
                Report("The shrine attack killed 53 pilgrims.", [killed(53)]),
            ],
        )

    def test_carried_out_when_only_claimed_suggests_claimed_by(self, campaign, comms, claimed_only):
        claim = "ISIS carried out the shrine attack."
        flags = _flags(campaign, comms, claimed_only, claim)

        # Applying the suggestion replaces exactly the flag's words, so it must read in place.
        flag = next(f for f in flags if f["code"] == "attribution_disputed")
        assert (flag["words"], flag["start"], flag["end"]) == ("ISIS carried out", 0, 16)
        assert flag["suggestion"] == "ISIS claimed it carried out"
        applied = claim[: flag["start"]] + flag["suggestion"] + claim[flag["end"] :]
        assert applied == "ISIS claimed it carried out the shrine attack."

    def test_a_passive_doer_is_reworded_as_claimed_by(self, campaign, comms, claimed_only):
        flags = _flags(campaign, comms, claimed_only, "The shrine attack was carried out by ISIS.")

        flag = next(f for f in flags if f["code"] == "attribution_disputed")
        assert flag["words"] == "carried out by ISIS"
        assert flag["suggestion"] == "claimed by ISIS"

    def test_an_alias_is_recognised(self, campaign, comms, claimed_only):
        flags = _flags(campaign, comms, claimed_only, "Daesh bombed the shrine.")

        assert "attribution_disputed" in _codes(flags)

    def test_saying_claimed_by_passes(self, campaign, comms, claimed_only):
        flags = _flags(campaign, comms, claimed_only, "The shrine attack was claimed by ISIS.")

        assert "attribution_disputed" not in _codes(flags)

    def test_an_attack_that_claimed_lives_is_not_a_claim_of_responsibility(
        self, campaign, comms, claimed_only
    ):
        # "claimed 53 lives" counts the dead; it does not report who claimed the attack.
        flags = _flags(
            campaign, comms, claimed_only, "The ISIS bombing of the shrine claimed 53 lives."
        )

        flag = next(f for f in flags if f["code"] == "attribution_disputed")
        assert flag["words"] == "ISIS bombing"
        assert flag["suggestion"] == "ISIS-claimed bombing"

    def test_an_undisputed_perpetrator_passes(self, campaign, comms):
        jundullah = make_actor("Jundullah")
        bus = make_fact(
            title="Safoora Goth bus",
            victim_community="ismaili_muslim",
            attributed_to=[jundullah],
            reports=[
                Report("Jundullah carried out the bus attack.", attributed_to=[jundullah]),
                Report("The bus attack was conducted by Jundullah.", attributed_to=[jundullah]),
            ],
        )

        flags = _flags(campaign, comms, bus, "Jundullah carried out the bus attack.")

        assert "attribution_disputed" not in _codes(flags)

    def test_a_disputed_attribution_is_flagged_even_for_a_named_actor(self, campaign, comms, isis):
        jua = make_actor("Jamaat-ul-Ahrar")
        hospital = make_fact(
            title="Quetta hospital claims",
            attributed_to=[jua],
            reports=[
                Report("Jamaat-ul-Ahrar carried out the hospital attack.", attributed_to=[jua]),
                Report("ISIS carried out the hospital attack.", attributed_to=[isis]),
            ],
        )

        flags = _flags(campaign, comms, hospital, "Jamaat-ul-Ahrar bombed the hospital.")

        assert "attribution_disputed" in _codes(flags)


class TestEvidenceFlags:
    def test_disputed_fact(self, campaign, comms, sehwan, shrine_fact):
        assert "disputed_fact" in _codes(
            _flags(campaign, comms, sehwan, "The shrine was attacked.")
        )
        assert "disputed_fact" not in _codes(
            _flags(campaign, comms, shrine_fact, "The shrine was attacked.")
        )

    def test_unverified_fact_until_a_reviewer_verifies_it(self, campaign, comms, reviewer):
        single = make_fact(reports=[Report("The shrine was bombed at dusk.")])
        message = make_message(campaign, comms, "The shrine was bombed at dusk.")
        link = evidence_link_propose(
            message=message, fact=single, claim="The shrine was bombed", actor=comms
        )
        assert "unverified_fact" in _codes(link.flags)

        fact_verify(fact=single, reviewer=reviewer)

        link.refresh_from_db()
        assert "unverified_fact" not in _codes(link.flags)

    def test_corroborated_fact_is_not_unverified(self, campaign, comms, shrine_fact):
        assert "unverified_fact" not in _codes(
            _flags(campaign, comms, shrine_fact, "The shrine was attacked.")
        )

    def test_source_retracted_when_nothing_else_supports_the_fact(
        self, campaign, comms, source_admin
    ):
        single = make_fact(reports=[Report("The shrine was bombed at night.")])
        message = make_message(campaign, comms, "The shrine was bombed at night.")
        link = evidence_link_propose(
            message=message, fact=single, claim="shrine was bombed", actor=comms
        )
        assert "source_retracted" not in _codes(link.flags)

        source = single.excerpts.get().source
        source_retract(source=source, reason="Fabricated", actor=source_admin)

        link.refresh_from_db()
        assert "source_retracted" in _codes(link.flags)

    def test_one_retracted_source_of_two_is_not_flagged(
        self, campaign, comms, shrine_fact, source_admin
    ):
        message = make_message(campaign, comms, "The shrine was attacked.")
        link = evidence_link_propose(message=message, fact=shrine_fact, claim="shrine", actor=comms)

        source_retract(
            source=shrine_fact.excerpts.first().source, reason="Error", actor=source_admin
        )

        link.refresh_from_db()
        assert "source_retracted" not in _codes(link.flags)

    def test_source_below_the_campaigns_minimum_grade(self, campaign, comms):
        weak = make_fact(
            reports=[
                Report("The shrine burned.", reliability="D"),
                Report("Fire at the shrine.", reliability="B"),
            ]
        )
        message = make_message(campaign, comms, "The shrine burned.")
        link = evidence_link_propose(
            message=message, fact=weak, claim="The shrine burned", actor=comms
        )
        flag = next(f for f in link.flags if f["code"] == "source_below_minimum_grade")
        assert "(D)" in flag["message"]

        campaign_update(campaign=campaign, actor=comms, minimum_reliability="D")

        link.refresh_from_db()
        assert "source_below_minimum_grade" not in _codes(link.flags)

    def test_excerpt_unanchored_after_the_source_text_changed(
        self, campaign, comms, shrine_fact, source_admin
    ):
        message = make_message(campaign, comms, "The shrine was attacked.")
        link = evidence_link_propose(message=message, fact=shrine_fact, claim="shrine", actor=comms)
        assert "excerpt_unanchored" not in _codes(link.flags)

        source = shrine_fact.excerpts.first().source
        source_update(
            source=source, actor=source_admin, text="A corrected text that says otherwise."
        )

        link.refresh_from_db()
        assert "excerpt_unanchored" in _codes(link.flags)


class TestMessageFlags:
    def test_a_figure_no_claim_covers(self, campaign, comms, shrine_fact):
        message = make_message(campaign, comms, "The bombing killed 88 people. Never again.")
        assert _codes(message.flags) == ["figure_without_evidence"]

        evidence_link_propose(
            message=message, fact=shrine_fact, claim="The bombing killed 88 people", actor=comms
        )

        message.refresh_from_db()
        assert "figure_without_evidence" not in _codes(message.flags)

    def test_link_flags_show_on_the_message_with_the_link(self, campaign, comms, sehwan):
        message = make_message(campaign, comms, "The bombing killed 88 worshippers.")
        link = evidence_link_propose(
            message=message, fact=sehwan, claim="killed 88 worshippers", actor=comms
        )

        message.refresh_from_db()
        figure = next(f for f in message.flags if f["code"] == "figure_exceeds_evidence")
        assert figure["link_id"] == link.pk

    def test_claim_no_longer_in_the_message(self, campaign, comms, shrine_fact):
        message = make_message(campaign, comms, "The shrine bombing killed 88 people.")
        link = evidence_link_propose(
            message=message, fact=shrine_fact, claim="shrine bombing killed 88 people", actor=comms
        )
        assert "claim_not_in_message" not in _codes(link.flags)

        message_update(message=message, actor=comms, text="The shrine was attacked.")

        link.refresh_from_db()
        assert "claim_not_in_message" in _codes(link.flags)
