"""Anchoring quotes in source texts (pure functions) and the normalisation contract."""

import pytest

from evidence.anchoring import (
    ContextMismatch,
    QuoteAmbiguous,
    QuoteNotFound,
    find_quote,
    normalize_with_offsets,
)
from evidence.text import normalize_text

SOURCE = (
    "\u201cOur movement has no organisational link with [ISIL],\u201d   Jamatul Ahrar\u2019s "
    "leader said.\n\nThe bombing took about 70\u00a0lives \u2014 in Quetta."
)


def anchored_text(text: str, exact: str, prefix: str = "", suffix: str = "") -> str:
    anchor = find_quote(normalize_with_offsets(text), exact, prefix, suffix)
    return text[anchor.start : anchor.end]


def test_normalize_text_follows_the_contract():
    assert normalize_text("  \u201cHe\u2019s\u201d \u2013 a\u2014b \n\t c\u0301  ") == (
        '"He\'s" - a-b \u0107'
    )


def test_the_normalised_text_with_offsets_equals_normalize_text():
    assert normalize_with_offsets(SOURCE).text == normalize_text(SOURCE)


def test_a_quote_with_straight_quotes_and_plain_spaces_maps_back_to_the_original_passage():
    exact = '"Our movement has no organisational link with [ISIL]," Jamatul Ahrar\'s leader'

    assert anchored_text(SOURCE, exact) == (
        "\u201cOur movement has no organisational link with [ISIL],\u201d   Jamatul "
        "Ahrar\u2019s leader"
    )


def test_a_quote_spanning_a_line_break_and_a_dash_is_found():
    assert anchored_text(SOURCE, "leader said. The bombing took about 70 lives - in Quetta") == (
        "leader said.\n\nThe bombing took about 70\u00a0lives \u2014 in Quetta"
    )


def test_decomposed_accents_in_the_source_match_composed_ones_in_the_quote():
    text = "Visited Sehwan Shari\u0301f shrine."  # i + combining acute
    assert anchored_text(text, "Shar\u00edf shrine") == "Shari\u0301f shrine"


def test_a_quote_not_in_the_source_is_refused():
    with pytest.raises(QuoteNotFound, match="does not occur"):
        find_quote(normalize_with_offsets(SOURCE), "about 75 lives")


def test_a_repeated_quote_needs_a_prefix_or_suffix_and_says_how_often_it_occurs():
    text = "Police said 70 killed. Later, hospital staff said 70 killed in all."
    normalized = normalize_with_offsets(text)

    with pytest.raises(QuoteAmbiguous, match="occurs 2 times") as error:
        find_quote(normalized, "70 killed")
    assert error.value.occurrences == 2

    second = find_quote(normalized, "70 killed", prefix="staff said")
    assert text[second.start :] == "70 killed in all."
    first = find_quote(normalized, "70 killed", suffix=". Later")
    assert first.start == text.index("70 killed")


def test_a_prefix_that_fits_no_occurrence_is_refused():
    with pytest.raises(ContextMismatch):
        find_quote(normalize_with_offsets(SOURCE), "about 70", prefix="roughly")


def test_an_empty_quote_is_refused():
    with pytest.raises(QuoteNotFound):
        find_quote(normalize_with_offsets(SOURCE), " \n ")
