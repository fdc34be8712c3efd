"""How campaigns react when the evidence under them changes (connected in CampaignsConfig).

`evidence_changed` (figures, date, attribution or relation changed, an excerpt stopped
anchoring, a source was retracted or downgraded) sends every approved link on those facts back
to the review queue with the reason. Any save of a fact or source, or a change of who claimed or
did an attack, recomputes the flags of the links resting on it, so a fact that was verified or
a source that was upgraded clears its flags too.
"""

from typing import Any

from django.db.models import Q

from campaigns.models import EvidenceLink
from campaigns.services.claim_checks import claim_checks_for_facts
from campaigns.services.links import evidence_links_reopen
from common.batching import once_per_batch
from evidence.models import Excerpt, Fact, Source
from evidence.signals import CHANGE_FIGURES

__all__ = [
    "facts_recheck",
    "on_evidence_changed",
    "on_fact_actors_changed",
    "on_fact_saved",
    "on_source_saved",
]


def facts_recheck(facts: set[tuple[int, bool]]) -> None:
    """The claim checks of every link on these facts, once per service call (common.batching);
    `facts` holds (fact id, whether its figures changed), so one pass serves both."""
    claim_checks_for_facts(
        fact_ids={pk for pk, _ in facts}, figures_changed={pk for pk, moved in facts if moved}
    )


def on_evidence_changed(
    sender: Any, *, fact_ids: list[int], code: str = "", reason: str = "", **_: Any
) -> None:
    links = EvidenceLink.objects.filter(
        fact_id__in=fact_ids,
        status__in=[EvidenceLink.Status.APPROVED, EvidenceLink.Status.PROPOSED],
    )
    evidence_links_reopen(links=links, reason=reason or code)
    once_per_batch(facts_recheck, [(pk, code == CHANGE_FIGURES) for pk in fact_ids])


def on_fact_saved(sender: Any, *, instance: Fact, raw: bool = False, **_: Any) -> None:
    if raw or not instance.pk:
        return
    once_per_batch(facts_recheck, [(instance.pk, False)])


def on_fact_actors_changed(
    sender: Any, *, instance: Any, action: str, reverse: bool, pk_set: set[int] | None, **_: Any
) -> None:
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    fact_ids = list(pk_set or []) if reverse else [instance.pk]
    once_per_batch(facts_recheck, [(pk, False) for pk in fact_ids])


def on_source_saved(sender: Any, *, instance: Source, raw: bool = False, **_: Any) -> None:
    if raw or not instance.pk:
        return
    fact_ids = list(
        Excerpt.objects.filter(Q(source_id=instance.pk) & ~Q(fact=None))
        .values_list("fact_id", flat=True)
        .distinct()
    )
    if fact_ids:
        once_per_batch(facts_recheck, [(pk, False) for pk in fact_ids])
