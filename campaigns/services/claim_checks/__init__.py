"""Claim checks: what is wrong with a claim given the evidence under it, stored as `flags` on
evidence links and messages, and recomputed whenever a link, a message or the evidence changes.

Link flags: `figure_exceeds_evidence`, `attribution_disputed`, `disputed_fact`,
`unverified_fact`, `source_retracted`, `source_below_minimum_grade`, `excerpt_unanchored`,
`claim_not_in_message`. Message flags: every flag of its open links (with `"link_id"`) plus
`figure_without_evidence` for a casualty or recruitment number no linked claim covers.
"""

from collections.abc import Iterable
from typing import Any

from django.db.models import Prefetch, QuerySet

from campaigns.models import EvidenceLink, Message
from campaigns.services.claim_checks.checks import (
    FIGURE_WORDS,
    attribution_flags,
    evidence_flags,
    figure_flags,
    flag,
)
from campaigns.services.claim_checks.wording import (
    ActorName,
    actor_names,
    claim_spans,
    figure_mentions,
)
from common.history import history_bulk_update
from evidence.models import Actor, Excerpt

__all__ = [
    "claim_checks_for_facts",
    "claim_checks_for_messages",
    "link_flags",
    "links_with_evidence",
    "message_flags",
]

Flag = dict[str, Any]


def links_with_evidence(queryset: QuerySet[EvidenceLink]) -> QuerySet[EvidenceLink]:
    """Links with everything the checks read, in a fixed number of queries."""
    return queryset.select_related("message__campaign", "fact").prefetch_related(
        Prefetch(
            "fact__excerpts",
            queryset=Excerpt.objects.select_related("source").prefetch_related(
                "reported_claimed_by", "reported_attributed_to"
            ),
        ),
        "fact__claimed_by",
        "fact__attributed_to",
    )


def _actor_names() -> list[ActorName]:
    actors = Actor.objects.prefetch_related("aliases")
    return actor_names([(a.pk, a.name, [x.alias for x in a.aliases.all()]) for a in actors])


def link_flags(*, link: EvidenceLink, names: list[ActorName] | None = None) -> list[Flag]:
    """Every flag on one link's claim, given its fact and its message's campaign."""
    names = _actor_names() if names is None else names
    fact = link.fact
    flags = [
        *figure_flags(claim=link.claim, fact=fact),
        *attribution_flags(claim=link.claim, fact=fact, names=names),
        *evidence_flags(fact=fact, minimum_reliability=link.message.campaign.minimum_reliability),
    ]
    if not claim_spans(claim=link.claim, text=link.message.text):
        flags.append(
            flag(
                "claim_not_in_message",
                "The message no longer contains these words.",
                "Edit the claim to quote the message as it now stands.",
            )
        )
    return flags


def message_flags(*, message: Message, links: Iterable[EvidenceLink]) -> list[Flag]:
    """The message's own flag (numbers no linked claim covers) plus its open links' flags."""
    open_links = [link for link in links if link.status != EvidenceLink.Status.REJECTED]
    covered = [
        span for link in open_links for span in claim_spans(claim=link.claim, text=message.text)
    ]
    flags: list[Flag] = []
    for mention, kind in figure_mentions(message.text):
        if not any(start <= mention.start and mention.end <= end for start, end in covered):
            flags.append(
                flag(
                    "figure_without_evidence",
                    f"“{mention.text.strip()}” ({FIGURE_WORDS.get(kind, kind)}) is not part of "
                    "any claim linked to evidence.",
                    "Link the words stating this number to a fact, or remove the number.",
                    figure=kind,
                )
            )
    for link in open_links:
        flags.extend({**f, "link_id": link.pk} for f in link.flags)
    return flags


def _save_changed(rows: list[Any], model: type[Any], flags_by_pk: dict[int, list[Flag]]) -> None:
    changed = []
    for row in rows:
        if row.flags != flags_by_pk[row.pk]:
            row.flags = flags_by_pk[row.pk]
            changed.append(row)
    if changed:
        # Flags are derived data: no updated_at bump, no validation to run; audited per row.
        history_bulk_update(
            model=model, objs=changed, fields=["flags"], comment="Claim checks ran again."
        )


def claim_checks_for_messages(*, message_ids: Iterable[int]) -> None:
    """Recompute the flags of these messages and of all their links."""
    ids = sorted(set(message_ids))
    if not ids:
        return
    names = _actor_names()
    links = list(links_with_evidence(EvidenceLink.objects.filter(message_id__in=ids)))
    _save_changed(
        links, EvidenceLink, {link.pk: link_flags(link=link, names=names) for link in links}
    )
    messages = list(Message.objects.filter(pk__in=ids))
    by_message: dict[int, list[EvidenceLink]] = {pk: [] for pk in ids}
    for link in links:
        by_message[link.message_id].append(link)
    _save_changed(
        messages,
        Message,
        {m.pk: message_flags(message=m, links=by_message[m.pk]) for m in messages},
    )


def claim_checks_for_facts(*, fact_ids: Iterable[int]) -> None:
    """Recompute the flags of every link on these facts, and of those links' messages."""
    message_ids = EvidenceLink.objects.filter(fact_id__in=list(fact_ids)).values_list(
        "message_id", flat=True
    )
    claim_checks_for_messages(message_ids=list(message_ids))
