"""A service's sentence (`common.words.Words`) is the English the API answers with, and the
same sentence in the reader's language on a page; one definition for both."""

import copy
import json
import pickle

from django.utils import translation

from common.words import Words, in_reader_language, problem_words


def test_words_are_the_english_sentence_with_its_values():
    said = Words("At most %(count)s items.", count=50)
    assert said == "At most 50 items."
    assert isinstance(said, str)
    assert json.dumps({"detail": said}) == '{"detail": "At most 50 items."}'
    assert f"{said}" == "At most 50 items."


def test_a_copy_of_words_is_still_translatable():
    """A copied or pickled sentence (an exception carried elsewhere) keeps what a page needs."""
    said = Words("Only Reviewers may %(doing)s.", doing=Words("review evidence links"))
    for again in (copy.deepcopy(said), pickle.loads(pickle.dumps(said))):  # noqa: S301 - ours
        assert again == said
        assert (again.msgid, again.values) == (said.msgid, said.values)
        with translation.override("ur"):
            assert in_reader_language(again) == in_reader_language(said) != str(said)


def test_a_page_says_it_in_urdu_values_and_phrases_included():
    said = Words(
        "Only the campaign's owner and team may %(doing)s.", doing=Words("edit the campaign")
    )
    with translation.override("ur"):
        urdu = in_reader_language(said)
    assert urdu == "مہم میں ترمیم کرنا: یہ صرف مہم کا مالک اور اس کی ٹیم کر سکتے ہیں۔"
    with translation.override("en"):
        english = in_reader_language(said)
    assert english == "Only the campaign's owner and team may edit the campaign."


def test_labels_in_lower_case_and_choices_are_translated_as_their_labels():
    names = Words.one_of_lowercase(["In review", "Draft"])
    assert names == "draft or in review"
    assert Words.one_of_lowercase(["Closed", "Active", "Approved"]) == (
        "active or approved or closed"
    )
    with translation.override("ur"):
        assert in_reader_language(names) == "مسودہ یا جائزے میں"


def test_a_phrase_in_context_keeps_its_english_and_has_its_own_urdu():
    """ "approve" is a button's word in the catalogue ("منظور کریں"); inside a refusal it is a
    verb the sentence needs in another form."""
    said = Words.in_context("refusal", "approve")
    assert said == "approve"
    with translation.override("ur"):
        assert translation.gettext("approve") == "منظور کریں"
        assert in_reader_language(said) == "منظور کرنا"


def test_anything_else_is_shown_as_it_is():
    with translation.override("ur"):
        assert in_reader_language("Plain text") == "Plain text"
        assert in_reader_language(None) is None
        assert problem_words({"code": "no_themes"}) == "no_themes"
        assert problem_words({"code": "x", "message": Words("The link was rejected.")}) != (
            "The link was rejected."
        )


def test_an_english_page_shows_the_sentence_exactly_as_the_api_does():
    said = Words(
        "Cannot %(doing)s: the message is %(status)s.",
        doing=Words.in_context("refusal", "approve"),
        status=Words.lowercase("In review"),
    )
    with translation.override("en"):
        assert in_reader_language(said) == said == "Cannot approve: the message is in review."
    with translation.override("ur"):
        assert in_reader_language(said) == "منظور کرنا ممکن نہیں: پیغام کی حالت “جائزے میں” ہے۔"
