"""Charts of how far indices agree and how far composite ranks move.

Both take tables computed in ``smartresearch.analysis`` (``panel_agreement.agreement_table``,
``analysis.sensitivity``'s result) and import nothing from it: the analysis layer stays
free of matplotlib, and a chart can be drawn from any table of the same shape.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, Protocol

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.colors import Colormap, ListedColormap, Normalize

from smartresearch.countries import FOCUS, PEERS, resolve_countries
from smartresearch.errors import ValidationError
from smartresearch.plots._data import rank_label
from smartresearch.plots._draw import text_colour_on
from smartresearch.plots.alt import set_alt_text
from smartresearch.plots.figdata import gained_rows, set_figure_data
from smartresearch.plots.palette import (
    INK,
    PEER_GREY,
    country_colour,
    country_text_colour,
    is_focus,
)
from smartresearch.wording import count, join_names, ordinal

Statistic = Literal["spearman", "kendall"]


class SensitivityResult(Protocol):
    """What :func:`plot_rank_moves` reads of ``analysis.sensitivity``'s result."""

    baseline: str
    ranks: pd.DataFrame
    by_country: pd.DataFrame


def plot_agreement_matrix(
    agreement: pd.DataFrame,
    statistic: Statistic = "spearman",
    *,
    ax: Axes | None = None,
) -> Axes:
    """Lower-triangle heatmap of a pairwise rank correlation, each cell printing it and n.

    ``agreement`` is ``smartresearch.analysis.panel_agreement.agreement_table``'s output.
    Colour follows :func:`correlation_scale`: fitted to the correlations shown (a scale from
    −1 to 1 would leave 0.38 and 0.75 two shades of one purple), purple for agreement and
    orange for disagreement, white only at zero; the colour bar spans the fitted range and
    its label gives the range of the pairs. A pair without a correlation (fewer than three
    common countries) is left blank with its n. Records computed alt text; returns the Axes.
    """
    if statistic not in ("spearman", "kendall"):
        raise ValidationError(
            f"plot_agreement_matrix: statistic must be 'spearman' or 'kendall', not {statistic!r}"
        )
    missing = [c for c in ("a", "b", "n", statistic) if c not in agreement.columns]
    if missing:
        raise ValidationError(f"plot_agreement_matrix: the agreement table lacks columns {missing}")
    if agreement.empty:
        raise ValidationError("plot_agreement_matrix: the agreement table has no rows")
    labels = list(dict.fromkeys([*agreement["a"].astype(str), *agreement["b"].astype(str)]))
    names = {label: label for label in labels}
    if {"year_a", "year_b"} <= set(agreement.columns):  # tick labels name the editions
        for side in ("a", "b"):
            for label, year in zip(agreement[side], agreement[f"year_{side}"], strict=True):
                names[str(label)] = f"{label}\n{int(year)}"
    rows_, cols_ = labels[1:], labels[:-1]
    values = np.full((len(rows_), len(cols_)), np.nan)
    counts = np.zeros_like(values)
    drawn = np.zeros(values.shape, dtype=bool)
    position = {label: i for i, label in enumerate(labels)}
    for pair in agreement.itertuples(index=False):
        a, b = str(pair.a), str(pair.b)
        low, high = sorted((a, b), key=position.__getitem__)
        r, c = position[high] - 1, position[low]
        values[r, c] = float(getattr(pair, statistic))
        counts[r, c] = int(pair.n)
        drawn[r, c] = True

    if ax is None:
        _, ax = plt.subplots(figsize=(2.6 + 1.6 * len(cols_), 1.6 + 1.1 * len(rows_)))
    cmap, norm, (low, high) = correlation_scale(values[drawn])
    mesh = ax.pcolormesh(
        np.arange(len(cols_) + 1) - 0.5,
        np.arange(len(rows_) + 1) - 0.5,
        np.ma.masked_invalid(np.where(drawn, values, np.nan)),
        cmap=cmap,
        norm=norm,
        edgecolors="white",
        linewidth=1.5,
    )
    symbol = "ρ" if statistic == "spearman" else "τ"
    for (r, c), value in np.ndenumerate(values):
        if not drawn[r, c]:
            continue
        n = int(counts[r, c])
        if np.isnan(value):
            text, colour = f"n = {n}\ntoo few", "#5E5E5E"
        else:
            text, colour = f"{symbol} {value:.2f}\nn = {n}", text_colour_on(cmap(norm(value))[:3])
        ax.text(c, r, text, ha="center", va="center", fontsize=9, color=colour)
    ax.set_xticks(range(len(cols_)), [names[c] for c in cols_])
    ax.set_yticks(range(len(rows_)), [names[r] for r in rows_])
    ax.set_xlim(-0.5, len(cols_) - 0.5)
    ax.set_ylim(len(rows_) - 0.5, -0.5)
    ax.grid(False)
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    bar = ax.get_figure(root=False).colorbar(mesh, ax=ax, shrink=0.7, aspect=14, pad=0.03)
    bar.ax.set_ylim(low, high)  # the fitted range only: no colours that no cell takes
    bar.set_label(_scale_label(statistic, values[drawn]), fontsize=8)
    bar.outline.set_visible(False)
    set_figure_data(ax, agreement, values=[statistic])
    set_alt_text(ax, _agreement_alt(agreement, statistic, labels))
    return ax


#: Correlations are fitted to a scale in steps of this size (0.38–0.75 -> 0.3 to 0.8).
SCALE_STEP = 0.1
#: The part of one half of the diverging map a one-signed scale uses: from a light tint
#: (not white, which means zero) to the darkest shade.
ONE_SIDED_SPAN = (0.15, 1.0)


def correlation_scale(values: np.ndarray) -> tuple[Colormap, Normalize, tuple[float, float]]:
    """Colour map, norm and colour-bar range for correlations ``values`` (NaN ignored).

    The range is the values' own, widened to the next :data:`SCALE_STEP`. The diverging
    meaning is kept: purple is agreement, orange disagreement. When the values take both
    signs the map is centred on zero (white) with the same slope either side; when all
    share one sign only that sign's half is used, from a light tint at the low end of the
    range to its darkest shade, so no cell looks "neutral" and the spread between the
    weakest and closest pair takes the whole ramp. Returns ``(cmap, norm, (low, high))``.
    """
    finite = np.asarray(values, dtype=float)
    finite = finite[np.isfinite(finite)]
    if finite.size == 0:
        return mpl.colormaps["PuOr"], Normalize(-1.0, 1.0), (-1.0, 1.0)
    low = max(-1.0, np.floor(round(finite.min() / SCALE_STEP, 9)) * SCALE_STEP)
    high = min(1.0, np.ceil(round(finite.max() / SCALE_STEP, 9)) * SCALE_STEP)
    if high - low < SCALE_STEP:  # one value on a step: give it a step of range
        low, high = (low, low + SCALE_STEP) if low < 1.0 else (high - SCALE_STEP, high)
    low, high = round(float(low), 6), round(float(high), 6)
    diverging = mpl.colormaps["PuOr"]
    if low < 0.0 < high:
        limit = max(-low, high)
        return diverging, Normalize(-limit, limit), (low, high)
    start, end = ONE_SIDED_SPAN
    if low >= 0.0:  # agreement only: the purple half, light to dark
        shades = np.linspace(0.5 + start / 2, 0.5 + end / 2, 256)
    else:  # disagreement only: the orange half, darkest at the most negative
        shades = np.linspace(0.5 - end / 2, 0.5 - start / 2, 256)
    cmap = ListedColormap(diverging(shades), name="PuOr_one_sided")
    return cmap, Normalize(low, high), (low, high)


def _scale_label(statistic: str, values: np.ndarray) -> str:
    """The colour bar's label: the statistic and the range of the pairs it colours."""
    finite = np.asarray(values, dtype=float)
    finite = finite[np.isfinite(finite)]
    name = f"{statistic.capitalize()} rank correlation"
    if finite.size == 0:
        return name
    if finite.size == 1:
        return f"{name}\n(one pair: {finite[0]:.2f})"
    return f"{name}\n(pairs range {finite.min():.2f} to {finite.max():.2f})"


def _agreement_alt(agreement: pd.DataFrame, statistic: str, labels: list[str]) -> str:
    name = "Spearman" if statistic == "spearman" else "Kendall"
    lead = (
        f"Triangular heatmap of the {name} rank correlation between each pair of "
        f"{len(labels)} indices ({', '.join(labels)})"
    )
    scored = agreement.dropna(subset=[statistic])
    if scored.empty:
        return f"{lead}: no pair has enough common countries for a correlation."
    hi = scored.loc[scored[statistic].idxmax()]
    lo = scored.loc[scored[statistic].idxmin()]
    parts = [
        f"the closest agreement is {hi['a']} with {hi['b']} ({hi[statistic]:.2f}, "
        f"n = {int(hi['n'])})",
        f"the weakest {lo['a']} with {lo['b']} ({lo[statistic]:.2f}, n = {int(lo['n'])})",
    ]
    return f"{lead}: {'; '.join(parts)}."


def plot_rank_moves(
    result: SensitivityResult,
    countries: Sequence[str] | None = None,
    *,
    ax: Axes | None = None,
) -> Axes:
    """Range chart of how far each country's rank moves across the sensitivity scenarios.

    ``result`` is ``smartresearch.analysis.sensitivity``'s output, whose shifts are
    changes of order among the countries each scenario and the baseline both rank. One
    row per country (default: focus and peers that the baseline ranks), best baseline
    rank at the top, labelled with that rank. A grey bar spans the country's largest fall
    to its largest rise, a dot marks each scenario, and zero is the baseline; focus
    countries are drawn in their colours. Records computed alt text; returns the Axes.
    """
    codes = list(FOCUS + PEERS if countries is None else countries)
    codes = list(resolve_countries(codes, argument="plot_rank_moves: countries"))
    by_country = result.by_country
    table = by_country[by_country["iso3"].isin(codes) & by_country["baseline_rank"].notna()]
    if table.empty:
        raise ValidationError(
            f"plot_rank_moves: none of {codes[:8]} is ranked in the baseline scenario"
        )
    if ax is None:
        _, ax = plt.subplots(figsize=(7.5, 0.9 + 0.32 * len(table)))
    rows = table.reset_index(drop=True)
    shifts = result.ranks[
        (result.ranks["scenario"] != result.baseline) & result.ranks["shift"].notna()
    ]
    for y, row in rows.iterrows():
        own = shifts[shifts["iso3"] == row["iso3"]]
        gained = -own["shift"].to_numpy(dtype="float64")  # places gained: right is up
        colour = country_colour(row["iso3"])
        focus = is_focus(row["iso3"])
        if len(gained):
            ax.plot(
                [min(gained.min(), 0.0), max(gained.max(), 0.0)],
                [y, y],
                color=colour if focus else PEER_GREY,
                alpha=0.45,
                linewidth=6 if focus else 4.5,
                solid_capstyle="round",
                zorder=1,
            )
            ax.scatter(
                gained,
                np.full(len(gained), float(y)),
                s=26 if focus else 16,
                color=colour if focus else "#6E6E6E",
                edgecolors="white",
                linewidths=0.5,
                zorder=3,
            )
    ax.axvline(0.0, color=INK, linewidth=0.9, zorder=2)
    base = result.ranks[result.ranks["scenario"] == result.baseline]
    field = int(base["rank"].notna().sum()) if "rank" in base.columns else None
    ticks = zip(rows["country"], rows["baseline_rank"], strict=True)
    ax.set_yticks(range(len(rows)), [f"{name} ({rank_label(rank, field)})" for name, rank in ticks])
    for label, iso3 in zip(ax.get_yticklabels(), rows["iso3"], strict=True):
        label.set_color(country_text_colour(iso3))
        if is_focus(iso3):
            label.set_fontweight("bold")
    ax.set_ylim(len(rows) - 0.5, -0.6)
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x")
    ax.set_xlabel("Places gained (+) or lost (−) against the baseline, among the same countries")
    moved = rows.dropna(subset=["max_abs_shift"])
    steady = moved[moved["max_abs_shift"] == 0]["country"].tolist()

    def places(n: int, verb: str) -> str:
        return f"never {verb}s" if n == 0 else f"{verb}s up to {count(int(n), 'place')}"

    parts = []
    for row in rows.itertuples(index=False):
        if not is_focus(row.iso3):
            continue
        standing = f"{row.country} ({ordinal(row.baseline_rank)})"
        if pd.isna(row.max_abs_shift):
            parts.append(f"{standing} is ranked by no other scenario")
        else:
            parts.append(
                f"{standing} {places(row.largest_rise, 'rise')} and "
                f"{places(row.largest_fall, 'fall')}"
            )
    movers = moved[moved["max_abs_shift"] > 0].sort_values(
        ["max_abs_shift", "iso3"], ascending=[False, True], kind="mergesort"
    )
    if len(movers):
        widest = movers.iloc[0]
        parts.append(
            f"the widest range is {widest['country']}'s "
            f"(up to {count(int(widest['max_abs_shift']), 'place')})"
        )
    if steady:
        parts.append(f"{join_names(steady)} never {'moves' if len(steady) == 1 else 'move'}")
    n_scenarios = int(shifts["scenario"].nunique())
    lead = (
        f"Range chart of the composite rank moves of {count(len(rows), 'country', 'countries')} "
        f"across {count(n_scenarios, 'scenario')} against the baseline"
    )
    set_figure_data(ax, gained_rows(shifts, rows["iso3"]), values=["places_gained"])
    set_alt_text(ax, f"{lead}: {'; '.join(parts)}.")
    return ax
