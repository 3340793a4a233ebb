"""Small multiples of pledge trackers: one :func:`plot_pledge_tracker` panel per pledge.

Drawing is kept apart from choosing what to draw (as in scikit-learn's ``*Display``
objects): a :class:`TrackerPanel` carries one pledge's points, verdict and unit, and
:func:`draw_pledge_trackers` lays the panels out. Chapter 4 builds the panels from the
verdicts (:func:`smartresearch.chapters.pledges.tracker_panels`); a user can build them
from their own pledges.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
from matplotlib.figure import Figure

from smartresearch.countries import subject_name
from smartresearch.plots.grid import small_multiples
from smartresearch.plots.pledges import plot_pledge_tracker

#: A tracker panel's height at the page's width: room for a two-line title, the chart and
#: the verdict badge under it.
PANEL_HEIGHT_IN = 3.0


@dataclass(frozen=True)
class TrackerPanel:
    """Everything :func:`smartresearch.plots.plot_pledge_tracker` needs for one pledge.

    ``points`` is :func:`smartresearch.plots.pledge_points` (observed readings, the target
    at its deadline, the projection when one was made).
    """

    pledge_id: str
    pledge: str
    points: pd.DataFrame
    verdict: str
    unit: str
    iso3: str


def draw_pledge_trackers(
    panels: Sequence[TrackerPanel],
    *,
    ncols: int = 2,
    panel_size: tuple[float, float] | None = None,
    title_width: int = 38,
) -> Figure:
    """Small multiples: one :func:`smartresearch.plots.plot_pledge_tracker` per panel.

    By default the grid is as wide as the page (:func:`smartresearch.plots.small_multiples`;
    drawn 9.2 inches wide it was shrunk to the page and its notes printed at 5 pt), with
    panels 3 inches tall; ``panel_size=(width, height)`` sets each panel's size instead.
    Each panel is titled with its pledge id, country and pledge, wrapped to
    ``title_width`` characters; spare cells of the grid are hidden. The figure's alt text
    (``smartresearch.plots.alt_text(fig)``) joins the panels' own, each computed from what
    it drew.
    """
    if not panels:
        raise ValueError("draw_pledge_trackers: no panels to draw (no pledge has observations)")
    if ncols < 1:
        raise ValueError(f"draw_pledge_trackers: ncols={ncols} must be at least 1")
    ncols = min(ncols, len(panels))
    if panel_size is None:
        fig, axes = small_multiples(len(panels), ncols=ncols, panel_height=PANEL_HEIGHT_IN)
    else:
        fig, axes = small_multiples(
            len(panels), ncols=ncols, panel_height=panel_size[1], width=panel_size[0] * ncols
        )
    for ax, panel in zip(axes, panels, strict=True):
        plot_pledge_tracker(
            panel.points,
            verdict=panel.verdict,
            pledge=panel.pledge,
            unit=panel.unit,
            iso3=panel.iso3,
            ax=ax,
        )
        heading = f"{panel.pledge_id} · {subject_name(panel.iso3)}: {panel.pledge}"
        ax.set_title(textwrap.fill(heading, title_width), loc="left", fontsize=8.5)
    return fig
