"""The plain context a report is rendered from: frozen dataclasses, no models.

Selectors (reports.selectors.context) fill these from the database; the renderers read only
these, so rendering can never issue a query and the same context renders to every format.
"""

from .documents import (
    BriefContext,
    CampaignPlan,
    ChartData,
    CoverageTable,
    DossierContext,
    FlagEntry,
    LinkEntry,
    MessageEntry,
    RangeBar,
    RegisterContext,
    RegisterRow,
    ReportContext,
    ThemeEntry,
)
from .evidence import (
    Citation,
    ConflictEntry,
    ConflictValue,
    ExcerptEntry,
    FactEntry,
    FigureLine,
    ReportHeader,
    SourceEntry,
)

__all__ = [
    "BriefContext",
    "CampaignPlan",
    "ChartData",
    "Citation",
    "ConflictEntry",
    "ConflictValue",
    "CoverageTable",
    "DossierContext",
    "ExcerptEntry",
    "FactEntry",
    "FigureLine",
    "FlagEntry",
    "LinkEntry",
    "MessageEntry",
    "RangeBar",
    "RegisterContext",
    "RegisterRow",
    "ReportContext",
    "ReportHeader",
    "SourceEntry",
    "ThemeEntry",
]
