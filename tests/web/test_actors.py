"""Actors pages: list with aliases and ?q=, create and edit (names in any script), and merge
with the plan shown before confirming. Read for every role, write for Source admins."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from evidence.models import Actor, ActorAlias
from tests.evidence.factories import make_actor, make_fact
from tests.web.versions import opened_version

pytestmark = pytest.mark.django_db

LIST = reverse("web:actors")
NEW = reverse("web:actor-create")


def edit_url(actor: Actor) -> str:
    return reverse("web:actor-edit", args=[actor.pk])


def merge_url(actor: Actor) -> str:
    return reverse("web:actor-merge", args=[actor.pk])


@pytest.fixture
def isis():  # type: ignore[no-untyped-def]
    return make_actor("ISIS", aliases=["ISIL", "Daesh"])


def test_anonymous_visitors_are_sent_to_sign_in(page_client, isis):
    for address in (LIST, NEW, edit_url(isis), merge_url(isis)):
        response = page_client().get(address)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_every_role_reads_the_list_with_aliases(page_client, comms, reviewer, source_admin, isis):
    for user in (comms, reviewer, source_admin):
        page = page_client(user).get(LIST).content.decode()
        assert "ISIS" in page and "<bdi>Daesh</bdi>" in page


def test_q_matches_aliases(page_client, comms, isis):
    make_actor("Tehreek-e-Taliban Pakistan", aliases=["TTP"])
    page = page_client(comms).get(LIST, {"q": "daesh"}).content.decode()
    assert "ISIS" in page and "Tehreek-e-Taliban Pakistan" not in page


def test_only_source_admins_see_the_write_links(page_client, comms, source_admin, isis):
    assert edit_url(isis) not in page_client(comms).get(LIST).content.decode()
    assert edit_url(isis) in page_client(source_admin).get(LIST).content.decode()


def test_readers_and_users_without_a_role_cannot_write(
    page_client, comms, reviewer, no_role_user, isis
):
    other = make_actor("Daish group")
    for user in (comms, reviewer, no_role_user):
        client = page_client(user)
        for address in (NEW, edit_url(isis), merge_url(other)):
            assert client.get(address).status_code == 403
        assert client.post(NEW, {"name": "New group", "kind": "armed_group"}).status_code == 403
        assert client.post(merge_url(other), {"into": isis.pk, "confirm": "yes"}).status_code == 403
    assert page_client(no_role_user).get(LIST).status_code == 403
    assert not Actor.objects.filter(name="New group").exists()
    assert Actor.objects.filter(pk=other.pk).exists()


def test_a_source_admin_creates_an_actor_with_an_urdu_alias(page_client, source_admin):
    response = page_client(source_admin).post(
        NEW,
        {"name": "Lashkar-e-Jhangvi", "kind": "armed_group", "aliases": "LeJ\nلشکر جھنگوی\n"},
    )
    assert response.status_code == 302
    actor = Actor.objects.get(name="Lashkar-e-Jhangvi")
    assert set(actor.aliases.values_list("alias", flat=True)) >= {"LeJ", "لشکر جھنگوی"}
    page = page_client(source_admin).get(response["Location"]).content.decode()
    assert "<bdi>لشکر جھنگوی</bdi>" in page


def test_a_source_admin_edits_names_and_aliases(page_client, source_admin, isis):
    client = page_client(source_admin)
    response = client.post(
        edit_url(isis),
        {
            "name": "Islamic State",
            "kind": "armed_group",
            "aliases": "ISIS\nISIL\nداعش",
            "version": opened_version(client, edit_url(isis)),
        },
    )
    assert response.status_code == 302
    isis.refresh_from_db()
    assert isis.name == "Islamic State"
    aliases = set(ActorAlias.objects.filter(actor=isis).values_list("alias", flat=True))
    assert "داعش" in aliases and "Daesh" not in aliases


@pytest.mark.parametrize(
    ("data", "field", "words"),
    [
        ({"name": "", "kind": "armed_group"}, "name", "required"),
        ({"name": "---", "kind": "armed_group"}, "name", "letter or digit"),
        ({"name": "New", "kind": "robot"}, "kind", "valid choice"),
        ({"name": "New", "kind": "armed_group", "aliases": "ok\n!!!"}, "aliases", "no letter"),
        ({"name": "New", "kind": "armed_group", "aliases": "Daesh"}, "aliases", "already names"),
        ({"name": "isil", "kind": "armed_group"}, "name", "already names"),
    ],
)
def test_bad_input_is_a_400_beside_the_field_and_nothing_is_written(
    page_client, source_admin, isis, data, field, words
):
    before = (Actor.objects.count(), ActorAlias.objects.count())
    response = page_client(source_admin).post(NEW, data)
    assert response.status_code == 400
    page = response.content.decode()
    assert f'id="id_{field}_errors"' in page
    assert words in page
    assert (Actor.objects.count(), ActorAlias.objects.count()) == before


def test_merge_shows_the_plan_then_merges_on_confirmation(page_client, source_admin, isis):
    daish = make_actor("Daish group", aliases=["داعش"])
    fact = make_fact(title="Mastung rally bombing", claimed_by=[daish])
    client = page_client(source_admin)

    preview = client.post(merge_url(daish), {"into": isis.pk})
    assert preview.status_code == 200
    page = preview.content.decode()
    assert "Mastung rally bombing" in page and "<bdi>داعش</bdi>" in page
    assert "1 fact claimed by" in page
    assert Actor.objects.filter(pk=daish.pk).exists()  # nothing changed yet

    done = client.post(merge_url(daish), {"into": isis.pk, "confirm": "yes"})
    assert done.status_code == 302
    assert not Actor.objects.filter(pk=daish.pk).exists()
    assert list(fact.claimed_by.all()) == [isis]
    follow = client.get(done["Location"]).content.decode()
    assert "merged into" in follow


def test_merge_refusals_are_shown_beside_the_field(page_client, source_admin, isis):
    client = page_client(source_admin)
    for into in (isis.pk, "", "999999"):
        response = client.post(merge_url(isis), {"into": into, "confirm": "yes"})
        assert response.status_code == 400
        assert 'id="id_into_errors"' in response.content.decode()
    assert Actor.objects.filter(pk=isis.pk).exists()


def test_unknown_actor_is_404(page_client, source_admin):
    assert (
        page_client(source_admin).get(reverse("web:actor-edit", args=[999999])).status_code == 404
    )


def test_an_empty_post_is_a_400_not_a_blank_form(page_client, source_admin, isis):
    client = page_client(source_admin)
    for address in (NEW, edit_url(isis), merge_url(isis)):
        response = client.post(address, {})
        assert response.status_code == 400
        assert "This field is required" in response.content.decode()


def test_list_query_count_does_not_grow_with_the_actors(page_client, comms):
    client = page_client(comms)
    make_actor("Group one", aliases=["G1"])
    with CaptureQueriesContext(connection) as few:
        client.get(LIST)
    for n in range(30):
        make_actor(f"Group number {n}", aliases=[f"GN{n}", f"Other {n}"])
    with CaptureQueriesContext(connection) as many:
        page = client.get(LIST).content.decode()
    assert page.count("<bdi>Other ") == 30
    assert len(many.captured_queries) == len(few.captured_queries)
