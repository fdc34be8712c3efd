"""The pages' template filters."""

from datetime import date
from types import SimpleNamespace

import pytest

from web.templatetags.counterpoint import field_label, figures_html, precise_date


def test_dates_are_shown_as_precisely_as_the_sources_give_them():
    day = date(2017, 5, 12)
    assert precise_date(SimpleNamespace(occurred_on=day, date_precision="day")) == "12 May 2017"
    assert precise_date(SimpleNamespace(occurred_on=day, date_precision="month")) == "May 2017"
    assert precise_date(SimpleNamespace(occurred_on=day, date_precision="year")) == "2017"
    assert precise_date(SimpleNamespace(occurred_on=None, date_precision="day")) == ""


def test_conflicting_fields_are_named_in_words():
    assert field_label("occurred_on") == "date"
    assert field_label("claimed_by") == "claimed by"
    assert field_label("killed") == "killed"


@pytest.mark.parametrize(
    ("figures", "html"),
    [
        ({}, ""),
        (None, ""),
        (
            {"killed": {"min": 70, "max": 75, "wording": "at least 70", "disputed": True}},
            '<span class="figures"><span class="figure disputed">at least 70 killed</span></span>',
        ),
        (
            {
                "killed": {"min": 9},
                "injured": {"min": 0, "wording": ""},
                "<b>": {"min": 3, "wording": "a & b"},
            },
            '<span class="figures"><span class="figure">9 killed</span>, '
            '<span class="figure">0 injured</span>, '
            '<span class="figure">a &amp; b &lt;b&gt;</span></span>',
        ),
    ],
)
def test_figures_are_written_in_words_the_disputed_marked_and_all_escaped(figures, html):
    """The one writer of a fact's figures, for the facts list and the dashboard alike."""
    assert figures_html(figures) == html
