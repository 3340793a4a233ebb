"""Where a pledge tracker puts things: year ticks, the verdict badge, the target label.

Every placement is decided from the data alone (or measured at draw time from the Axes'
own extent), so the layout is deterministic and the image baselines stay byte-identical.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.text import Annotation
from matplotlib.transforms import Bbox

from smartresearch.plots.palette import INK

#: Steps between year ticks, tried in order; the first giving at most MAX_YEAR_TICKS wins.
YEAR_STEPS = (1, 2, 3, 5, 10, 20)
MAX_YEAR_TICKS = 6


def year_ticks(first_x: float, last_x: float) -> list[int]:
    """Whole-year ticks that cover the data: the first is the first data point's year, the
    last at or after the last point's year, evenly spaced, at most :data:`MAX_YEAR_TICKS`.

    A locator left to itself starts at a round year and can skip the year the record
    starts in (One Login's 2023 showed no tick), so the reader could not date the first
    reading."""
    start, end = int(np.floor(first_x)), int(np.floor(last_x))
    for step in YEAR_STEPS:
        count = -(-(end - start) // step) + 1
        if count <= MAX_YEAR_TICKS:
            break
    return [start + step * k for k in range(count)]


def verdict_badge(ax: Axes, verdict: str) -> Annotation:
    """The verdict, boxed, under the Axes at its right (below the year labels): outside
    the data area, so it can never cover a point, whatever the data do. Measured at draw
    time from the x-axis' own extent, and part of the layout (constrained layout makes
    room for it)."""

    def under_ticks(renderer) -> Bbox:  # the Axes' width, from the year labels' bottom
        labels = ax.xaxis.get_tightbbox(renderer) or ax.bbox
        return Bbox.from_extents(ax.bbox.x0, labels.y0, ax.bbox.x1, labels.y1)

    return ax.annotate(
        f"Verdict: {verdict}",
        xy=(1.0, 0.0),
        xycoords=under_ticks,
        xytext=(0, -3),
        textcoords="offset points",
        ha="right",
        va="top",
        fontsize=8.5,
        fontweight="bold",
        color=INK,
        bbox={
            "boxstyle": "round,pad=0.3",
            "facecolor": "white",
            "edgecolor": INK,
            "linewidth": 0.8,
        },
        annotation_clip=False,
        zorder=5,
    )


#: Share of the value span a two-line target label covers under (or over) its line, and
#: share of the time span it covers beside its star: the box the data must stay out of.
LABEL_BAND = 0.3
LABEL_WIDTH = 0.35


def label_place(
    frame: pd.DataFrame, x: float, value: float, late: bool, first_x: float, last_x: float
) -> tuple[bool, float]:
    """Where the target label goes: (above its line?, the level it hangs from). Below the
    line by default; above it when the observed line or the projection (interpolated) runs
    through the box the label would cover below and less through the box above; and when the
    data cross that box too, above the highest value there. Decided from the data alone, so
    the layout is deterministic."""
    path = frame[frame["kind"].isin(["observed", "baseline", "projection"])].sort_values("x")
    if path.empty:
        return False, value
    low = min(0.0, float(frame["value"].min()))
    span = (float(frame["value"].max()) - low) or 1.0
    width = LABEL_WIDTH * ((last_x - first_x) or 1.0)
    xs = np.linspace(x - width, x, 41) if late else np.linspace(x, x + width, 41)
    inside = (xs >= float(path["x"].min())) & (xs <= float(path["x"].max()))
    if not inside.any():
        return False, value
    ys = np.interp(xs[inside], path["x"].to_numpy(float), path["value"].to_numpy(float))
    below = int(((ys <= value) & (ys >= value - LABEL_BAND * span)).sum())
    over = int(((ys >= value) & (ys <= value + LABEL_BAND * span)).sum())
    if below <= over:
        return False, value
    return True, max(value, float(ys.max())) if over else value


#: A reading this close to a target (share of the time span, share of the value span)
#: sits on the star: it is drawn above the hollow star and its value printed beside it.
ON_TARGET = (0.04, 0.1)


def on_target(
    frame: pd.DataFrame, targets: pd.DataFrame, first_x: float, last_x: float
) -> list[tuple[object, bool]]:
    """The readings (observed or projected) that share a target star's spot, each with
    whether that target's label went left (``late``), so the value goes to the other side."""
    readings = frame[frame["kind"].isin(["observed", "projection"])]
    low = min(0.0, float(frame["value"].min()))
    value_span = (float(frame["value"].max()) - low) or 1.0
    time_span = (last_x - first_x) or 1.0
    found = []
    for point in readings.itertuples(index=False):
        for target in targets.itertuples(index=False):
            near_x = abs(point.x - target.x) <= ON_TARGET[0] * time_span
            near_y = abs(point.value - target.value) <= ON_TARGET[1] * value_span
            if near_x and near_y:
                found.append((point, target.x - first_x >= last_x - target.x))
                break
    return found
