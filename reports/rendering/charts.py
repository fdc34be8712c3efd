"""Charts for the campaign brief, drawn with matplotlib's object API (no pyplot state, so
charts drawn in a worker never leak between reports).

Figures are shown as the ranges the sources allow: the solid bar runs to the lowest figure
reported, the pale extension to the highest, and an open-ended figure ("more than 300") ends
in an arrow marked "+".
"""

import io
from collections.abc import Sequence

from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from .context import ChartData, RangeBar

__all__ = ["brief_charts", "casualty_range_chart", "incidents_chart"]

KILLED = "#8c2d04"
WOUNDED = "#2b5d8a"


def _save(figure: Figure, fmt: str) -> bytes:
    buffer = io.BytesIO()
    metadata = {"Date": None} if fmt == "svg" else {}
    figure.savefig(buffer, format=fmt, dpi=150, bbox_inches="tight", metadata=metadata)
    return buffer.getvalue()


def incidents_chart(months: Sequence[tuple[str, int]], *, fmt: str = "svg") -> bytes | None:
    if not months:
        return None
    figure = Figure(figsize=(7, 2.8), layout="constrained")
    axes = figure.subplots()
    labels = [label for label, _ in months]
    axes.bar(range(len(months)), [count for _, count in months], color="#4a4a4a")
    step = max(1, len(labels) // 12)
    axes.set_xticks(range(0, len(labels), step), labels[::step], rotation=45, ha="right")
    axes.set_ylabel("Incidents")
    axes.set_title("Incidents over time (by month)")
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.spines[["top", "right"]].set_visible(False)
    return _save(figure, fmt)


def _range_panel(axes, bars: Sequence[RangeBar], kind: str, colour: str) -> None:  # type: ignore[no-untyped-def]
    positions = range(len(bars))
    lows = [getattr(bar, f"{kind}_min") for bar in bars]
    highs = [getattr(bar, f"{kind}_max") for bar in bars]
    axes.barh(positions, lows, color=colour, height=0.6)
    top = max([h for h in highs if h is not None] + lows + [1])
    for position, low, high in zip(positions, lows, highs, strict=True):
        if high is None:
            axes.annotate(
                "",
                xy=(low + top * 0.12, position),
                xytext=(low, position),
                arrowprops={"arrowstyle": "->", "color": colour},
            )
            axes.text(low + top * 0.13, position, f"{low}+", va="center", fontsize=7)
        else:
            if high > low:
                axes.barh(position, high - low, left=low, color=colour, alpha=0.3, height=0.6)
            text = f"{low}–{high}" if high > low else str(low)
            axes.text(high + top * 0.01, position, text, va="center", fontsize=7)
    axes.set_xlim(0, top * 1.3)
    axes.set_title(kind.capitalize(), fontsize=9)
    axes.spines[["top", "right"]].set_visible(False)


def casualty_range_chart(bars: Sequence[RangeBar], *, title: str, fmt: str = "svg") -> bytes | None:
    if not bars:
        return None
    figure = Figure(figsize=(7, 0.5 + 0.35 * len(bars) + 0.8), layout="constrained")
    killed, wounded = figure.subplots(1, 2, sharey=True)
    _range_panel(killed, bars, "killed", KILLED)
    _range_panel(wounded, bars, "wounded", WOUNDED)
    killed.set_yticks(range(len(bars)), [bar.label for bar in bars], fontsize=8)
    killed.invert_yaxis()
    figure.suptitle(title, fontsize=10)
    return _save(figure, fmt)


def brief_charts(charts: ChartData, *, fmt: str = "svg") -> list[tuple[str, bytes]]:
    """The brief's charts as (caption, image bytes), leaving out those without data."""
    drawn = [
        ("Incidents over time", incidents_chart(charts.incidents_by_month, fmt=fmt)),
        (
            "Killed and wounded by target type (ranges as the sources report them)",
            casualty_range_chart(charts.casualties_by_target, title="By target type", fmt=fmt),
        ),
        (
            "Killed and wounded by victim community (ranges as the sources report them)",
            casualty_range_chart(
                charts.casualties_by_community, title="By victim community", fmt=fmt
            ),
        ),
    ]
    return [(caption, image) for caption, image in drawn if image is not None]
