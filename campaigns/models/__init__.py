"""Campaign planning: themes, campaigns (GAMMMA+), messages and their evidence links."""

from .campaigns import Campaign, CampaignTransition
from .links import EvidenceLink, EvidenceLinkReview
from .messages import Message, MessageRevision
from .notifications import Notification
from .themes import Theme

__all__ = [
    "Campaign",
    "CampaignTransition",
    "EvidenceLink",
    "EvidenceLinkReview",
    "Message",
    "MessageRevision",
    "Notification",
    "Theme",
]
