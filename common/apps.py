from django.apps import AppConfig


class CommonConfig(AppConfig):
    """Shared plumbing: roles, the audit trail, domain errors, the health check."""

    name = "common"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Every save of the tracked models is recorded with its values before and after.
        from common.history import history_connect
        from common.tokens import tokens_connect

        history_connect()
        tokens_connect()
