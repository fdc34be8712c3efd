"""Presenters write what Django's own filters would, only cheaper for many rows."""

import datetime

import pytest
from django.template.defaultfilters import date as date_filter
from django.utils import translation

from web.presenters import DayMonthYear


@pytest.mark.parametrize("language", ["en", "ur"])
def test_day_month_year_writes_each_date_as_the_date_filter_does(language):
    days = [
        datetime.date(year, month, day)
        for year in (5, 1999, 2026, 9999)
        for month in range(1, 13)
        for day in (1, 9, 28)
    ]
    with translation.override(language):
        written = DayMonthYear()
        assert [written(day) for day in days] == [date_filter(day, "j M Y") for day in days]
        assert written(None) == date_filter(None, "j M Y") == ""
