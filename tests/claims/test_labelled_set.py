"""The labelled claim set (tests/claims/data, written by generate.py from a reviewer's labels):
the checks find every wrong figure and every responsibility stated as fact, without false
alarms, and the figure suggestions offer the labelled figures."""

import pytest

from campaigns.services.claim_checks.wording import figure_mentions
from evidence.figure_text import suggest_figures
from tests.claims.labelled import (
    check_claim,
    claim_items,
    excerpt_items,
    heldout_items,
    score_claims,
    score_excerpts,
)


def test_the_set_is_as_large_as_promised() -> None:
    claims, excerpts = claim_items(), excerpt_items()

    assert len(claims) >= 300
    assert sum(1 for c in claims if c["lang"] == "ur") >= 100
    assert len(excerpts) >= 150


def test_every_wrong_figure_and_every_responsibility_stated_as_fact_is_flagged() -> None:
    tallies = score_claims(claim_items())

    assert tallies["figure_exceeds_evidence"].misses == []
    assert tallies["attribution_disputed"].misses == []
    assert tallies["attribution_denied"].misses == []


def test_flags_are_precise() -> None:
    tallies = score_claims(claim_items())

    for code in ("figure_exceeds_evidence", "attribution_disputed", "unread_number"):
        assert tallies[code].precision >= 0.95, (code, tallies[code].false_alarms)
    assert tallies["any"].precision >= 0.95
    assert tallies["any"].recall >= 0.95


def test_the_held_out_sentences_are_read_as_labelled() -> None:
    tallies = score_claims(heldout_items())

    assert tallies["figure_exceeds_evidence"].misses == []
    assert tallies["attribution_disputed"].misses == []
    assert tallies["any"].precision >= 0.95, {k: t.false_alarms for k, t in tallies.items()}


def test_figure_suggestions_match_the_labels() -> None:
    tally = score_excerpts(excerpt_items())

    assert tally.precision >= 0.95, tally.false_alarms
    assert tally.recall >= 0.95, tally.misses


@pytest.mark.parametrize("item", excerpt_items(), ids=lambda i: i["id"])
def test_excerpt_suggestions_and_claim_checks_read_a_sentence_alike(item: dict) -> None:
    """ONE vocabulary: the figures the excerpt form suggests are the counts the claim checks
    read in the same words (first of each kind)."""
    suggested = {(f["kind"], f["value_min"]) for f in suggest_figures(item["text"], item["lang"])}
    read: dict[str, int] = {}
    for mention, kind in figure_mentions(item["text"], item["lang"]):
        read.setdefault(kind, mention.value_min)

    assert suggested <= set(read.items())
    assert {k for k, _ in suggested} == set(read)


def test_a_flag_names_its_words_exactly() -> None:
    for item in claim_items():
        for found in check_claim(item)["flag_details"]:
            if "start" in found:
                assert item["text"][found["start"] : found["end"]] == found["words"]
