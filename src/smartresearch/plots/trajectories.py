"""Trajectories: one indicator over the editions, focus countries highlighted.

Each focus country is drawn in its fixed colour and labelled at its last point with its
rank in that edition; peers are thin grey context lines. A country missing from an edition
shows a break in its line, not an interpolated bridge: "not assessed" is not a value.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from smartresearch.plots import _data
from smartresearch.plots._draw import axes_or_new, country_line, show_no_data, year_axis
from smartresearch.plots._labels import label_line_ends
from smartresearch.plots.alt import fmt_number, set_alt_text, year_span
from smartresearch.plots.figdata import set_figure_data
from smartresearch.plots.palette import country_text_colour, draw_order, is_focus
from smartresearch.wording import count

CHART = "plot_trajectories"


def plot_trajectories(
    data: pd.DataFrame,
    indicator: str,
    *,
    countries: Sequence[str] | None = None,
    labels: Literal["focus", "all", "none"] = "focus",
    higher_is_better: bool = True,
    rank_from: str | None = None,
    indicator_label: str | None = None,
    highlight: str | Sequence[str] | None = None,
    years: tuple[int, int] | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Line chart of ``indicator`` across editions; returns the Axes.

    ``highlight`` countries are drawn, labelled and described like focus countries, each
    in its own highlight colour. By default (None) they are the ``countries`` asked for
    when none of those is a focus country, so ``countries=["BRA", "KEN", "ZAF"]`` draws
    three coloured, labelled lines rather than three grey ones. ``years=(first, last)``
    keeps the editions in that range (inclusive); ranks are still computed per edition.

    ``data`` is a tidy table (``iso3, year, indicator, value``; ``country`` used for
    names). ``countries`` defaults to the focus and peer groups; focus countries are
    coloured and, with ``labels="focus"`` (default), labelled at their last point with
    their name and rank in that edition ("Denmark 1st"). ``labels="all"`` also names peers.
    Ranks come from ``rank_from`` (a published rank indicator) or are computed among every
    country in ``data`` for that edition. Alt text: :func:`smartresearch.plots.alt_text`.
    """
    if labels not in ("focus", "all", "none"):
        raise ValueError(f"{CHART}: labels must be 'focus', 'all' or 'none', not {labels!r}")
    data = _data.select_years(data, years, chart=CHART)
    highlight = _data.default_highlight(countries, highlight)
    rows, shown = _data.ranked_rows(
        data,
        indicator,
        countries=countries,
        rank_from=rank_from,
        higher_is_better=higher_is_better,
        chart=CHART,
    )
    ax = axes_or_new(ax)
    name = indicator_label or indicator.upper()
    if shown.empty:
        return show_no_data(ax, f"{name} for the selected countries")
    editions = sorted(rows["year"].unique())
    country_names = _data.names(shown)

    ends: list[tuple[float, float, str, str]] = []
    for iso3 in draw_order(shown["iso3"], highlight=highlight):
        series = shown[shown["iso3"] == iso3].set_index("year").reindex(editions)
        values = series["value"].to_numpy(dtype=float)
        country_line(
            ax,
            editions,
            values,
            iso3,
            width=(2.2, 1.0),
            marker=(4, 2),
            label=country_names[iso3],
            highlight=highlight,
        )
        last = series.dropna(subset=["value"]).iloc[-1]
        if labels == "all" or (labels == "focus" and is_focus(iso3, highlight)):
            text = country_names[iso3]
            if not np.isnan(last["rank"]):
                text += f" {_data.rank_label(last['rank'], last['ranked'])}"
            if int(last.name) != editions[-1]:
                text += f" ({int(last.name)})"
            colour = country_text_colour(iso3, highlight=highlight)
            ends.append((float(last.name), float(last["value"]), text, colour))

    year_axis(ax, editions)
    ax.set_ylabel(name)
    ax.margins(y=0.08)
    ax.autoscale_view()
    label_line_ends(ax, ends, fontsize=8.5)
    set_figure_data(ax, shown, values=["value"])
    set_alt_text(ax, _alt(shown, name, editions, country_names, highlight))
    return ax


def _alt(
    shown: pd.DataFrame,
    name: str,
    editions: list[int],
    country_names: dict[str, str],
    highlight: Sequence[str] = (),
) -> str:
    focus_parts = []
    for iso3 in draw_order(shown["iso3"], highlight=highlight):
        if not is_focus(iso3, highlight):
            continue
        own = shown[shown["iso3"] == iso3].sort_values("year")
        first, last = own.iloc[0], own.iloc[-1]
        rank = (
            "" if np.isnan(last["rank"]) else f", {_data.rank_label(last['rank'], last['ranked'])}"
        )
        focus_parts.append(
            f"{country_names[iso3]} went from {fmt_number(first['value'])} in {int(first['year'])} "
            f"to {fmt_number(last['value'])} in {int(last['year'])}{rank}"
        )
    latest = shown[shown["year"] == shown["year"].max()]
    latest = latest.sort_values(["value", "iso3"], ascending=[False, True])
    top, bottom = latest.iloc[0], latest.iloc[-1]
    extremes = (
        f"in {int(top['year'])} the highest shown was {country_names[top['iso3']]} "
        f"({fmt_number(top['value'])})"
    )
    if bottom["iso3"] != top["iso3"]:
        extremes += (
            f" and the lowest {country_names[bottom['iso3']]} ({fmt_number(bottom['value'])})"
        )
    n = shown["iso3"].nunique()
    lead = (
        f"Line chart of {name} across the {year_span(editions)} editions "
        f"for {count(n, 'country', 'countries')}"
    )
    body = "; ".join(focus_parts + [extremes])
    return f"{lead}: {body}."
