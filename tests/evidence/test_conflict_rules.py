"""The disagreement rules on plain data: figures with qualifiers, dates, claims, relations."""

from datetime import date

import pytest

from evidence.services.conflict_rules import (
    FigureClaim,
    Report,
    attribution_conflict,
    date_conflict,
    figure_summary,
    relationship_conflict,
)


def claims(*items: tuple[int, str] | tuple[int, str, int]) -> list[tuple[FigureClaim, int, int]]:
    out = []
    for n, item in enumerate(items):
        value, qualifier, *top = item
        out.append((FigureClaim("killed", value, top[0] if top else None, qualifier), n, n))
    return out


@pytest.mark.parametrize(
    "reported, disputed, wording, minimum, maximum",
    [
        ([(70, "about"), (75, "exact"), (70, "at_least")], True, "at least 70", 70, 75),
        ([(75, "exact"), (70, "at_least")], False, "75", 70, 75),
        ([(70, "about"), (70, "exact")], False, "70", 70, 70),
        ([(70, "about"), (70, "about")], False, "about 70", 70, 70),
        ([(70, "about"), (72, "about")], True, "at least 70", 70, 72),
        ([(67, "exact"), (61, "exact")], True, "at least 61", 61, 67),
        ([(88, "exact"), (100, "more_than")], True, "at least 88", 88, None),
        ([(100, "more_than"), (88, "exact"), (120, "exact")], True, "at least 88", 88, 120),
        ([(26, "exact"), (24, "more_than")], False, "26", 24, 26),
        ([(200, "more_than"), (100, "about")], True, "at least 100", 100, None),
        ([(100, "more_than"), (150, "exact")], False, "150", 100, 150),
        ([(100, "more_than"), (90, "at_least")], False, "more than 100", 90, None),
        ([(50, "up_to"), (40, "at_least")], False, "between 40 and 50", 40, 50),
        ([(50, "up_to"), (70, "exact")], True, "at least 70", 70, 70),
        ([(40, "exact", 45), (42, "exact")], False, "42", 40, 45),
        ([(40, "exact", 45)], False, "between 40 and 45", 40, 45),
        ([(165, "more_than")], False, "more than 165", 165, None),
    ],
)
def test_figure_summaries(reported, disputed, wording, minimum, maximum):  # type: ignore[no-untyped-def]
    summary, conflict = figure_summary(claims(*reported))

    assert summary["disputed"] is disputed
    assert summary["wording"] == wording
    assert (summary["min"], summary["max"]) == (minimum, maximum)
    assert summary["reports"] == len(reported)
    assert (conflict is not None) is disputed


def test_dates_compare_at_the_facts_precision():
    reports = [
        Report(1, 1, reported_on=date(2016, 8, 8)),
        Report(2, 2, reported_on=date(2016, 8, 9)),
        Report(3, 3),
    ]

    assert date_conflict(reports, "day")["values"] == [  # type: ignore[index]
        {"value": "2016-08-08", "excerpt": 1, "source": 1},
        {"value": "2016-08-09", "excerpt": 2, "source": 2},
    ]
    assert date_conflict(reports, "month") is None
    assert date_conflict(reports, "year") is None


def test_nested_sets_of_claimants_agree_but_different_ones_do_not():
    isis, lej, jua = (1, "ISIS"), (2, "LeJ-A"), (3, "Jamaat-ul-Ahrar")
    both = Report(1, 1, claimed_by=frozenset({isis, lej}))
    one = Report(2, 2, claimed_by=frozenset({isis}))
    other = Report(3, 3, claimed_by=frozenset({jua}))
    silent = Report(4, 4)

    assert attribution_conflict([both, one, silent], "claimed_by") is None
    conflict = attribution_conflict([both, one, other], "claimed_by")
    assert conflict is not None
    assert conflict["values"][0]["value"] == "ISIS, LeJ-A"
    assert conflict["values"][0]["actors"] == [1, 2]
    assert attribution_conflict([both, other], "attributed_to") is None


@pytest.mark.parametrize(
    "relations, contradicted",
    [
        ([("no_link", None), ("allegiance", None)], True),
        ([("no_link", date(2016, 1, 1)), ("cooperation", date(2017, 1, 1))], True),
        ([("allegiance", None), ("cooperation", None)], False),
        ([("split", None), ("rejection", None), ("no_link", None)], False),
        ([("cooperation", date(2016, 1, 1)), ("split", date(2017, 6, 1))], False),
        ([("cooperation", date(2017, 7, 1)), ("split", date(2017, 6, 1))], True),
        ([("cooperation", None), ("split", date(2017, 6, 1))], True),
        ([("allegiance", None), ("rejection", None)], True),
    ],
)
def test_relations_that_cannot_both_hold(relations, contradicted):  # type: ignore[no-untyped-def]
    reports = [Report(n, n, relation=r, reported_on=d) for n, (r, d) in enumerate(relations)]

    assert (relationship_conflict(reports) is not None) is contradicted
