"""Sources at the evidence desk: the list with its filters, registering a source (pasted or
uploaded), the source page with its reading view, retracting and correcting a source (each
showing first what it will do).

Everyone with a role reads; only Source admins write (the same predicates as the API).
"""

from typing import Any

from django.contrib import messages
from django.db.models import Count, F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from common.errors import Conflict, DomainError, InvalidInput
from common.pagination import CURSOR_PARAM, CursorError, keyset_page
from evidence.models import Excerpt, Fact, Source
from evidence.selectors.evidence import fact_resting_ids, source_list
from evidence.services.excerpts import excerpt_anchor
from evidence.services.sources import (
    source_create,
    source_retract,
    source_text_from_upload,
    source_update,
)
from web.access import evidence_editor_required, role_required
from web.forms import form_show_refusal
from web.source_forms import (
    LANGUAGES,
    SourceFilterForm,
    SourceForm,
    SourceRetractForm,
    SourceTextForm,
)
from web.versioning import edit_if_current, edit_status

from .consequences import consequence_of
from .feedback import signed_in_user
from .reading import ReadingExcerpt, reading_view_html

__all__ = [
    "SOURCES_PER_PAGE",
    "source_detail",
    "source_edit",
    "source_list_page",
    "source_new",
    "source_retract_page",
]

SOURCES_PER_PAGE = 25


@role_required
@require_GET
def source_list_page(request: HttpRequest) -> HttpResponse:
    form = SourceFilterForm(request.GET or None)
    sources = source_list().annotate(
        excerpt_total=Count("excerpts", distinct=True),
        fact_total=Count("excerpts__fact", distinct=True),
    )
    status = 200
    if form.is_bound and not form.is_valid():
        status = 400
    elif form.is_bound:
        data = form.cleaned_data
        if data["publisher"]:
            sources = sources.filter(publisher__icontains=data["publisher"].strip())
        if data["reliability"]:
            sources = sources.filter(reliability=data["reliability"])
        if data["status"]:
            sources = sources.filter(status=data["status"])
        if data["language"]:
            sources = sources.filter(language__iexact=data["language"].strip())
        if data["published_from"]:
            sources = sources.filter(published_on__gte=data["published_from"])
        if data["published_to"]:
            sources = sources.filter(published_on__lte=data["published_to"])
    try:
        page = keyset_page(
            sources if status == 200 else sources.none(),
            request.GET,
            per_page=SOURCES_PER_PAGE,
            counted=True,
        )
    except CursorError as error:
        form.add_error(None, f"cursor: {error}")
        status = 400
        first = request.GET.copy()
        first.pop(CURSOR_PARAM, None)
        page = keyset_page(sources.none(), first, per_page=SOURCES_PER_PAGE)
    return render(
        request,
        "web/source_list.html",
        {"form": form, "page": page, "sources": page.rows},
        status=status,
    )


def _duplicate(error: Conflict) -> Source | None:
    existing = error.extra.get("existing")
    return Source.objects.filter(pk=existing).first() if existing else None


@evidence_editor_required
@require_http_methods(["GET", "POST"])
def source_new(request: HttpRequest) -> HttpResponse:
    form = SourceForm(request.POST or None, request.FILES or None)
    context: dict[str, Any] = {"form": form, "languages": LANGUAGES}
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "web/source_new.html", context, status=400)
        fields = {k: v for k, v in form.cleaned_data.items() if k != "file"}
        upload = form.cleaned_data.get("file")
        try:
            if upload is not None:
                fields["text"] = source_text_from_upload(upload=upload)
                fields["title"] = fields["title"] or (upload.name or "").rsplit(".", 1)[0]
            source = source_create(created_by=signed_in_user(request), **fields)
        except Conflict as error:
            context["existing"] = _duplicate(error)
            form_show_refusal(form, error)
            return render(request, "web/source_new.html", context, status=409)
        except DomainError as error:
            form_show_refusal(form, error)
            return render(request, "web/source_new.html", context, status=error.status_code)
        messages.success(request, _("Source registered. Select a passage in its text to quote it."))
        return redirect("web:source", pk=source.pk)
    return render(request, "web/source_new.html", context)


def _reading_excerpts(source: Source) -> list[ReadingExcerpt]:
    excerpts = (
        Excerpt.objects.filter(source=source)
        .select_related("fact")
        .prefetch_related("figures")
        .order_by(F("start").asc(nulls_last=True), "id")
    )
    return [
        ReadingExcerpt(number=n, excerpt=e, fact_title=e.fact.title if e.fact else "")
        for n, e in enumerate(excerpts, start=1)
    ]


def _why_unanchored(source: Source, excerpt: Excerpt) -> str:
    """Why the passage is not anchored, in the anchoring rule's own words."""
    try:
        excerpt_anchor(
            source=source, exact=excerpt.exact, prefix=excerpt.prefix, suffix=excerpt.suffix
        )
    except InvalidInput as error:
        return " ".join(text for texts in error.errors.values() for text in texts)
    return _("The passage occurs in the text again; quote it anew to count it.")


@role_required
@require_GET
def source_detail(request: HttpRequest, pk: int) -> HttpResponse:
    source = get_object_or_404(source_list(), pk=pk)
    excerpts = _reading_excerpts(source)
    facts = Fact.objects.filter(pk__in=fact_resting_ids(source=source)).order_by("title")
    return render(
        request,
        "web/source_detail.html",
        {
            "source": source,
            "reading": reading_view_html(source.text, excerpts),
            "excerpts": [item for item in excerpts if item.excerpt.anchored],
            "unanchored": [
                (item, _why_unanchored(source, item.excerpt))
                for item in excerpts
                if not item.excerpt.anchored
            ],
            "facts": facts,
        },
    )


@evidence_editor_required
@require_http_methods(["GET", "POST"])
def source_retract_page(request: HttpRequest, pk: int) -> HttpResponse:
    source = get_object_or_404(Source, pk=pk)
    user = signed_in_user(request)
    form = SourceRetractForm(request.POST or None)
    fact_ids = fact_resting_ids(source=source)
    context: dict[str, Any] = {"source": source, "form": form}
    if source.status == Source.Status.ACTIVE:
        context["consequence"] = consequence_of(
            user=user,
            change=lambda: source_retract(
                source=source, reason=_("(preview of a retraction)"), actor=user
            ),
            fact_ids=fact_ids,
        )
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "web/source_retract.html", context, status=400)
        try:
            source_retract(source=source, reason=form.cleaned_data["reason"], actor=user)
        except DomainError as error:
            form_show_refusal(form, error)
            return render(request, "web/source_retract.html", context, status=error.status_code)
        messages.success(
            request,
            _("Source retracted; %(n)s fact(s) resting on it were recomputed.")
            % {"n": len(fact_ids)},
        )
        return redirect("web:source", pk=source.pk)
    return render(request, "web/source_retract.html", context)


def _lines(text: str) -> str:
    return text.replace("\r\n", "\n")


def _source_initial(source: Source) -> dict[str, Any]:
    return {name: getattr(source, name) for name in SourceTextForm.base_fields if name != "version"}


@evidence_editor_required
@require_http_methods(["GET", "POST"])
def source_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Correct a source. "Check" rehearses the correction and shows which excerpts keep their
    place and which will be lost; "Save" makes it."""
    source = get_object_or_404(Source, pk=pk)
    user = signed_in_user(request)
    if request.method == "GET":
        form = SourceTextForm.for_instance(source, initial=_source_initial(source))
        context = {"source": source, "form": form, "languages": LANGUAGES}
        return render(request, "web/source_edit.html", context)
    form = SourceTextForm(request.POST, initial=_source_initial(source))
    context = {"source": source, "form": form, "languages": LANGUAGES}
    if not form.is_valid():
        return render(request, "web/source_edit.html", context, status=400)
    changed = {name: form.cleaned_data[name] for name in form.changed_data if name != "version"}
    if "text" in changed and _lines(changed["text"]) == _lines(source.text):
        # A browser sends every line break of a textarea as CR LF: that alone is no correction.
        del changed["text"]
    if not changed:
        messages.info(request, _("Nothing was changed."))
        return redirect("web:source", pk=source.pk)
    try:
        if request.POST.get("action") != "save":
            context["consequence"] = consequence_of(
                user=user,
                change=lambda: source_update(source=source, actor=user, **changed),
                fact_ids=fact_resting_ids(source=source),
                source=source,
            )
            context["checked"] = True
            return render(request, "web/source_edit.html", context)
    except DomainError as error:
        form_show_refusal(form, error)
        return render(request, "web/source_edit.html", context, status=error.status_code)
    saved = edit_if_current(
        form=form,
        instance=source,
        stored=_source_initial,
        save=lambda current: source_update(source=current, actor=user, **changed),
    )
    if saved is None:
        return render(request, "web/source_edit.html", context, status=edit_status(form))
    lost = Excerpt.objects.filter(source=source, anchored=False).count()
    messages.success(request, _("Source corrected."))
    if lost:
        messages.warning(
            request,
            _("%(n)s excerpt(s) no longer occur in the text; they are listed below the text.")
            % {"n": lost},
        )
    return redirect("web:source", pk=source.pk)
