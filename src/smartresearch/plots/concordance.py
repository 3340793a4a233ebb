"""Concordance scatter: do two indices agree about who is good at digital government?

Every country assessed by both indices is a point; the Spearman rank correlation (and the
number of countries it rests on) sits in a corner, because agreement between rankings is
what matters, not a linear fit between differently scaled scores. The countries on which
the two indices disagree most (largest gap between their two ranks) are labelled, as are
the focus countries.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Literal

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from smartresearch.countries import FOCUS
from smartresearch.plots import _data
from smartresearch.plots._draw import axes_or_new, show_no_data
from smartresearch.plots._labels import label_points
from smartresearch.plots.alt import fmt_number, set_alt_text
from smartresearch.plots.figdata import set_figure_data
from smartresearch.plots.pairs import pair_table
from smartresearch.plots.palette import (
    INK,
    PEER_GREY,
    PEER_TEXT_GREY,
    country_colour,
    country_text_colour,
)
from smartresearch.ranking import rank_values
from smartresearch.wording import count, join_names

CHART = "plot_concordance"
#: Fewer countries than this and a rank correlation means little; we print n instead.
MIN_N_FOR_RHO = 5


def rank_correlation(x: pd.Series, y: pd.Series) -> float | None:
    """Spearman's rho, or ``None`` when it is undefined (too few points, a constant series).

    Spearman's rho is Pearson's correlation of the average ranks, which is what this
    computes (the same number as :func:`smartresearch.analysis.concordance.rank_correlations`,
    checked in tests/test_plots_charts.py); a chart asks for at least
    :data:`MIN_N_FOR_RHO` countries. A chapter that has computed rho already passes it to
    :func:`plot_concordance` as ``rho``, so the chart prints the chapter's number.
    """
    if len(x) < MIN_N_FOR_RHO:
        return None
    ranks_x = rank_values(x, ties="average")
    ranks_y = rank_values(y, ties="average")
    if ranks_x.nunique() < 2 or ranks_y.nunique() < 2:
        return None
    rho = float(np.corrcoef(ranks_x.to_numpy(), ranks_y.to_numpy())[0, 1])
    return None if math.isnan(rho) else rho


def plot_concordance(
    data: pd.DataFrame,
    x: str,
    y: str,
    *,
    years: int | tuple[int, int] | None = None,
    label_outliers: int = 5,
    highlight: Sequence[str] = FOCUS,
    higher_is_better: bool = True,
    x_label: str | None = None,
    y_label: str | None = None,
    scale: Literal["value", "rank"] = "value",
    rho: float | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Scatter of indicator ``x`` against ``y`` for every country that has both; returns the Axes.

    ``years``: one edition for both, or ``(year_x, year_y)``; default each one's latest.
    The corner shows Spearman's rho and n (rho is omitted below 5 countries or for a
    constant series). ``label_outliers`` countries with the largest gap between their two
    ranks are labelled in dark grey; ``highlight`` countries (default the focus group) are
    coloured and always labelled. ``rho`` is a Spearman correlation computed elsewhere (a
    chapter's agreement table) to print instead of computing it here.

    ``scale="rank"`` plots each country's rank on both indices among the countries both
    assess (1 = best, at the top right) with a dashed line where the two ranks are equal:
    what Spearman's rho measures, drawn on one scale whatever the indices' own (0–1 or
    0–100), so panels of a grid compare and a country's distance from the line is its
    rank gap.
    """
    if scale not in ("value", "rank"):
        raise ValueError(f"{CHART}: scale must be 'value' or 'rank', not {scale!r}")
    if label_outliers < 0:
        raise ValueError(f"{CHART}: label_outliers must be 0 or more, got {label_outliers}")
    highlight = _data.resolve_countries(highlight, chart=CHART)
    everyone = sorted(set(data["iso3"].astype(str))) if "iso3" in data.columns else None
    pairs = pair_table(
        data,
        (x, y),
        years,
        scale="value",
        higher_is_better=higher_is_better,
        countries=everyone,
        chart=CHART,
    )
    ax = axes_or_new(ax)
    both = pairs.table.dropna(subset=["start", "end"]).sort_values("iso3").reset_index(drop=True)
    x_name = x_label or pairs.start_label
    y_name = y_label or pairs.end_label
    if both.empty:
        return show_no_data(ax, f"countries with both {x_name} and {y_name}")
    rank_x = rank_values(both["start"], higher_is_better=higher_is_better).astype("float64")
    rank_y = rank_values(both["end"], higher_is_better=higher_is_better).astype("float64")
    both = both.assign(gap=(rank_x - rank_y).abs())
    focus = both["iso3"].isin(highlight)
    n = len(both)
    if scale == "rank":  # rho is a correlation of ranks: draw the ranks it correlates
        rho_x, rho_y = both["start"], both["end"]
        # the published data keeps the scores beside the ranks drawn
        both = both.assign(x_score=rho_x, y_score=rho_y, start=rank_x, end=rank_y)
        x_name, y_name = f"{x_name}: rank of {n}", f"{y_name}: rank of {n}"
        ax.plot([1, n], [1, n], color=PEER_GREY, linestyle=(0, (4, 3)), linewidth=0.9, zorder=1)
    else:
        rho_x, rho_y = both["start"], both["end"]

    others = both[~focus]
    ax.scatter(
        others["start"], others["end"], s=16, color=PEER_GREY, alpha=0.75, linewidths=0, zorder=2
    )
    for row in both[focus].itertuples(index=False):
        ax.scatter(
            [row.start],
            [row.end],
            s=42,
            color=country_colour(row.iso3),
            edgecolors="white",
            linewidths=0.8,
            zorder=3,
        )
    ax.set_xlabel(x_name)
    ax.set_ylabel(y_name)
    ax.grid(axis="x")
    ax.margins(0.06)
    ax.autoscale_view()
    ax.set_xlim(*ax.get_xlim())
    ax.set_ylim(*ax.get_ylim())
    if scale == "rank":  # best (1) at the top right, as the higher score is on a value scale
        ax.invert_xaxis()
        ax.invert_yaxis()

    outliers = (
        both[~focus].sort_values(["gap", "iso3"], ascending=[False, True]).head(label_outliers)
    )
    outliers = outliers[outliers["gap"] > 0]
    to_label = [
        (row.start, row.end, row.country, country_text_colour(row.iso3))
        for row in both[focus].itertuples(index=False)
    ] + [
        (row.start, row.end, row.country, PEER_TEXT_GREY)
        for row in outliers.itertuples(index=False)
    ]
    label_points(
        ax, to_label, fontsize=7.5, obstacles=list(zip(both["start"], both["end"], strict=True))
    )

    if rho is None or math.isnan(rho) or n < MIN_N_FOR_RHO:
        rho = rank_correlation(rho_x, rho_y)
    corner = (
        f"Spearman ρ = {rho:.2f}\nn = {n}"
        if rho is not None
        else f"n = {n} (too few for a rank correlation)"
    )
    if scale == "rank":  # over the panel, at its right: the off-diagonal corners are where
        # the outliers are, and the left title is add_titles' (a single chart's subtitle)
        ax.set_title(corner.replace("\n", " · "), loc="right", fontsize=8.5, fontweight="normal")
        rank_ticks(ax, n)
    else:  # the corner the points leave empty: upper left for agreement
        upper_right = rho is not None and rho < 0
        ax.text(
            0.98 if upper_right else 0.02,
            0.98,
            corner,
            transform=ax.transAxes,
            ha="right" if upper_right else "left",
            va="top",
            fontsize=8.5,
            color=INK,
            bbox={
                "boxstyle": "round,pad=0.3",
                "facecolor": "white",
                "edgecolor": "none",
                "alpha": 0.85,
            },
            zorder=4,
        )
    set_figure_data(ax, both.assign(x_name=x_name, y_name=y_name), values=["start", "end"])
    set_alt_text(ax, _alt(both, outliers, highlight, x_name, y_name, rho, scale))
    return ax


#: Steps between rank ticks, tried in order: the first giving at most five ticks wins.
RANK_TICK_STEPS = (1, 2, 5, 10, 25, 50, 100)


def rank_ticks(ax: Axes, n: int) -> None:
    """Ticks at rank 1 (there is no rank 0) and at round steps up to ``n``, on both axes."""
    step = next((s for s in RANK_TICK_STEPS if n // s <= 5), RANK_TICK_STEPS[-1])
    ticks = [1, *range(step, n + 1, step)] if step > 1 else list(range(1, n + 1))
    ax.set_xticks(ticks)
    ax.set_yticks(ticks)


def _alt(both, outliers, highlight, x_name: str, y_name: str, rho: float | None, scale: str) -> str:
    n = len(both)
    if rho is None:
        agreement = f"with too few countries ({n}) for a rank correlation"
    else:
        strength = "strongly" if abs(rho) >= 0.7 else "moderately" if abs(rho) >= 0.4 else "weakly"
        direction = "agree" if rho >= 0 else "disagree"
        agreement = f"the two {strength} {direction} (Spearman rho {rho:.2f}, n = {n})"
    parts = [agreement]
    for iso3 in highlight:
        row = both[both["iso3"] == iso3]
        if len(row):
            row = row.iloc[0]
            if scale == "rank":
                start, end = _data.rank_label(row["start"], n), _data.rank_label(row["end"], n)
                parts.append(f"{row['country']} ranks {start} and {end}")
            else:
                start, end = fmt_number(row["start"]), fmt_number(row["end"])
                parts.append(f"{row['country']} scores {start} and {end}")
    if len(outliers):
        parts.append(f"the largest disagreements are {join_names(list(outliers['country']))}")
    what = "Scatter of ranks" if scale == "rank" else "Scatter"
    lead = f"{what} of {y_name} against {x_name} for {count(n, 'country', 'countries')}"
    return f"{lead}: {'; '.join(parts)}."
