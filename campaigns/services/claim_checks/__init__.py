"""Claim checks: what is wrong with a claim given the evidence under it, stored as `flags` on
evidence links and messages, and recomputed whenever a link, a message or the evidence changes.

Link flags: `figure_exceeds_evidence`, `attribution_disputed`, `attribution_denied`,
`disputed_fact`, `unverified_fact`, `source_retracted`, `source_below_minimum_grade`,
`excerpt_unanchored`, `claim_not_in_message`. Message flags: every flag of its open links
(with `"link_id"`) plus the message's own, which fail closed: `figure_without_evidence` (a
count no linked claim covers), `unread_number` (a number the checks could not read as a count
of anything nor as a year, date, age, ordinal or name, and that no link ties to a figure),
`unread_actor` (a group's name no actor resolves) and `claim_without_evidence` (a sentence
making a checkable claim with no link).
"""

from collections.abc import Iterable
from typing import Any

from django.db.models import Prefetch, QuerySet

from campaigns.models import EvidenceLink, Message, NumberAcknowledgement
from campaigns.services.claim_checks.actors import (
    ActorName,
    actor_mentions,
    actor_names,
    unresolved_names,
)
from campaigns.services.claim_checks.attribution import attribution_flags
from campaigns.services.claim_checks.checks import (
    FIGURE_WORDS,
    evidence_flags,
    figure_flags,
    figure_tied,
    flag,
    where,
)
from campaigns.services.claim_checks.sentences import checkable_sentences
from campaigns.services.claim_checks.wording import claim_spans
from common.history import history_bulk_update
from evidence.figure_text import NumberMention, read_numbers, unread
from evidence.models import Actor, Excerpt, Fact
from evidence.vocabulary.names import parents_of

__all__ = [
    "CheckContext",
    "acknowledged_key",
    "check_context",
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
                "reported_claimed_by", "reported_attributed_to", "reported_denied_by"
            ),
        ),
        "fact__claimed_by",
        "fact__attributed_to",
    )


class CheckContext:
    """What every check reads besides the claim and its fact: actor names, the groups they
    belong to, and the places the archive knows (loaded once per run)."""

    def __init__(self, names: list[ActorName], parents: dict[int, int], places: list[str]):
        self.names = names
        self.parents = parents
        self.places = places


def check_context() -> CheckContext:
    actors = [
        (a.pk, a.name, [x.alias for x in a.aliases.all()])
        for a in Actor.objects.prefetch_related("aliases")
    ]
    places = {
        value.strip()
        for row in Fact.objects.values_list("place", "province").distinct()
        for value in row
        if value and len(value.strip()) >= 3
    }
    return CheckContext(actor_names(actors), parents_of(actors), sorted(places))


def link_flags(*, link: EvidenceLink, context: CheckContext | None = None) -> list[Flag]:
    """Every flag on one link's claim, given its fact and its message's campaign."""
    context = context or check_context()
    fact = link.fact
    language = link.message.language
    flags = [
        *figure_flags(claim=link.claim, fact=fact, language=language),
        *attribution_flags(
            claim=link.claim, fact=fact, names=context.names, parents=context.parents
        ),
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


def acknowledged_key(words: str) -> str:
    return " ".join(words.split()).casefold()


def _tied(mention: NumberMention, facts: list[Fact]) -> bool:
    """A number the words do not say the kind of is tied to a figure when a linked fact's
    figure makes it true ("88 souls" linked to a fact with 88 killed)."""
    return any(figure_tied(mention=mention, fact=fact) for fact in facts)


def message_flags(
    *,
    message: Message,
    links: Iterable[EvidenceLink],
    context: CheckContext | None = None,
    acknowledged: set[str] | None = None,
) -> list[Flag]:
    """The message's own flags (fail closed: every number, name and checkable sentence is
    read or flagged) plus its open links' flags."""
    context = context or check_context()
    acknowledged = acknowledged or set()
    text = message.text
    open_links = [link for link in links if link.status != EvidenceLink.Status.REJECTED]
    spans = [
        (start, end, link)
        for link in open_links
        for start, end in claim_spans(claim=link.claim, text=text)
    ]
    flags: list[Flag] = []
    for reading in read_numbers(text, message.language):
        mention = reading.mention
        words = mention.text.strip()
        facts = [link.fact for s, e, link in spans if s <= mention.start and mention.end <= e]
        if reading.kind and not facts:
            flags.append(
                flag(
                    "figure_without_evidence",
                    f"“{words}” ({FIGURE_WORDS.get(reading.kind, reading.kind)}) is not part "
                    "of any claim linked to evidence. Link the words stating this number to a "
                    "fact, or remove the number.",
                    None,
                    figure=reading.kind,
                    **where(mention.text, mention.start, mention.end),
                )
            )
        elif (
            unread(reading)
            and acknowledged_key(words) not in acknowledged
            and not _tied(mention, facts)
        ):
            flags.append(
                flag(
                    "unread_number",
                    f"The checks cannot tell what “{words}” counts. Link these words to the "
                    "fact whose figure they state, reword them so they say what they count, "
                    "or ask a Reviewer to mark them as not a count.",
                    None,
                    **where(mention.text, mention.start, mention.end),
                )
            )
    actors = actor_mentions(text, context.names)
    for start, end, words in unresolved_names(text, actors):
        if acknowledged_key(words) not in acknowledged:
            flags.append(
                flag(
                    "unread_actor",
                    f"“{words}” looks like the name of a group, but no actor in the archive "
                    "has this name. Ask a Source admin to add it as an actor or an alias, or "
                    "ask a Reviewer to mark it as not a group.",
                    None,
                    **where(words, start, end),
                )
            )
    figure_flagged = [f for f in flags if f["code"] == "figure_without_evidence"]
    for sentence in checkable_sentences(text, message.language, actors, context.places):
        linked = any(s < sentence.end and sentence.start < e for s, e, _ in spans)
        counted = any(sentence.start <= f["start"] < sentence.end for f in figure_flagged)
        if not linked and not counted:
            flags.append(
                flag(
                    "claim_without_evidence",
                    f"This sentence states {sentence.what} that can be checked, but no evidence "
                    "is linked to it. Link it to the fact that supports it.",
                    None,
                    **where(sentence.words, sentence.start, sentence.end),
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
    context = check_context()
    links = list(links_with_evidence(EvidenceLink.objects.filter(message_id__in=ids)))
    _save_changed(
        links, EvidenceLink, {link.pk: link_flags(link=link, context=context) for link in links}
    )
    messages = list(Message.objects.filter(pk__in=ids))
    by_message: dict[int, list[EvidenceLink]] = {pk: [] for pk in ids}
    for link in links:
        by_message[link.message_id].append(link)
    acknowledged: dict[int, set[str]] = {pk: set() for pk in ids}
    for message_id, words in NumberAcknowledgement.objects.filter(message_id__in=ids).values_list(
        "message_id", "words"
    ):
        acknowledged[message_id].add(acknowledged_key(words))
    _save_changed(
        messages,
        Message,
        {
            m.pk: message_flags(
                message=m,
                links=by_message[m.pk],
                context=context,
                acknowledged=acknowledged[m.pk],
            )
            for m in messages
        },
    )


def claim_checks_for_facts(*, fact_ids: Iterable[int]) -> None:
    """Recompute the flags of every link on these facts, and of those links' messages."""
    message_ids = EvidenceLink.objects.filter(fact_id__in=list(fact_ids)).values_list(
        "message_id", flat=True
    )
    claim_checks_for_messages(message_ids=list(message_ids))
