"""Actors: the list (with aliases, `?q=` over names and aliases), create, edit names and
aliases in any script, and merge two actors that turn out to be one (the plan shown first).
Reading is for every role, writing for Source admins, through the API's services."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from common.errors import DomainError
from evidence.models import Actor, Excerpt, Fact
from evidence.selectors.actors import actor_list as actor_list_selector
from evidence.selectors.actors import alias_normalize
from evidence.services.actors import actor_create, actor_merge, actor_merge_plan, actor_update
from web.access import evidence_editor_required, role_required
from web.archive_forms import ActorEditForm, ActorForm, ActorMergeForm
from web.forms import form_show_refusal
from web.versioning import edit_if_current, edit_status

__all__ = ["actor_create_page", "actor_edit_page", "actor_list", "actor_merge_page"]

ACTORS_PER_PAGE = 50


def _aliases(actor: Actor) -> list[str]:
    own = alias_normalize(actor.name)
    return [a.alias for a in actor.aliases.all() if a.normalized != own]


@role_required
@require_GET
def actor_list(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()[:200]
    page = Paginator(actor_list_selector(q=q), ACTORS_PER_PAGE).get_page(request.GET.get("page"))
    rows = [(actor, _aliases(actor)) for actor in page.object_list]
    context = {"q": q, "page_obj": page, "rows": rows}
    return render(request, "web/actor_list.html", context)


def _back_to(actor: Actor) -> str:
    return reverse("web:actors") + "?" + urlencode({"q": actor.name})


@evidence_editor_required
@require_http_methods(["GET", "POST"])
def actor_create_page(request: HttpRequest) -> HttpResponse:
    posted = request.POST if request.method == "POST" else None
    form = ActorForm(posted, initial={"kind": Actor.Kind.ARMED_GROUP})
    if request.method == "POST" and form.is_valid():
        try:
            actor = actor_create(created_by=request.user, **form.service_fields())
        except DomainError as error:
            form_show_refusal(form, error)
        else:
            messages.success(request, _("Actor “%(name)s” added.") % {"name": actor.name})
            return redirect(_back_to(actor))
    status = 400 if request.method == "POST" else 200
    return render(request, "web/actor_form.html", {"form": form, "actor": None}, status=status)


@evidence_editor_required
@require_http_methods(["GET", "POST"])
def actor_edit_page(request: HttpRequest, pk: int) -> HttpResponse:
    actor = get_object_or_404(actor_list_selector(), pk=pk)
    if request.method == "GET":
        form = ActorEditForm.for_instance(actor, initial=_actor_initial(actor))
        return render(request, "web/actor_form.html", {"form": form, "actor": actor})
    form = ActorEditForm(request.POST)
    if form.is_valid():
        saved = edit_if_current(
            form=form,
            instance=actor,
            stored=_actor_initial,
            save=lambda current: actor_update(
                actor=current, updated_by=request.user, **form.service_fields()
            ),
        )
        if saved is not None:
            messages.success(request, _("Actor “%(name)s” saved.") % {"name": saved.name})
            return redirect(_back_to(saved))
    context = {"form": form, "actor": actor}
    return render(request, "web/actor_form.html", context, status=edit_status(form, refused=400))


def _actor_initial(actor: Actor) -> dict[str, str]:
    return {
        "name": actor.name,
        "kind": actor.kind,
        "description": actor.description,
        "aliases": "\n".join(_aliases(actor)),
    }


def _plan_context(actor: Actor, into: Actor) -> dict[str, object]:
    """The merge plan in words: which names move, which facts and excerpts change."""
    plan = actor_merge_plan(actor=actor, into=into)
    fact_ids = {pk for pks in plan.facts.values() for pk in pks}
    titles = dict(Fact.objects.filter(pk__in=fact_ids).values_list("pk", "title"))
    labels = {
        "claimed_by": _("claimed by"),
        "attributed_to": _("attributed to"),
        "subject_actor": _("subject of a relationship"),
        "object_actor": _("object of a relationship"),
        "reported_claimed_by": _("reported as claiming"),
        "reported_attributed_to": _("reported as responsible"),
    }
    facts = [
        (labels[name], [(pk, titles.get(pk, "")) for pk in pks])
        for name, pks in plan.facts.items()
        if pks
    ]
    excerpt_ids = {pk for pks in plan.excerpts.values() for pk in pks}
    quotes = dict(Excerpt.objects.filter(pk__in=excerpt_ids).values_list("pk", "exact"))
    excerpts = [
        (labels[name], [(pk, quotes.get(pk, "")[:160]) for pk in pks])
        for name, pks in plan.excerpts.items()
        if pks
    ]
    return {
        "plan": plan,
        "plan_facts": facts,
        "plan_excerpts": excerpts,
        "recomputed": len(plan.fact_ids),
    }


@evidence_editor_required
@require_http_methods(["GET", "POST"])
def actor_merge_page(request: HttpRequest, pk: int) -> HttpResponse:
    actor = get_object_or_404(actor_list_selector(), pk=pk)
    form = ActorMergeForm(request.POST if request.method == "POST" else None, actor=actor)
    context: dict[str, object] = {"form": form, "actor": actor, "aliases": _aliases(actor)}
    if request.method == "GET":
        return render(request, "web/actor_merge.html", context)
    if form.is_valid():
        into = form.cleaned_data["into"]
        try:
            if request.POST.get("confirm") == "yes":
                into = actor_merge(actor=actor, into=into, merged_by=request.user)
                messages.success(
                    request,
                    _("“%(actor)s” was merged into “%(into)s”.")
                    % {"actor": actor.name, "into": into.name},
                )
                return redirect(_back_to(into))
            context.update(_plan_context(actor, into))
            return render(request, "web/actor_merge.html", context)
        except DomainError as error:
            form_show_refusal(form, error)
    return render(request, "web/actor_merge.html", context, status=400)
