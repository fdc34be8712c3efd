"""The review workspace: Reviewers only, filters and a count, each card with the message, the
claim, the fact's figures by source and the excerpts highlighted in their source text; four
eyes; decisions through the services, refusals beside the comment box (htmx or full page)."""

import re
from html import unescape

import pytest
from django.urls import reverse

from campaigns.models import EvidenceLink
from campaigns.services.links import evidence_link_approve, evidence_link_propose
from tests.factories import reviewer_user
from tests.web.factories import URDU_TEXT, campaign_with_messages, web_scenario

pytestmark = pytest.mark.django_db

URL = reverse("web:review-queue")
HTMX = {"HTTP_HX_REQUEST": "true"}


def review_url(link: EvidenceLink, decision: str) -> str:
    return reverse("web:evidence-link-review", args=[link.pk, decision])


def card_of(page: str, link: EvidenceLink) -> str:
    section = page[page.index(f'id="link-{link.pk}"') :]
    return section[: section.index("</article>")]


def test_anonymous_visitors_are_sent_to_sign_in(page_client, scenario):
    for response in (
        page_client().get(URL),
        page_client().post(review_url(scenario.flagged_link, "approve")),
    ):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_only_reviewers_may_open_it_or_decide(
    page_client, comms, source_admin, no_role_user, scenario
):
    for user in (comms, source_admin, no_role_user):
        assert page_client(user).get(URL).status_code == 403
        response = page_client(user).post(
            review_url(scenario.flagged_link, "approve"), {"comment": ""}
        )
        assert response.status_code == 403
    scenario.flagged_link.refresh_from_db()
    assert scenario.flagged_link.status == "proposed"


def test_a_card_shows_message_claim_fact_figures_by_source_and_excerpts_in_their_text(
    page_client, reviewer, scenario
):
    response = page_client(reviewer).get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert "(2 links)" in page
    # Oldest first: the English link was proposed before the Urdu one.
    assert page.index(f'id="link-{scenario.flagged_link.pk}"') < page.index(
        f'id="link-{scenario.urdu_link.pk}"'
    )
    card = card_of(page, scenario.flagged_link)
    assert scenario.english.text in unescape(card)
    assert "“<bdi>killed 75 people</bdi>”" in card
    assert scenario.hospital.title in card
    assert '<span class="badge disputed">Disputed</span>' in card
    assert f"<strong>{scenario.hospital.figures['killed']['wording']}</strong>" in card
    # Figures by source, each with its grade.
    dawn, tribune = scenario.sources
    assert re.search(
        rf">B</span> {re.escape(dawn.title)} .*?<strong>about 70 killed</strong>", card
    )
    assert re.search(rf">C</span> {re.escape(tribune.title)} .*?<strong>75 killed</strong>", card)
    # Each excerpt highlighted inside the words around it in its source.
    assert "the Quetta civil hospital <mark>took about 70 lives</mark> on 8 August 2016" in card
    assert "hospital attack in Quetta that <mark>killed 75 people</mark>, most of them" in card
    assert "grade <strong>B – usually reliable</strong>" in card
    # Flags and conflicts in words, never codes.
    figure = next(f for f in scenario.flagged_link.flags if f["code"] == "figure_exceeds_evidence")
    assert figure["message"] in unescape(card)
    assert f'<q class="suggestion">{figure["suggestion"]}</q>' in card
    assert "figure_exceeds_evidence" not in card
    assert "The sources disagree on killed." in card
    assert f'href="/facts/{scenario.hospital.pk}/#conflict-killed"' in card
    assert card.count("</button>") == 3
    urdu = card_of(page, scenario.urdu_link)
    assert f'dir="rtl" lang="ur">{URDU_TEXT}</p>' in urdu


def test_a_cards_words_from_people_are_escaped(page_client, comms, reviewer, scenario):
    """The card template escapes every value it is given: a campaign named with markup is
    shown as those characters, never as markup."""
    name = '<b>Bold</b> & "quoted"'
    tricky = web_scenario(owner=comms, name=name)
    page = page_client(reviewer).get(URL, {"campaign": tricky.campaign.pk}).content.decode()
    card = card_of(page, tricky.flagged_link)
    assert "<b>Bold</b>" not in page
    heading = re.search(r'-title"><a href="[^"]+">(.*?)</a></h2>', card)
    assert heading is not None
    assert heading.group(1).startswith("&lt;b&gt;Bold&lt;/b&gt; &amp; ")
    assert unescape(heading.group(1)) == name


def test_no_two_landmarks_of_the_queue_share_a_name(page_client, reviewer, scenario):
    """A screen reader lists the page's regions by name: with two cards (or twenty) each name
    still leads to one place."""
    page = page_client(reviewer).get(URL).content.decode()
    assert page.count("data-review-card") == 2
    names = re.findall(r"<(?:section|nav|form|aside|main)\b[^>]*\baria-label=\"([^\"]*)\"", page)
    assert len(names) == len(set(names)), names


def test_keyboard_shortcuts_are_listed_and_come_from_a_static_file(page_client, reviewer, scenario):
    page = page_client(reviewer).get(URL).content.decode()
    for key, says in (
        ("j", "next link"),
        ("k", "previous link"),
        ("a", "approve"),
        ("c", "request changes"),
        ("r", "reject"),
    ):
        assert f"<kbd>{key}</kbd> {says}" in page
    assert '<script src="/static/web/review.js" defer></script>' in page
    assert "<script>" not in page


def test_filters_by_campaign_flag_status_and_age(page_client, comms, reviewer, scenario):
    other = campaign_with_messages(owner=comms, fact=scenario.church, messages=2, name="Other")
    client = page_client(reviewer)

    by_campaign = client.get(URL, {"campaign": other.pk}).content.decode()
    assert "(2 links)" in by_campaign
    assert f'id="link-{scenario.flagged_link.pk}"' not in by_campaign

    by_flag = client.get(URL, {"flag": "figure_exceeds_evidence"}).content.decode()
    assert "(1 link)" in by_flag
    assert f'id="link-{scenario.flagged_link.pk}"' in by_flag

    evidence_link_approve(link=scenario.urdu_link, reviewer=reviewer, comment="")
    approved = client.get(URL, {"status": "approved"}).content.decode()
    assert "(1 link)" in approved
    assert f'id="link-{scenario.urdu_link.pk}"' in approved
    assert "Decided by reviewer1" in approved
    assert "</button>" not in card_of(approved, scenario.urdu_link)

    EvidenceLink.objects.filter(pk=scenario.flagged_link.pk).update(
        created_at=scenario.flagged_link.created_at.replace(year=2020)
    )
    old = client.get(URL, {"waiting": "7"}).content.decode()
    assert "(1 link)" in old
    assert f'id="link-{scenario.flagged_link.pk}"' in old


def test_an_unknown_filter_value_is_a_400_beside_the_field(page_client, reviewer, scenario):
    response = page_client(reviewer).get(URL, {"flag": "<script>", "campaign": "x"})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="id_flag-errors"' in page and "Select a valid choice." in page
    assert 'id="id_campaign-errors"' in page
    assert "<script>" not in page.replace('<script src="', "")


def test_own_links_and_own_campaigns_are_shown_without_buttons_with_the_reason(
    page_client, client_for, comms, scenario
):
    writer = reviewer_user(username="reviewer-writer")
    scenario.campaign.team.add(writer)
    own = evidence_link_propose(
        message=scenario.english,
        fact=scenario.hospital,
        claim="Quetta's civil hospital",
        actor=writer,
    )
    page = page_client(writer).get(URL).content.decode()
    mine = card_of(page, own)
    assert "</button>" not in mine
    assert "You proposed or reworded this link" in mine
    team = card_of(page, scenario.urdu_link)
    assert "</button>" not in team
    assert "You work on this campaign" in team

    # The service says the same, to the page and to the API.
    response = page_client(writer).post(
        review_url(scenario.urdu_link, "approve"), {"comment": ""}, follow=True
    )
    assert "You work on this campaign" in response.content.decode()
    api = client_for(writer).post(f"/api/v1/evidence-links/{scenario.urdu_link.pk}/approve/")
    assert api.status_code == 403
    scenario.urdu_link.refresh_from_db()
    assert scenario.urdu_link.status == "proposed"


def test_approving_with_htmx_answers_the_decided_card(page_client, reviewer, scenario):
    response = page_client(reviewer).post(
        review_url(scenario.urdu_link, "approve"), {"comment": "Matches the source."}, **HTMX
    )
    assert response.status_code == 200
    card = response.content.decode()
    assert card.lstrip().startswith("<article") and "<html" not in card
    assert '<p class="done" role="status">Link approved.</p>' in card
    assert "</button>" not in card
    scenario.urdu_link.refresh_from_db()
    assert (scenario.urdu_link.status, scenario.urdu_link.reviewed_by) == ("approved", reviewer)


def test_a_comment_is_required_to_reject_beside_the_comment_box(page_client, reviewer, scenario):
    client = page_client(reviewer)
    link = scenario.flagged_link
    errors = f'<ul class="errorlist" id="link-{link.pk}-comment-errors">'

    fragment = client.post(review_url(link, "reject"), {"comment": " "}, **HTMX)
    assert fragment.status_code == 400
    assert (
        errors + '<li><span role="alert">A comment is required to reject a link.</span></li>'
        in fragment.content.decode()
    )
    assert 'aria-invalid="true"' in fragment.content.decode()

    page = client.post(review_url(link, "request-changes"), {"comment": "", "next": URL})
    assert page.status_code == 400
    text = page.content.decode()
    assert "<html" in text
    assert (
        errors + '<li><span role="alert">A comment is required to request changes.</span></li>'
        in card_of(text, link)
    )
    link.refresh_from_db()
    assert link.status == "proposed"

    done = client.post(review_url(link, "reject"), {"comment": "Says 75; use at least 70."})
    assert done.status_code == 302
    link.refresh_from_db()
    assert (link.status, link.review_comment) == ("rejected", "Says 75; use at least 70.")


@pytest.mark.parametrize("body", [{"comment": ""}, {"comment": "  "}, {}])
def test_the_api_refuses_an_empty_comment_in_the_pages_words(client_for, reviewer, scenario, body):
    link = scenario.flagged_link
    url = f"/api/v1/evidence-links/{link.pk}/"
    client = client_for(reviewer)
    refused = client.post(url + "reject/", body, format="json")
    assert (refused.status_code, refused.json()) == (
        400,
        {"comment": ["A comment is required to reject a link."]},
    )
    changes = client.post(url + "request-changes/", body, format="json")
    assert changes.json() == {"comment": ["A comment is required to request changes."]}
    link.refresh_from_db()
    assert link.status == "proposed"


def test_a_decision_already_taken_is_refused_in_the_card(
    page_client, reviewer, reviewer2, scenario
):
    page_client(reviewer).post(review_url(scenario.urdu_link, "approve"))
    response = page_client(reviewer2).post(
        review_url(scenario.urdu_link, "reject"), {"comment": "No."}, **HTMX
    )
    assert response.status_code == 400
    assert "Cannot reject this link: it is approved." in response.content.decode()


def test_unknown_link_or_decision_is_404(page_client, reviewer, scenario):
    client = page_client(reviewer)
    assert (
        client.post(reverse("web:evidence-link-review", args=[999999, "approve"])).status_code
        == 404
    )
    assert client.post(review_url(scenario.urdu_link, "shrug")).status_code == 404


def test_a_comment_with_a_nul_character_or_too_long_is_refused(page_client, reviewer, scenario):
    client = page_client(reviewer)
    for comment in ("bad\x00byte", "x" * 2001):
        response = client.post(
            review_url(scenario.flagged_link, "reject"), {"comment": comment}, **HTMX
        )
        assert response.status_code == 400
        assert f'id="link-{scenario.flagged_link.pk}-comment-errors"' in response.content.decode()
    scenario.flagged_link.refresh_from_db()
    assert scenario.flagged_link.status == "proposed"


def test_the_redirect_after_a_decision_stays_on_the_site(page_client, reviewer, scenario):
    response = page_client(reviewer).post(
        review_url(scenario.urdu_link, "approve"), {"next": "https://evil.example/"}
    )
    assert response["Location"] == URL


def test_query_count_does_not_grow_with_the_page(
    page_client, comms, reviewer, scenario, django_assert_max_num_queries
):
    client = page_client(reviewer)
    with django_assert_max_num_queries(30) as few:
        client.get(URL)
    for n in range(3):
        web_scenario(owner=comms, name=f"Campaign {n}")
    campaign_with_messages(owner=comms, fact=scenario.church, messages=6)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(URL).content.decode()
    assert page.count('class="card review-card') == 14


def test_a_campaign_is_found_by_part_of_its_name(page_client, comms, reviewer, scenario):
    """The filter is a search box, not a `<select>` of every campaign (1,000 options, 45 KB a
    page): part of a name, in any case, finds the links of every campaign whose name has it."""
    lahore = campaign_with_messages(
        owner=comms, fact=scenario.church, messages=2, name="Shrines of Lahore"
    )
    old_lahore = campaign_with_messages(
        owner=comms, fact=scenario.church, messages=1, name="LAHORE mosques"
    )
    client = page_client(reviewer)
    page = client.get(URL, {"campaign_name": "lahore"}).content.decode()
    assert "(3 links)" in page
    shown = set(map(int, re.findall(r'id="link-(\d+)"', page)))
    expected = EvidenceLink.objects.filter(message__campaign__in=[lahore, old_lahore])
    assert shown == {link.pk for link in expected}
    # The only options are the other filters' (statuses, flags, ages); no campaign is listed.
    from campaigns.selectors.review_queue import FLAG_NAMES
    from web.views.review import WAITING_CHOICES

    options = len(EvidenceLink.Status.choices) + 1 + len(FLAG_NAMES) + len(WAITING_CHOICES)
    assert page.count("<option") == options
    assert "Shrines of Lahore</option>" not in page
    assert 'name="campaign_name"' in page and 'value="lahore"' in page
    assert 'aria-describedby="id_campaign_name_helptext"' in page
    nothing = client.get(URL, {"campaign_name": "Karachi"}).content.decode()
    assert "Nothing waiting for review with these filters." in nothing


def test_a_link_to_one_campaign_names_it_and_leads_back_to_every_campaign(
    page_client, comms, reviewer, scenario
):
    other = campaign_with_messages(owner=comms, fact=scenario.church, messages=2, name="Other")
    page = page_client(reviewer).get(URL, {"campaign": other.pk, "flag": ""}).content.decode()
    assert "(2 links)" in page
    assert 'Campaign: <strong dir="auto">Other</strong>' in page
    assert f'<input type="hidden" name="campaign" value="{other.pk}"' in page
    assert '<a href="/review/?status=proposed&amp;flag=">every campaign</a>' not in page
    assert '<a href="/review/?flag=">every campaign</a>' in page


def test_an_unknown_campaign_is_refused_beside_the_filters_as_the_api_refuses_it(
    page_client, client_for, reviewer, scenario
):
    """The page's `campaign` and the API's `campaign` filter take the same choices (what the
    user may see) and refuse in the same words."""
    api = client_for(reviewer)
    for unknown in (999_999, "x"):
        response = page_client(reviewer).get(URL, {"campaign": unknown})
        assert response.status_code == 400
        page = response.content.decode()
        assert '<ul class="errorlist nonfield" id="id_campaign-errors">' in page
        refused = api.get("/api/v1/evidence-links/", {"campaign": unknown})
        assert refused.status_code == 400
        (words,) = refused.json()["campaign"]
        assert words == "Select a valid choice. That choice is not one of the available choices."
        assert f"<li>Campaign: {words}</li>" in page


def test_a_card_shows_why_a_link_is_back_and_how_a_conflict_was_resolved(
    page_client, reviewer, reviewer2, scenario
):
    """The parts of a card the first queue does not show: a link re-opened after its evidence
    changed (with the reason), a resolved conflict with the chosen wording, and a decided link
    with its reviewer and comment."""
    from campaigns.services.links import evidence_links_reopen
    from evidence.services.facts import fact_resolve_conflict

    fact_resolve_conflict(
        fact=scenario.hospital,
        field="killed",
        wording="at least 70 killed",
        reason="Both sources allow at least 70.",
        reviewer=reviewer2,
    )
    evidence_link_approve(link=scenario.urdu_link, reviewer=reviewer2, comment="Fine & sourced.")
    decided = page_client(reviewer).get(URL, {"status": "approved"}).content.decode()
    assert "Decided by reviewer2 on " in card_of(decided, scenario.urdu_link)
    assert "“Fine &amp; sourced.”</p>" in card_of(decided, scenario.urdu_link)

    evidence_links_reopen(links=[scenario.urdu_link], reason="The church's death toll changed.")
    card = card_of(page_client(reviewer).get(URL).content.decode(), scenario.urdu_link)
    assert (
        '<p class="reopened"><strong>Back in review:</strong> '
        "The church's death toll changed.</p>" in unescape(card)
    )
    assert card.count("</button>") == 3
    hospital = card_of(page_client(reviewer).get(URL).content.decode(), scenario.flagged_link)
    assert (
        '<span class="badge ok">resolved</span> The sources disagree on killed; a reviewer '
        "chose “at least 70 killed”." in hospital
    )
    assert "Resolve it on the fact page" not in hospital


def test_the_filters_fast_select_writes_what_django_writes_for_groups_too():
    """`ManyOptionsSelect` takes Django's own path for grouped choices, and the flat path
    gives Django's HTML for plain choices, lazy labels and names needing escapes."""
    from django import forms
    from django.utils.translation import gettext_lazy

    from web.forms import ManyOptionsSelect, PlainChoices

    flat = [("", gettext_lazy("every campaign")), (1, "Tom & Jerry"), (2, '"Two"')]
    grouped = [("Old", [(1, "One"), (2, "Two")]), (3, "<Three>")]
    for choices in (flat, grouped):
        for value in (None, "", 1, "2", 3):
            expected = forms.Select(choices=choices).render("c", value, {"id": "c"})
            assert ManyOptionsSelect(choices=choices).render("c", value, {"id": "c"}) == expected
            fast = ManyOptionsSelect()
            fast.choices = PlainChoices(choices)
            assert fast.render("c", value, {"id": "c"}) == expected
