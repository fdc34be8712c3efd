"""The claim checks themselves: pure functions from a claim and its fact to flags.

A flag is `{"code", "message", "suggestion"?}`. Every flag blocks a campaign's approval (see
`campaign_readiness`) until the claim is reworded or the evidence is fixed, so each says what
would clear it.
"""

from dataclasses import dataclass
from typing import Any

from campaigns.services.claim_checks.wording import figure_mentions, mention_interval
from evidence.figure_text import NumberMention, normalise_digits, numbers_in_text
from evidence.models import Fact, Source

__all__ = [
    "FIGURE_WORDS",
    "Quoted",
    "evidence_flags",
    "figure_flags",
    "figure_supports",
    "figure_tied",
    "flag",
    "quoted_excerpts",
    "where",
]

Flag = dict[str, Any]

FIGURE_WORDS = {
    "killed": "people killed",
    "wounded": "people wounded",
    "joined": "people who joined",
    "arrested": "people arrested",
}
_GRADES = "ABCDEF"


@dataclass(frozen=True)
class Quoted:
    """What the evidence flags read of one excerpt of a fact: whether it still anchors, and
    its source's id, status, title and grade (not its words nor the source's text)."""

    excerpt: int
    anchored: bool
    source: int
    status: str
    title: str
    reliability: str


def quoted_excerpts(fact: Fact) -> list[Quoted]:
    """The fact's excerpts as `evidence_flags` reads them, from its prefetched excerpts."""
    return [
        Quoted(e.pk, e.anchored, e.source_id, e.source.status, e.source.title, e.source.reliability)
        for e in fact.excerpts.all()
    ]


def flag(code: str, message: str, suggestion: str | None = None, **extra: Any) -> Flag:
    result: Flag = {"code": code, "message": message}
    if suggestion:
        result["suggestion"] = suggestion
    result.update(extra)
    return result


def _safe_wording(fact: Fact, kind: str) -> str:
    """How the evidence lets a campaign state this figure: a reviewer's resolution of the
    conflict if there is one, otherwise the fact's own (conservative when disputed)."""
    for conflict in fact.conflicts or []:
        resolution = conflict.get("resolution")
        if conflict.get("kind") == "figure" and conflict.get("field") == kind and resolution:
            return str(resolution.get("wording", ""))
    summary = (fact.figures or {}).get(kind) or {}
    if summary.get("wording"):
        return str(summary["wording"])
    return f"at least {summary.get('min', 0)}"


def where(words: str, start: int, end: int) -> dict[str, Any]:
    """Where a flag's words are in the claim: `words` (exactly as written), `start`, `end`.
    The editor shows the flag beside them and applying a suggestion replaces exactly them."""
    return {"words": words, "start": start, "end": end}


def _where(mention: NumberMention) -> dict[str, Any]:
    return where(mention.text, mention.start, mention.end)


def figure_supports(*, mention: NumberMention, fact: Fact, kind: str) -> bool:
    """Does the evidence's safe wording of `kind` make the stated number true?"""
    if kind not in (fact.figures or {}):
        return False
    supported = numbers_in_text(_safe_wording(fact, kind))
    if not supported:
        return False
    claim_low, claim_high = mention_interval(mention, lenient=True)
    low, high = mention_interval(supported[0])
    return claim_low <= low and high <= claim_high


def figure_tied(*, mention: NumberMention, fact: Fact) -> str | None:
    """The figure of `fact` a number whose words do not say what it counts is tied to, once
    linked: the one kind whose evidence makes it true ("88 souls" on a fact of 88 killed).
    A vague plural ("hundreds") or a number several kinds would fit ties to none."""
    if not any(c.isdigit() for c in normalise_digits(mention.text)) and mention.value_max is None:
        return None
    kinds = [k for k in (fact.figures or {}) if figure_supports(mention=mention, fact=fact, kind=k)]
    return kinds[0] if len(kinds) == 1 else None


def figure_flags(
    *, claim: str, fact: Fact, language: str | None = None, extra: list | None = None
) -> list[Flag]:
    """`figure_exceeds_evidence`: a number in the claim that states more (or other) than the
    evidence supports. The claim passes when every count the evidence allows makes it true:
    88 against sources saying 88 and "more than one hundred" does not (suggest "at least 88"),
    "at least 88" does."""
    flags: list[Flag] = []
    figures = fact.figures or {}
    for mention, kind in [*figure_mentions(claim, language), *(extra or [])]:
        words = FIGURE_WORDS.get(kind, kind)
        if kind not in figures:
            flags.append(
                flag(
                    "figure_exceeds_evidence",
                    f"The claim says “{mention.text.strip()}” ({words}), but this fact's "
                    f"evidence gives no number of {words}.",
                    figure=kind,
                    **_where(mention),
                )
            )
            continue
        wording = _safe_wording(fact, kind)
        if figure_supports(mention=mention, fact=fact, kind=kind):
            continue
        # Words that state no number ("many worshippers") support no number either.
        flags.append(
            flag(
                "figure_exceeds_evidence",
                f"The claim says “{mention.text.strip()}” ({words}); the evidence supports "
                f"“{wording}”.",
                wording,
                figure=kind,
                **_where(mention),
            )
        )
    return flags


def evidence_flags(
    *, fact: Fact, minimum_reliability: str, quoted: list[Quoted] | None = None
) -> list[Flag]:
    """Flags about the fact itself and its sources: `disputed_fact`, `unverified_fact`,
    `source_retracted` (nothing but retracted sources left under it), `excerpt_unanchored`,
    `source_below_minimum_grade` (a source the fact rests on graded below the campaign's
    minimum). `quoted`: the fact's excerpts as plain rows, when not read from its prefetched
    excerpts (`quoted_excerpts`)."""
    flags: list[Flag] = []
    if fact.status == Fact.Status.DISPUTED:
        fields = sorted(
            {c.get("field", "") for c in fact.conflicts or [] if not c.get("resolution")}
        )
        flags.append(
            flag(
                "disputed_fact",
                f"Sources disagree about this fact ({', '.join(fields)}); a Reviewer must "
                "resolve the conflict before a campaign relies on it.",
                "Use the fact's conservative wording, or ask a Reviewer to resolve the conflict.",
            )
        )
    elif fact.status == Fact.Status.UNVERIFIED:
        flags.append(
            flag(
                "unverified_fact",
                "This fact rests on a single source and no Reviewer has verified it.",
                "Add a second independent source, or ask a Reviewer to verify the fact.",
            )
        )
    excerpts = quoted_excerpts(fact) if quoted is None else quoted
    active = [e for e in excerpts if e.status == Source.Status.ACTIVE]
    retracted = [e for e in excerpts if e.status == Source.Status.RETRACTED]
    if retracted and not any(e.anchored for e in active):
        titles = sorted({e.title for e in retracted})
        flags.append(
            flag(
                "source_retracted",
                "Every source this fact rested on has been retracted: " + "; ".join(titles) + ".",
                "Remove the claim, or link it to a fact with an active source.",
                source_ids=sorted({e.source for e in retracted}),
            )
        )
    unanchored = [e for e in active if not e.anchored]
    if unanchored:
        flags.append(
            flag(
                "excerpt_unanchored",
                f"{len(unanchored)} excerpt(s) of this fact no longer occur in their source's "
                "text.",
                "Ask a Source admin to re-anchor the excerpts.",
                excerpt_ids=sorted(e.excerpt for e in unanchored),
            )
        )
    limit = _GRADES.index(minimum_reliability) if minimum_reliability in _GRADES else 2
    weak = sorted(
        {
            (e.source, e.title, e.reliability)
            for e in active
            if e.anchored and e.reliability in _GRADES and _GRADES.index(e.reliability) > limit
        }
    )
    if weak:
        flags.append(
            flag(
                "source_below_minimum_grade",
                "This fact rests on sources graded below the campaign's minimum "
                f"({minimum_reliability}): "
                + "; ".join(f"{title} ({grade})" for _, title, grade in weak)
                + ".",
                f"Support the claim with a source graded {minimum_reliability} or better.",
                source_ids=[source_id for source_id, _, _ in weak],
            )
        )
    return flags
