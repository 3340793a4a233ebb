"""Component small multiples: what a composite index is made of, one panel per country.

The UN's EGDI is the mean of three components (online services, human capital, telecoms
infrastructure); two countries with the same EGDI can get there very differently. One
panel per country, one line per component, shared y-axis so panels compare directly.
Components take their own dark colours (never a country's colour, each at least 3:1 on
white), and each has its own marker, so they remain distinct in greyscale; one legend under
the panels names them, where it can cover no data.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure, SubFigure
from matplotlib.legend import Legend

from smartresearch.countries import FOCUS, country_name
from smartresearch.plots import _data
from smartresearch.plots._draw import year_axis
from smartresearch.plots.alt import fmt_number, set_alt_text, year_span
from smartresearch.plots.figdata import set_figure_data
from smartresearch.plots.palette import (
    COMPONENT_COLOURS,
    INK,
    PEER_TEXT_GREY,
    country_text_colour,
)

CHART = "plot_components"
MARKERS = ("o", "s", "^", "D", "v")


def plot_components(
    data: pd.DataFrame,
    components: Sequence[str] = ("osi", "hci", "tii"),
    *,
    countries: Sequence[str] | None = FOCUS,
    total: str | None = None,
    ncols: int | None = None,
    component_labels: dict[str, str] | None = None,
    fig: Figure | SubFigure | None = None,
) -> np.ndarray:
    """Small multiples of ``components`` over editions, one panel per country.

    Returns a **1-D numpy array of Axes**, one per country in the order of ``countries``
    (default: the focus group); unused grid cells are removed. Get the Figure with
    ``axes[0].figure``; the alt text is stored on the Figure (``alt_text(axes)`` or
    ``alt_text(fig)``) and each panel's on its Axes. ``total`` (e.g. ``"egdi"``) adds the
    composite as a thick dark line. Pass ``fig`` (a Figure or SubFigure) to draw into an
    existing one; otherwise a new pyplot figure is made.
    """
    if isinstance(components, str):
        components = [components]
    components = list(dict.fromkeys(components))
    if not components:
        raise ValueError(f"{CHART}: name at least one component")
    frame = _data.index_frame(data, chart=CHART)
    series_names = components + ([total] if total else [])
    for name in series_names:
        _data.pick_indicator(frame, name, chart=CHART, source=data)
    codes = list(_data.resolve_countries(countries, chart=CHART))
    labels = {name: (component_labels or {}).get(name, name.upper()) for name in series_names}
    rows = frame[frame["indicator"].isin(series_names)]
    editions = sorted(rows["year"].unique())

    ncols = ncols or min(len(codes), 3)
    nrows = math.ceil(len(codes) / ncols)
    if fig is None:
        fig = plt.figure(figsize=(min(2.6 * ncols + 1.4, 11.0), 2.5 * nrows + 1.0))
    grid = fig.subplots(nrows, ncols, sharex=True, sharey=True, squeeze=False)
    axes = grid.ravel()
    for extra in axes[len(codes) :]:
        extra.remove()
    axes = axes[: len(codes)]

    country_names = _data.names(frame)
    summaries: list[str] = []
    for ax, iso3 in zip(axes, codes, strict=True):
        own = rows[rows["iso3"] == iso3]
        name = country_names.get(iso3) or country_name(iso3)
        ax.set_title(name, loc="left", color=country_text_colour(iso3), fontsize=10)
        if own.empty:  # shared axes: write the note, but leave the (shared) ticks alone
            ax.text(
                0.5,
                0.5,
                "No data",
                ha="center",
                va="center",
                transform=ax.transAxes,
                color=PEER_TEXT_GREY,
            )
            summaries.append(f"{name} has no data")
            set_alt_text(ax, f"Empty panel: no data for {name}.")
            continue
        for position, component in enumerate(series_names):
            is_total = component == total
            values = own[own["indicator"] == component].set_index("year")["value"].reindex(editions)
            colour = INK if is_total else component_colour(position, total=total is not None)
            ax.plot(
                editions,
                values.to_numpy(dtype=float),
                color=colour,
                linewidth=2.4 if is_total else 1.4,
                marker=None if is_total else MARKERS[position % len(MARKERS)],
                markersize=3.5,
                zorder=3 if is_total else 2,
                label=labels[component],
            )
        year_axis(ax, editions)
        ax.margins(y=0.08)
        ax.autoscale_view()
        set_figure_data(ax, own, values=["value"])
        summaries.append(_panel_summary(own, name, series_names, labels))
        set_alt_text(ax, f"{summaries[-1]}.")
    drawn = next((ax for ax in axes if ax.get_lines()), None)
    if drawn is not None:
        component_legend(fig, drawn)
    if not editions:
        set_alt_text(
            fig, f"Empty chart: no {', '.join(labels[c] for c in series_names)} values to show."
        )
    else:
        set_alt_text(
            fig,
            f"Small multiples of {', '.join(labels[c] for c in series_names)} across the "
            f"{year_span(editions)} editions, one panel per country: {'; '.join(summaries)}.",
        )
    return axes


def component_legend(fig: Figure | SubFigure, ax) -> Legend:
    """One legend for every panel, under them (outside the data area, where it can cover
    no line or endpoint): the series' colour and marker, in one row. Constrained layout
    makes room for it, above any source line :func:`~smartresearch.plots.add_titles` adds."""
    handles = ax.get_lines()
    return fig.legend(
        handles,
        [line.get_label() for line in handles],
        loc="outside lower center",
        ncols=len(handles),
        frameon=False,
        fontsize=8,
        handlelength=2.2,
        columnspacing=1.4,
    )


def _panel_summary(
    own: pd.DataFrame, name: str, series_names: list[str], labels: dict[str, str]
) -> str:
    """'in 2024 HCI was highest (0.95) and OSI lowest (0.80)' for one country."""
    latest_year = int(own["year"].max())
    latest = own[own["year"] == latest_year].set_index("indicator")["value"]
    latest = latest[[c for c in series_names if c in latest.index]]
    if latest.empty:
        return f"{name} has no values in {latest_year}"
    high, low = latest.idxmax(), latest.idxmin()
    text = f"{name} in {latest_year} scored highest on {labels[high]} ({fmt_number(latest[high])})"
    if low != high:
        text += f" and lowest on {labels[low]} ({fmt_number(latest[low])})"
    return text


def component_colour(position: int, *, total: bool) -> str:
    """The ``position``-th component's colour, cycling through
    :data:`~smartresearch.plots.palette.COMPONENT_COLOURS`: dark enough for a thin line
    on white, and never a country's colour, the peer grey or the ink of the total
    (``total`` is kept for callers; no colour needs leaving out any more)."""
    del total
    return COMPONENT_COLOURS[position % len(COMPONENT_COLOURS)]
