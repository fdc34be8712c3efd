"""The evidence API's routes (API.md, Evidence)."""

from rest_framework.routers import SimpleRouter

from evidence.api.actors import ActorViewSet
from evidence.api.excerpts import ExcerptViewSet
from evidence.api.facts import FactViewSet
from evidence.api.sources import SourceViewSet

# Path converters (`<int:pk>`): a non-numeric id is a plain 404 before any view runs.
router = SimpleRouter(use_regex_path=False)
# --- Sources, actors, facts, excerpts (evidence-core) ---
router.register("sources", SourceViewSet, basename="source")
router.register("actors", ActorViewSet, basename="actor")
router.register("facts", FactViewSet, basename="fact")
router.register("excerpts", ExcerptViewSet, basename="excerpt")

urlpatterns = router.urls

# --- Search, import and export (evidence-data) ---
from django.urls import path  # noqa: E402

from evidence.api.exports import FactExportView  # noqa: E402
from evidence.api.imports import IncidentImportView  # noqa: E402
from evidence.api.search import SearchViewSet  # noqa: E402

router.register("search", SearchViewSet, basename="search")
urlpatterns = [
    *router.urls,
    path("imports/incidents/", IncidentImportView.as_view(), name="import-incidents"),
    path("exports/facts/", FactExportView.as_view(), name="export-facts"),
    path("exports/facts.<str:format>", FactExportView.as_view(), name="export-facts-format"),
]
