"""Readiness problems on the campaign page, in error style, each linking to where it is fixed:
the fact page's conflict, the review card, the message editor."""

import pytest
from django.urls import reverse

from campaigns.services.links import evidence_link_approve

pytestmark = pytest.mark.django_db


def test_each_problem_links_to_where_it_is_fixed(page_client, comms, reviewer, scenario):
    evidence_link_approve(link=scenario.urdu_link, reviewer=reviewer)
    page = page_client(comms).get(reverse("web:campaign", args=[scenario.campaign.pk]))
    text = page.content.decode()
    assert '<div class="problems-box" id="readiness-problems">' in text
    # The disputed fact under the English claim: its conflict on the fact page.
    assert (
        f'<a href="/facts/{scenario.hospital.pk}/#conflict-killed">'
        "Resolve the conflict on the fact page</a>" in text
    )
    # The link still waiting for a Reviewer: its card in the queue.
    assert (
        f'<a href="/review/?campaign={scenario.campaign.pk}#link-{scenario.flagged_link.pk}">'
        "Review the link</a>" in text
    )
    # A draft message, and the figure the writer must reword: the message editor.
    assert f'<a href="/messages/{scenario.english.pk}/edit/">Open the message editor</a>' in text


def test_a_message_waiting_for_review_links_to_its_card(page_client, comms, scenario):
    from campaigns.services.messages import message_submit

    message_submit(message=scenario.english, actor=comms)
    page = page_client(comms).get(reverse("web:campaign", args=[scenario.campaign.pk]))
    assert (
        f'<a href="/review/messages/#message-{scenario.english.pk}">Review the message</a>'
        in page.content.decode()
    )
