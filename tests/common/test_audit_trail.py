"""Every write leaves an audit entry with who, when, the values before and after, and why —
transitions, many-to-many changes, deletions, bulk writes and report downloads included — and
each object's history is readable through the API by whoever may see the object."""

import random
from collections import Counter
from typing import Any

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client

from campaigns.services.campaign_workflow import campaign_submit_for_review
from campaigns.services.campaigns import campaign_update
from campaigns.services.links import evidence_link_propose
from campaigns.services.themes import theme_update
from common.models import AuditEntry
from common.roles import REVIEWERS
from evidence.models import Excerpt, Fact
from evidence.services.actors import actor_merge, actor_update
from evidence.services.conflicts import conflicts_change
from evidence.services.excerpts import excerpt_create, excerpt_delete
from evidence.services.facts import fact_resolve_conflict, fact_update
from evidence.services.sources import source_create, source_retract, source_update
from reports.services.builds import report_build, report_fail
from reports.services.requests import report_request
from tests.campaigns.factories import (
    Report,
    killed,
    make_actor,
    make_campaign,
    make_fact,
    make_message,
    theme,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SOURCE_TEXT = "The bombing at the shrine killed 88 people, officials said on Friday."


def history(client: Any, path: str) -> list[dict[str, Any]]:
    response = client.get(f"{path}history/")
    assert response.status_code == 200, response.content
    return list(response.json()["results"])


def test_a_sources_history_shows_each_change_newest_first(client_for, source_admin, comms):
    source = source_create(
        title="Dawn report", text=SOURCE_TEXT, reliability="B", created_by=source_admin
    )
    source_update(source=source, actor=source_admin, title="Dawn: shrine report")
    source_retract(source=source, reason="The paper withdrew the story.", actor=source_admin)

    entries = history(client_for(comms), f"/api/v1/sources/{source.pk}/")

    assert [e["action"] for e in entries] == ["source.retract", "source.update", "source.create"]
    retract, update, create = entries
    assert retract["changes"]["status"] == ["active", "retracted"]
    assert retract["comment"] == "The paper withdrew the story."
    assert update["changes"]["title"] == ["Dawn report", "Dawn: shrine report"]
    assert create["changes"]["title"] == [None, "Dawn report"]
    assert {e["actor"] for e in entries} == {source_admin.pk}
    assert entries[0]["actor_name"] == source_admin.username
    assert set(entries[0]) >= {"actor", "at", "action", "changes", "comment"}


def test_fact_actor_and_excerpt_changes_keep_their_values(client_for, source_admin, reviewer):
    fact = make_fact(title="Sehwan attack", reports=[Report(SOURCE_TEXT, [killed(88)])])
    group = make_actor("Islamic State", ["ISIS"])

    fact_update(fact=fact, actor=source_admin, title="Sehwan shrine bombing", claimed_by=[group])
    actor_update(actor=group, updated_by=source_admin, name="Islamic State Khorasan")
    excerpt = Excerpt.objects.get(fact=fact)
    excerpt_delete(excerpt=excerpt, actor=source_admin)

    client = client_for(reviewer)
    edits = [
        e for e in history(client, f"/api/v1/facts/{fact.pk}/") if e["actor"] == source_admin.pk
    ]
    assert [e["action"] for e in edits] == ["fact.update"]
    fact_changes = edits[0]["changes"]
    assert fact_changes["title"] == ["Sehwan attack", "Sehwan shrine bombing"]
    assert fact_changes["claimed_by"] == [[], [group.pk]]
    actor_changes = history(client, f"/api/v1/actors/{group.pk}/")[0]["changes"]
    assert actor_changes["name"] == ["Islamic State", "Islamic State Khorasan"]
    deleted = AuditEntry.objects.get(target_type="evidence.excerpt", action="excerpt.delete")
    assert deleted.actor == source_admin
    assert deleted.changes["exact"] == [SOURCE_TEXT, None]


def test_campaign_edits_and_transitions_are_one_entry_each(client_for, comms, comms_outsider):
    campaign = make_campaign(comms, audiences=["Students"])
    campaign_update(campaign=campaign, actor=comms, audiences=["Students", "Teachers"])
    campaign_submit_for_review(campaign=campaign, actor=comms, comment="Ready for a look.")

    entries = history(client_for(comms), f"/api/v1/campaigns/{campaign.pk}/")

    assert [e["action"] for e in entries][:2] == ["campaign.submit", "campaign.update"]
    assert entries[0]["changes"]["status"] == ["draft", "in_review"]
    assert entries[0]["comment"] == "Ready for a look."
    assert entries[1]["changes"]["audiences"] == [["Students"], ["Students", "Teachers"]]
    # Someone who may not see the campaign may not read its history either.
    assert (
        client_for(comms_outsider).get(f"/api/v1/campaigns/{campaign.pk}/history/").status_code
        == 404
    )


def test_history_follows_the_endpoints_access_rules(client_for, comms, no_role_user):
    campaign = make_campaign(comms)
    message = make_message(campaign, comms, "The shrine was attacked.")
    path = f"/api/v1/messages/{message.pk}/history/"
    assert client_for(None).get(path).status_code == 401
    assert client_for(no_role_user).get(path).status_code == 403
    assert client_for(comms).get(path).json()["results"][0]["action"] == "message.create"


def test_recomputed_flags_are_recorded_row_by_row(comms, reviewer):
    fact = make_fact(
        title="Sehwan shrine bombing",
        reports=[Report(SOURCE_TEXT, [killed(88)]), Report(f"Again: {SOURCE_TEXT}", [killed(88)])],
    )
    campaign = make_campaign(comms)
    message = make_message(campaign, comms, "The shrine bombing killed 88 people.")
    before = list(message.flags)
    evidence_link_propose(
        message=message, fact=fact, claim="The shrine bombing killed 88 people", actor=comms
    )
    message.refresh_from_db()

    assert message.flags != before
    bulk = AuditEntry.objects.filter(
        target_type="campaigns.message",
        target_id=str(message.pk),
        comment="Claim checks ran again.",
    ).first()
    assert bulk is not None
    assert bulk.changes["flags"] == [before, message.flags]


def test_theme_and_group_changes_are_recorded(source_admin):
    shrine = theme("brutality-against-muslims")
    theme_update(theme=shrine, actor=source_admin, name="Brutality against Muslims (shrines)")
    entry = AuditEntry.objects.filter(target_type="campaigns.theme").first()
    assert entry is not None and entry.changes["name"][1] == "Brutality against Muslims (shrines)"

    root: Any = UserFactory(username="root", is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(root)
    reviewers = Group.objects.get(name=REVIEWERS)
    before = sorted(reviewers.permissions.values_list("pk", flat=True))
    extra = Permission.objects.get(codename="delete_source")
    response = client.post(
        f"/admin/auth/group/{reviewers.pk}/change/",
        {"name": REVIEWERS, "permissions": [str(pk) for pk in [*before, extra.pk]]},
    )
    assert response.status_code == 302
    group_entry = AuditEntry.objects.filter(target_type="auth.group").first()
    assert group_entry is not None and group_entry.actor == root
    assert group_entry.changes["permissions"] == [before, sorted([*before, extra.pk])]


def test_report_downloads_are_recorded(
    client_for, source_admin, django_capture_on_commit_callbacks
):
    client = client_for(source_admin)
    with django_capture_on_commit_callbacks(execute=True):
        requested = client.post(
            "/api/v1/reports/", {"kind": "source_register", "format": "csv"}, format="json"
        )
    assert requested.status_code == 202
    report_id = requested.json()["id"]
    assert client.get(f"/api/v1/reports/{report_id}/download/").status_code == 200

    entry = AuditEntry.objects.get(action="report.download")
    assert entry.actor == source_admin
    assert entry.target_id == str(report_id)


def test_bulk_rewrites_of_a_merged_actor_keep_each_facts_values(source_admin):
    """Merging rewrites every fact that names the old actor in one UPDATE; the trail still
    shows, fact by fact, which actor it named before and after, and who merged."""
    isis, daish = make_actor("ISIS"), make_actor("Daish group")
    facts = [make_fact(title=f"Statement {n}") for n in range(3)]
    Fact.objects.filter(pk__in=[f.pk for f in facts]).update(subject_actor=daish)

    actor_merge(actor=daish, into=isis, merged_by=source_admin)

    entries = AuditEntry.objects.filter(target_type="evidence.fact", action="fact.update")
    by_fact = {e.target_id: e for e in entries if "subject_actor" in e.changes}
    assert set(by_fact) == {str(f.pk) for f in facts}
    for entry in by_fact.values():
        assert entry.changes["subject_actor"] == [daish.pk, isis.pk]
        assert entry.actor == source_admin
        assert "merged into 'ISIS'" in entry.comment


def test_a_reports_transitions_are_recorded_with_their_values(source_admin):
    report = report_request(
        kind="source_register",
        format="csv",
        campaign=None,
        parameters=None,
        requested_by=source_admin,
    )

    report_build(report_id=report.pk, task_id="task-1")

    started = AuditEntry.objects.get(action="report.started", target_id=str(report.pk))
    assert started.changes["status"] == ["queued", "running"]
    assert started.changes["task_id"] == ["", "task-1"]
    succeeded = AuditEntry.objects.get(action="report.succeeded", target_id=str(report.pk))
    assert succeeded.changes["status"] == ["running", "succeeded"]
    assert succeeded.data["size"] > 0

    other = report_request(
        kind="source_register",
        format="csv",
        campaign=None,
        parameters=None,
        requested_by=source_admin,
    )
    report_fail(report_id=other.pk, error="The disk is full.")

    failed = AuditEntry.objects.get(action="report.failed", target_id=str(other.pk))
    assert failed.changes["status"] == ["queued", "failed"]
    assert failed.changes["error"] == ["", "The disk is full."]
    assert failed.comment == "The disk is full."


def test_a_facts_conflicts_record_only_the_reports_that_joined_or_left(
    client_for, source_admin, reviewer
):
    """A fact's conflicts list every report; its history records the report that joined a
    conflict, the one that left it, a resolution that changed and a conflict that went, not
    every report twice."""
    fact = make_fact(
        reports=[Report(f"The blast killed {n} people.", [killed(n)]) for n in (88, 90, 92)]
    )
    client = client_for(reviewer)

    def last_change() -> list[Any]:
        entries = history(client, f"/api/v1/facts/{fact.pk}/")
        return next(e["changes"]["conflicts"] for e in entries if "conflicts" in e["changes"])

    source = source_create(
        title="Late", text="A late report: 95 were killed.", reliability="B", created_by=None
    )
    excerpt = excerpt_create(source=source, exact="95 were killed", fact=fact, figures=[killed(95)])
    fact.refresh_from_db()
    (conflict,) = fact.conflicts
    joined = next(v for v in conflict["values"] if v["excerpt"] == excerpt.pk)
    assert len(conflict["values"]) == 4
    assert last_change() == [
        [{"kind": "figure", "field": "killed", "values": []}],
        [{"kind": "figure", "field": "killed", "values": [joined]}],
    ]

    fact_resolve_conflict(
        fact=fact, field="killed", wording="88 to 95", reason="Sources differ.", reviewer=reviewer
    )
    fact.refresh_from_db()
    resolution = fact.conflicts[0]["resolution"]
    assert resolution is not None
    first = Excerpt.objects.filter(fact=fact).order_by("pk").first()
    assert first is not None
    left = next(v for v in fact.conflicts[0]["values"] if v["excerpt"] == first.pk)
    excerpt_delete(excerpt=first, actor=source_admin)
    assert last_change() == [
        [{"kind": "figure", "field": "killed", "values": [left], "resolution": resolution}],
        [{"kind": "figure", "field": "killed", "values": [], "resolution": None}],
    ]


@pytest.mark.parametrize("seed", range(30))
def test_the_conflicts_record_gives_back_the_values_after(seed):
    """What the history records of a conflicts change, applied to the values before, gives
    the values after: no report that joined or left is missing, none is recorded twice."""
    rng = random.Random(seed)

    def values(n: int) -> list[dict[str, Any]]:
        return [
            {"value": f"{rng.choice([88, 90, 92])}", "excerpt": rng.randint(1, 9), "source": 1}
            for _ in range(n)
        ]

    before = values(rng.randint(0, 12))
    after = list(before)
    for _ in range(rng.randint(1, 4)):
        if after and rng.random() < 0.4:
            del after[rng.randrange(len(after))]
        else:
            after.insert(rng.randint(0, len(after)), *values(1))
    old = [{"kind": "figure", "field": "killed", "values": before, "resolution": None}]
    new = [{"kind": "figure", "field": "killed", "values": after, "resolution": None}]
    was, now = conflicts_change(old, new)
    if before == after:
        assert was == now == []
        return

    def key(v: dict[str, Any]) -> tuple[Any, ...]:
        return (v["value"], v["excerpt"], v["source"])

    (gone,), (came,) = was, now
    rebuilt = Counter(map(key, before)) - Counter(map(key, gone["values"]))
    assert rebuilt + Counter(map(key, came["values"])) == Counter(map(key, after))
    assert not Counter(map(key, gone["values"])) & Counter(map(key, came["values"]))
