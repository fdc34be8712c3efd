"""Users, roles and the audit trail in the admin.

Django's stock user admin lets anyone who may change users tick `is_superuser` or `is_staff`
(on themselves too), add themselves to any group, grant single permissions and set anyone's
password; its group admin lets them give a role any permission. Each is a way up from Source
admin, so roles, staff status and passwords are for superusers and for whoever a superuser
granted `common.manage_roles` (`common.access.may_manage_roles`), never on one's own account;
superuser status, single permissions and what a role may do are for superusers only. Every such
change is written to the audit trail by `common.history` (who, when, before and after).
"""

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from common.access import may_manage_roles, may_read_audit, may_use_admin
from common.admin_access import RoleScopedAdmin
from common.models import AuditEntry
from common.roles import SOURCE_ADMINS, has_role

__all__ = ["AuditEntryAdmin", "RoleGroupAdmin", "RoleUserAdmin"]

# What gives power: only a role manager changes them, and never on their own account.
ROLE_FIELDS = ("groups", "is_staff", "is_superuser", "user_permissions")
# What only a superuser may set on a user (a role manager must not mint superusers).
SUPERUSER_ONLY_FIELDS = ("is_superuser", "user_permissions")


def _manages_users(user: Any) -> bool:
    """Source admins look after accounts (names, e-mail, deactivation; PRODUCT.md)."""
    return may_manage_roles(user) or has_role(user, SOURCE_ADMINS)


class RoleUserAdmin(UserAdmin):
    def has_module_permission(self, request: HttpRequest) -> bool:
        return may_use_admin(request.user) and _manages_users(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return may_use_admin(request.user) and _manages_users(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        # A new account comes with a password its creator knows: a role manager's act.
        return may_use_admin(request.user) and may_manage_roles(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # A superuser's account is a superuser's to change.
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return self.has_view_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and (obj.pk == request.user.pk or obj.is_superuser):
            return bool(request.user.is_superuser and obj.pk != request.user.pk)
        return may_use_admin(request.user) and may_manage_roles(request.user)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        fields = list(super().get_readonly_fields(request, obj))
        own = obj is not None and obj.pk == request.user.pk
        if own or not may_manage_roles(request.user):
            fields += [f for f in ROLE_FIELDS if f not in fields]
        elif not request.user.is_superuser:
            fields += SUPERUSER_ONLY_FIELDS
        return fields

    def user_change_password(
        self, request: HttpRequest, id: str, form_url: str = ""
    ) -> HttpResponse:
        """Setting another person's password lets one sign in as them: role managers only,
        never for oneself here (one's own password is changed on the password page, which
        asks for the old one)."""
        target = self.get_object(request, id)
        if (
            not may_manage_roles(request.user)
            or (target is not None and target.pk == request.user.pk)
            or (target is not None and target.is_superuser and not request.user.is_superuser)
        ):
            raise PermissionDenied
        return super().user_change_password(request, id, form_url)


class RoleGroupAdmin(GroupAdmin):
    """The role groups are fixed (`common.role_permissions`): their names are what the code
    checks, their permissions what each role may do. Role managers see them; only a superuser
    changes them (a role manager who could would give their own group any permission)."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return may_use_admin(request.user) and _manages_users(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return may_use_admin(request.user) and _manages_users(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_superuser)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_superuser)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_superuser)


@admin.register(AuditEntry)
class AuditEntryAdmin(RoleScopedAdmin):
    """The audit trail, read-only for everyone, superusers included: it is evidence."""

    list_display = ["created_at", "actor", "action", "target_type", "target_repr", "comment"]
    list_filter = ["target_type", "action"]
    list_select_related = ["actor"]
    search_fields = ["target_repr", "comment", "actor__username", "target_id"]
    date_hierarchy = "created_at"
    readonly_fields = (
        "created_at", "actor", "action", "target_type", "target_id", "target_repr",
        "comment", "changes", "data",
    )  # fmt: skip
    fields = readonly_fields

    def has_module_permission(self, request: HttpRequest) -> bool:
        return may_use_admin(request.user) and may_read_audit(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return may_use_admin(request.user) and may_read_audit(request.user)


admin.site.unregister(User)
admin.site.unregister(Group)
admin.site.register(User, RoleUserAdmin)
admin.site.register(Group, RoleGroupAdmin)
