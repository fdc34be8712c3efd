"""`GET messages/{id}/claim-suggestions/`: for each checkable sentence, the facts that could
support it, best first, each with its reasons in words; only for those who may see the message."""

import pytest

from tests.campaigns.factories import Report, killed, make_actor, make_fact, make_message

pytestmark = pytest.mark.django_db


@pytest.fixture
def facts(db):  # type: ignore[no-untyped-def]
    isis = make_actor("ISIS", ["Daesh"])
    sehwan = make_fact(
        title="Lal Shahbaz Qalandar shrine bombing",
        place="Sehwan",
        claimed_by=[isis],
        reports=[
            Report("The shrine attack killed 88 people.", [killed(88)]),
            Report("88 devotees were killed at the shrine.", [killed(88)]),
        ],
    )
    church = make_fact(
        title="Quetta church attack",
        place="Quetta",
        target_type="worshippers",
        victim_community="christian",
        reports=[Report("The attack on the church killed nine worshippers.", [killed(9)])],
    )
    return sehwan, church


def test_each_checkable_sentence_gets_ranked_facts_with_reasons(client_for, comms, campaign, facts):
    sehwan, church = facts
    text = "Daesh bombed the shrine in Sehwan, killing 88 devotees. Peace be upon them."
    message = make_message(campaign, comms, text)

    response = client_for(comms).get(f"/api/v1/messages/{message.pk}/claim-suggestions/")

    assert response.status_code == 200
    [first] = response.json()
    assert (first["sentence"], first["start"]) == (text[: text.index(".") + 1], 0)
    best = first["facts"][0]
    assert best["id"] == sehwan.pk
    assert any("Sehwan" in why for why in best["why"])
    assert any("ISIS" in why for why in best["why"])
    assert church.pk not in [f["id"] for f in first["facts"][:1]]


def test_who_may_ask(client_for, anon, comms_outsider, reviewer, campaign, comms, facts):
    message = make_message(campaign, comms, "Daesh bombed the shrine in Sehwan.")
    url = f"/api/v1/messages/{message.pk}/claim-suggestions/"

    assert anon.get(url).status_code == 401
    assert client_for(comms_outsider).get(url).status_code == 404
    assert client_for(reviewer).get(url).status_code == 200
