"""What the evidence app announces when evidence changes.

`evidence` never imports `campaigns` (dependencies point one way, STYLE.md rule 10). When a
change can invalidate what rests on a fact, the evidence services send `evidence_changed`;
`campaigns` listens and sends approved evidence links back to review, with the reason.

Sent inside the service's transaction, so a listener's writes commit or roll back with it.

Keyword arguments:
    fact_ids: list[int]  the facts whose support changed
    code: str            one of the CHANGE_* codes below
    reason: str          a sentence for the reviewer ("Source 'X' was retracted: …")
"""

from django.dispatch import Signal

__all__ = [
    "CHANGE_ATTRIBUTION",
    "CHANGE_DATE",
    "CHANGE_EXCERPT_UNANCHORED",
    "CHANGE_FIGURES",
    "CHANGE_RELATION",
    "CHANGE_SOURCE_DOWNGRADED",
    "CHANGE_SOURCE_RETRACTED",
    "evidence_changed",
]

CHANGE_FIGURES = "figures_changed"
CHANGE_DATE = "date_changed"
CHANGE_ATTRIBUTION = "attribution_changed"
CHANGE_RELATION = "relation_changed"
CHANGE_EXCERPT_UNANCHORED = "excerpt_unanchored"
CHANGE_SOURCE_RETRACTED = "source_retracted"
CHANGE_SOURCE_DOWNGRADED = "source_downgraded"

evidence_changed = Signal()
