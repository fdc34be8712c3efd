"""Object-level visibility: a campaign, its messages, links, readiness and coverage exist only
for its owner, its team, Reviewers and Source admins. Anyone else gets 404 on every endpoint,
whatever the method, and never sees it in a list."""

import pytest

from campaigns.models import Campaign, EvidenceLink, Message
from campaigns.services.links import evidence_link_propose
from tests.campaigns.factories import make_message

pytestmark = pytest.mark.django_db


@pytest.fixture
def link(campaign, comms, shrine_fact):  # type: ignore[no-untyped-def]
    message = make_message(campaign, comms, "The bombing killed 88 worshippers.")
    return evidence_link_propose(
        message=message, fact=shrine_fact, claim="killed 88 worshippers", actor=comms
    )


def _endpoints(campaign, link):  # type: ignore[no-untyped-def]
    c, m, lk = campaign.pk, link.message_id, link.pk
    return [
        ("get", f"/api/v1/campaigns/{c}/"),
        ("patch", f"/api/v1/campaigns/{c}/"),
        ("put", f"/api/v1/campaigns/{c}/"),
        ("get", f"/api/v1/campaigns/{c}/readiness/"),
        ("get", f"/api/v1/campaigns/{c}/coverage/"),
        ("get", f"/api/v1/campaigns/{c}/transitions/"),
        *[
            ("post", f"/api/v1/campaigns/{c}/{step}/")
            for step in ("submit", "approve", "activate", "close", "reopen")
        ],
        ("get", f"/api/v1/messages/{m}/"),
        ("patch", f"/api/v1/messages/{m}/"),
        ("delete", f"/api/v1/messages/{m}/"),
        ("get", f"/api/v1/messages/{m}/revisions/"),
        *[("post", f"/api/v1/messages/{m}/{step}/") for step in ("submit", "approve", "reject")],
        ("get", f"/api/v1/evidence-links/{lk}/"),
        ("patch", f"/api/v1/evidence-links/{lk}/"),
        ("delete", f"/api/v1/evidence-links/{lk}/"),
        ("get", f"/api/v1/evidence-links/{lk}/reviews/"),
        *[
            ("post", f"/api/v1/evidence-links/{lk}/{step}/")
            for step in ("approve", "reject", "request-changes")
        ],
    ]


# A Communications user off the team does not learn the campaign exists (404); a user with
# no role is refused everything before any object is looked up (403, as on every page).
@pytest.mark.parametrize(
    ("user_fixture", "expected"), [("comms_outsider", 404), ("no_role_user", 403)]
)
def test_outsiders_are_refused_on_every_endpoint(
    client_for, request, campaign, link, user_fixture, expected
):
    client = client_for(request.getfixturevalue(user_fixture))

    for method, url in _endpoints(campaign, link):
        response = getattr(client, method)(url, {"comment": "x", "text": "x"}, format="json")
        assert response.status_code == expected, (method, url, response.status_code)

    assert Campaign.objects.get(pk=campaign.pk).status == "draft"
    assert Message.objects.filter(pk=link.message_id).exists()
    assert EvidenceLink.objects.get(pk=link.pk).status == "proposed"


def test_outsiders_see_nothing_in_the_lists(client_for, comms_outsider, campaign, link):
    client = client_for(comms_outsider)

    for url in ("/api/v1/campaigns/", "/api/v1/messages/", "/api/v1/evidence-links/"):
        assert client.get(url).json()["results"] == [], url


def test_outsiders_cannot_add_messages_or_links_to_the_campaign(
    client_for, comms_outsider, campaign, link, shrine_fact
):
    client = client_for(comms_outsider)

    message = client.post(
        "/api/v1/messages/",
        {"campaign": campaign.pk, "channel": "x", "language": "en", "text": "Sneaky"},
        format="json",
    )
    evidence = client.post(
        "/api/v1/evidence-links/",
        {"message": link.message_id, "fact": shrine_fact.pk, "claim": "killed"},
        format="json",
    )

    # The same answer as for an id that does not exist: nothing reveals the campaign.
    assert message.status_code == 400 and "does not exist" in message.json()["campaign"][0]
    assert evidence.status_code == 400 and "does not exist" in evidence.json()["message"][0]


@pytest.mark.parametrize("user_fixture", ["comms", "reviewer", "source_admin"])
def test_owner_reviewers_and_source_admins_see_everything(
    client_for, request, campaign, link, user_fixture
):
    client = client_for(request.getfixturevalue(user_fixture))

    for url in (
        f"/api/v1/campaigns/{campaign.pk}/",
        f"/api/v1/campaigns/{campaign.pk}/readiness/",
        f"/api/v1/campaigns/{campaign.pk}/coverage/",
        f"/api/v1/messages/{link.message_id}/",
        f"/api/v1/evidence-links/{link.pk}/",
    ):
        assert client.get(url).status_code == 200, url


def test_the_team_sees_the_campaign(client_for, comms_outsider, campaign, link, comms):
    from campaigns.services.campaigns import campaign_update

    campaign_update(campaign=campaign, actor=comms, team=[comms_outsider])

    response = client_for(comms_outsider).get(f"/api/v1/campaigns/{campaign.pk}/")

    assert response.status_code == 200


def test_anonymous_callers_get_401(anon, campaign):
    assert anon.get(f"/api/v1/campaigns/{campaign.pk}/").status_code == 401


@pytest.mark.parametrize("path", ["campaigns", "messages", "evidence-links", "themes"])
def test_a_non_numeric_id_is_404(client_for, comms, path):
    assert client_for(comms).get(f"/api/v1/{path}/abc/").status_code == 404


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("/api/v1/messages/?campaign={campaign}", "campaign"),
        ("/api/v1/evidence-links/?campaign={campaign}", "campaign"),
        ("/api/v1/evidence-links/?message={message}", "message"),
    ],
)
def test_filtering_by_a_hidden_id_answers_as_for_an_unknown_id(
    client_for, comms_outsider, campaign, link, query, field
):
    client = client_for(comms_outsider)

    hidden = client.get(query.format(campaign=campaign.pk, message=link.message_id))
    unknown = client.get(query.format(campaign=10**20, message=10**20))

    # Nothing tells an outsider the campaign exists; an id too big for the database is no 500.
    assert (hidden.status_code, unknown.status_code) == (400, 400)
    assert list(hidden.json()) == list(unknown.json()) == [field]
