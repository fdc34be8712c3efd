"""Re-review on change: when the evidence under an approved link changes, the link goes back
to the review queue with the reason, and an approved or active campaign shows it."""

import pytest

from campaigns.models import EvidenceLink, EvidenceLinkReview
from campaigns.selectors.readiness import campaign_readiness
from campaigns.services.campaign_workflow import (
    campaign_activate,
    campaign_approve,
    campaign_submit_for_review,
)
from campaigns.services.links import evidence_link_approve, evidence_links_reopen
from common.errors import TransitionNotAllowed
from common.models import AuditEntry
from evidence.services.excerpts import excerpt_create
from evidence.services.sources import source_create, source_retract, source_update
from tests.campaigns.factories import killed

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved_campaign(ready_campaign, comms, reviewer2):  # type: ignore[no-untyped-def]
    campaign_submit_for_review(campaign=ready_campaign, actor=comms)
    return campaign_approve(campaign=ready_campaign, reviewer=reviewer2)


def _shrine_link(campaign):  # type: ignore[no-untyped-def]
    return EvidenceLink.objects.get(message__campaign=campaign, claim__contains="shrine")


def test_retracting_a_source_reopens_the_approved_links(
    approved_campaign, shrine_fact, source_admin
):
    source = shrine_fact.excerpts.first().source

    source_retract(source=source, reason="The paper withdrew the story", actor=source_admin)

    link = _shrine_link(approved_campaign)
    assert link.status == "proposed"
    assert "withdrew the story" in link.reopened_reason
    assert EvidenceLinkReview.objects.filter(link=link, decision="reopen").exists()
    assert AuditEntry.objects.filter(action="evidence_link.reopen", target_id=str(link.pk)).exists()
    church = EvidenceLink.objects.get(message__campaign=approved_campaign, claim__contains="church")
    assert church.status == "approved"


def test_an_approved_campaign_shows_the_problem_and_cannot_go_live(
    approved_campaign, shrine_fact, source_admin, comms
):
    source_retract(
        source=shrine_fact.excerpts.first().source, reason="Withdrawn", actor=source_admin
    )

    readiness = campaign_readiness(campaign=approved_campaign)
    with pytest.raises(TransitionNotAllowed) as refused:
        campaign_activate(campaign=approved_campaign, actor=comms)

    link = _shrine_link(approved_campaign)
    assert not readiness["ready"]
    assert {"code": "link_not_approved", "link_id": link.pk}.items() <= next(
        p for p in readiness["problems"] if p["code"] == "link_not_approved"
    ).items()
    assert refused.value.problems == readiness["problems"]


def test_an_active_campaign_shows_the_problem(approved_campaign, shrine_fact, source_admin, comms):
    campaign_activate(campaign=approved_campaign, actor=comms)

    source_retract(
        source=shrine_fact.excerpts.first().source, reason="Withdrawn", actor=source_admin
    )

    codes = [p["code"] for p in campaign_readiness(campaign=approved_campaign)["problems"]]
    assert "link_not_approved" in codes


def test_new_figures_reopen_the_link_and_flag_the_claim(approved_campaign, shrine_fact):
    source = source_create(
        title="Later count",
        text="Hospital records show more than one hundred people were killed at the shrine.",
        reliability="B",
        publisher="Another paper",
        created_by=None,
    )

    excerpt_create(
        source=source,
        exact="more than one hundred people were killed",
        fact=shrine_fact,
        figures=[killed(100, None, "more_than")],
    )

    link = _shrine_link(approved_campaign)
    assert link.status == "proposed"
    assert "figures" in link.reopened_reason.lower()
    figure = next(f for f in link.flags if f["code"] == "figure_exceeds_evidence")
    assert figure["suggestion"] == "at least 88"


def test_an_excerpt_that_stops_anchoring_reopens_the_link(
    approved_campaign, shrine_fact, source_admin
):
    source = shrine_fact.excerpts.first().source

    source_update(source=source, actor=source_admin, text="The article was rewritten entirely.")

    link = _shrine_link(approved_campaign)
    assert link.status == "proposed"
    assert "excerpt_unanchored" in [f["code"] for f in link.flags]


def test_a_downgraded_source_reopens_the_link(approved_campaign, shrine_fact, source_admin):
    source_update(source=shrine_fact.excerpts.first().source, actor=source_admin, reliability="E")

    link = _shrine_link(approved_campaign)
    assert link.status == "proposed"
    assert "source_below_minimum_grade" in [f["code"] for f in link.flags]


def test_unrelated_evidence_changes_leave_links_alone(approved_campaign, source_admin):
    other = source_create(
        title="Unrelated", text="Nothing to do with it.", reliability="B", created_by=None
    )

    source_retract(source=other, reason="Wrong", actor=source_admin)

    assert set(
        EvidenceLink.objects.filter(message__campaign=approved_campaign).values_list(
            "status", flat=True
        )
    ) == {"approved"}


def test_a_link_approved_since_it_was_read_is_still_reopened(
    approved_campaign, shrine_fact, reviewer
):
    # The receiver reads the link while it is back in review; a Reviewer approves it before
    # the next change arrives. That change must still send the approved link back.
    link = _shrine_link(approved_campaign)
    evidence_links_reopen(links=[link], reason="First change.")
    stale = EvidenceLink.objects.get(pk=link.pk)
    evidence_link_approve(link=stale, reviewer=reviewer)

    evidence_links_reopen(links=[stale], reason="Second change.")

    link.refresh_from_db()
    assert (link.status, link.reopened_reason) == ("proposed", "Second change.")
