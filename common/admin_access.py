"""The admin asks the same rules as the API and the pages (`common.access` and the selectors).

Django's admin decides by model permissions and shows every row; a Communications user made
staff would read campaigns they are not on. Every ModelAdmin of ours derives from
`RoleScopedAdmin`: the rows it lists are those the user's selector returns, a row outside them
is a 404 (as in the API), and the add/change/delete buttons follow the role predicates.
"""

from typing import Any

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest

from common.access import may_use_admin, may_use_counterpoint

__all__ = ["RoleScopedAdmin", "RoleScopedInline"]


class RoleScopedAdmin(admin.ModelAdmin):
    """Read-only by default; subclasses say who may write and narrow `visible`."""

    def visible(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        """The rows `request.user` may see (override with the model's selector)."""
        return queryset

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return self.visible(request, super().get_queryset(request))

    def get_object(self, request: HttpRequest, object_id: str, from_field: Any = None) -> Any:
        # Django's admin answers a missing row with a redirect and "doesn't exist"; the API
        # and the pages answer 404 for what is not visible, and so does the admin. Someone
        # who may not use this admin page at all gets 403 first, as in the API.
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        obj: Model | None = super().get_object(request, object_id, from_field)
        if obj is None:
            raise Http404("Not found.")
        return obj

    def has_module_permission(self, request: HttpRequest) -> bool:
        return may_use_admin(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return may_use_admin(request.user)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class RoleScopedInline:
    """Mixed into inlines: rows shown inside a visible parent are visible to any role."""

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return may_use_counterpoint(request.user)
