from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    """Themes, campaigns, messages and the evidence links reviewers approve."""

    name = "campaigns"
    default_auto_field = "django.db.models.BigAutoField"
