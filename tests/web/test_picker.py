"""The evidence picker in the message editor: facts found by an alias, a place, a period or a
target type, each shown with its status, safe wording, conflicts, its sources' grades and the
flags a link of the claim would carry, before linking; the link proposed in one step."""

from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from campaigns.models import EvidenceLink
from campaigns.services.campaigns import campaign_create
from campaigns.services.messages import message_create
from tests.scenarios import quetta_evidence

pytestmark = pytest.mark.django_db

TEXT = "The bombing of Quetta's civil hospital killed 75 people. Daesh {n} attacked a church too."


@pytest.fixture
def writing(comms):  # type: ignore[no-untyped-def]
    evidence = quetta_evidence(with_claims=True)
    campaign = campaign_create(owner=comms, name="Quetta", channels=["x", "radio"])
    message = message_create(
        campaign=campaign, actor=comms, channel="x", text=TEXT.format(n=evidence.number)
    )
    return evidence, message


def picker(message, **query: str) -> str:  # type: ignore[no-untyped-def]
    return reverse("web:evidence-picker", args=[message.pk]) + "?" + urlencode(query)


def test_an_alias_finds_the_groups_facts_with_what_to_know_before_linking(
    page_client, comms, writing
):
    evidence, message = writing
    response = page_client(comms).get(
        picker(message, q=f"Daesh {evidence.number}", claim="killed 75 people"),
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert evidence.hospital.title in page and evidence.church.title in page
    hospital = page.split(f'data-fact="{evidence.hospital.pk}"')[1].split("</li>")[0]
    assert "Disputed" in hospital
    assert "safe wording <strong>“at least 70”</strong>" in hospital
    # The conflict and the grade of each source behind the fact.
    assert "about 70" in hospital and "75" in hospital
    assert f'{evidence.dawn.title} — grade <strong class="grade">B</strong>' in hospital
    assert f'{evidence.tribune.title} — grade <strong class="grade">C</strong>' in hospital
    # What the claim checks would say if the claim were linked to it.
    assert 'data-code="figure_exceeds_evidence"' in hospital
    assert "Link the claim to this fact" in hospital


def test_places_target_types_and_dates_narrow_the_list(page_client, comms, writing):
    evidence, message = writing
    client = page_client(comms)
    health = client.get(
        picker(message, q=f"Daesh {evidence.number}", target_type="health"), HTTP_HX_REQUEST="true"
    ).content.decode()
    assert evidence.hospital.title in health and evidence.church.title not in health
    in_2017 = client.get(
        picker(message, place="Quetta", occurred_from="2017-01-01", occurred_to="2017-12-31"),
        HTTP_HX_REQUEST="true",
    ).content.decode()
    assert evidence.church.title in in_2017 and evidence.hospital.title not in in_2017
    nothing = client.get(picker(message, q="Timbuktu"), HTTP_HX_REQUEST="true")
    assert "No fact found." in nothing.content.decode()
    bad = client.get(picker(message, occurred_from="yesterday"), HTTP_HX_REQUEST="true")
    assert bad.status_code == 400
    assert "Enter a valid date." in bad.content.decode()


def test_without_javascript_the_search_opens_the_editor_with_the_results(
    page_client, comms, writing
):
    evidence, message = writing
    client = page_client(comms)
    response = client.get(picker(message, q=f"Daesh {evidence.number}"))
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert evidence.hospital.title in page
    assert 'form="link-form" name="fact"' in page


def test_a_claim_is_linked_in_one_step(page_client, comms, writing):
    evidence, message = writing
    client = page_client(comms)
    before = client.get(reverse("web:message-edit", args=[message.pk])).content.decode()
    assert before.count('<span class="sentence unlinked">') == 2
    response = client.post(
        reverse("web:evidence-link-new", args=[message.pk]),
        {"claim": "killed 75 people", "fact": evidence.hospital.pk},
    )
    assert response.status_code == 302
    link = EvidenceLink.objects.get()
    assert (link.message, link.fact, link.claim) == (message, evidence.hospital, "killed 75 people")
    assert link.proposed_by == comms and link.status == EvidenceLink.Status.PROPOSED
    after = client.get(response["Location"]).content.decode()
    assert "Claim linked to the fact" in after
    # The first sentence is linked now; the second still names an actor with no link.
    assert after.count('<span class="sentence unlinked">') == 1
    assert 'data-code="figure_exceeds_evidence"' in after


@pytest.mark.parametrize(
    ("claim", "fact", "field", "words"),
    [
        (
            "killed 80 people",
            "hospital",
            "claim",
            "The claim must quote words that occur in the message.",
        ),
        ("", "hospital", "claim", "This field is required."),
        ("killed 75 people", None, "fact", "Choose a fact from the search results."),
    ],
)
def test_a_refused_link_shows_why_beside_the_field_and_saves_nothing(
    page_client, comms, writing, claim, fact, field, words
):
    evidence, message = writing
    fact_id = getattr(evidence, fact).pk if fact else 999_999
    response = page_client(comms).post(
        reverse("web:evidence-link-new", args=[message.pk]), {"claim": claim, "fact": fact_id}
    )
    assert response.status_code == 400
    assert response.context["claim_form"].errors[field] == [words]
    page = response.content.decode()
    assert page.index(words) > page.index('id="link-form"')
    assert not EvidenceLink.objects.exists()


def test_who_may_search_and_link(page_client, comms_outsider, reviewer, no_role_user, writing):
    evidence, message = writing
    link_url = reverse("web:evidence-link-new", args=[message.pk])
    data = {"claim": "killed 75 people", "fact": evidence.hospital.pk}
    assert page_client().get(picker(message, q="Quetta")).status_code == 302
    assert page_client(no_role_user).get(picker(message, q="Quetta")).status_code == 403
    assert page_client(reviewer).get(picker(message, q="Quetta")).status_code == 403
    assert page_client(reviewer).post(link_url, data).status_code == 403
    assert page_client(comms_outsider).get(picker(message, q="Quetta")).status_code == 404
    assert page_client(comms_outsider).post(link_url, data).status_code == 404
    assert not EvidenceLink.objects.exists()


def test_the_picker_costs_the_same_queries_however_many_facts_it_shows(page_client, comms, writing):
    _, message = writing
    client = page_client(comms)
    url = picker(message, place="Quetta", claim="killed 75 people")

    def queries() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as captured:
            page = client.get(url, HTTP_HX_REQUEST="true").content.decode()
        return len(captured), page.count("Link the claim to this fact")

    few, shown = queries()
    assert shown == 2
    quetta_evidence(with_claims=True)
    quetta_evidence(with_claims=True)
    many, shown = queries()
    assert shown == 6
    assert many == few
