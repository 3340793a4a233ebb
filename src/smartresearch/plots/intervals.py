"""Rank intervals: where a country lands across many runs of a composite, not one number.

Takes the result of ``smartresearch.analysis.rank_uncertainty`` (anything with a ``ranks``
table of ``iso3, country, rank, median_rank, rank_low, rank_high`` and an ``interval``
pair of percentiles), or that table itself; draws one line per country from its low to its
high rank, a dot at the headline rank and a tick at the median. Rank 1 is on the left.
Nothing from ``analysis`` is imported: the chart takes the computed result, as
scikit-learn's ``*Display`` objects do.
"""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.axes import Axes

from smartresearch.errors import ValidationError
from smartresearch.plots.alt import set_alt_text
from smartresearch.plots.figdata import set_figure_data
from smartresearch.plots.palette import country_colour

_COLUMNS = ("iso3", "country", "rank", "median_rank", "rank_low", "rank_high")


def _ranks(result: object) -> tuple[pd.DataFrame, tuple[float, float]]:
    if isinstance(result, pd.DataFrame):
        return result, (5.0, 95.0)
    ranks = getattr(result, "ranks", None)
    if not isinstance(ranks, pd.DataFrame):
        raise ValidationError(
            "plot_rank_intervals: pass a rank_uncertainty result or its ranks table, "
            f"not {type(result).__name__}"
        )
    return ranks, tuple(getattr(result, "interval", (5.0, 95.0)))  # type: ignore[return-value]


def plot_rank_intervals(
    result: object, countries: Sequence[str] | None = None, *, top: int = 10, ax: Axes | None = None
) -> Axes:
    """Draw rank intervals for the ``top`` headline ranks plus ``countries`` (iso3 codes),
    best headline rank at the top; focus countries in their colours, others grey."""
    ranks, (low, high) = _ranks(result)
    missing = [c for c in _COLUMNS if c not in ranks.columns]
    if missing:
        raise ValidationError(f"plot_rank_intervals: the ranks table lacks columns {missing}")
    wanted = list(countries or ())
    unknown = sorted(set(wanted) - set(ranks["iso3"]))
    if unknown:
        raise ValidationError(f"plot_rank_intervals: countries not ranked: {unknown}")
    ranked = ranks.dropna(subset=["rank"]).sort_values(["rank", "iso3"], kind="mergesort")
    shown = ranked[(ranked["rank"] <= top) | ranked["iso3"].isin(wanted)].reset_index(drop=True)
    if shown.empty:
        raise ValidationError("plot_rank_intervals: no country to show")
    ax = ax if ax is not None else plt.figure(figsize=(7.0, 0.32 * len(shown) + 1.2)).add_subplot()
    y = list(range(len(shown)))
    for i, row in enumerate(shown.itertuples(index=False)):
        colour = country_colour(str(row.iso3), highlight=wanted)
        ax.plot(
            [row.rank_low, row.rank_high],
            [i, i],
            color=colour,
            linewidth=3.0,
            solid_capstyle="round",
            alpha=0.8,
        )
        ax.plot([row.median_rank], [i], marker="|", color="black", markersize=9)
        ax.plot(
            [row.rank],
            [i],
            marker="o",
            color=colour,
            markeredgecolor="black",
            markersize=6,
            linestyle="none",
        )
    ax.set_yticks(y, [str(c) for c in shown["country"]])
    ax.invert_yaxis()
    ax.set_xlim(0.5, float(shown["rank_high"].max()) + 0.5)
    ax.set_xlabel(f"Rank ({low:g}th–{high:g}th percentile of runs; dot: headline; tick: median)")
    widest = (
        shown.assign(width=shown["rank_high"] - shown["rank_low"])
        .sort_values(["width", "iso3"], ascending=[False, True], kind="mergesort")
        .iloc[0]
    )
    first = shown.iloc[0]
    set_figure_data(ax, shown, values=["rank", "rank_low", "rank_high", "median_rank"])
    set_alt_text(
        ax,
        f"Rank intervals for {len(shown)} countries, from {first['country']} (headline rank "
        f"{int(first['rank'])}, {int(first['rank_low'])} to {int(first['rank_high'])} in "
        f"{high - low:g}% of runs) down; the widest interval is {widest['country']}'s, from "
        f"{int(widest['rank_low'])} to {int(widest['rank_high'])}.",
    )
    return ax
