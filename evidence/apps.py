from importlib import import_module

from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    """Sources, excerpts, actors and facts: what every campaign claim rests on."""

    name = "evidence"
    default_auto_field = "django.db.models.BigAutoField"

    def import_models(self) -> None:
        super().import_models()
        # The search index's and the importer's tables are defined beside their code
        # (evidence/search/, evidence/imports/), not in evidence/models/; importing them here
        # registers them with the app like any model.
        import_module("evidence.search.models")
        import_module("evidence.imports.models")

    def ready(self) -> None:
        from common.history import history_compact
        from evidence.search.receivers import connect_search_receivers
        from evidence.services.conflicts import conflicts_change

        connect_search_receivers()
        history_compact("evidence.fact", "conflicts", conflicts_change)
