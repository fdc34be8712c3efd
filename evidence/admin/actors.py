"""Actors in the admin, with their aliases inline."""

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from common.errors import DomainError, InvalidInput
from evidence.admin.common import EvidenceModelAdmin, ServiceSavedInline, copy_into
from evidence.models import Actor, ActorAlias
from evidence.selectors.actors import alias_normalize
from evidence.services.actors import actor_create, actor_names_check, actor_update

__all__ = ["ActorAdmin"]


def _aliases(formset: forms.BaseInlineFormSet) -> list[str]:
    return [
        f.cleaned_data["alias"]
        for f in formset.forms
        if f.cleaned_data and not f.cleaned_data.get("DELETE") and f.cleaned_data.get("alias")
    ]


class AliasFormSet(forms.BaseInlineFormSet):
    def clean(self) -> None:
        super().clean()
        actor = self.instance
        try:
            actor_names_check(
                actor=actor if actor.pk else None, name=actor.name or "", aliases=_aliases(self)
            )
        except DomainError as error:
            messages = (
                error.errors.values() if isinstance(error, InvalidInput) else [[error.message]]
            )
            raise ValidationError([m for group in messages for m in group]) from None


class AliasInline(ServiceSavedInline):
    model = ActorAlias
    formset = AliasFormSet
    fields = ["alias"]
    extra = 3


@admin.register(Actor)
class ActorAdmin(EvidenceModelAdmin):
    list_display = ["name", "kind", "alias_list"]
    list_filter = ["kind"]
    search_fields = ["name", "aliases__alias"]
    fields = ["name", "kind", "description"]
    inlines = [AliasInline]

    def get_queryset(self, request: HttpRequest) -> Any:
        return super().get_queryset(request).prefetch_related("aliases")

    @admin.display(description="Aliases")
    def alias_list(self, obj: Actor) -> str:
        own = alias_normalize(obj.name)
        return ", ".join(a.alias for a in obj.aliases.all() if a.normalized != own)

    def save_model(self, request: HttpRequest, obj: Actor, form: Any, change: bool) -> None:
        # Saved with its aliases in save_related, where the inline's rows are known.
        pass

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        aliases = [a for formset in formsets for a in _aliases(formset)]
        data = {k: form.cleaned_data[k] for k in ("name", "kind", "description")}
        if change:
            saved = actor_update(
                actor=Actor.objects.get(pk=form.instance.pk),
                updated_by=request.user,
                aliases=aliases,
                **data,
            )
        else:
            saved = actor_create(created_by=request.user, aliases=aliases, **data)
        copy_into(form.instance, saved)
        for formset in formsets:  # what the admin's change message reads after a save
            formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
