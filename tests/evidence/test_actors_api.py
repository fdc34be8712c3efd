"""`/api/v1/actors/`: actors with aliases, found by any of their names."""

import pytest

from evidence.selectors.actors import actor_find, alias_normalize
from tests.evidence.factories import make_actor
from tests.versioning import patch_current

pytestmark = pytest.mark.django_db


@pytest.fixture
def groups():  # type: ignore[no-untyped-def]
    return {
        "isis": make_actor("ISIS", aliases=["ISIL", "IS", "Daesh", "Islamic State"]),
        "isisk": make_actor(
            "ISIS-K", aliases=["ISKP", "Khorasan Province", "Khorasan Wilayah", "ISIS-Khurasan"]
        ),
        "jua": make_actor("Jamaat-ul-Ahrar", aliases=["Jamatul Ahrar", "Jamat-ul-Ahrar"]),
        "lej": make_actor("Lashkar-e-Jhangvi Al-Alami", aliases=["LeJ-A", "LeJA"]),
    }


def test_a_source_admin_creates_an_actor_with_aliases(client_for, source_admin):
    response = client_for(source_admin).post(
        "/api/v1/actors/",
        {"name": "Jundullah", "kind": "armed_group", "aliases": ["Jundallah", "Jund Allah"]},
        format="json",
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert response["Location"] == f"/api/v1/actors/{body['id']}/"
    # "Jundallah" and "Jund Allah" fold to one key: kept once, in the first spelling.
    assert body["aliases"] == ["Jundallah"]
    assert body["name"] == "Jundullah"


@pytest.mark.parametrize(
    "name, expected",
    [
        ("daesh", "isis"),
        ("DAESH", "isis"),
        ("I.S.I.L.", "isis"),
        ("iskp", "isisk"),
        ("Khorasan province", "isisk"),
        ("isis k", "isisk"),
        ("Jamat ul Ahrar", "jua"),
        ("jamatul-ahrar", "jua"),
        ("JAMAAT UL AHRAR", "jua"),
        ("Lej-a", "lej"),
        ("Lashkar-e-Jhangvi al Alami", "lej"),
    ],
)
def test_actor_find_is_case_accent_and_punctuation_tolerant(groups, name, expected):
    assert actor_find(name=name) == groups[expected]


def test_accents_are_ignored():
    assert alias_normalize("Tehrīk-e-Khilāfat") == alias_normalize("Tehrik e Khilafat")


def test_unknown_names_find_nothing(groups):
    assert actor_find(name="Al-Shabaab") is None
    assert actor_find(name="--") is None


@pytest.mark.parametrize("q", ["daesh", "Daesh", "isil"])
def test_q_matches_aliases(client_for, comms, groups, q):
    response = client_for(comms).get(f"/api/v1/actors/?q={q}")

    assert response.status_code == 200
    assert [a["name"] for a in response.json()["results"]] == ["ISIS"]


def test_q_matches_names_and_parts_of_names(client_for, comms, groups):
    response = client_for(comms).get("/api/v1/actors/?q=khorasan")
    assert [a["name"] for a in response.json()["results"]] == ["ISIS-K"]

    response = client_for(comms).get("/api/v1/actors/?q=ahrar")
    assert [a["name"] for a in response.json()["results"]] == ["Jamaat-ul-Ahrar"]


def test_an_alias_belongs_to_one_actor(client_for, source_admin, groups):
    response = client_for(source_admin).post(
        "/api/v1/actors/", {"name": "Wilayat Khorasan", "aliases": ["daesh"]}, format="json"
    )

    assert response.status_code == 400
    assert "'daesh' already names the actor 'ISIS'" in response.json()["aliases"][0]


def test_a_name_that_is_another_actors_alias_is_refused(client_for, source_admin, groups):
    response = client_for(source_admin).post(
        "/api/v1/actors/", {"name": "Islamic-State"}, format="json"
    )

    assert response.status_code == 400
    assert "name" in response.json()


def test_editing_aliases_replaces_them_and_frees_the_old_ones(client_for, source_admin, groups):
    client = client_for(source_admin)

    response = patch_current(
        client,
        f"/api/v1/actors/{groups['isis'].pk}/",
        {"aliases": ["ISIL", "Daesh"]},
        format="json",
    )

    assert response.status_code == 200
    assert sorted(response.json()["aliases"]) == ["Daesh", "ISIL"]
    assert actor_find(name="Islamic State") is None
    assert (
        client.post("/api/v1/actors/", {"name": "Islamic State"}, format="json").status_code == 201
    )


def test_renaming_keeps_aliases_and_the_new_name_finds_the_actor(client_for, source_admin, groups):
    response = patch_current(
        client_for(source_admin),
        f"/api/v1/actors/{groups['lej'].pk}/",
        {"name": "LeJ Al-Alami"},
        format="json",
    )

    assert response.status_code == 200
    assert actor_find(name="lej al alami") == groups["lej"]
    assert actor_find(name="LeJA") == groups["lej"]


@pytest.mark.parametrize(
    "data, field",
    [
        ({"name": "x\x00"}, "name"),
        ({"name": "Ok", "aliases": ["bad\x00"]}, "aliases"),
        ({"name": "Ok", "aliases": ["---"]}, "aliases"),
        ({"name": "Ok", "kind": "militia"}, "kind"),
        ({"name": "Ok", "aliases": "ISIS"}, "aliases"),
        ({"name": ""}, "name"),
    ],
)
def test_bad_actor_input_is_a_400_naming_the_field(client_for, source_admin, data, field):
    response = client_for(source_admin).post("/api/v1/actors/", data, format="json")

    assert response.status_code == 400, response.content
    assert field in response.json()


def test_the_actor_list_query_count_does_not_grow(
    client_for, comms, groups, django_assert_max_num_queries
):
    for n in range(10):
        make_actor(f"Group {n}", aliases=[f"G{n}", f"Grp {n}"])
    client = client_for(comms)

    with django_assert_max_num_queries(5):
        small = client.get("/api/v1/actors/?page_size=2")
    with django_assert_max_num_queries(5):
        large = client.get("/api/v1/actors/?page_size=50")

    assert len(small.json()["results"]) == 2
    assert len(large.json()["results"]) == 14
