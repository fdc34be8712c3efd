"""What the evidence admin pages share: access by role, domain errors shown on forms."""

from typing import Any

from django import forms
from django.contrib import admin
from django.db import models
from django.http import HttpRequest

from common.access import may_change_evidence
from common.admin_access import RoleScopedAdmin
from common.errors import DomainError, InvalidInput, PayloadTooLarge

__all__ = ["EvidenceModelAdmin", "ServiceSavedInline", "add_domain_error", "copy_into"]


def add_domain_error(form: forms.BaseForm, error: DomainError) -> None:
    """Show a service's refusal on the form, next to the field it names."""
    if isinstance(error, InvalidInput):
        for field, messages in error.errors.items():
            form.add_error(field if field in form.fields else None, messages)
        return
    name = error.field if isinstance(error, PayloadTooLarge) else None
    form.add_error(name if name and name in form.fields else None, error.message)


def copy_into(target: models.Model, saved: models.Model) -> None:
    """Make the admin's unsaved instance the row a service saved (the admin then redirects
    to it and logs it)."""
    for field in saved._meta.concrete_fields:
        setattr(target, field.attname, getattr(saved, field.attname))
    target._state.adding = False


class EvidenceModelAdmin(RoleScopedAdmin):
    """Source admins change the evidence base; the other roles (with staff access) only look,
    as in the API, where every role reads the evidence base."""

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return may_change_evidence(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return may_change_evidence(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Evidence is retracted or corrected, never deleted behind the services' back.
        return False


class ServiceSavedInline(admin.TabularInline):
    """Rows saved by the parent's service with the parent (an actor's aliases, an excerpt's
    figures): whoever may change the parent may change them. Django already makes them
    read-only when the parent is."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return True

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return True

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return True
