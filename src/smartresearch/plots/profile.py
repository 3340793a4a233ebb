"""One country against its peers: the two charts of the country profile.

The other charts colour the three focus countries and leave everyone else grey. A profile
can be of any country, so these take the profiled country ``iso3`` and draw it highlighted
(its focus colour, else :data:`~smartresearch.plots.palette.HIGHLIGHT_COLOUR`; see
:func:`~smartresearch.plots.palette.country_colour` and its ``highlight`` argument)
against grey peers.

What they draw (the peer group, ranks within it, the other peers' median and range, the
edition each indicator is read in) is computed before they are called, by
:mod:`smartresearch.analysis.profiles` (``component_gaps``) and
:mod:`smartresearch.analysis.peer_views` (``trajectory``, ``peer_field``), and handed to
them as frames: a chart draws what the profile's tables show and computes nothing of its
own, and ``plots`` imports nothing from ``analysis``.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.text import Annotation
from matplotlib.transforms import Bbox

from smartresearch._columns import PEER_STANDING_COLUMNS
from smartresearch.countries import country_name
from smartresearch.errors import ValidationError
from smartresearch.plots._data import require_columns
from smartresearch.plots._draw import axes_or_new, show_no_data, year_axis
from smartresearch.plots.alt import fmt_number, set_alt_text, year_span
from smartresearch.plots.figdata import set_figure_data, strip_rows
from smartresearch.plots.palette import INK, PEER_GREY, PEER_TEXT_GREY, country_colour
from smartresearch.wording import count, join_names, rank_of

#: Columns :func:`plot_peer_band` reads (``analysis.peer_views.trajectory``'s output).
BAND_COLUMNS: tuple[str, ...] = ("iso3", "year", *PEER_STANDING_COLUMNS)
#: Columns :func:`plot_peer_strip` reads from ``gaps`` (``analysis.profiles.component_gaps``).
GAP_COLUMNS: tuple[str, ...] = ("iso3", "indicator", "year", "assessed", "value", "peer_median")
#: Columns it reads from ``field`` (``analysis.peer_views.peer_field``): the peers' values.
FIELD_COLUMNS: tuple[str, ...] = ("iso3", "indicator", "year", "value")


def _one_country(table: pd.DataFrame, columns: Sequence[str], *, chart: str) -> str:
    require_columns(table, columns, chart=chart)
    codes = sorted(set(table["iso3"].astype(str)))
    if len(codes) != 1:
        raise ValueError(f"{chart}: expected the rows of one country, got {codes or 'none'}")
    return codes[0]


def plot_peer_band(
    table: pd.DataFrame,
    *,
    label: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """One country's indicator over the editions, against its peers' range and median.

    ``table`` is :func:`smartresearch.analysis.peer_views.trajectory`'s output (one row per
    edition, columns :data:`BAND_COLUMNS`). The shaded band spans the other assessed
    peers' minimum to maximum, the dashed line is their median, and the country is a
    highlighted line. Editions that did not assess the country leave a gap. The alt text
    gives its first and latest values with its rank within the group.
    """
    iso3 = _one_country(table, BAND_COLUMNS, chart="plot_peer_band")
    indicator = str(table["indicator"].iloc[0]) if "indicator" in table.columns else "value"
    name, shown = country_name(iso3), label or indicator.upper()
    ax = axes_or_new(ax)
    years = table["year"].to_numpy(dtype="float64")
    ax.fill_between(
        years,
        table["peer_min"].to_numpy(dtype="float64"),
        table["peer_max"].to_numpy(dtype="float64"),
        color=PEER_GREY,
        alpha=0.3,
        linewidth=0,
        label="Peers' range",
    )
    ax.plot(
        years,
        table["peer_median"].to_numpy(dtype="float64"),
        color=INK,
        linestyle="--",
        linewidth=1.2,
        label="Peers' median",
    )
    ax.plot(
        years,
        table["value"].to_numpy(dtype="float64"),
        color=country_colour(iso3, highlight=iso3),
        linewidth=2.4,
        marker="o",
        markersize=4,
        label=name,
    )
    year_axis(ax, table["year"].tolist())
    ax.set_ylabel(shown)
    clipped = _clip_band(ax, table)
    # "best": placed at draw time where it covers the fewest points of the lines (the
    # fixed upper left once sat on the UK's 2004-05 peak); tests check it covers none
    ax.legend(loc="best")
    set_figure_data(ax, table, values=["value", "peer_min", "peer_max", "peer_median"])
    set_alt_text(ax, _band_alt(table, name, shown) + _clipped_alt(clipped))
    return ax


#: A peer's score this many times the spread of the country's line and the peers' median
#: below both is off the scale: drawn to the axis edge and marked, not given the axis.
CLIP_SPANS = 1.0


def _clip_band(ax: Axes, table: pd.DataFrame) -> pd.DataFrame:
    """Keep the y-axis for the line and the median when a few peers' minima lie far below.

    One weak peer in the early editions (the UK's band once fell to 0.16 in 2004) would
    otherwise squash the lines the chart is about into the top of the frame. Minima more
    than :data:`CLIP_SPANS` times the spread of the country's values and the median below
    their lowest point run off the bottom of the axis and are marked there with a grey
    down-triangle; the legend gives their range. Returns the clipped rows."""
    lines = _finite(table["value"], table["peer_median"])
    band_low = table["peer_min"].to_numpy(dtype="float64")
    if lines.size == 0 or not np.isfinite(band_low).any():
        return table.iloc[0:0]
    spread = float(lines.max() - lines.min()) or 0.05
    floor = float(lines.min()) - CLIP_SPANS * spread
    off = table[table["peer_min"] < floor]
    if off.empty:
        return off
    kept = _finite(lines, table.loc[table["peer_min"] >= floor, "peer_min"])
    high = float(max(kept.max(), np.nanmax(table["peer_max"].to_numpy(dtype="float64"))))
    low = float(kept.min())
    margin = 0.06 * (high - low or 0.05)
    ax.set_ylim(low - margin, high + margin)
    lowest, highest = fmt_number(off["peer_min"].min()), fmt_number(off["peer_min"].max())
    values = lowest if lowest == highest else f"{lowest}–{highest}"
    ax.plot(
        off["year"].to_numpy(dtype="float64"),
        np.full(len(off), low - margin * 0.55),
        linestyle="none",
        marker="v",
        markersize=5,
        color=PEER_TEXT_GREY,
        clip_on=False,
        label=f"Peers' lowest, off the scale ({values})",
    )
    return off


def _finite(*columns) -> np.ndarray:
    values = np.concatenate([np.asarray(c, dtype="float64").ravel() for c in columns])
    return values[np.isfinite(values)]


def _clipped_alt(clipped: pd.DataFrame) -> str:
    if clipped.empty:
        return ""
    years = join_names([str(int(y)) for y in clipped["year"]])
    return (
        f" The peers' lowest scores in {years} (down to "
        f"{fmt_number(clipped['peer_min'].min())}) lie below the axis, marked at its foot."
    )


def _band_alt(table: pd.DataFrame, name: str, shown: str) -> str:
    assessed = table.dropna(subset=["value"])
    if assessed.empty:
        return f"Chart of {shown} with no values for {name}: it was never assessed."
    first, last = assessed.iloc[0], assessed.iloc[-1]
    if pd.isna(last["peer_median"]):
        against = "with no peer assessed in that edition"
    else:
        gap = last["gap_to_median"]
        side = "above" if gap > 0 else "below" if gap < 0 else "at"
        against = f"{side} the peers' median of {fmt_number(last['peer_median'])}"
    missing = table.loc[table["value"].isna(), "year"].astype(int).astype(str).tolist()
    gaps = f"; not assessed in {join_names(missing)}" if missing else ""
    return (
        f"Line chart of {shown} for {name} across {count(len(table), 'edition')}, "
        f"{year_span(table['year'])}, against a grey band spanning its peers' range and a "
        f"dashed line at their median: {name} went from {fmt_number(first['value'])} "
        f"({rank_of(first['peer_rank'], first['peer_n'])} among the group) in "
        f"{int(first['year'])} to {fmt_number(last['value'])} "
        f"({rank_of(last['peer_rank'], last['peer_n'])}) in {int(last['year'])}, "
        f"{against}{gaps}."
    )


def plot_peer_strip(
    gaps: pd.DataFrame,
    field: pd.DataFrame,
    *,
    labels: Mapping[str, str] | None = None,
    ax: Axes | None = None,
) -> Axes:
    """One row per indicator the country is assessed on, each in its latest edition: peers
    as grey dots, their median as a dark tick, the country as a large highlighted dot.

    ``gaps`` is :func:`smartresearch.analysis.profiles.component_gaps`'s output (one row per
    indicator, columns :data:`GAP_COLUMNS`); ``field`` holds the peers' values in those
    editions (:func:`smartresearch.analysis.peer_views.peer_field`). The chart shows what
    exists: indicators the country was not assessed on get no row (a country most indices
    skip would otherwise be a column of "not assessed" labels); they are named in one note
    under the chart and in the alt text. ``labels`` names the indicators (codes are shown
    otherwise). The indicators share one axis, so they must share one scale: mixing 0–1
    scores with 0–100 ones raises a ValidationError naming them (draw them as separate
    charts).
    """
    if gaps.empty:
        raise ValueError("plot_peer_strip: gaps has no rows; pass at least one indicator")
    iso3 = _one_country(gaps, GAP_COLUMNS, chart="plot_peer_strip")
    require_columns(field, FIELD_COLUMNS, chart="plot_peer_strip (field)")
    field = field[field["iso3"] != iso3]
    _check_one_scale(field, gaps)
    shown = gaps[gaps["assessed"]].reset_index(drop=True)
    ax = axes_or_new(ax, figsize=(7.0, 0.38 * max(len(shown), 1) + 1.6))
    names = {i: (labels or {}).get(i, i) for i in gaps["indicator"]}
    name = country_name(iso3)
    if shown.empty:
        show_no_data(ax, f"{name} on {join_names([names[i] for i in gaps['indicator']])}")
        set_alt_text(ax, _strip_alt(gaps, name, names))
        return ax
    colour = country_colour(iso3, highlight=iso3)
    ticks = []
    for position, row in enumerate(shown.itertuples(index=False)):
        y = -position
        others = field.loc[
            (field["indicator"] == row.indicator) & (field["year"] == row.year), "value"
        ]
        ax.scatter(others, np.full(len(others), y), s=18, color=PEER_GREY, zorder=2, linewidths=0)
        if not np.isnan(row.peer_median):
            ax.plot([row.peer_median] * 2, [y - 0.28, y + 0.28], color=INK, linewidth=1.6, zorder=3)
        ax.scatter([row.value], [y], s=70, color=colour, zorder=4, edgecolors="white")
        ticks.append((y, f"{names[row.indicator]} ({row.year})"))
    ax.set_yticks([t[0] for t in ticks], [t[1] for t in ticks])
    ax.set_ylim(-len(ticks) + 0.4, 0.6)
    ax.grid(axis="x")
    ax.grid(axis="y", visible=False)
    ax.set_xlabel("Score")
    missing = gaps[~gaps["assessed"]]
    if len(missing):
        note_under(ax, f"{name} is not assessed on {_by_edition(missing, names)}.")
    set_figure_data(ax, strip_rows(field, shown, iso3), values=["value", "peer_median"])
    set_alt_text(ax, _strip_alt(gaps, name, names))
    return ax


#: A score above this is not on a 0–1 scale (a 0–100 score, a rank, a count).
UNIT_SCALE_TOP = 1.0 + 1e-9


def _check_one_scale(field: pd.DataFrame, gaps: pd.DataFrame) -> None:
    """Refuse to put 0–1 scores and larger ones (0–100) on one axis: distances would not
    compare across rows, and the 0–1 rows would be squashed against zero."""
    values = pd.concat(
        [field[["indicator", "value"]], gaps[["indicator", "value"]]], ignore_index=True
    ).dropna()
    if values.empty:
        return
    tops = values.groupby("indicator", sort=True)["value"].max()
    beyond = sorted(tops.index[tops > UNIT_SCALE_TOP])
    within = sorted(tops.index[tops <= UNIT_SCALE_TOP])
    if beyond and within:
        raise ValidationError(
            f"plot_peer_strip: the indicators share one axis but not one scale: {within} are "
            f"scores within 0–1 while {beyond} run up to "
            f"{join_names([fmt_number(tops[i]) for i in beyond])}; draw them as separate charts"
        )


def _by_edition(rows: pd.DataFrame, names: Mapping[str, str]) -> str:
    """'Digital by design and Data-driven (2023) or DGI (2022)': names grouped by edition."""
    groups = [
        f"{join_names([names[i] for i in group['indicator']])} ({int(year)})"
        for year, group in rows.groupby("year", sort=True)
    ]
    return join_names(groups, conjunction="or") if len(groups) > 1 else groups[0]


def note_under(ax: Axes, text: str, *, width: int = 95) -> Annotation:
    """A grey note under the Axes, below its x-axis label (measured at draw time, so it
    never covers the tick labels), left-aligned and wrapped to ``width`` characters."""

    def below_axis(renderer) -> Bbox:
        axis = ax.xaxis.get_tightbbox(renderer) or ax.bbox
        return Bbox.from_extents(ax.bbox.x0, axis.y0, ax.bbox.x1, axis.y1)

    return ax.annotate(
        textwrap.fill(text, width),
        xy=(0.0, 0.0),
        xycoords=below_axis,
        xytext=(0, -4),
        textcoords="offset points",
        ha="left",
        va="top",
        fontsize=8,
        color=PEER_TEXT_GREY,
        annotation_clip=False,
    )


def _strip_alt(gaps: pd.DataFrame, name: str, names: Mapping[str, str]) -> str:
    rows = count(len(gaps), "indicator")
    assessed = gaps[gaps["assessed"]]
    if assessed.empty:
        return f"Dot chart of {rows} on which {name} was not assessed."
    above = assessed[assessed["gap_to_median"] > 0]
    below = assessed[assessed["gap_to_median"] < 0]
    if len(above):
        best = above.loc[above["gap_to_median"].idxmax()]
        parts = [
            f"{name} is above the peer median on {len(above)} of {len(assessed)}, furthest on "
            f"{names[best['indicator']]} ({best['gap_to_median']:+.3f})"
        ]
    else:
        parts = [f"{name} is above the peer median on none of {len(assessed)}"]
    if len(below):
        worst = below.loc[below["gap_to_median"].idxmin()]
        parts.append(
            f"furthest below on {names[worst['indicator']]} ({worst['gap_to_median']:+.3f})"
        )
    missing = [names[i] for i in gaps.loc[~gaps["assessed"], "indicator"]]
    if missing:
        parts.append(f"not assessed on {join_names(missing)}")
    return (
        f"Dot chart of {rows}, each in its latest edition: peers' scores as grey dots, their "
        f"median as a dark tick and {name} as a coloured dot. " + "; ".join(parts) + "."
    )
