"""A read-mostly admin for reports: follow them, see why one failed, re-send queued ones."""

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from reports.models import Report
from reports.services import report_send

__all__ = ["ReportAdmin"]


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = [
        "id", "kind", "format", "campaign", "status", "progress", "attempts", "requested_by",
        "created_at", "finished_at", "size",
    ]  # fmt: skip
    list_filter = ["status", "kind", "format"]
    list_select_related = ["campaign", "requested_by"]
    search_fields = ["campaign__name", "requested_by__username", "error"]
    readonly_fields = [field.name for field in Report._meta.fields]
    actions = ["send_again"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description="Send queued reports to the workers again")
    def send_again(self, request: HttpRequest, queryset: QuerySet[Report]) -> None:
        sent = sum(
            report_send(report_id=pk)
            for pk in queryset.filter(status=Report.Status.QUEUED).values_list("pk", flat=True)
        )
        self.message_user(request, f"Sent {sent} report(s).", messages.SUCCESS)
