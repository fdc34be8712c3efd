"""On the fact page a Reviewer verifies the fact and resolves its conflicts (the API's
services); the conflict stays visible with its resolution; nobody else sees the buttons, and
their POSTs are refused."""

import pytest
from django.urls import reverse

from evidence.models import ConflictResolution, Fact
from evidence.services.facts import fact_resolve_conflict

pytestmark = pytest.mark.django_db


def fact_url(fact: Fact) -> str:
    return reverse("web:fact", args=[fact.pk])


def verify_url(fact: Fact) -> str:
    return reverse("web:fact-verify", args=[fact.pk])


def resolve_url(fact: Fact) -> str:
    return reverse("web:fact-resolve-conflict", args=[fact.pk])


def test_a_reviewer_sees_verify_and_resolve_with_the_wordings_to_choose(
    page_client, reviewer, scenario
):
    page = page_client(reviewer).get(fact_url(scenario.hospital)).content.decode()
    assert ">Verify this fact</button>" in page
    assert '<div class="conflict" id="conflict-killed">' in page
    assert ">Resolve the conflict</button>" in page
    # The conservative wording first and chosen, then what each source says.
    assert (
        '<input type="radio" name="wording" value="at least 70 killed" checked> at least 70 killed'
        in page
    )
    assert 'value="about 70 killed"> about 70 killed' in page
    assert 'value="75 killed"> 75 killed' in page


def test_others_see_no_reviewer_buttons(page_client, comms, source_admin, scenario):
    for user in (comms, source_admin):
        page = page_client(user).get(fact_url(scenario.hospital)).content.decode()
        assert "Verify this fact" not in page
        assert "Resolve the conflict" not in page
        assert "Not resolved yet." in page


def test_who_may_post_verify_and_resolve(page_client, comms, source_admin, no_role_user, scenario):
    data = {"field": "killed", "wording": "at least 70 killed", "reason": "Conservative."}
    for user in (comms, source_admin, no_role_user):
        assert page_client(user).post(verify_url(scenario.church)).status_code == 403
        assert page_client(user).post(resolve_url(scenario.hospital), data).status_code == 403
    for address in (verify_url(scenario.church), resolve_url(scenario.hospital)):
        response = page_client().post(address, data)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    scenario.church.refresh_from_db()
    scenario.hospital.refresh_from_db()
    assert scenario.church.status != "verified"
    assert not ConflictResolution.objects.exists()


def test_a_reviewer_resolves_a_conflict_and_it_stays_visible_resolved(
    page_client, reviewer, scenario
):
    client = page_client(reviewer)
    response = client.post(
        resolve_url(scenario.hospital),
        {"field": "killed", "wording": "at least 70 killed", "reason": "Both sources allow it."},
    )
    assert response.status_code == 302
    assert response["Location"] == fact_url(scenario.hospital) + "#conflict-killed"
    page = client.get(response["Location"]).content.decode()
    assert "Conflict on killed resolved." in page
    assert "Resolved by reviewer1 on" in page
    assert "<strong>“at least 70 killed”</strong> — Both sources allow it." in page
    # The disagreement itself is still shown.
    assert "about 70 <span" in page and "75 <span" in page
    scenario.hospital.refresh_from_db()
    assert scenario.hospital.status != Fact.Status.DISPUTED


def test_another_wording_can_be_typed(page_client, reviewer, scenario):
    page_client(reviewer).post(
        resolve_url(scenario.hospital),
        {
            "field": "killed",
            "wording": "__other__",
            "wording_other": "between 70 and 75 killed",
            "reason": "The range both sources give.",
        },
    )
    resolution = ConflictResolution.objects.get()
    assert resolution.wording == "between 70 and 75 killed"


def test_a_missing_reason_or_wording_is_shown_beside_the_field(page_client, reviewer, scenario):
    response = page_client(reviewer).post(
        resolve_url(scenario.hospital),
        {"field": "killed", "wording": "__other__", "wording_other": "", "reason": " "},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert (
        '<ul class="errorlist" id="conflict-killed-reason-errors">'
        '<li><span role="alert">Say why this wording is right.</span></li>' in page
    )
    assert 'id="conflict-killed-wording-errors"' in page and "Give the wording to use." in page
    assert not ConflictResolution.objects.exists()


def test_an_unknown_conflict_field_is_a_400_not_a_500(page_client, reviewer, scenario):
    response = page_client(reviewer).post(
        resolve_url(scenario.hospital), {"field": "nonsense", "wording": "x", "reason": "y"}
    )
    assert response.status_code == 400
    assert "The fact has no conflict on this field" in response.content.decode()


def test_verifying_a_disputed_fact_lists_why_not_in_error_style(page_client, reviewer, scenario):
    response = page_client(reviewer).post(verify_url(scenario.hospital))
    assert response.status_code == 400
    page = response.content.decode()
    assert '<div class="problems-box" role="alert" id="verify-problems">' in page
    assert "The sources disagree on killed; resolve it first." in page


def test_a_reviewer_verifies_a_fact_after_resolving_its_conflict(page_client, reviewer, scenario):
    fact_resolve_conflict(
        fact=scenario.hospital,
        field="killed",
        wording="at least 70 killed",
        reason="Conservative.",
        reviewer=reviewer,
    )
    client = page_client(reviewer)
    response = client.post(verify_url(scenario.hospital), follow=True)
    page = response.content.decode()
    assert "Fact verified." in page
    assert "Verified by reviewer1 on" in page
    assert '<span class="badge verified">Verified</span>' in page
    assert "Verify this fact" not in page


def test_unknown_fact_is_404_for_the_reviewer_posts(page_client, reviewer):
    client = page_client(reviewer)
    assert client.post(reverse("web:fact-verify", args=[999999])).status_code == 404
    assert client.post(reverse("web:fact-resolve-conflict", args=[999999])).status_code == 404
