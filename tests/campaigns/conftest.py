"""Fixtures for the campaigns tests: a draft campaign of `comms`, and evidence on both sides
of the recommendation's main idea (an attack on Muslims and one on Christians)."""

from datetime import date

import pytest

from tests.campaigns.factories import (
    Report,
    approved_link,
    approved_message,
    killed,
    make_campaign,
    make_fact,
    make_message,
)


@pytest.fixture
def campaign(comms):  # type: ignore[no-untyped-def]
    return make_campaign(comms)


@pytest.fixture
def shrine_fact(db):  # type: ignore[no-untyped-def]
    """Two agreeing sources: corroborated, 88 killed."""
    return make_fact(
        title="Sehwan shrine bombing",
        reports=[
            Report("The bombing at the shrine killed 88 people.", [killed(88)]),
            Report("Officials said 88 worshippers were killed at the shrine.", [killed(88)]),
        ],
    )


@pytest.fixture
def church_fact(db):  # type: ignore[no-untyped-def]
    return make_fact(
        title="Quetta church attack",
        target_type="worshippers",
        victim_community="christian",
        occurred_on=date(2017, 12, 17),
        reports=[
            Report("The attack on the church killed nine worshippers.", [killed(9)]),
            Report("Nine worshippers died in the church attack.", [killed(9)]),
        ],
    )


READY_TEXT = "The shrine bombing killed 88 worshippers. The church attack killed nine worshippers."


@pytest.fixture
def ready_campaign(campaign, comms, reviewer, shrine_fact, church_fact):  # type: ignore[no-untyped-def]
    """`campaign` with one approved X message whose two claims (an attack on Muslims, one on
    Christians) rest on approved evidence: nothing stands in the way of approval."""
    message = make_message(campaign, comms, READY_TEXT)
    approved_link(
        message,
        shrine_fact,
        "The shrine bombing killed 88 worshippers",
        proposer=comms,
        reviewer=reviewer,
    )
    approved_link(
        message,
        church_fact,
        "The church attack killed nine worshippers",
        proposer=comms,
        reviewer=reviewer,
    )
    approved_message(message, author=comms, reviewer=reviewer)
    return campaign
