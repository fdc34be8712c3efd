"""Users and roles in the admin: Source admins manage them (PRODUCT.md), within limits.

Django's stock user admin lets anyone who may change users tick `is_superuser` (on themselves
too), grant single permissions, and set a superuser's password; its group admin lets them give
a role any permission. Each is a way from Source admin to superuser, so only a superuser may.
"""

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User
from django.http import HttpRequest

__all__ = ["RoleGroupAdmin", "RoleUserAdmin"]

# What only a superuser may set on a user.
SUPERUSER_ONLY_FIELDS = ("is_superuser", "user_permissions")


class RoleUserAdmin(UserAdmin):
    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields += SUPERUSER_ONLY_FIELDS
        return fields

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # The password form asks this too: a superuser's account is a superuser's to change.
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_delete_permission(request, obj)


class RoleGroupAdmin(GroupAdmin):
    """The role groups are fixed (`common.role_permissions`): their names are what the code
    checks, their permissions what each role may do. Others see them; a superuser changes them."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_superuser)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_superuser)


admin.site.unregister(User)
admin.site.unregister(Group)
admin.site.register(User, RoleUserAdmin)
admin.site.register(Group, RoleGroupAdmin)
