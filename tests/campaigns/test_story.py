"""The whole story through the API: a draft campaign, its messages and evidence links, the
review, the readiness problems, the fixes, approval and activation."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.campaigns.factories import Report, killed, make_actor, make_fact, theme
from tests.factories import communications_user
from tests.versioning import patch_current

pytestmark = pytest.mark.django_db


@pytest.fixture
def church_claimed_by_isis(db):  # type: ignore[no-untyped-def]
    isis = make_actor("ISIS", ["Daesh"])
    return make_fact(
        title="Quetta church attack",
        target_type="worshippers",
        victim_community="christian",
        claimed_by=[isis],
        reports=[
            Report(
                "ISIS claimed the attack on the church, which killed nine worshippers.",
                [killed(9)],
                claimed_by=[isis],
            ),
            Report("Nine worshippers were killed at the Methodist church.", [killed(9)]),
        ],
    )


def test_from_draft_to_active_campaign(
    client_for, comms, reviewer, shrine_fact, church_claimed_by_isis
):
    writer, editor = client_for(comms), client_for(reviewer)
    member = communications_user(username="radio-producer")
    producer = client_for(member)
    today = timezone.localdate()

    # 1. A draft plan.
    created = writer.post(
        "/api/v1/campaigns/",
        {
            "name": "Not in our name",
            "goal": "Show that the group kills Muslims and Christians alike.",
            "audiences": ["University students", "Women's seminaries"],
            "messengers": ["Survivors"],
            "channels": ["x", "radio"],
            "call_to_action": "Share #NotInOurName",
            "indicators": [{"name": "Shares", "target": 10000}],
            "starts_on": str(today + timedelta(days=1)),
            "ends_on": str(today + timedelta(days=14)),
            "themes": [
                theme("brutality-against-muslims").pk,
                theme("brutality-against-non-muslims").pk,
            ],
            "team": [member.pk],
        },
        format="json",
    )
    assert created.status_code == 201
    campaign = created.json()["id"]

    # 2. Messages: an English post for X (with two claims, both overstated) and an Urdu radio spot.
    post = writer.post(
        "/api/v1/messages/",
        {
            "campaign": campaign,
            "channel": "x",
            "language": "en",
            "theme": theme("brutality-against-muslims").pk,
            "text": "The Sehwan shrine bombing killed 100 worshippers. "
            "ISIS bombed the Quetta church, killing nine worshippers.",
        },
        format="json",
    )
    spot = producer.post(
        "/api/v1/messages/",
        {
            "campaign": campaign,
            "channel": "radio",
            "language": "ur",
            "theme": theme("brutality-against-non-muslims").pk,
            "text": "داعش مسلمانوں اور غیر مسلموں دونوں کا دشمن ہے۔",
        },
        format="json",
    )
    assert post.status_code == 201 and spot.status_code == 201
    assert spot.json()["direction"] == "rtl"
    post_id, spot_id = post.json()["id"], spot.json()["id"]
    assert {f["code"] for f in post.json()["flags"]} == {"figure_without_evidence"}

    # 3. Evidence links for each claim.
    shrine = writer.post(
        "/api/v1/evidence-links/",
        {"message": post_id, "fact": shrine_fact.pk, "claim": "killed 100 worshippers"},
        format="json",
    ).json()
    church = writer.post(
        "/api/v1/evidence-links/",
        {
            "message": post_id,
            "fact": church_claimed_by_isis.pk,
            "claim": "ISIS bombed the Quetta church, killing nine worshippers",
        },
        format="json",
    ).json()
    assert shrine["flags"][0]["suggestion"] == "88"
    assert church["flags"][0] == {
        "code": "attribution_disputed",
        "message": church["flags"][0]["message"],
        # The suggestion replaces exactly the flag's words ("ISIS bombed" → "ISIS claimed it
        # bombed"), so applying it keeps the sentence whole.
        "suggestion": "ISIS claimed it bombed",
        "actor_id": church_claimed_by_isis.claimed_by.get().pk,
        "words": "ISIS bombed",
        "start": 0,
        "end": 11,
    }

    # 4. The team asks for review.
    for message in (post_id, spot_id):
        assert writer.post(f"/api/v1/messages/{message}/submit/").status_code == 200
    assert writer.post(f"/api/v1/campaigns/{campaign}/submit/").json()["status"] == "in_review"

    # 5. The reviewer works the queue, oldest first, and sends both claims back.
    queue = editor.get("/api/v1/evidence-links/?status=proposed").json()["results"]
    assert [link["id"] for link in queue] == [shrine["id"], church["id"]]
    for link in queue:
        sent_back = editor.post(
            f"/api/v1/evidence-links/{link['id']}/request-changes/",
            {"comment": f"Use the safe wording: {link['flags'][0]['suggestion']}"},
            format="json",
        )
        assert sent_back.json()["status"] == "changes_requested"

    # 6. Approval is refused, with every reason.
    refused = editor.post(f"/api/v1/campaigns/{campaign}/approve/")
    assert refused.status_code == 409
    codes = {p["code"] for p in refused.json()["problems"]}
    assert {
        "link_not_approved",
        "open_flag",
        "message_not_approved",
        "brutality_evidence_missing",
    } <= codes
    readiness = editor.get(f"/api/v1/campaigns/{campaign}/readiness/").json()
    assert readiness["ready"] is False and readiness["problems"] == refused.json()["problems"]

    # 7. The team fixes the words and the claims.
    fixed = patch_current(
        writer,
        f"/api/v1/messages/{post_id}/",
        {
            "text": "The Sehwan shrine bombing killed 88 worshippers. "
            "The Quetta church attack, claimed by ISIS, killed nine worshippers."
        },
        format="json",
    )
    assert (fixed.json()["revision"], fixed.json()["status"]) == (2, "in_review")
    for link, claim in (
        (shrine, "killed 88 worshippers"),
        (church, "The Quetta church attack, claimed by ISIS, killed nine worshippers"),
    ):
        reworded = writer.patch(
            f"/api/v1/evidence-links/{link['id']}/", {"claim": claim}, format="json"
        )
        assert reworded.json()["status"] == "proposed"
        assert reworded.json()["flags"] == []

    # 8. The reviewer approves the evidence and the messages.
    for link in (shrine, church):
        assert (
            editor.post(f"/api/v1/evidence-links/{link['id']}/approve/").json()["status"]
            == "approved"
        )
    for message in (post_id, spot_id):
        assert editor.post(f"/api/v1/messages/{message}/approve/").json()["status"] == "approved"
    assert editor.get(f"/api/v1/messages/{post_id}/").json()["flags"] == []

    # 9. Ready, approved, live.
    assert editor.get(f"/api/v1/campaigns/{campaign}/readiness/").json() == {
        "ready": True,
        "problems": [],
    }
    coverage = editor.get(f"/api/v1/campaigns/{campaign}/coverage/").json()
    assert coverage["main_idea"] == {"follows": True, "muslim": True, "non_muslim": True}
    approved = editor.post(
        f"/api/v1/campaigns/{campaign}/approve/", {"comment": "Go"}, format="json"
    )
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    active = producer.post(f"/api/v1/campaigns/{campaign}/activate/")
    assert active.status_code == 200 and active.json()["status"] == "active"
    history = writer.get(f"/api/v1/campaigns/{campaign}/transitions/").json()
    assert [(h["to_status"], h["actor"]) for h in history] == [
        ("in_review", comms.pk),
        ("approved", reviewer.pk),
        ("active", member.pk),
    ]
