"""Notifications: decisions reach the proposer and the writer, links re-opened by changed
evidence reach the proposer and the Reviewers, new links reach the Reviewers; e-mailed once,
after the commit, to people with an address (the default backend prints them)."""

import pytest
from django.core import mail
from django.test import override_settings

from campaigns.models import Notification
from campaigns.services.links import evidence_link_approve, evidence_link_reject
from campaigns.services.messages import message_approve, message_reject, message_submit
from campaigns.services.notifications import notification_email_send, notifications_mark_read
from evidence.services.sources import source_retract
from tests.factories import reviewer_user
from tests.web.factories import web_scenario

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def scenario(comms, reviewer):  # type: ignore[no-untyped-def]
    # `reviewer` exists before the links are proposed, so they are told of them.
    return web_scenario(owner=comms)


def inbox_of(user) -> list[str]:  # type: ignore[no-untyped-def]
    return list(
        Notification.objects.filter(recipient=user).order_by("id").values_list("text", flat=True)
    )


def test_a_new_link_is_announced_to_every_reviewer_not_to_its_proposer(comms, reviewer, scenario):
    texts = inbox_of(reviewer)
    assert f"comms1 proposed “killed 75 people” for review ({scenario.campaign.name})." in texts
    assert len(texts) == 2
    kinds = set(Notification.objects.filter(recipient=reviewer).values_list("kind", flat=True))
    assert kinds == {"review_waiting"}
    assert inbox_of(comms) == []


def test_a_decision_reaches_the_proposer_with_the_comment(comms, reviewer, scenario):
    evidence_link_reject(
        link=scenario.flagged_link, reviewer=reviewer, comment="Says 75; use at least 70."
    )
    evidence_link_approve(link=scenario.urdu_link, reviewer=reviewer, comment="")
    texts = inbox_of(comms)
    assert texts[0] == (
        f"reviewer1 rejected your evidence link “killed 75 people” ({scenario.campaign.name})."
        " “Says 75; use at least 70.”"
    )
    assert texts[1].startswith("reviewer1 approved your evidence link “")
    urls = Notification.objects.filter(recipient=comms).order_by("id").values_list("url", flat=True)
    assert list(urls) == [
        f"/campaigns/{scenario.campaign.pk}/#message-{scenario.english.pk}",
        f"/campaigns/{scenario.campaign.pk}/#message-{scenario.urdu.pk}",
    ]


@override_settings(SITE_URL="https://counterpoint.example.org")
def test_a_decision_emails_the_proposer_once_after_the_commit(comms, reviewer, scenario):
    mail.outbox.clear()
    evidence_link_reject(link=scenario.flagged_link, reviewer=reviewer, comment="Use 70.")

    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == [comms.email]
    assert sent.subject == "Counterpoint: Decision on your evidence link"
    assert "reviewer1 rejected your evidence link “killed 75 people”" in sent.body
    assert (
        f"https://counterpoint.example.org/campaigns/{scenario.campaign.pk}/"
        f"#message-{scenario.english.pk}" in sent.body
    )
    # Sending the same notification again (a repeated task) sends nothing.
    notification = Notification.objects.get(recipient=comms)
    assert notification_email_send(notification_id=notification.pk) is False
    assert len(mail.outbox) == 1


def test_nobody_without_an_address_is_emailed(comms, reviewer, scenario):
    comms.email = ""
    comms.save(update_fields=["email"])
    mail.outbox.clear()
    evidence_link_approve(link=scenario.urdu_link, reviewer=reviewer, comment="")
    assert mail.outbox == []
    assert len(inbox_of(comms)) == 1


def test_a_refused_decision_notifies_nobody(comms, reviewer, scenario):
    with pytest.raises(Exception, match="comment is required"):
        evidence_link_reject(link=scenario.flagged_link, reviewer=reviewer, comment="")
    assert inbox_of(comms) == []


def test_a_link_reopened_by_changed_evidence_reaches_the_proposer_and_the_reviewers(
    comms, reviewer, source_admin, scenario
):
    reviewer2 = reviewer_user(username="reviewer-b")
    evidence_link_approve(link=scenario.urdu_link, reviewer=reviewer, comment="")
    source_retract(source=scenario.sources[0], reason="Wrong figures.", actor=source_admin)

    writer_texts = inbox_of(comms)
    assert any(
        text.startswith("Your evidence link “") and "is back in review: " in text
        for text in writer_texts
    )
    assert any("The figures its sources report changed" in text for text in writer_texts)
    assert any(text.startswith("Back in the review queue: “") for text in inbox_of(reviewer2))


def test_a_message_decision_reaches_its_writer(comms, reviewer, scenario):
    message_submit(message=scenario.english, actor=comms)
    message_reject(message=scenario.english, reviewer=reviewer, comment="Too long for Facebook.")
    message_submit(message=scenario.urdu, actor=comms)
    message_approve(message=scenario.urdu, reviewer=reviewer)
    texts = inbox_of(comms)
    assert texts == [
        f"reviewer1 rejected your Facebook message ({scenario.campaign.name}). "
        "“Too long for Facebook.”",
        f"reviewer1 approved your X (Twitter) message ({scenario.campaign.name}).",
    ]


def test_marking_read_touches_only_your_own(comms, reviewer, scenario):
    evidence_link_approve(link=scenario.urdu_link, reviewer=reviewer, comment="")
    theirs = Notification.objects.filter(recipient=comms).values_list("pk", flat=True)
    assert notifications_mark_read(user=reviewer, ids=list(theirs)) == 0
    assert Notification.objects.filter(recipient=comms, read_at=None).count() == 1
    assert notifications_mark_read(user=reviewer) == 2
    assert Notification.objects.filter(recipient=reviewer, read_at=None).count() == 0
