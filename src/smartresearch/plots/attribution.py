"""Stacked bars of quoted figures: how many each group credits to a source, how many to nobody.

Input is a counts table with a group column and ``claims``, ``attributed`` and
``unattributed`` (what :func:`smartresearch.corpus.attribution.claim_attribution` returns),
so the chart does not depend on how the counts were made.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import MaxNLocator

from smartresearch.plots import _data
from smartresearch.plots._draw import axes_or_new
from smartresearch.plots.alt import set_alt_text
from smartresearch.plots.figdata import set_figure_data
from smartresearch.plots.palette import PEER_GREY, series_colour

CHART = "plot_claim_attribution"
_COUNTS = ("claims", "attributed", "unattributed")


def attribution_alt_text(counts: pd.DataFrame, by: str, what: str) -> str:
    """One sentence describing the stacked bars of ``counts``, computed from the counts.

    ``what`` names the groups as the chart does ("year", "subject").
    """
    _data.require_columns(counts, (by, *_COUNTS), chart="attribution_alt_text")
    total, credited = int(counts["claims"].sum()), int(counts["attributed"].sum())
    text = (
        f"Stacked bar chart of the {total} figures quoted in the corpus by {what}: "
        f"{credited} credited to a named source, {total - credited} unattributed"
    )
    if len(counts):
        top = counts.sort_values(["unattributed", by], ascending=[False, True]).index[0]
        if counts.at[top, "unattributed"] > 0:
            text += (
                f"; the most unattributed figures ({int(counts.at[top, 'unattributed'])} of "
                f"{int(counts.at[top, 'claims'])}) are in {counts.at[top, by]}"
            )
    return text + "."


def plot_claim_attribution(
    counts: pd.DataFrame, by: str, *, what: str, ax: Axes | None = None
) -> Axes:
    """Horizontal stacked bars: credited figures in the first series colour, unattributed
    ones in peer grey (no source: in the background), each bar labelled "k of n credited".

    Groups run top to bottom in the table's order; the computed alt text
    (:func:`attribution_alt_text`) is recorded for :func:`smartresearch.plots.alt_text`.
    """
    _data.require_columns(counts, (by, *_COUNTS), chart=CHART)
    ax = axes_or_new(ax, figsize=(7.0, 0.45 * len(counts) + 1.6))
    labels = [str(v) for v in counts[by]]
    positions = range(len(labels))
    ax.barh(positions, counts["attributed"], color=series_colour(0), label="credited to a source")
    unattributed = ax.barh(
        positions,
        counts["unattributed"],
        left=counts["attributed"],
        color=PEER_GREY,
        label="unattributed",
    )
    ax.bar_label(
        unattributed,
        labels=[
            f"{a} of {n} credited"
            for a, n in zip(counts["attributed"], counts["claims"], strict=True)
        ],
        padding=4,
        fontsize=8,
    )
    ax.set_yticks(list(positions), labels)
    ax.invert_yaxis()
    # room on the right for the bar labels and the legend, so neither covers a bar
    ax.set_xlim(0, max(int(counts["claims"].max()), 1) * 1.55)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("Figures quoted")
    ax.grid(axis="x")
    ax.grid(axis="y", visible=False)
    # the legend goes beside whichever end bar (top or bottom) is shorter
    top_row, bottom_row = counts["claims"].iloc[0], counts["claims"].iloc[-1]
    ax.legend(loc="upper right" if top_row <= bottom_row else "lower right")
    set_figure_data(ax, counts, values=["attributed", "unattributed"])
    set_alt_text(ax, attribution_alt_text(counts, by, what))
    return ax
