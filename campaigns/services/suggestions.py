"""Applying a claim check's suggested wording: "88 killed" becomes "at least 88 killed" in the
message and in the claim linked to evidence, as one new revision, or not at all."""

from django.contrib.auth.models import User
from django.db import transaction

from campaigns.models import EvidenceLink
from campaigns.services.access import campaign_require_editable, campaign_require_member
from campaigns.services.claim_checks import link_flags, links_with_evidence
from campaigns.services.claim_checks.wording import claim_spans
from campaigns.services.links import evidence_link_update
from campaigns.services.messages import message_update
from common.audit import audit_record
from common.errors import InvalidInput
from common.words import Words

__all__ = ["evidence_link_apply_suggestion"]


def _nth_span(words: str, text: str, nth: int) -> tuple[int, int] | None:
    spans = claim_spans(claim=words, text=text)
    return spans[min(nth, len(spans) - 1)] if spans else None


@transaction.atomic
def evidence_link_apply_suggestion(
    *, link: EvidenceLink, actor: User, words: str, suggestion: str
) -> EvidenceLink:
    """Replace `words` (a number phrase a flag on `link` names) by the flag's `suggestion`, in
    the message text (a new revision) and in the link's claim (back to review). Refused when
    no current flag of the link suggests this, or the words are no longer there."""
    link = links_with_evidence(EvidenceLink.objects.select_for_update().filter(pk=link.pk)).get()
    campaign = link.message.campaign
    campaign_require_member(user=actor, campaign=campaign, doing=Words("reword its claims"))
    campaign_require_editable(campaign=campaign, doing=Words("reword claims"))
    current = [
        flag
        for flag in link_flags(link=link)
        if flag.get("words") == words and flag.get("suggestion") == suggestion
    ]
    if not current:
        raise InvalidInput(
            Words(
                "The evidence no longer suggests “%(suggestion)s” for “%(words)s”: the claim or "
                "the evidence has changed. Check the flags again.",
                suggestion=suggestion,
                words=words,
            ),
            field="suggestion",
        )
    claim, start = link.claim, current[0].get("start")
    if not (isinstance(start, int) and claim[start : start + len(words)] == words):
        found = _nth_span(words, claim, 0)
        if found is None:
            raise InvalidInput(
                Words("The claim no longer contains “%(words)s”.", words=words), field="suggestion"
            )
        start = found[0]
    # Which occurrence of the words inside the claim ("75 … 75"): the same one in the text.
    nth = len(claim_spans(claim=words, text=claim[:start]))
    new_claim = claim[:start] + suggestion + claim[start + len(words) :]
    message = link.message
    text = message.text
    spans = claim_spans(claim=claim, text=text)
    located = None
    for claim_start, claim_end in spans:
        inner = _nth_span(words, text[claim_start:claim_end], nth)
        if inner is not None:
            located = (claim_start + inner[0], claim_start + inner[1])
            break
    if located is None:
        raise InvalidInput(
            Words(
                "The message no longer contains “%(words)s” where the claim quotes it; edit the "
                "message or the claim first.",
                words=words,
            ),
            field="suggestion",
        )
    new_text = text[: located[0]] + suggestion + text[located[1] :]
    message_update(message=message, actor=actor, text=new_text)
    link = evidence_link_update(link=link, actor=actor, claim=new_claim)
    audit_record(
        actor=actor,
        action="evidence_link.apply_suggestion",
        target=link,
        data={"words": words, "suggestion": suggestion},
    )
    return link
