"""The figure kinds the claim checks and exports read are the model's, less "other"."""

from evidence.models import FigureReport
from evidence.vocabulary import FIGURE_KINDS


def test_the_figure_kinds_read_are_the_models_kinds_but_other():
    assert set(FIGURE_KINDS) == set(FigureReport.Kind.values) - {FigureReport.Kind.OTHER}
