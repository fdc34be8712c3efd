"""Registering, correcting and retracting sources.

A source's text is kept exactly as given (excerpt offsets point into it); duplicates are found
by the SHA-256 of its normalised text. Correcting the text re-anchors every excerpt; retracting
the source or downgrading its reliability tells whatever rests on it (`evidence_changed`).
"""

import hashlib
from datetime import date
from typing import Any

from django.conf import settings
from django.core.files import File
from django.db import IntegrityError, transaction
from django.utils import timezone

from common.audit import audit_record
from common.batching import batched
from common.errors import Conflict, InvalidInput, PayloadTooLarge, TransitionNotAllowed
from common.words import Words
from evidence.anchoring import QuoteError, find_quote, normalize_with_offsets
from evidence.extraction import ExtractionLimits, text_from_upload
from evidence.models import Excerpt, Source, SourceShingleIndex
from evidence.selectors.evidence import fact_resting_ids
from evidence.services.conflicts import facts_recompute
from evidence.services.origins import shingle_index
from evidence.services.validation import Someone, model_clean, signed_in
from evidence.signals import (
    CHANGE_EXCERPT_UNANCHORED,
    CHANGE_SOURCE_DOWNGRADED,
    CHANGE_SOURCE_RETRACTED,
    evidence_changed,
)
from evidence.text import normalize_text, text_check, text_fields_check

__all__ = [
    "SOURCE_EDITABLE_FIELDS",
    "source_content_sha256",
    "source_create",
    "source_retract",
    "source_text_check",
    "source_text_from_upload",
    "source_update",
]

# What a user may write on a source (the API, the admin form), in the order forms show it; the
# rest (its hash, retraction) follows from these or from `source_retract`.
SOURCE_EDITABLE_FIELDS = (
    "title",
    "publisher",
    "author",
    "url",
    "published_on",
    "language",
    "kind",
    "reliability",
    "text",
)


def source_content_sha256(text: str) -> str:
    """The duplicate key: SHA-256 of the normalised text."""
    return hashlib.sha256(normalize_text(text).encode("utf-8")).hexdigest()


def source_text_check(*, text: Any, source: Source | None = None) -> str:
    """Check a source text without writing: valid, within the size limit, not empty, not the
    text of another source (409 naming it)."""
    text = _text_checked(text)
    _refuse_duplicate(source_content_sha256(text), exclude=source.pk if source else None)
    return text


def _text_checked(text: Any) -> str:
    text_check(text, field="text", max_chars=settings.SOURCE_TEXT_MAX_CHARS)
    if not normalize_text(text):
        raise InvalidInput(Words("The text is empty."), field="text")
    return str(text)


def _refuse_duplicate(sha: str, *, exclude: int | None = None) -> None:
    existing = Source.objects.filter(content_sha256=sha)
    if exclude is not None:
        existing = existing.exclude(pk=exclude)
    duplicate = existing.values("id", "title").first()
    if duplicate:
        raise Conflict(
            Words(
                "A source with the same text is already registered: '%(title)s'.",
                title=duplicate["title"],
            ),
            existing=duplicate["id"],
        )


def _save(source: Source, **kwargs: Any) -> None:
    try:
        with transaction.atomic():
            source.save(**kwargs)
    except IntegrityError:
        # Registered by someone else between our check and our write.
        _refuse_duplicate(source.content_sha256, exclude=source.pk)
        raise


def _index_text(source: Source, *, new: bool) -> None:
    """Store what the origins read of the source's (new) text instead of the text."""
    hashes = shingle_index(source.text)
    if new:
        SourceShingleIndex.objects.create(source=source, hashes=hashes)
    else:
        SourceShingleIndex.objects.update_or_create(source=source, defaults={"hashes": hashes})


def source_text_from_upload(*, upload: File) -> str:
    """The text of an uploaded file; over `SOURCE_UPLOAD_MAX_BYTES` → 413 on `file` (checked
    before the file is read). Read in a bounded child process: a file that expands past
    `SOURCE_UPLOAD_MAX_DECOMPRESSED_BYTES`, has more than `SOURCE_UPLOAD_MAX_PAGES` pages or
    needs more than `SOURCE_UPLOAD_MAX_SECONDS` / `SOURCE_UPLOAD_MAX_MEMORY_BYTES` → 413."""
    limit = settings.SOURCE_UPLOAD_MAX_BYTES
    if upload.size is not None and upload.size > limit:
        raise PayloadTooLarge(
            Words(
                "The file is %(size)s bytes; the limit is %(limit)s.", size=upload.size, limit=limit
            ),
            field="file",
        )
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise PayloadTooLarge(
            Words("The file is larger than the limit of %(limit)s bytes.", limit=limit),
            field="file",
        )
    limits = ExtractionLimits(
        max_chars=settings.SOURCE_TEXT_MAX_CHARS,
        max_decompressed_bytes=settings.SOURCE_UPLOAD_MAX_DECOMPRESSED_BYTES,
        max_pages=settings.SOURCE_UPLOAD_MAX_PAGES,
        max_seconds=settings.SOURCE_UPLOAD_MAX_SECONDS,
        max_memory_bytes=settings.SOURCE_UPLOAD_MAX_MEMORY_BYTES,
    )
    return text_from_upload(name=upload.name or "", data=data, limits=limits)


@transaction.atomic
@batched
def source_create(
    *,
    title: str,
    text: str,
    reliability: str,
    created_by: Someone,
    publisher: str = "",
    author: str = "",
    url: str = "",
    published_on: date | None = None,
    language: str = "en",
    kind: str = Source.Kind.NEWS,
) -> Source:
    """Register a source; the same text (after normalisation) twice → 409 with `existing`."""
    text_fields_check(
        {
            "title": title,
            "publisher": publisher,
            "author": author,
            "url": url,
            "language": language,
            "kind": kind,
            "reliability": reliability,
        }
    )
    text = _text_checked(text)
    source = Source(
        title=title.strip(),
        text=text,
        reliability=reliability,
        publisher=publisher.strip(),
        author=author.strip(),
        url=url.strip(),
        published_on=published_on,
        language=language,
        kind=kind,
        content_sha256=source_content_sha256(text),
        created_by=signed_in(created_by),
    )
    model_clean(source)
    _refuse_duplicate(source.content_sha256)
    _save(source)
    _index_text(source, new=True)
    audit_record(actor=signed_in(created_by), action="source.create", target=source)
    return source


def _reanchor(source: Source) -> list[int]:
    """Find every excerpt of the source again in its new text; returns the ids of the facts
    that lost an anchored excerpt. A passage found once (with its prefix/suffix, or alone) gets
    new offsets; one that is gone or ambiguous is marked not anchored, never left pointing at
    the wrong words."""
    normalized = normalize_with_offsets(source.text)
    lost: set[int] = set()
    for excerpt in Excerpt.objects.filter(source=source).order_by("id"):
        try:
            anchor = find_quote(normalized, excerpt.exact, excerpt.prefix, excerpt.suffix)
        except QuoteError:
            try:  # the context may have been corrected while the passage itself survived
                anchor = find_quote(normalized, excerpt.exact)
            except QuoteError:
                anchor = None
        if anchor is None:
            if excerpt.anchored and excerpt.fact_id:
                lost.add(excerpt.fact_id)
            excerpt.anchored, excerpt.start, excerpt.end = False, None, None
        else:
            excerpt.anchored, excerpt.start, excerpt.end = True, anchor.start, anchor.end
        excerpt.save(update_fields=["anchored", "start", "end", "updated_at"])
    return sorted(lost)


@transaction.atomic
@batched
def source_update(*, source: Source, actor: Someone, **fields: Any) -> Source:
    """Correct a source. A new text re-anchors its excerpts and recomputes their facts; a
    lower reliability grade tells whatever rests on the source."""
    unknown = set(fields) - set(SOURCE_EDITABLE_FIELDS)
    if unknown:
        raise InvalidInput({name: ["This field cannot be changed."] for name in sorted(unknown)})
    text_fields_check({k: v for k, v in fields.items() if k != "text"})
    # The row as stored now (locked): a caller's instance may predate a retraction or an edit.
    source = Source.objects.select_for_update().get(pk=source.pk)
    old_text, old_reliability = source.text, source.reliability
    if "text" in fields:
        fields["text"] = _text_checked(fields["text"])
    for name, value in fields.items():
        setattr(source, name, value.strip() if name in ("title", "publisher", "author") else value)
    text_changed = source.text != old_text
    if text_changed:
        source.content_sha256 = source_content_sha256(source.text)
        _refuse_duplicate(source.content_sha256, exclude=source.pk)
    model_clean(source)
    _save(source)
    audit_record(
        actor=signed_in(actor),
        action="source.update",
        target=source,
        data={"fields": sorted(fields)},
    )
    if text_changed:
        _index_text(source, new=False)
        lost = _reanchor(source)
        facts_recompute(fact_ids=fact_resting_ids(source=source))
        if lost:
            evidence_changed.send(
                sender=Source,
                fact_ids=lost,
                code=CHANGE_EXCERPT_UNANCHORED,
                reason=f"The text of source '{source.title}' was corrected and a quoted "
                "passage no longer occurs in it.",
            )
    if source.reliability > old_reliability:  # A (best) … F: a later letter is a downgrade
        fact_ids = fact_resting_ids(source=source)
        if fact_ids:
            evidence_changed.send(
                sender=Source,
                fact_ids=fact_ids,
                code=CHANGE_SOURCE_DOWNGRADED,
                reason=f"Source '{source.title}' was downgraded from reliability "
                f"{old_reliability} to {source.reliability}.",
            )
    return source


@transaction.atomic
@batched
def source_retract(*, source: Source, reason: str, actor: Someone) -> Source:
    """Retract a source: its excerpts stop counting, and every fact resting on it is
    recomputed and announced (`CHANGE_SOURCE_RETRACTED`) so what rests on it is re-opened."""
    text_check(reason, field="reason")
    reason = reason.strip()
    if not reason:
        raise InvalidInput(Words("Say why the source is retracted."), field="reason")
    source = Source.objects.select_for_update().get(pk=source.pk)
    if source.status == Source.Status.RETRACTED:
        raise TransitionNotAllowed(
            Words("The source is already retracted."),
            problems=[
                {"code": "already_retracted", "message": Words("The source is already retracted.")}
            ],
        )
    source.status = Source.Status.RETRACTED
    source.retraction_reason = reason
    source.retracted_at = timezone.now()
    source.retracted_by = signed_in(actor)
    source.save(
        update_fields=["status", "retraction_reason", "retracted_at", "retracted_by", "updated_at"]
    )
    audit_record(actor=signed_in(actor), action="source.retract", target=source, comment=reason)
    fact_ids = fact_resting_ids(source=source)
    facts_recompute(fact_ids=fact_ids)
    if fact_ids:
        evidence_changed.send(
            sender=Source,
            fact_ids=fact_ids,
            code=CHANGE_SOURCE_RETRACTED,
            reason=f"Source '{source.title}' was retracted: {reason}",
        )
    return source
