"""Mixed-direction text: which fragments are isolated, so hashtags, numbers and Latin words
keep their visual order inside Urdu and Arabic (and Urdu inside English)."""

import pytest

from common.bidi import FSI, PDI, bidi_fragments, bidi_isolate, direction_of

URDU_WITH_TAG = "یہ گروہ سب سے پہلے مسلمانوں کو نشانہ بناتا ہے۔ #NotInOurName"


def isolated(text: str, direction: str = "auto") -> list[str]:
    return [f.text for f in bidi_fragments(text, direction=direction) if f.isolated]


def test_a_latin_hashtag_in_urdu_is_isolated_whole_with_its_hash():
    assert isolated(URDU_WITH_TAG) == ["#NotInOurName"]
    assert bidi_isolate(URDU_WITH_TAG).endswith(f"{FSI}#NotInOurName{PDI}")


def test_an_urdu_hashtag_is_one_unit_too():
    assert isolated("ہم سب #پاکستان کے ساتھ") == ["#پاکستان"]
    assert isolated("We stand with #پاکستان today", "ltr") == ["#پاکستان"]


@pytest.mark.parametrize(
    ("text", "fragments"),
    [
        ("مئی 2017 میں حملہ ہوا", ["2017"]),
        ("حملے میں ISIS-K نے، (Daesh) ذمہ داری قبول کی", ["ISIS-K", "Daesh"]),
        ("ہلاکتیں 1,000 سے زیادہ ہیں", ["1,000"]),
        ("واقعہ May 2017 کو ہوا", ["May 2017"]),
    ],
)
def test_numbers_and_latin_words_in_rtl_text_are_isolated_at_their_edges(text, fragments):
    assert isolated(text, "rtl") == fragments


def test_urdu_words_in_english_are_isolated_but_a_following_number_stays_english():
    text = 'The slogan "حملے میں 53 زائرین" was shared 53 times.'
    assert isolated(text, "ltr") == ["حملے میں 53 زائرین"]


def test_isolating_only_adds_isolates_and_leaves_plain_text_alone():
    text = "مئی 2017 میں ISIS-K نے حملہ کیا۔ #NotInOurName"
    assert bidi_isolate(text).replace(FSI, "").replace(PDI, "") == text
    assert "".join(f.text for f in bidi_fragments(text)) == text
    assert bidi_isolate("The attack killed 26 seminary students.") == (
        "The attack killed 26 seminary students."
    )
    assert bidi_isolate("") == ""


def test_direction_of_reads_the_first_strong_letter():
    assert direction_of("53 زائرین") == "rtl"
    assert direction_of("#NotInOurName") == "ltr"
    assert direction_of("53") == "ltr"
