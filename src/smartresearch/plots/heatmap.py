"""Heatmap of ranks: countries x indices, with coverage gaps left visibly empty.

Indices cover different fields (the UN ranks 193 countries, the OECD about 33), so a rank
of 10 means different things in different columns. Cells are therefore coloured by the
rank's position within its own field (0 = top, 1 = bottom) and print the rank itself,
and each column header says how many countries were ranked. A country an index did not
assess gets a hatched, empty cell, never a colour that could be read as a score.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.colors import PowerNorm

from smartresearch.countries import country_name
from smartresearch.errors import ValidationError
from smartresearch.plots import _data
from smartresearch.plots._draw import axes_or_new, cell_grid, missing_patch, show_no_data
from smartresearch.plots.alt import set_alt_text
from smartresearch.plots.figdata import rank_cells, set_figure_data
from smartresearch.plots.palette import country_text_colour, is_focus
from smartresearch.ranking import rank_values
from smartresearch.wording import count, join_names

CHART = "plot_rank_heatmap"
#: Position 0 (first) .. 1 (last). Comparisons are mostly among leaders, so the colour
#: scale is stretched at the top (square root); the colorbar shows the stretch honestly.
POSITION_NORM = PowerNorm(gamma=0.5, vmin=0.0, vmax=1.0)
POSITION_TICKS = {0.0: "first", 0.1: "top 10%", 0.25: "top 25%", 0.5: "median", 1.0: "last"}


def _per_indicator(value, indicator: str, default):
    if isinstance(value, Mapping):
        return value.get(indicator, default)
    return default if value is None else value


def plot_rank_heatmap(
    data: pd.DataFrame,
    indicators: Sequence[str] | None = None,
    *,
    years: int | Mapping[str, int] | None = None,
    countries: Sequence[str] | None = None,
    higher_is_better: bool | Mapping[str, bool] = True,
    indicator_labels: Mapping[str, str] | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Grid of ranks, one row per country and one column per indicator; returns the Axes.

    ``data`` is a tidy table that may combine several datasets (``pd.concat`` of
    ``load("egdi")``, ``load("oecd_dgi")``...). Each indicator is ranked in ``years`` (one
    year for all, or a mapping per indicator; default each indicator's latest edition)
    among **all** countries that have a value, then the rows are restricted to
    ``countries`` (default focus and peers) and sorted by their average position. Rows stay
    even for a country with no value at all, so the gap is visible. A colorbar is added
    beside the Axes.
    """
    frame = _data.index_frame(data, chart=CHART)
    if indicators is None:
        indicators = list(dict.fromkeys(frame["indicator"]))
    indicators = list(dict.fromkeys([indicators] if isinstance(indicators, str) else indicators))
    for name in indicators:
        _data.pick_indicator(frame, name, chart=CHART, source=data)
    codes = list(_data.resolve_countries(countries, chart=CHART))
    ax = axes_or_new(ax)
    if not indicators or frame.empty:
        return show_no_data(ax, "ranks for the selected indicators")

    ranks = pd.DataFrame(index=codes, columns=indicators, dtype=float)
    positions = ranks.copy()
    headers, used_years = [], {}
    for name in indicators:
        held = frame[frame["indicator"] == name]
        year = int(_per_indicator(years, name, held["year"].max()))
        if year not in set(held["year"]):
            raise ValidationError(
                f"{CHART}: no {name!r} values for {year}; "
                f"its editions are {sorted(held['year'].unique())}"
            )
        edition = held[held["year"] == year].set_index("iso3")["value"]
        better = bool(_per_indicator(higher_is_better, name, True))
        rank = rank_values(edition, higher_is_better=better).astype("float64")
        n = len(edition)
        ranks[name] = rank.reindex(codes)
        positions[name] = (ranks[name] - 1) / max(n - 1, 1)
        label = (indicator_labels or {}).get(name, name.upper())
        headers.append(f"{label}\n{year}\nn={n}")
        used_years[name] = (label, year)

    average = positions.mean(axis=1, skipna=True).fillna(np.inf)  # no value at all: last row
    order = sorted(codes, key=lambda code: (average[code], code))
    ranks, positions = ranks.loc[order], positions.loc[order]
    country_names = _data.names(frame)
    row_labels = [country_names.get(c) or country_name(c) for c in order]
    texts = [
        ["" if np.isnan(r) else str(int(r)) for r in row] for row in ranks.to_numpy(dtype=float)
    ]
    cmap = mpl.colormaps["cividis"]
    mesh = cell_grid(
        ax,
        positions.to_numpy(dtype=float),
        texts,
        cmap=cmap,
        norm=POSITION_NORM,
        row_labels=row_labels,
        column_labels=headers,
        fontsize=8 if len(indicators) <= 8 else 6.5,
    )
    ax.xaxis.tick_top()
    for label, iso3 in zip(ax.get_yticklabels(), order, strict=True):
        label.set_color(country_text_colour(iso3))
        if is_focus(iso3):
            label.set_fontweight("bold")
    figure = ax.get_figure(root=False)
    colorbar = figure.colorbar(
        mesh, ax=ax, shrink=0.55, aspect=14, ticks=list(POSITION_TICKS), pad=0.02
    )
    colorbar.ax.set_yticklabels(list(POSITION_TICKS.values()))
    colorbar.ax.invert_yaxis()
    colorbar.set_label("Position in each index's ranking", fontsize=8)
    colorbar.outline.set_visible(False)
    colorbar.ax.legend(
        handles=[missing_patch()], loc="upper left", bbox_to_anchor=(-0.3, -0.04), fontsize=7.5
    )
    set_figure_data(ax, rank_cells(ranks, positions, used_years), values=["position"])
    set_alt_text(ax, _alt(ranks, positions, row_labels, used_years))
    return ax


def _alt(
    ranks: pd.DataFrame, positions: pd.DataFrame, row_labels: list[str], used_years: dict
) -> str:
    names = dict(zip(ranks.index, row_labels, strict=True))
    columns = join_names(f"{label} {year}" for label, year in used_years.values())
    parts = []
    mean = positions.mean(axis=1, skipna=True).dropna()
    if len(mean):
        parts.append(f"{names[mean.idxmin()]} ranks highest on average")
        if len(mean) > 1:
            parts.append(f"{names[mean.idxmax()]} lowest")
    gaps = [
        f"{names[iso3]} on {used_years[column][0]}"
        for iso3 in ranks.index
        for column in ranks.columns
        if np.isnan(ranks.at[iso3, column])
    ]
    if gaps:
        shown = join_names(gaps[:4] + ([f"{len(gaps) - 4} more"] if len(gaps) > 4 else []))
        parts.append(f"{count(len(gaps), 'cell')} not assessed ({shown})")
    lead = f"Heatmap of the ranks of {len(ranks)} countries on {columns}"
    return f"{lead}: {'; '.join(parts)}." if parts else f"{lead}."
