"""The message editor: writing and editing through the message services, the length counted
as the channel counts it, right-to-left Urdu, the live claim checks (nothing saved), one click
to apply a suggested wording, and revisions compared word by word."""

import pytest
from django.urls import reverse

from campaigns.models import EvidenceLink, Message, MessageRevision
from campaigns.services.messages import message_update
from tests.web.factories import URDU_TEXT

pytestmark = pytest.mark.django_db


def edit_url(message: Message) -> str:
    return reverse("web:message-edit", args=[message.pk])


def new_url(campaign) -> str:  # type: ignore[no-untyped-def]
    return reverse("web:message-new", args=[campaign.pk])


def check_url(campaign) -> str:  # type: ignore[no-untyped-def]
    return reverse("web:message-check", args=[campaign.pk])


def test_a_writer_saves_a_new_message_and_lands_in_its_editor(page_client, comms, scenario):
    client = page_client(comms)
    assert client.get(new_url(scenario.campaign)).status_code == 200
    response = client.post(
        new_url(scenario.campaign),
        {"channel": "x", "language": "en", "text": "Daesh bombed a shrine in Sehwan."},
    )
    message = Message.objects.latest("pk")
    assert response.status_code == 302 and response["Location"] == edit_url(message)
    assert message.text == "Daesh bombed a shrine in Sehwan."
    assert message.created_by == comms
    page = client.get(edit_url(message)).content.decode()
    assert "Message saved." in page
    assert "32 of 280 characters" in page


def test_text_over_the_channels_limit_is_refused_beside_the_text(page_client, comms, scenario):
    # X counts a link as 23 whatever its length: 250 letters and a 60-character link are 274
    # (fits), 260 letters and the link are 284 (too long).
    link = "https://example.org/" + "a" * 40
    fits = "a" * 250 + " " + link
    client = page_client(comms)
    checked = client.post(
        check_url(scenario.campaign), {"channel": "x", "text": fits}, HTTP_HX_REQUEST="true"
    )
    assert "274 of 280 characters" in checked.content.decode()
    too_long = "a" * 260 + " " + link
    before = Message.objects.count()
    response = client.post(
        new_url(scenario.campaign), {"channel": "x", "language": "en", "text": too_long}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["text"] == [
        "X (Twitter) allows at most 280 characters; this text has 284."
    ]
    page = response.content.decode()
    assert page.index("allows at most 280") < page.index('id="id_text"')
    assert "too long for this channel" in page
    assert Message.objects.count() == before


def test_an_unknown_language_is_refused_in_the_apis_words(page_client, comms, scenario):
    response = page_client(comms).post(
        new_url(scenario.campaign), {"channel": "x", "language": "urdu!", "text": "Hello"}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["language"] == [
        "Give a BCP 47 language code such as en, ur, ps, sd, bal or ar."
    ]


def test_urdu_is_edited_right_to_left_with_hashtags_kept_whole(page_client, comms, scenario):
    message_update(message=scenario.urdu, actor=comms, text=URDU_TEXT + " #ISIS 88")
    page = page_client(comms).get(edit_url(scenario.urdu)).content.decode()
    assert '<textarea name="text" id="id_text" rows="8" dir="rtl" lang="ur"' in page
    # The hashtag and the number are isolated whole wherever the text is shown.
    assert "<bdi>#ISIS</bdi> <bdi>88</bdi>" in page


def test_the_live_check_flags_words_as_typed_without_saving(page_client, comms, scenario):
    english = scenario.english
    draft = "The bombing of Quetta's civil hospital killed 75 people. ISIS killed 88 in Sehwan."
    response = page_client(comms).post(
        check_url(scenario.campaign),
        {"message": english.pk, "channel": "facebook", "language": "en", "text": draft},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    page = response.content.decode()
    # The linked claim's number is flagged beside its words, with the safe wording...
    assert 'data-code="figure_exceeds_evidence"' in page
    assert '<mark class="flagged"><bdi>75</bdi><sup><bdi>' in page
    assert "at least 70" in page
    # ...but a suggestion applies to saved words only.
    assert "Save the message to apply this wording." in page
    # The new sentence states a number no claim covers: flagged and marked unlinked.
    assert 'data-code="figure_without_evidence"' in page
    assert '<span class="sentence unlinked">' in page
    assert "1 unlinked sentence" in page
    # The counter is swapped in too, and nothing was saved.
    assert 'id="length-counter"' in page and 'hx-swap-oob="true"' in page
    english.refresh_from_db()
    assert english.revision == 1 and "Sehwan" not in english.text


def test_one_click_applies_the_suggested_wording_to_text_and_claim(page_client, comms, scenario):
    english, link = scenario.english, scenario.flagged_link
    client = page_client(comms)
    page = client.get(edit_url(english)).content.decode()
    apply_url = reverse("web:evidence-link-apply-suggestion", args=[link.pk])
    assert f'action="{apply_url}"' in page
    assert "Use “at least 70”" in page
    response = client.post(apply_url, {"words": "75", "suggestion": "at least 70"})
    assert response.status_code == 302 and response["Location"] == edit_url(english)
    english.refresh_from_db()
    link.refresh_from_db()
    assert english.text == "The bombing of Quetta's civil hospital killed at least 70 people."
    assert english.revision == 2
    assert link.claim == "killed at least 70 people"
    assert link.status == EvidenceLink.Status.PROPOSED
    assert not [f for f in link.flags if f["code"] == "figure_exceeds_evidence"]
    after = client.get(edit_url(english)).content.decode()
    assert "Now reads “at least 70”" in after
    # The new revision is compared with the one before it.
    assert "<del><bdi>75</bdi></del><ins><bdi>at least</bdi> <bdi>70</bdi></ins>" in after


def test_a_stale_suggestion_is_refused_and_nothing_changes(page_client, comms, scenario):
    english, link = scenario.english, scenario.flagged_link
    message_update(
        message=english, actor=comms, text="The bombing of Quetta's civil hospital killed people."
    )
    client = page_client(comms)
    response = client.post(
        reverse("web:evidence-link-apply-suggestion", args=[link.pk]),
        {"words": "75", "suggestion": "at least 70"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "The message no longer contains “75” where the claim quotes it" in page
    english.refresh_from_db()
    link.refresh_from_db()
    assert english.revision == 2 and link.claim == "killed 75 people"
    assert MessageRevision.objects.filter(message=english).count() == 2


def test_revisions_are_compared_word_by_word(page_client, comms, scenario):
    english = scenario.english
    message_update(
        message=english,
        actor=comms,
        text="The bombing of Quetta's civil hospital killed at least 70 people, most of them "
        "lawyers.",
    )
    page = page_client(comms).get(edit_url(english) + "?from=1&to=2").content.decode()
    assert "Changes from revision 1 to revision 2" in page
    assert (
        "killed</bdi> <del><bdi>75</bdi></del><ins><bdi>at least</bdi> <bdi>70</bdi></ins>" in page
    )
    assert "<bdi>people</bdi><ins>, <bdi>most of them lawyers</bdi></ins>." in page


def test_who_may_open_the_editor(
    page_client, comms, comms_outsider, reviewer, no_role_user, scenario
):
    english = scenario.english
    urls = [edit_url(english), new_url(scenario.campaign)]
    for url in urls:
        anonymous = page_client().get(url)
        assert anonymous.status_code == 302
        assert page_client(no_role_user).get(url).status_code == 403
        assert page_client(reviewer).get(url).status_code == 403
        assert page_client(comms_outsider).get(url).status_code == 404
    assert (
        page_client(comms_outsider)
        .post(check_url(scenario.campaign), {"text": "x", "channel": "x"})
        .status_code
        == 404
    )
    taken = page_client(comms_outsider).post(
        edit_url(english), {"channel": "facebook", "language": "en", "text": "Taken over."}
    )
    assert taken.status_code == 404
    english.refresh_from_db()
    assert english.text.startswith("The bombing")
    # The reviewer still sees the campaign, with no way into the editor.
    campaign_page = page_client(reviewer).get(reverse("web:campaign", args=[english.campaign_id]))
    assert campaign_page.status_code == 200
    assert edit_url(english) not in campaign_page.content.decode()
    assert (
        edit_url(english)
        in page_client(comms)
        .get(reverse("web:campaign", args=[english.campaign_id]))
        .content.decode()
    )


def test_submitting_a_message_for_review(page_client, comms, scenario):
    english = scenario.english
    response = page_client(comms).post(reverse("web:message-submit", args=[english.pk]))
    assert response.status_code == 302
    english.refresh_from_db()
    assert english.status == Message.Status.IN_REVIEW
