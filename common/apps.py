from django.apps import AppConfig


class CommonConfig(AppConfig):
    """Shared plumbing: roles, the audit trail, domain errors, the health check."""

    name = "common"
    default_auto_field = "django.db.models.BigAutoField"
