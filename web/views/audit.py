"""The audit trail as a page: who changed what, when, from what to what, and why. For Source
admins and superusers (`common.access.may_read_audit`); read-only, like the trail itself."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from common.access import NOT_SOURCE_ADMIN_MESSAGE, may_read_audit
from common.pagination import CursorError, keyset_page
from common.selectors import audit_entry_list, audit_kinds
from web.access import role_required

__all__ = ["AUDIT_PER_PAGE", "audit_list"]

AUDIT_PER_PAGE = 50


class AuditFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Object kind"), required=False)
    actor = forms.CharField(label=_("Changed by (user name)"), required=False, max_length=150)
    target_id = forms.CharField(label=_("Object id"), required=False, max_length=64)
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["kind"].choices = [("", _("Any")), *((k, k) for k in audit_kinds())]  # type: ignore[attr-defined]


@role_required
@require_GET
def audit_list(request: HttpRequest) -> HttpResponse:
    if not may_read_audit(request.user):
        raise PermissionDenied(NOT_SOURCE_ADMIN_MESSAGE)
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    entries = audit_entry_list(**{k: v for k, v in filters.items() if v})
    status = 400 if form.is_bound and not form.is_valid() else 200
    try:
        page = keyset_page(entries, request.GET, per_page=AUDIT_PER_PAGE)
    except CursorError as error:
        context = {"form": form, "entries": [], "error": f"cursor: {error}"}
        return render(request, "web/audit_list.html", context, status=400)
    context = {"form": form, "page": page, "entries": page.rows}
    return render(request, "web/audit_list.html", context, status=status)
