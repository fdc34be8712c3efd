"""The demo corpus: the five seed articles as sources, with actors, facts and excerpts."""

__all__ = ["demo_corpus_load"]


def demo_corpus_load() -> str:
    """Load the demo corpus (idempotent); returns a one-line summary."""
    return ""
