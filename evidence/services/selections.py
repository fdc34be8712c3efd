"""From a passage a reader selected to the excerpt that quotes it.

The reading view sends the selection as character offsets into the source's text (the same
text the server anchors against). The quote's W3C selectors (`exact`, `prefix`, `suffix`) are
cut from the text at those offsets and then anchored by `excerpt_anchor`, the one anchoring
rule every excerpt passes; the context is widened until it singles the passage out.
"""

import unicodedata
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from common.errors import InvalidInput
from common.words import Words
from evidence.figure_text import suggest_figures as _figures_in_words
from evidence.models import Excerpt, Fact, Source
from evidence.services.excerpts import excerpt_anchor, excerpt_create
from evidence.services.facts import fact_create
from evidence.services.validation import Someone

__all__ = ["NEW_FACT", "QuoteSelectors", "excerpt_quote", "figures_suggest", "source_quote_at"]

# The prefix of a new fact's fields in `excerpt_quote`'s errors ("new_fact.title"), so a form
# can put each message beside the fact's field rather than the excerpt's.
NEW_FACT = "new_fact."

# Context lengths tried in turn; the model keeps at most 200 characters of each.
_CONTEXT_STEPS = (32, 64, 128, 200)


@dataclass(frozen=True)
class QuoteSelectors:
    """A passage of a source as the W3C model names it: quote, context and position."""

    exact: str
    prefix: str
    suffix: str
    start: int
    end: int
    figures: list[dict[str, Any]] = field(default_factory=list)


def figures_suggest(*, words: str) -> list[dict[str, Any]]:
    """The figures (`kind`, `value_min`, `value_max`, `qualifier`) the words report, for a
    person to confirm or correct. The one place the desk reads figures from words."""
    return _figures_in_words(words)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _prefix(text: str, start: int, size: int) -> str:
    at = max(0, start - size)
    # Never begin inside a combined character: NFC would compose it differently alone.
    while at < start and unicodedata.combining(text[at]):
        at += 1
    return text[at:start]


def source_quote_at(*, source: Source, start: Any, end: Any) -> QuoteSelectors:
    """The quote selectors of `source.text[start:end]` (surrounding whitespace left out),
    checked by the anchoring rule to point at exactly those characters; 400 on `start`/`end`
    when the offsets are not a passage of the text, on `exact` when it cannot be singled
    out."""
    text = source.text
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in (start, end)):
        raise InvalidInput(
            Words("Give the passage's start and end as whole numbers."), field="start"
        )
    if not 0 <= start < end <= len(text):
        raise InvalidInput(
            Words(
                "The selection must lie within the text (0 to %(count)s characters) and not be "
                "empty.",
                count=len(text),
            ),
            field="start",
        )
    start, end = _trimmed(text, start, end)
    if start == end:
        raise InvalidInput(Words("The selection holds only spaces; select words."), field="start")
    exact = text[start:end]
    if len(exact) > 20_000:
        raise InvalidInput(Words("Select at most 20,000 characters."), field="end")
    last_error: InvalidInput | None = None
    for size in _CONTEXT_STEPS:
        prefix = _prefix(text, start, size)
        suffix = text[end : end + size]
        try:
            anchor = excerpt_anchor(source=source, exact=exact, prefix=prefix, suffix=suffix)
        except InvalidInput as error:
            last_error = error
            continue
        if (anchor.start, anchor.end) == (start, end):
            return QuoteSelectors(
                exact=exact,
                prefix=prefix,
                suffix=suffix,
                start=start,
                end=end,
                figures=figures_suggest(words=exact),
            )
    if last_error is None:
        refusal = Words(
            "This passage occurs more than once with the same words around it; select a longer "
            "passage."
        )
    else:
        refusal = Words(
            "This passage occurs more than once with the same words around it; select a longer "
            "passage. (%(detail)s)",
            detail=last_error.errors.get("exact", [""])[0],
        )
    raise InvalidInput(refusal, field="exact")


@transaction.atomic
def excerpt_quote(
    *,
    source: Source,
    created_by: Someone,
    new_fact: dict[str, Any] | None = None,
    **excerpt_fields: Any,
) -> Excerpt:
    """Quote a passage of `source` for a fact: an existing one (`fact` in `excerpt_fields`)
    or a new one documented from `new_fact` (the fields `fact_create` takes). Both are written
    or neither; a refusal of the new fact names its fields as `new_fact.<field>`."""
    if new_fact is not None:
        fields = dict(new_fact)
        try:
            fact: Fact = fact_create(
                kind=fields.pop("kind", ""),
                title=fields.pop("title", ""),
                created_by=created_by,
                **fields,
            )
        except InvalidInput as error:
            raise InvalidInput(
                {f"{NEW_FACT}{name}": texts for name, texts in error.errors.items()}
            ) from None
        excerpt_fields["fact"] = fact
    return excerpt_create(source=source, created_by=created_by, **excerpt_fields)
