"""The campaigns fixtures (a draft campaign, the Sehwan and church facts) for the claim tests."""

from tests.campaigns.conftest import campaign, church_fact, ready_campaign, shrine_fact

__all__ = ["campaign", "church_fact", "ready_campaign", "shrine_fact"]
