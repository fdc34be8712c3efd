"""The evidence base: graded sources, anchored excerpts, actors and facts."""

from .actors import Actor, ActorAlias
from .excerpts import Excerpt, FigureReport
from .facts import ConflictResolution, Fact
from .sources import Source, SourceShingleIndex

__all__ = [
    "Actor",
    "ActorAlias",
    "ConflictResolution",
    "Excerpt",
    "Fact",
    "FigureReport",
    "Source",
    "SourceShingleIndex",
]
