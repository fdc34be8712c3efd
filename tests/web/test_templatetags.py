"""The pages' template filters."""

from datetime import date
from types import SimpleNamespace

from web.templatetags.counterpoint import field_label, precise_date


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
