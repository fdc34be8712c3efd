"""A read-mostly admin for reports: follow them, see why one failed, re-send queued ones."""

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from common.admin_access import RoleScopedAdmin
from reports.models import Report
from reports.selectors.reports import report_list_visible
from reports.services import report_send

__all__ = ["ReportAdmin"]


@admin.register(Report)
class ReportAdmin(RoleScopedAdmin):
    """Reports as the API shows them: whoever may see the campaign sees its reports."""

    list_display = [
        "id", "kind", "format", "campaign", "status", "progress", "attempts", "requested_by",
        "created_at", "finished_at", "size",
    ]  # fmt: skip
    list_filter = ["status", "kind", "format"]
    list_select_related = ["campaign", "requested_by"]
    search_fields = ["campaign__name", "requested_by__username", "error"]
    readonly_fields = [field.name for field in Report._meta.fields]
    actions = ["send_again"]

    def visible(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return queryset.filter(pk__in=report_list_visible(user=request.user).values("pk"))

    @admin.action(description="Send queued reports to the workers again")
    def send_again(self, request: HttpRequest, queryset: QuerySet[Report]) -> None:
        sent = sum(
            report_send(report_id=pk)
            for pk in queryset.filter(status=Report.Status.QUEUED).values_list("pk", flat=True)
        )
        self.message_user(request, f"Sent {sent} report(s).", messages.SUCCESS)
