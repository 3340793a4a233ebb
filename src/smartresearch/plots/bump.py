"""Rank bump chart: who overtook whom across editions.

Ranks rather than scores, because the publishers rescale their indices between editions
while positions stay comparable. Rank 1 is at the top; every line is labelled at both ends
so no legend is needed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import pandas as pd
from matplotlib.axes import Axes

from smartresearch.plots import _data
from smartresearch.plots._draw import axes_or_new, country_line, show_no_data, year_axis
from smartresearch.plots._labels import label_both_ends
from smartresearch.plots.alt import set_alt_text, year_span
from smartresearch.plots.figdata import set_figure_data
from smartresearch.plots.palette import country_text_colour, draw_order, is_focus
from smartresearch.wording import count, join_names, ordinal

CHART = "plot_rank_bump"


def plot_rank_bump(
    data: pd.DataFrame,
    indicator: str,
    *,
    countries: Sequence[str] | None = None,
    within: Literal["all", "shown"] = "all",
    higher_is_better: bool = True,
    rank_from: str | None = None,
    indicator_label: str | None = None,
    highlight: str | Sequence[str] | None = None,
    years: tuple[int, int] | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Bump chart of each country's rank on ``indicator`` per edition; returns the Axes.

    ``within="all"`` ranks among every country in ``data`` (the world rank when ``data``
    is the whole table; or read ``rank_from``, a published rank indicator);
    ``within="shown"`` re-ranks among the selected ``countries`` only (default: focus and
    peers), which makes a compact peer-group race. A country missing from an edition leaves
    a gap in its line.

    ``highlight`` countries are drawn, labelled and described like focus countries, each
    in its own highlight colour; by default (None) they are the ``countries`` asked for
    when none of those is a focus country, as in :func:`plot_trajectories`.
    ``years=(first, last)`` keeps the editions in that range (inclusive); each edition's
    ranks are computed within it, so cutting editions changes no rank.
    """
    if within not in ("all", "shown"):
        raise ValueError(f"{CHART}: within must be 'all' or 'shown', not {within!r}")
    if within == "shown" and rank_from is not None:
        raise ValueError(
            f"{CHART}: rank_from (published ranks) cannot be combined with within='shown'"
        )
    data = _data.select_years(data, years, chart=CHART)
    highlight = _data.default_highlight(countries, highlight)
    rows, shown = _data.ranked_rows(
        data,
        indicator,
        countries=countries,
        rank_from=rank_from,
        higher_is_better=higher_is_better,
        chart=CHART,
        among_shown=within == "shown",
    )
    ax = axes_or_new(ax)
    name = indicator_label or indicator.upper()
    if shown.empty:
        return show_no_data(ax, f"{name} ranks for the selected countries")
    shown = shown.dropna(subset=["rank"])
    if shown.empty:
        return show_no_data(ax, f"published {rank_from} for the selected countries")
    editions = sorted(rows["year"].unique())
    country_names = _data.names(shown)

    left: list[tuple[float, float, str, str]] = []
    right: list[tuple[float, float, str, str]] = []
    left_fields: list[float] = []
    right_fields: list[float] = []
    for iso3 in draw_order(shown["iso3"], highlight=highlight):
        own = shown[shown["iso3"] == iso3].set_index("year").reindex(editions)
        series, fields = own["rank"], own["ranked"]
        country_line(
            ax,
            editions,
            series.to_numpy(dtype=float),
            iso3,
            width=(2.6, 1.2),
            marker=(5, 3),
            label=country_names[iso3],
            highlight=highlight,
        )
        valid = series.dropna()
        colour = country_text_colour(iso3, highlight=highlight)
        first_year, last_year = int(valid.index[0]), int(valid.index[-1])
        country = country_names[iso3]  # not ``name``: that is the indicator's, for the alt text
        left.append((float(first_year), float(valid.iloc[0]), country, colour))
        right.append((float(last_year), float(valid.iloc[-1]), country, colour))
        left_fields.append(fields[first_year])
        right_fields.append(fields[last_year])
    left = [
        (x, y, f"{name} {rank}", colour)
        for (x, y, name, colour), rank in zip(
            left, _data.rank_texts([e[1] for e in left], left_fields), strict=True
        )
    ]
    right = [
        (x, y, f"{rank} {name}", colour)
        for (x, y, name, colour), rank in zip(
            right, _data.rank_texts([e[1] for e in right], right_fields), strict=True
        )
    ]

    year_axis(ax, editions)
    worst = float(shown["rank"].max())
    ax.set_ylim(worst + 0.7, 0.3)
    ax.grid(False)
    ax.spines["left"].set_visible(False)  # no y-axis: every line is labelled with its ranks
    ax.tick_params(axis="y", length=0)
    ax.set_yticks([])
    label_both_ends(ax, left, right)
    set_figure_data(ax, shown, values=["rank"])
    set_alt_text(ax, _alt(shown, name, editions, country_names, within, highlight))
    return ax


def _alt(
    shown: pd.DataFrame,
    name: str,
    editions: list[int],
    country_names: dict[str, str],
    within: str,
    highlight: Sequence[str] = (),
) -> str:
    moves = []
    changes: list[tuple[float, str]] = []
    for iso3 in draw_order(shown["iso3"], highlight=highlight):
        own = shown[shown["iso3"] == iso3].sort_values("year")
        start, end = own.iloc[0], own.iloc[-1]
        change = float(start["rank"] - end["rank"])
        changes.append((change, iso3))
        if is_focus(iso3, highlight):
            moves.append(
                f"{country_names[iso3]} moved from {ordinal(start['rank'])} in "
                f"{int(start['year'])} to {ordinal(end['rank'])} in {int(end['year'])}"
            )
    latest = shown[shown["year"] == shown["year"].max()].sort_values(["rank", "iso3"])
    leaders = latest[latest["rank"] == latest["rank"].min()]
    moves.append(
        f"{join_names(country_names[c] for c in leaders['iso3'])} ranked best "
        f"in {int(latest['year'].iloc[0])}"
    )
    climbs = sorted(changes, key=lambda item: (-item[0], item[1]))
    if climbs and climbs[0][0] > 0:
        moves.append(
            f"the largest climb was {country_names[climbs[0][1]]}'s ({int(climbs[0][0])} places)"
        )
    n = shown["iso3"].nunique()
    scope = "among the countries shown" if within == "shown" else "among all countries assessed"
    lead = (
        f"Bump chart of {count(n, 'country', 'countries')}' rank on {name} {scope}, "
        f"{year_span(editions)}"
    )
    return f"{lead}: {'; '.join(moves)}."
