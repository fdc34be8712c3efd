"""Statements compiled once per shape answer as the ORM does, for each value, through Django's
cursor and converters; a query whose SQL would not follow its values is refused."""

import datetime

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test.utils import CaptureQueriesContext

from campaigns.models import Notification
from campaigns.selectors.notifications import notification_unread_count
from common.compiled import Statement
from common.roles import COMMUNICATIONS, REVIEWERS, role_names
from tests.factories import communications_user, reviewer_user

pytestmark = pytest.mark.django_db


def _notify(user, kind="link_decided", count=1):
    return [
        Notification.objects.create(recipient=user, kind=kind, text="Words") for _ in range(count)
    ]


def test_each_user_gets_their_own_roles_and_the_query_is_seen():
    comms, reviewer = communications_user(username="c1"), reviewer_user(username="r1")
    with CaptureQueriesContext(connection) as captured:
        assert role_names(comms) == {COMMUNICATIONS}
        assert role_names(reviewer) == {REVIEWERS}
    assert len(captured.captured_queries) == 2
    assert all("auth_group" in q["sql"] for q in captured.captured_queries)


def test_the_unread_count_is_each_recipients_own():
    comms, reviewer = communications_user(username="c1"), reviewer_user(username="r1")
    _notify(comms, count=3)
    assert notification_unread_count(user=comms) == 3
    assert notification_unread_count(user=reviewer) == 0
    Notification.objects.filter(recipient=comms).update(read_at="2026-12-01T00:00:00Z")
    assert notification_unread_count(user=comms) == 0


_OF_KIND = Statement(
    lambda user_id, ids, kind: (
        Notification.objects.filter(recipient_id=user_id, pk__in=ids, kind=kind, read_at=None)
        .order_by("pk")
        .values_list("pk", "created_at")
    )
)


def test_lists_of_any_length_strings_and_constants_answer_as_the_orm_does():
    comms, reviewer = communications_user(username="c1"), reviewer_user(username="r1")
    decided = _notify(comms, count=4)
    other_kind = _notify(comms, kind="message_decided")
    theirs = _notify(reviewer)
    every_id = [n.pk for n in [*decided, *other_kind, *theirs]]
    for ids in (every_id, every_id[:2], every_id[3:], every_id[1:2]):
        expected = list(_OF_KIND.build(user_id=comms.pk, ids=ids, kind="link_decided"))
        found = _OF_KIND.rows(user_id=comms.pk, ids=ids, kind="link_decided")
        assert found == expected
        assert [pk for pk, _ in found] == [n.pk for n in decided if n.pk in ids]
    # The constant (`read_at=None`) stays in the SQL: a read notification is not found.
    Notification.objects.filter(pk=decided[0].pk).update(read_at="2026-12-01T00:00:00Z")
    assert [pk for pk, _ in _OF_KIND.rows(user_id=comms.pk, ids=every_id, kind="link_decided")] == [
        n.pk for n in decided[1:]
    ]
    assert _OF_KIND.rows(user_id=comms.pk, ids=every_id, kind="message_decided") == [
        (other_kind[0].pk, other_kind[0].created_at)
    ]


def test_values_come_through_djangos_converters():
    comms = communications_user(username="c1")
    (notification,) = _notify(comms)
    ((_pk, created_at),) = _OF_KIND.rows(
        user_id=comms.pk, ids=[notification.pk], kind="link_decided"
    )
    # On SQLite the cursor answers a string; the converters make it the datetime the ORM reads.
    assert isinstance(created_at, datetime.datetime)
    assert created_at == Notification.objects.get().created_at


def test_an_empty_list_is_answered_by_the_orm():
    comms = communications_user(username="c1")
    _notify(comms)
    with CaptureQueriesContext(connection) as captured:
        assert _OF_KIND.rows(user_id=comms.pk, ids=[], kind="link_decided") == []
    assert captured.captured_queries == []


def test_a_value_the_query_transforms_is_refused():
    shifted = Statement(
        lambda pk: Notification.objects.filter(recipient_id=pk + 1).values_list("pk")
    )
    with pytest.raises(ImproperlyConfigured, match="not one of the values"):
        shifted.rows(pk=1)


def test_sql_that_depends_on_a_value_is_refused():
    chooses = Statement(
        lambda pk: Notification.objects.filter(
            **({"recipient_id": pk} if pk % 2 else {"actor_id": pk})
        ).values_list("pk")
    )
    with pytest.raises(ImproperlyConfigured, match="depends on the values"):
        chooses.rows(pk=1)


def test_only_a_values_list_query_is_taken():
    whole_rows = Statement(lambda pk: Notification.objects.filter(recipient_id=pk))
    with pytest.raises(ImproperlyConfigured, match="values_list"):
        whole_rows.rows(pk=1)
