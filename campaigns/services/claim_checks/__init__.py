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
from campaigns.services.claim_checks.attribution import (
    Reported,
    Responsibility,
    fact_responsibility,
    reported_responsibility,
    responsibility_flags,
)
from campaigns.services.claim_checks.checks import (
    FIGURE_WORDS,
    Quoted,
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


def _checked_excerpts() -> QuerySet[Excerpt]:
    """A fact's excerpts as the checks read them: whether they count and who they say claimed,
    did or denied the attack; not their words nor their sources' texts."""
    actors = Actor.objects.only("id", "name")
    names = ("reported_claimed_by", "reported_attributed_to", "reported_denied_by")
    return (
        Excerpt.objects.select_related("source")
        .only(
            "id",
            "fact_id",
            "anchored",
            "source_id",
            "source__status",
            "source__title",
            "source__reliability",
        )
        .prefetch_related(*(Prefetch(name, queryset=actors) for name in names))
    )


def links_with_evidence(
    queryset: QuerySet[EvidenceLink], *, with_excerpts: bool = True
) -> QuerySet[EvidenceLink]:
    """Links with everything the checks read, in a fixed number of queries. Links of one fact
    share one fact instance (its figures and conflicts read once, however many links). Without
    the facts' excerpts when the run reads them as plain rows with `CheckContext.evidence_load`
    (a fact may rest on thousands)."""
    excerpts = [Prefetch("fact__excerpts", queryset=_checked_excerpts())] if with_excerpts else []
    return queryset.select_related("message__campaign").prefetch_related(
        "fact", *excerpts, "fact__claimed_by", "fact__attributed_to"
    )


def _quoted_by_fact(fact_ids: list[int]) -> dict[int, list[Quoted]]:
    """The excerpts of these facts as `evidence_flags` reads them: one query, plain rows."""
    quoted: dict[int, list[Quoted]] = {pk: [] for pk in fact_ids}
    rows = Excerpt.objects.filter(fact_id__in=fact_ids).values_list(
        "fact_id",
        "id",
        "anchored",
        "source_id",
        "source__status",
        "source__title",
        "source__reliability",
    )
    for fact_id, excerpt, anchored, source, status, title, reliability in rows:
        quoted[fact_id].append(Quoted(excerpt, anchored, source, status, title, reliability))
    return quoted


class CheckContext:
    """What every check reads besides the claim and its fact: actor names, the groups they
    belong to, and the places the archive knows (loaded once per run); and, per fact, what its
    evidence says and the flags a claim gets from it, worked out once per run however many
    links make the same claim on the fact."""

    def __init__(self, names: list[ActorName], parents: dict[int, int], places: list[str]):
        self.names = names
        self.parents = parents
        self.places = places
        self._responsibility: dict[int, Responsibility] = {}
        self._reported: dict[int, Reported] = {}
        self._quoted: dict[int, list[Quoted]] = {}
        self._claim_flags: dict[tuple[Any, ...], list[Flag]] = {}

    def evidence_load(self, fact_ids: Iterable[int]) -> None:
        """Read what these facts' excerpts say (responsibility, anchoring, their sources'
        status and grade) in four queries, for links loaded `with_excerpts=False`."""
        ids = sorted(set(fact_ids))
        self._reported.update(reported_responsibility(ids))
        self._quoted.update(_quoted_by_fact(ids))

    def responsibility(self, fact: Fact) -> Responsibility:
        """Who the fact's evidence says claimed, did or denied it: read once per fact and run,
        however many links rest on the fact."""
        if fact.pk not in self._responsibility:
            self._responsibility[fact.pk] = fact_responsibility(fact, self._reported.get(fact.pk))
        return self._responsibility[fact.pk]

    def claim_flags(
        self, *, claim: str, fact: Fact, language: str, minimum_reliability: str
    ) -> list[Flag]:
        """The flags a claim gets from its fact's figures, responsibility and sources (the
        same for every link making this claim on this fact in this language and grade)."""
        key = (claim, fact.pk, language, minimum_reliability)
        if fact.pk is None or key not in self._claim_flags:
            flags = [
                *figure_flags(claim=claim, fact=fact, language=language),
                *responsibility_flags(
                    claim=claim,
                    evidence=self.responsibility(fact),
                    names=self.names,
                    parents=self.parents,
                ),
                *evidence_flags(
                    fact=fact,
                    minimum_reliability=minimum_reliability,
                    quoted=self._quoted.get(fact.pk),
                ),
            ]
            if fact.pk is None:
                return flags
            self._claim_flags[key] = flags
        # Each link stores its own copies: a caller may add to a flag (`link_id`).
        return [dict(f) for f in self._claim_flags[key]]


def check_context() -> CheckContext:
    actors = [
        (a.pk, a.name, [x.alias for x in a.aliases.all()])
        for a in Actor.objects.prefetch_related("aliases")
    ]
    places = {
        value.strip()
        # No ordering: the model's (date, id) would make DISTINCT return every fact.
        for row in Fact.objects.order_by().values_list("place", "province").distinct()
        for value in row
        if value and len(value.strip()) >= 3
    }
    return CheckContext(actor_names(actors), parents_of(actors), sorted(places))


def link_flags(*, link: EvidenceLink, context: CheckContext | None = None) -> list[Flag]:
    """Every flag on one link's claim, given its fact and its message's campaign."""
    context = context or check_context()
    flags = context.claim_flags(
        claim=link.claim,
        fact=link.fact,
        language=link.message.language,
        minimum_reliability=link.message.campaign.minimum_reliability,
    )
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


def _save_changed(
    rows: list[Any], model: type[Any], flags_by_pk: dict[int, list[Flag]]
) -> set[int]:
    """Store the flags that changed (one bulk write, its audit entries in one insert); returns
    the ids of the rows changed."""
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
    return {row.pk for row in changed}


def _messages_recheck(ids: list[int], links: list[EvidenceLink], context: CheckContext) -> None:
    """Recompute the flags of these messages, given all their links (their flags current)."""
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


def claim_checks_for_messages(*, message_ids: Iterable[int]) -> None:
    """Recompute the flags of these messages and of all their links."""
    ids = sorted(set(message_ids))
    if not ids:
        return
    context = check_context()
    links = list(
        links_with_evidence(EvidenceLink.objects.filter(message_id__in=ids), with_excerpts=False)
    )
    context.evidence_load(link.fact_id for link in links)
    _save_changed(
        links, EvidenceLink, {link.pk: link_flags(link=link, context=context) for link in links}
    )
    _messages_recheck(ids, links, context)


def claim_checks_for_facts(*, fact_ids: Iterable[int], figures_changed: Iterable[int] = ()) -> None:
    """Recompute the flags of every link on these facts, and of the messages whose flags can
    have changed with them: those with a link whose flags changed, and those linked to a fact
    in `figures_changed` (a number in a message is tied to a linked fact's figure). The other
    links of those messages keep their flags: nothing they rest on changed."""
    fact_ids = sorted(set(fact_ids) | set(figures_changed))
    if not fact_ids:
        return
    checked = list(
        links_with_evidence(EvidenceLink.objects.filter(fact_id__in=fact_ids), with_excerpts=False)
    )
    if not checked:
        return
    context = check_context()
    context.evidence_load(fact_ids)
    changed = _save_changed(
        checked,
        EvidenceLink,
        {link.pk: link_flags(link=link, context=context) for link in checked},
    )
    moved = set(figures_changed)
    ids = sorted(
        {link.message_id for link in checked if link.pk in changed or link.fact_id in moved}
    )
    if not ids:
        return
    current = {link.pk: link for link in checked}
    others = EvidenceLink.objects.filter(message_id__in=ids).exclude(pk__in=list(current))
    links = [link for link in checked if link.message_id in set(ids)] + list(
        others.select_related("fact")
    )
    _messages_recheck(ids, links, context)
