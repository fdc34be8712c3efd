from rest_framework.routers import SimpleRouter

from campaigns.api.campaigns import CampaignViewSet
from campaigns.api.links import EvidenceLinkViewSet
from campaigns.api.messages import MessageViewSet
from campaigns.api.themes import ThemeViewSet

# Path converters (`<int:pk>`): a non-numeric id is a plain 404 before any view runs.
router = SimpleRouter(use_regex_path=False)
router.register("themes", ThemeViewSet, basename="theme")
router.register("campaigns", CampaignViewSet, basename="campaign")
router.register("messages", MessageViewSet, basename="message")
router.register("evidence-links", EvidenceLinkViewSet, basename="evidencelink")

urlpatterns = router.urls
