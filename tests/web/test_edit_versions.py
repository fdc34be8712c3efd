"""No lost updates on the edit pages (issue 11): every edit form carries the version it was
opened on, the same version the API sends as the `ETag`; a save from an older version writes
nothing and shows what is saved now beside what the user sent."""

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from campaigns.models import Campaign, Message
from evidence.models import Actor, Source
from tests.campaigns.factories import make_campaign, make_message
from tests.evidence.factories import make_actor, make_source
from tests.web.versions import opened_version

STALE = "Someone else changed this since you opened it"


@dataclass(frozen=True)
class EditPage:
    """One edit page: who edits, how the object is made, the form a browser sends with
    `value` in one of its fields, and the API's edit of another field."""

    writer: str  # the fixture of a user who may edit
    make: Callable[[Any], Any]
    page: str  # the route name of the edit page
    api: str  # the API's resource
    form: Callable[[Any, str], dict[str, Any]]
    field: str  # the field the form changes
    api_field: str  # the field the API changes


def _campaign_form(campaign: Campaign, value: str) -> dict[str, Any]:
    return {
        "name": value,
        "goal": campaign.goal,
        "audiences": "\n".join(campaign.audiences),
        "messengers": "\n".join(campaign.messengers),
        "channels": campaign.channels,
        "call_to_action": campaign.call_to_action,
        "minimum_reliability": campaign.minimum_reliability,
        "follows_main_idea": "on",
        "themes": [theme.pk for theme in campaign.themes.all()],
        "indicators-TOTAL_FORMS": "1",
        "indicators-INITIAL_FORMS": "0",
        "indicators-0-name": "Shares",
        "indicators-0-target": "5000",
    }


def _message_form(message: Message, value: str) -> dict[str, Any]:
    return {
        "channel": message.channel,
        "language": message.language,
        "theme": message.theme_id or "",
        "text": value,
    }


def _source_form(source: Source, value: str) -> dict[str, Any]:
    return {
        "title": value,
        "publisher": source.publisher,
        "language": source.language,
        "kind": source.kind,
        "reliability": source.reliability,
        "text": source.text,
        "action": "save",
    }


def _actor_form(actor: Actor, value: str) -> dict[str, Any]:
    return {"name": value, "kind": actor.kind, "aliases": "", "description": actor.description}


def _make_message(user: Any) -> Message:
    return make_message(make_campaign(owner=user), user, "Daesh bombed a shrine.")


PAGES = {
    "campaign": EditPage(
        "comms", lambda user: make_campaign(owner=user), "web:campaign-edit", "campaigns",
        _campaign_form, "name", "goal",
    ),
    "message": EditPage(
        "comms", _make_message, "web:message-edit", "messages", _message_form, "text", "text"
    ),
    "source": EditPage(
        "source_admin", lambda user: make_source(), "web:source-edit", "sources",
        _source_form, "title", "publisher",
    ),
    "actor": EditPage(
        "source_admin", lambda user: make_actor(), "web:actor-edit", "actors", _actor_form,
        "name", "description",
    ),
}  # fmt: skip

pytestmark = pytest.mark.parametrize("kind", list(PAGES))


def _setup(request: Any, kind: str) -> tuple[EditPage, Any, Any, str, str]:
    spec = PAGES[kind]
    user = request.getfixturevalue(spec.writer)
    obj = spec.make(user)
    return spec, user, obj, reverse(spec.page, args=[obj.pk]), f"/api/v1/{spec.api}/{obj.pk}/"


def _api(user: Any) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def _api_edit(user: Any, url: str, field: str, value: str) -> Any:
    client = _api(user)
    etag = client.get(url)["ETag"]
    response = client.patch(url, {field: value}, format="json", HTTP_IF_MATCH=etag)
    assert response.status_code == 200, response.content
    return response


def _stored(obj: Any, field: str) -> Any:
    obj.refresh_from_db()
    return getattr(obj, field)


@pytest.mark.django_db
def test_the_page_carries_the_apis_etag_and_an_api_edit_changes_it(request, kind):
    spec, user, _obj, page, api = _setup(request, kind)
    client = Client()
    client.force_login(user)
    opened = opened_version(client, page)
    assert opened == _api(user).get(api)["ETag"]

    _api_edit(user, api, spec.api_field, "Changed through the API")

    assert opened_version(client, page) != opened
    assert opened_version(client, page) == _api(user).get(api)["ETag"]


@pytest.mark.django_db
def test_a_stale_save_is_refused_with_both_versions_and_writes_nothing(request, kind):
    spec, user, obj, page, api = _setup(request, kind)
    client = Client()
    client.force_login(user)
    opened = opened_version(client, page)
    _api_edit(user, api, spec.field, "Their words")  # someone else, meanwhile

    response = client.post(page, {**spec.form(obj, "My words"), "version": opened})

    assert response.status_code == 409
    html = response.content.decode()
    assert STALE in html
    assert "Their words" in html and "My words" in html
    assert f"by <bdi>{user.get_username()}</bdi>" in html  # who changed it, from the history
    assert 'value="My words"' in html or ">My words</textarea>" in html  # input kept
    assert _stored(obj, spec.field) == "Their words"

    # Saved again from the form as shown (it now carries the current version): it lands.
    current = response.context["form"].data["version"]
    saved = client.post(page, {**spec.form(obj, "My words"), "version": current})
    assert saved.status_code == 302
    assert _stored(obj, spec.field) == "My words"


@pytest.mark.django_db
def test_a_fresh_save_lands_and_makes_an_api_clients_etag_stale(request, kind):
    spec, user, obj, page, api = _setup(request, kind)
    client = Client()
    client.force_login(user)
    api_client = _api(user)
    etag = api_client.get(api)["ETag"]

    form = {**spec.form(obj, "Fresh words"), "version": opened_version(client, page)}
    response = client.post(page, form)

    assert response.status_code == 302
    assert _stored(obj, spec.field) == "Fresh words"
    late = api_client.patch(api, {spec.api_field: "Late"}, format="json", HTTP_IF_MATCH=etag)
    assert late.status_code == 412


@pytest.mark.django_db
def test_a_save_without_a_version_is_refused_and_writes_nothing(request, kind):
    spec, user, obj, page, _api_url = _setup(request, kind)
    client = Client()
    client.force_login(user)
    before = _stored(obj, spec.field)

    response = client.post(page, spec.form(obj, "Unchecked words"))

    assert response.status_code == 400
    assert "sent without the version you opened" in response.content.decode()
    assert _stored(obj, spec.field) == before


SAVES = 6


@pytest.mark.django_db(transaction=True)
def test_concurrent_saves_from_one_version_end_in_exactly_one_success(request, kind):
    """Several people open the same version and save at once: one save lands, every other is
    told (409) and changes nothing; the row holds exactly the winner's words."""
    spec, user, obj, page, _api_url = _setup(request, kind)
    reader = Client()
    reader.force_login(user)
    opened = opened_version(reader, page)
    barrier = threading.Barrier(SAVES)

    def save(n: int) -> int:
        client = Client()
        client.force_login(user)
        try:
            barrier.wait(timeout=30)
            form = {**spec.form(obj, f"Words {n}"), "version": opened}
            return client.post(page, form).status_code
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=SAVES) as pool:
        outcomes = sorted(pool.map(save, range(SAVES)))

    assert outcomes == [302] + [409] * (SAVES - 1)
    assert _stored(obj, spec.field) in {f"Words {n}" for n in range(SAVES)}
