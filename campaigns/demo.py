"""The demo campaign and the theme catalogue, built on the demo corpus."""

__all__ = ["demo_campaign_load"]


def demo_campaign_load() -> str:
    """Load the theme catalogue and the sample campaign (idempotent); returns a summary."""
    return ""
