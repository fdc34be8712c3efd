from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    """Sources, excerpts, actors and facts: what every campaign claim rests on."""

    name = "evidence"
    default_auto_field = "django.db.models.BigAutoField"
