"""Figures suggested from an excerpt's words, so a source admin only confirms them."""

from pathlib import Path

import pytest

from evidence.figure_text import NumberMention, numbers_in_text, suggest_figures

SEEDS = Path(__file__).resolve().parents[2] / "evidence" / "demo_data" / "articles"


def fig(kind: str, value_min: int, value_max: int | None, qualifier: str) -> dict:
    return {"kind": kind, "value_min": value_min, "value_max": value_max, "qualifier": qualifier}


@pytest.mark.parametrize(
    ("text", "value_min", "value_max", "qualifier"),
    [
        ("75", 75, 75, "exact"),
        ("1,200", 1200, 1200, "exact"),
        ("30,000", 30000, 30000, "exact"),
        ("nine", 9, 9, "exact"),
        ("seventy-five", 75, 75, "exact"),
        ("seventy five", 75, 75, "exact"),
        ("one hundred", 100, 100, "exact"),
        ("a hundred", 100, 100, "exact"),
        ("one hundred and five", 105, 105, "exact"),
        ("sixty thousand", 60000, 60000, "exact"),
        ("180 million", 180_000_000, 180_000_000, "exact"),
        ("two dozen", 24, 24, "exact"),
        ("a dozen", 12, 12, "exact"),
        ("half a dozen", 6, 6, "exact"),
        ("dozens of", 24, None, "at_least"),
        ("hundreds of", 200, None, "at_least"),
        ("thousands of", 2000, None, "at_least"),
        ("about 70", 70, 70, "about"),
        ("around 70", 70, 70, "about"),
        ("some 70", 70, 70, "about"),
        ("nearly fifty", 50, 50, "about"),
        ("almost fifty", 50, 50, "about"),
        ("at least 70", 70, None, "at_least"),
        ("more than 165", 165, None, "more_than"),
        ("more than one hundred", 100, None, "more_than"),
        ("more than two dozen", 24, None, "more_than"),
        ("over 300", 300, None, "more_than"),
        ("up to 30,000", 30000, 30000, "up_to"),
        ("as many as 100", 100, 100, "up_to"),
        ("between 40 and 45", 40, 45, "exact"),
        ("40-45", 40, 45, "exact"),
    ],
)
def test_a_number_is_read_with_its_qualifier(
    text: str, value_min: int, value_max: int | None, qualifier: str
) -> None:
    sentence = f"Officials said {text} people were counted."

    mentions = numbers_in_text(sentence)

    start = sentence.index(text)
    assert mentions[0] == NumberMention(
        start=start,
        end=start + len(text.removesuffix(" of")),
        text=text.removesuffix(" of"),
        value_min=value_min,
        value_max=value_max,
        qualifier=qualifier,
    )
    assert len(mentions) == 1


@pytest.mark.parametrize(
    "sentence, value_min",
    [("Hundreds killed as the shrine was bombed.", 200), ("Dozens wounded in Quetta.", 24)],
)
def test_a_vague_plural_before_a_casualty_verb_is_a_count(sentence: str, value_min: int) -> None:
    [mention] = numbers_in_text(sentence)

    assert (mention.value_min, mention.value_max, mention.qualifier) == (
        value_min,
        None,
        "at_least",
    )


def test_a_vague_plural_that_counts_nothing_is_not_a_number() -> None:
    assert numbers_in_text("The shrine has stood for hundreds more than a century.") == []


def test_offsets_point_at_the_words_in_the_text() -> None:
    text = "The attack killed nine worshipers and injured nearly fifty more."

    mentions = numbers_in_text(text)

    assert [text[m.start : m.end] for m in mentions] == ["nine", "nearly fifty"]
    assert [m.text for m in mentions] == ["nine", "nearly fifty"]


@pytest.mark.parametrize(
    "text",
    [
        "AK-47 rifles",
        "the 20th report",
        "Operation Khyber-4",
        "controlling up to 90% of Afghanistan",
        "a guard and an attacker",
        "several people",
    ],
)
def test_things_that_are_not_counts_are_not_read_as_numbers(text: str) -> None:
    assert numbers_in_text(text) == []


def test_a_text_without_numbers_suggests_nothing() -> None:
    assert suggest_figures("Pakistan has no acceptance for ISIL militants.") == []
    assert suggest_figures("") == []


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        # The contract's phrases.
        ("The bombing took about 70 lives.", [fig("killed", 70, 70, "about")]),
        (
            "killing 61 and injuring more than 165",
            [fig("killed", 61, 61, "exact"), fig("wounded", 165, None, "more_than")],
        ),
        (
            "more than one hundred people were killed",
            [fig("killed", 100, None, "more_than")],
        ),
        ("nearly fifty were wounded", [fig("wounded", 50, 50, "about")]),
        (
            "more than two dozen seminary students were killed",
            [fig("killed", 24, None, "more_than")],
        ),
        # The seed articles' own phrasings.
        ("August 2016 Quetta hospital attack (75 killed)", [fig("killed", 75, 75, "exact")]),
        (
            "launched its first attack in the country on August 8, 2016, killing at least 70 "
            "people in Quetta",
            [fig("killed", 70, None, "at_least")],
        ),
        (
            "Three heavily armed terrorists attacked sleeping cadets, killing 61 and injuring "
            "more than 165 others.",
            [fig("killed", 61, 61, "exact"), fig("wounded", 165, None, "more_than")],
        ),
        (
            "perpetrated a suicide bombing at a Sufi shrine in Sindh Province, killing more than "
            "one hundred people and wounding over 300 others.",
            [fig("killed", 100, None, "more_than"), fig("wounded", 300, None, "more_than")],
        ),
        (
            "February 2017 Lal Shahbaz Qalandar Shrine attack (88 killed)",
            [fig("killed", 88, 88, "exact")],
        ),
        (
            "an attack on a church killed nine worshipers and injured nearly fifty more, "
            "including women and children.",
            [fig("killed", 9, 9, "exact"), fig("wounded", 50, 50, "about")],
        ),
        (
            "another suicide bombing hit the convoy of the Deputy Chairman of Pakistan’s Senate, "
            "Abdul Ghafoor Haideri, killing more than two dozen people.",
            [fig("killed", 24, None, "more_than")],
        ),
        (
            "The May attack on the Deputy Chairman of the Senate Maulana Abdul Ghafoor Haideri in "
            "which 26 madressah students lost their lives",
            [fig("killed", 26, 26, "exact")],
        ),
        ("26 seminary students killed", [fig("killed", 26, 26, "exact")]),
        ("nine worshippers killed", [fig("killed", 9, 9, "exact")]),
        (
            "the Safoora Chowrangi massacre in Karachi which left 40 people dead.",
            [fig("killed", 40, 40, "exact")],
        ),
        ("May 2015 Safoora Goth bus attack (45 killed)", [fig("killed", 45, 45, "exact")]),
        (
            "which killed 15 people, including eight soldiers.",
            [fig("killed", 15, 15, "exact")],
        ),
        (
            "Up till now, more than 200 Pakistanis have joined the terror group",
            [fig("joined", 200, None, "more_than")],
        ),
        (
            "about 100 people had left Pakistan for Syria to join ISIS.",
            [fig("joined", 100, 100, "about")],
        ),
        (
            "confirmed that as many as 100 Pakistanis have joined the terror group",
            [fig("joined", 100, 100, "up_to")],
        ),
        (
            "ISIS was recruiting hundreds of followers from the Hangu and Kurram Agency",
            [fig("joined", 200, None, "at_least")],
        ),
        ("dozens of people were killed", [fig("killed", 24, None, "at_least")]),
        ("the death toll rose to 75", [fig("killed", 75, 75, "exact")]),
        (
            "1,200 wounded and seventy-five dead",
            [fig("wounded", 1200, 1200, "exact"), fig("killed", 75, 75, "exact")],
        ),
        ("Police arrested 12 suspects", [fig("arrested", 12, 12, "exact")]),
    ],
)
def test_figures_are_suggested_from_the_words(text: str, figures: list[dict]) -> None:
    assert suggest_figures(text) == figures


def test_dates_and_years_around_a_figure_are_not_taken_for_it() -> None:
    text = (
        "Jamatul Ahrar took responsibility for an August 9 suicide bombing targeting lawyers "
        "and journalists at a Quetta hospital. The bombing took about 70 lives."
    )

    assert suggest_figures(text) == [fig("killed", 70, 70, "about")]


def test_every_seed_article_yields_its_figures() -> None:
    """The demo corpus ships the five seed articles; their figures are all found."""
    suggested = {
        path.name[:3]: suggest_figures(path.read_text(encoding="utf-8"))
        for path in sorted(SEEDS.glob("*.txt"))
    }

    # One per kind and article: the first mention of each kind, in reading order.
    assert suggested["000"] == [fig("killed", 40, 40, "exact")]
    assert suggested["001"] == [fig("killed", 70, 70, "about")]
    assert fig("joined", 200, None, "more_than") in suggested["002"]
    assert fig("killed", 45, 45, "exact") in suggested["002"]
    assert fig("joined", 30000, 30000, "up_to") in suggested["003"]
    assert suggested["004"][:2] == [fig("killed", 9, 9, "exact"), fig("wounded", 50, 50, "about")]
