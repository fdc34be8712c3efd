from django.apps import AppConfig


class ReportsConfig(AppConfig):
    """Documents generated in the background: briefs, dossiers, source registers."""

    name = "reports"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from reports.receivers import connect_report_receivers

        connect_report_receivers()
