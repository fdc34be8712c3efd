"""Queries compiled once still answer for each user, and still go through Django's cursor."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test.utils import CaptureQueriesContext

from campaigns.models import Notification
from campaigns.selectors.notifications import notification_unread_count
from common.compiled import CompiledOnce
from common.roles import COMMUNICATIONS, REVIEWERS, role_names
from tests.factories import communications_user, reviewer_user

pytestmark = pytest.mark.django_db


def test_each_user_gets_their_own_roles_and_the_query_is_seen():
    comms, reviewer = communications_user(username="c1"), reviewer_user(username="r1")
    with CaptureQueriesContext(connection) as captured:
        assert role_names(comms) == {COMMUNICATIONS}
        assert role_names(reviewer) == {REVIEWERS}
    assert len(captured.captured_queries) == 2
    assert all("auth_group" in q["sql"] for q in captured.captured_queries)


def test_the_unread_count_is_each_recipients_own():
    comms, reviewer = communications_user(username="c1"), reviewer_user(username="r1")
    for _ in range(3):
        Notification.objects.create(recipient=comms, kind="link_decided", text="Words")
    assert notification_unread_count(user=comms) == 3
    assert notification_unread_count(user=reviewer) == 0
    Notification.objects.filter(recipient=comms).update(read_at="2026-12-01T00:00:00Z")
    assert notification_unread_count(user=comms) == 0


def test_a_query_of_more_than_one_value_is_refused():
    two = CompiledOnce(lambda pk: Notification.objects.filter(recipient_id=pk, id__gt=5))
    with pytest.raises(ImproperlyConfigured):
        two.rows(1)
