"""The theme catalogue: seeded from the recommendation, read by all, written by Source admins."""

import pytest

from campaigns.models import Theme
from campaigns.recommendation import THEME_CATALOGUE
from common.models import AuditEntry
from tests.campaigns.factories import make_campaign, theme

pytestmark = pytest.mark.django_db


def test_the_catalogue_follows_the_recommendation(client_for, comms):
    response = client_for(comms).get("/api/v1/themes/?page_size=100")

    assert response.status_code == 200
    themes = {t["slug"]: t for t in response.json()["results"]}
    assert len(themes) == len(THEME_CATALOGUE)
    muslims = themes["brutality-against-muslims"]
    assert (muslims["recommendation_clause"], muslims["victim_focus"]) == (2, "muslim")
    assert "both Muslims and non-Muslims" in muslims["recommendation_text"]
    assert themes["brutality-against-non-muslims"]["victim_focus"] == "non_muslim"
    assert themes["sectarian-rifts"]["recommendation_clause"] == 4
    assert themes["failure-to-take-root"]["recommendation_clause"] == 3
    assert themes["pluralistic-values"]["recommendation_clause"] == 5
    assert themes["counter-recruitment"]["recommendation_clause"] == 3


@pytest.mark.parametrize("user_fixture", ["comms", "reviewer", "no_role_user"])
def test_only_source_admins_change_the_catalogue(client_for, request, user_fixture):
    user = request.getfixturevalue(user_fixture)
    body = {"slug": "new-theme", "name": "New", "recommendation_clause": 5}

    assert client_for(user).post("/api/v1/themes/", body, format="json").status_code == 403


def test_a_source_admin_adds_and_edits_a_theme(client_for, source_admin):
    client = client_for(source_admin)

    created = client.post(
        "/api/v1/themes/",
        {"slug": "youth-unemployment", "name": "Jobs, not jihad", "recommendation_clause": 3},
        format="json",
    )
    edited = client.patch(
        f"/api/v1/themes/{created.json()['id']}/", {"victim_focus": "none"}, format="json"
    )

    assert created.status_code == 201
    assert edited.status_code == 200
    assert Theme.objects.get(slug="youth-unemployment").name == "Jobs, not jihad"
    assert list(
        AuditEntry.objects.filter(target_id=str(created.json()["id"]))
        .order_by("pk")
        .values_list("action", "actor")
    ) == [("theme.create", source_admin.pk), ("theme.update", source_admin.pk)]


def test_a_clause_the_recommendation_does_not_have_is_400(client_for, source_admin):
    response = client_for(source_admin).post(
        "/api/v1/themes/",
        {"slug": "x", "name": "X", "recommendation_clause": 9},
        format="json",
    )

    assert response.status_code == 400
    assert "recommendation_clause" in response.json()


def test_a_theme_in_use_cannot_be_deleted(client_for, source_admin, comms):
    make_campaign(comms, themes=[theme("pluralistic-values")])
    unused = theme("sectarian-rifts")

    in_use = client_for(source_admin).delete(f"/api/v1/themes/{theme('pluralistic-values').pk}/")
    free = client_for(source_admin).delete(f"/api/v1/themes/{unused.pk}/")

    assert in_use.status_code == 409
    assert free.status_code == 204


def test_anonymous_callers_get_401(anon):
    assert anon.get("/api/v1/themes/").status_code == 401
