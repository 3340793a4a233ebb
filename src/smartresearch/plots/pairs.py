"""Two-point comparisons: a dumbbell or a slope chart between two editions or two indices.

Both charts answer "how did each country move between A and B", where A and B are either
two editions of one indicator (EGDI 2012 vs 2024) or two indices (EGDI 2022 vs the OECD
DGI 2023). Indices on different scales are compared as ranks (``scale="rank"``), and then
only among the countries assessed by both, so that a country is not "ranked" against a
field it was never in.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.lines import Line2D

from smartresearch.errors import ValidationError
from smartresearch.plots import _data
from smartresearch.plots._draw import axes_or_new, country_line, show_no_data
from smartresearch.plots._labels import LINE_SPACING, label_both_ends
from smartresearch.plots.alt import fmt_number, set_alt_text
from smartresearch.plots.figdata import pair_rows, set_figure_data
from smartresearch.plots.palette import (
    INK,
    PEER_GREY,
    country_colour,
    country_text_colour,
    draw_order,
    is_focus,
)
from smartresearch.ranking import rank_values
from smartresearch.wording import count, join_names, ordinal

Scale = Literal["value", "rank"]


@dataclass(frozen=True)
class PairTable:
    """Each country's value (or rank) at the two ends being compared."""

    table: pd.DataFrame  # iso3, country, start, end (NaN where a country lacks one end)
    start_label: str
    end_label: str
    axis_label: str
    scale: Scale
    omitted: tuple[str, ...]  # display names dropped because rank mode needs both ends
    subject: str  # "EGDI in 2012 and 2022" / "EGDI 2022 and DGI 2023", for alt text
    field: int | None = None  # with scale="rank": how many countries the ranks are among


def _ends(
    rows: pd.DataFrame,
    indicator: str | tuple[str, str],
    years: int | tuple[int, int] | None,
    *,
    chart: str,
) -> tuple[tuple[str, int], tuple[str, int]]:
    """Resolve the two (indicator, year) ends; default years are the first/last or latest."""
    if isinstance(indicator, str):
        available = sorted(rows.loc[rows["indicator"] == indicator, "year"].unique())
        if years is None:
            if len(available) < 2:
                raise ValidationError(
                    f"{chart}: {indicator!r} has only the editions {available}; need two to compare"
                )
            years = (available[0], available[-1])
        if isinstance(years, (int, np.integer)) or len(years) != 2:
            raise ValueError(
                f"{chart}: comparing editions of {indicator!r} needs years=(start, end), "
                f"got {years!r}"
            )
        pairs = ((indicator, int(years[0])), (indicator, int(years[1])))
    else:
        if len(indicator) != 2:
            raise ValueError(
                f"{chart}: indicator must be one name or a pair of names, got {indicator!r}"
            )
        if years is None:
            years = tuple(int(rows.loc[rows["indicator"] == i, "year"].max()) for i in indicator)
        elif isinstance(years, (int, np.integer)):
            years = (int(years), int(years))
        pairs = ((indicator[0], int(years[0])), (indicator[1], int(years[1])))
    for name, year in pairs:
        held = sorted(rows.loc[rows["indicator"] == name, "year"].unique())
        if year not in held:
            raise ValidationError(
                f"{chart}: no {name!r} values for {year} in the table; its editions are {held}"
            )
    return pairs


def pair_table(
    data: pd.DataFrame,
    indicator: str | tuple[str, str],
    years: int | tuple[int, int] | None,
    *,
    scale: Scale,
    higher_is_better: bool,
    countries: Sequence[str] | None,
    chart: str,
) -> PairTable:
    """Build the two-end table both charts draw (see the module docstring for the rules)."""
    if scale not in ("value", "rank"):
        raise ValueError(f"{chart}: scale must be 'value' or 'rank', not {scale!r}")
    frame = _data.index_frame(data, chart=chart)
    for name in [indicator] if isinstance(indicator, str) else list(indicator):
        _data.pick_indicator(frame, name, chart=chart, source=data)
    (ind_a, year_a), (ind_b, year_b) = _ends(frame, indicator, years, chart=chart)

    def values(name: str, year: int) -> pd.Series:
        picked = frame[(frame["indicator"] == name) & (frame["year"] == year)]
        return picked.set_index("iso3")["value"]

    codes = _data.resolve_countries(countries, chart=chart)
    start, end = values(ind_a, year_a), values(ind_b, year_b)
    table = pd.concat({"start": start, "end": end}, axis=1)
    omitted: tuple[str, ...] = ()
    axis_label = ind_a.upper() if ind_a == ind_b else f"{ind_a.upper()} / {ind_b.upper()}"
    if scale == "rank":
        both = table.dropna()
        axis_label = f"Rank among the {len(both)} countries in both (1 = best)"
        lacking = sorted(set(table.index[table.isna().any(axis=1)]) & set(codes))
        table = pd.DataFrame(
            {
                side: rank_values(both[side], higher_is_better=higher_is_better).astype(float)
                for side in ("start", "end")
            }
        )
        omitted = tuple(_data.names(frame[frame["iso3"].isin(lacking)]).get(c, c) for c in lacking)
    table = table[table.index.isin(codes)].rename_axis("iso3").reset_index()
    table["country"] = table["iso3"].map(_data.names(frame))
    same = ind_a == ind_b
    start_label = str(year_a) if same else f"{ind_a.upper()} {year_a}"
    end_label = str(year_b) if same else f"{ind_b.upper()} {year_b}"
    subject = (
        f"{ind_a.upper()} in {year_a} and {year_b}" if same else f"{start_label} and {end_label}"
    )
    field = len(both) if scale == "rank" else None
    return PairTable(table, start_label, end_label, axis_label, scale, omitted, subject, field)


def _pairs_on_axes(
    chart: str,
    data: pd.DataFrame,
    indicator: str | tuple[str, str],
    years: int | tuple[int, int] | None,
    scale: Scale,
    higher_is_better: bool,
    countries: Sequence[str] | None,
    ax: Axes | None,
    size: Callable[[PairTable], tuple[float, float] | None] | None = None,
) -> tuple[PairTable | None, Axes]:
    """The two-end table and the Axes to draw it on (a new figure of ``size(pairs)`` when
    ``ax`` is None); ``None`` (and an honest empty chart) when none of the selected
    countries has a value at either end."""
    pairs = pair_table(
        data,
        indicator,
        years,
        scale=scale,
        higher_is_better=higher_is_better,
        countries=countries,
        chart=chart,
    )
    ax = axes_or_new(ax, None if size is None or ax is not None else size(pairs))
    if pairs.table.empty:
        show_no_data(ax, f"{pairs.start_label} / {pairs.end_label} for the selected countries")
        return None, ax
    return pairs, ax


def _better_first(pairs: PairTable, higher_is_better: bool) -> pd.DataFrame:
    """Rows best-first by the end value (rank 1 first), then by start, then by code."""
    rank_like = pairs.scale == "rank" or not higher_is_better
    key = pairs.table.assign(
        _end=pairs.table["end"] if rank_like else -pairs.table["end"],
        _start=pairs.table["start"] if rank_like else -pairs.table["start"],
    )
    return key.sort_values(["_end", "_start", "iso3"], na_position="last").drop(
        columns=["_end", "_start"]
    )


def _fmt(value: float, scale: Scale) -> str:
    return ordinal(value) if scale == "rank" else fmt_number(value)


def _end_texts(side: list[tuple[float, float, str, str]], pairs: PairTable) -> list[str]:
    """The values printed at one end: numbers, or ranks saying once what they are of."""
    values = [entry[1] for entry in side]
    if pairs.scale == "rank":
        return _data.rank_texts(values, [pairs.field] * len(values))
    return [fmt_number(value) for value in values]


def _change(difference: float, scale: Scale) -> str:
    """End minus start, as a reader says it: '+0.12', or 'up 3 places' for ranks."""
    if scale == "rank":
        places = int(round(abs(difference)))
        return f"{'up' if difference <= 0 else 'down'} {places} place{'' if places == 1 else 's'}"
    return f"{'+' if difference >= 0 else '-'}{fmt_number(abs(difference))}"


def _alt(kind: str, pairs: PairTable, higher_is_better: bool) -> str:
    table = pairs.table.sort_values("iso3")
    complete = table.dropna(subset=["start", "end"])
    parts = []
    for iso3 in draw_order(table["iso3"]):
        if not is_focus(iso3):
            continue
        row = table[table["iso3"] == iso3].iloc[0]
        if np.isnan(row["start"]) or np.isnan(row["end"]):
            have = pairs.start_label if np.isnan(row["end"]) else pairs.end_label
            parts.append(f"{row['country']} has a value only for {have}")
        else:
            start, end = _fmt(row["start"], pairs.scale), _fmt(row["end"], pairs.scale)
            parts.append(f"{row['country']} {start} to {end}")
    if len(complete):
        difference = complete["end"] - complete["start"]
        gain = -difference if pairs.scale == "rank" or not higher_is_better else difference
        best, worst = gain.idxmax(), gain.idxmin()
        if gain[best] > 0:
            change = _change(difference[best], pairs.scale)
            parts.append(f"the largest improvement was {complete.at[best, 'country']}'s ({change})")
        if worst != best and gain[worst] < 0:
            change = _change(difference[worst], pairs.scale)
            parts.append(f"the largest decline was {complete.at[worst, 'country']}'s ({change})")
    if pairs.omitted:
        parts.append(f"not assessed at both ends: {join_names(pairs.omitted)}")
    n = len(table)
    what = "ranks" if pairs.scale == "rank" else "values"
    lead = f"{kind} of {count(n, 'country', 'countries')}' {what} on {pairs.subject}"
    return f"{lead}: {'; '.join(parts)}." if parts else f"{lead}."


def plot_dumbbell(
    data: pd.DataFrame,
    indicator: str | tuple[str, str],
    *,
    years: int | tuple[int, int] | None = None,
    scale: Scale = "value",
    countries: Sequence[str] | None = None,
    higher_is_better: bool = True,
    ax: Axes | None = None,
) -> Axes:
    """Dumbbell chart: one row per country, hollow dot at the start, filled dot at the end.

    ``indicator="egdi", years=(2012, 2024)`` compares two editions (default: the first and
    last held); ``indicator=("egdi", "dgi"), years=(2022, 2023)`` (or one year for both,
    default each one's latest) compares two indices. Rows are sorted best-first by the end
    value. With ``scale="rank"`` the x-axis runs from worst (left) to best (right), so
    rightward always means better. Returns the Axes.
    """
    pairs, ax = _pairs_on_axes(
        "plot_dumbbell", data, indicator, years, scale, higher_is_better, countries, ax
    )
    if pairs is None:
        return ax
    rows = _better_first(pairs, higher_is_better)
    positions = np.arange(len(rows))
    for y, row in zip(positions, rows.itertuples(index=False), strict=True):
        colour = country_colour(row.iso3)
        ax.plot([row.start, row.end], [y, y], color=PEER_GREY, linewidth=2.0, alpha=0.6, zorder=1)
        ax.plot(
            [row.start],
            [y],
            marker="o",
            markersize=6,
            markerfacecolor="white",
            markeredgecolor=colour,
            markeredgewidth=1.5,
            linestyle="none",
            zorder=2,
        )
        ax.plot([row.end], [y], marker="o", markersize=6, color=colour, linestyle="none", zorder=3)
    ax.set_yticks(positions, list(rows["country"]))
    for label, iso3 in zip(ax.get_yticklabels(), rows["iso3"], strict=True):
        label.set_color(country_text_colour(iso3))
        if is_focus(iso3):
            label.set_fontweight("bold")
    ax.set_ylim(len(rows) - 0.5, -0.7)
    ax.grid(axis="x")
    ax.grid(axis="y", visible=False)
    ax.set_xlabel(pairs.axis_label)
    if scale == "rank" or not higher_is_better:
        ax.invert_xaxis()
    ax.legend(
        handles=[
            Line2D(
                [],
                [],
                marker="o",
                markersize=6,
                markerfacecolor="white",
                markeredgecolor=INK,
                linestyle="none",
            ),
            Line2D([], [], marker="o", markersize=6, color=INK, linestyle="none"),
        ],
        labels=[pairs.start_label, pairs.end_label],
        loc="lower left",
        bbox_to_anchor=(1.0, 0.0),
        handletextpad=0.3,
    )
    set_figure_data(ax, pair_rows(pairs), values=["start", "end"])
    set_alt_text(ax, _alt("Dumbbell chart", pairs, higher_is_better))
    return ax


#: Font size of slope-chart labels (label_both_ends uses 8 pt up to 20 labels a side).
SLOPE_FONT_PT = 8.0
#: Height of one label line in points: a text box is about 1.2 times its font size, and
#: labels are stacked LINE_SPACING boxes apart.
SLOPE_LINE_PT = SLOPE_FONT_PT * 1.2 * LINE_SPACING
#: Room around the Axes for the titles, the x tick labels and the x-axis label (inches),
#: and the figure heights a slope chart stays within.
SLOPE_FRAME_IN = 1.6
SLOPE_HEIGHT_IN = (4.4, 9.5)
SLOPE_WIDTH_IN = 7.0


def slope_height(values: Sequence[Sequence[float]], *, margin: float = 0.06) -> float:
    """Figure height (inches) at which each side's labels sit one line apart or more.

    ``values`` holds the labelled values of each side. The y-axis spans all of them plus
    ``margin`` at each end; the closest two distinct values of a side must then be at
    least :data:`SLOPE_LINE_PT` apart on the page, or the spreading pushes labels off
    their lines (the gallery's Sweden, Norway and New Zealand, ranked 10th to 12th of 38,
    once sat three lines below their points). Within :data:`SLOPE_HEIGHT_IN`.
    """
    every = np.concatenate([np.asarray(side, dtype=float) for side in values] or [[]])
    every = every[np.isfinite(every)]
    low, high = SLOPE_HEIGHT_IN
    if every.size < 2 or every.max() == every.min():
        return low
    span = (every.max() - every.min()) * (1 + 2 * margin)
    closest = np.inf
    for side in values:
        distinct = np.unique(np.asarray(side, dtype=float)[np.isfinite(side)])
        if distinct.size > 1:
            closest = min(closest, float(np.diff(distinct).min()))
    if not np.isfinite(closest):
        return low
    axes_in = SLOPE_LINE_PT / 72 * span / closest
    return float(min(max(axes_in + SLOPE_FRAME_IN, low), high))


def _slope_size(pairs: PairTable) -> tuple[float, float]:
    table = pairs.table
    return (SLOPE_WIDTH_IN, slope_height([table["start"].dropna(), table["end"].dropna()]))


def plot_slope(
    data: pd.DataFrame,
    indicator: str | tuple[str, str],
    *,
    years: int | tuple[int, int] | None = None,
    scale: Scale = "value",
    countries: Sequence[str] | None = None,
    higher_is_better: bool = True,
    ax: Axes | None = None,
) -> Axes:
    """Slope chart: each country a line from its start value (left) to its end value (right).

    Same arguments as :func:`plot_dumbbell`. Both ends are labelled with the country and
    its value or rank ("Denmark 1st of 38"), labels spread so they do not overlap. Drawn on
    a new figure (``ax=None``), the figure is made tall enough for the closest two labels
    of a side to sit one line apart (see :func:`slope_height`), so each label stays level
    with its own line's end; on a given Axes, crowded labels are spread and get leaders.
    Returns the Axes.
    """
    pairs, ax = _pairs_on_axes(
        "plot_slope", data, indicator, years, scale, higher_is_better, countries, ax, _slope_size
    )
    if pairs is None:
        return ax
    left, right = [], []
    table = pairs.table.set_index("iso3")
    for iso3 in draw_order(table.index):
        row = table.loc[iso3]
        ends = [row["start"], row["end"]]
        country_line(ax, [0, 1], ends, iso3, width=(2.2, 1.0), marker=(4, 2.5))
        colour = country_text_colour(iso3)
        if not np.isnan(row["start"]):
            left.append((0.0, float(row["start"]), row["country"], colour))
        if not np.isnan(row["end"]):
            right.append((1.0, float(row["end"]), row["country"], colour))
    left = [
        (x, y, f"{name} {value}", colour)
        for (x, y, name, colour), value in zip(left, _end_texts(left, pairs), strict=True)
    ]
    right = [
        (x, y, f"{value} {name}", colour)
        for (x, y, name, colour), value in zip(right, _end_texts(right, pairs), strict=True)
    ]
    ax.set_xticks([0, 1], [pairs.start_label, pairs.end_label])
    ax.set_xlim(-0.05, 1.05)
    ax.margins(y=0.06)
    ax.autoscale_view()
    if scale == "rank" or not higher_is_better:
        ax.invert_yaxis()
    ax.set_yticks([])
    ax.grid(False)
    ax.spines["left"].set_visible(False)
    ax.set_xlabel(pairs.axis_label)  # not a y-label: the end labels sit where it would go
    label_both_ends(ax, left, right)
    set_figure_data(ax, pair_rows(pairs), values=["start", "end"])
    set_alt_text(ax, _alt("Slope chart", pairs, higher_is_better))
    return ax
