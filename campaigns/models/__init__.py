"""Campaign planning: themes, campaigns (GAMMMA+), messages and their evidence links."""

from .acknowledgements import NumberAcknowledgement
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
    "NumberAcknowledgement",
    "Theme",
]
