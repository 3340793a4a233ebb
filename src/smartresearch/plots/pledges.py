"""Pledge tracker: what a government promised against what was then observed.

Input is a plain tidy table of dated points, so the chart does not depend on how the
corpus module extracts pledges. One pledge per chart; draw several into a grid of Axes.

Columns of ``points``:

* ``date``: when the value applies, as datetimes, ISO strings ("2019-02", "2020-04-01")
  or decimal years (2019.5);
* ``value``: the number (users, per cent, services...);
* ``kind``: ``"baseline"``, ``"observed"``, ``"projection"`` or ``"target"``;
* ``note`` (optional): a short label printed beside the point, e.g. "NAO";
* ``direction`` (optional): ``"at least"`` (a floor, the default) or ``"at most"`` (a
  ceiling), as in the corpus module's pledge table; one value for the whole pledge.

The target is a hollow star at its deadline, under the readings, with a dotted line at
its level (a reading on the star's spot is also printed beside it, so 98% is not read as
the 100% target); when a baseline
is given, a dashed "implied path" joins it to the target (without one we draw no path: the
first observation may predate the pledge). Observations are a solid line in the country's
colour; projections are dashed with hollow markers; the verdict is printed as a badge
under the panel (outside the data area, so it never covers a point) and repeated in the
alt text, which says how the latest observation stands against the target in the words
that fit its direction (a share of a floor still to reach, a margin
under or over a ceiling; percentage points for targets that are percentages).
:func:`pledge_points` turns the corpus module's pledge and observation tables into
``points``.

This module draws; the words on the panel and in its alt text are
:mod:`~smartresearch.plots.pledge_words`, where things go (year ticks, the verdict badge,
the target label) :mod:`~smartresearch.plots.pledge_layout`, and the input table
:mod:`~smartresearch.plots.pledge_data`.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import FuncFormatter

from smartresearch.errors import ValidationError
from smartresearch.plots import _data
from smartresearch.plots._draw import axes_or_new, show_no_data
from smartresearch.plots.alt import set_alt_text
from smartresearch.plots.figdata import set_figure_data
from smartresearch.plots.palette import INK, PEER_TEXT_GREY, country_colour
from smartresearch.plots.pledge_data import decimal_years, pledge_points
from smartresearch.plots.pledge_layout import (
    LABEL_BAND,
    label_place,
    on_target,
    verdict_badge,
    year_ticks,
)
from smartresearch.plots.pledge_words import (
    CHART,
    DIRECTIONS,
    against_target,
    reading,
    target_text,
    when,
)
from smartresearch.wording import number, quantity

#: The chart, and the helpers it was written with: they lived here before the module was
#: split (issue 16), and callers still import them from here.
__all__ = [
    "DIRECTIONS",
    "KINDS",
    "against_target",
    "decimal_years",
    "pledge_points",
    "plot_pledge_tracker",
    "reading",
    "target_text",
    "verdict_badge",
    "when",
    "year_ticks",
]

KINDS: tuple[str, ...] = ("baseline", "observed", "projection", "target")
#: Characters per line of the y-axis label (the unit).
UNIT_WIDTH = 24
#: The target star's size (points) and its layer: readings are drawn above it.
STAR_SIZE = 13
TARGET_ZORDER = 4


def plot_pledge_tracker(
    points: pd.DataFrame,
    *,
    verdict: str | None = None,
    pledge: str | None = None,
    unit: str | None = None,
    iso3: str | None = None,
    direction: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Draw one pledge's target and observed values over time; returns the Axes.

    ``verdict`` (e.g. "missed", "met") is printed as a badge under the panel; ``pledge`` names
    the pledge in the alt text; ``unit`` labels the y-axis; ``iso3`` colours the
    observations in that country's colour (default: dark ink). ``direction`` says whether
    the target is a floor (``"at least"``) or a ceiling (``"at most"``); by default it is
    read from the ``direction`` column of ``points``, else "at least".
    """
    _data.require_columns(points, ("date", "value", "kind"), chart=CHART)
    frame = points.copy()
    frame["kind"] = frame["kind"].astype(str).str.strip().str.lower()
    unknown = sorted(set(frame["kind"]) - set(KINDS))
    if unknown:
        raise ValidationError(
            f"{CHART}: column 'kind' of {_data.origin(points)} has {unknown}; "
            f"allowed: {list(KINDS)}"
        )
    frame["value"] = _data.numeric(frame, "value", chart=CHART)
    direction = _direction(frame, direction, source=points)
    frame["x"] = decimal_years(frame["date"], source=points)
    frame = frame.dropna(subset=["value", "x"]).sort_values(["x", "kind"], kind="stable")
    if "note" not in frame.columns:
        frame["note"] = ""
    ax = axes_or_new(ax)
    label = pledge or "the pledge"
    if frame.empty:
        return show_no_data(ax, f"dated values for {label}")
    colour = country_colour(iso3) if iso3 else INK
    kinds = {kind: frame[frame["kind"] == kind] for kind in KINDS}
    observed, targets = kinds["observed"], kinds["target"]

    anchor = kinds["baseline"].iloc[-1] if len(kinds["baseline"]) else None
    first_x, last_x = float(frame["x"].min()), float(frame["x"].max())
    headroom = float("-inf")  # a target whose label sits above its line needs room on top
    for target in targets.itertuples(index=False):
        ax.plot(  # the target level, across the whole period shown
            [first_x, last_x],
            [target.value, target.value],
            color=INK,
            linestyle=(0, (1, 2)),
            linewidth=0.9,
            zorder=1,
        )
        if anchor is not None and anchor["x"] < target.x:
            ax.plot(
                [anchor["x"], target.x],
                [anchor["value"], target.value],
                color=INK,
                linestyle=(0, (4, 3)),
                linewidth=1.0,
                zorder=1,
            )
        ax.plot(  # hollow, under the readings: a reading on the target stays in view
            [target.x],
            [target.value],
            marker="*",
            markersize=STAR_SIZE,
            markerfacecolor="white",
            markeredgecolor=INK,
            markeredgewidth=1.2,
            linestyle="none",
            zorder=TARGET_ZORDER,
        )
        # label on the side with room: left of a late deadline, right of an early one;
        # below the target line unless the data run through that band, then above it
        late = target.x - first_x >= last_x - target.x
        above, level = label_place(frame, target.x, target.value, late, first_x, last_x)
        headroom = max(headroom, level) if above else headroom
        ax.annotate(
            f"{'Target' if direction == 'at least' else 'At most'} "
            f"{target_text(target.value, unit)}\nby {when(target.x)}",
            xy=(target.x, level),
            xytext=((-9 if late else 9), (5 if above else -4)),
            textcoords="offset points",
            ha="right" if late else "left",
            va="bottom" if above else "top",
            fontsize=8,
            color=INK,
        )
    if len(kinds["baseline"]):
        base = kinds["baseline"]
        ax.plot(
            base["x"],
            base["value"],
            marker="s",
            markersize=5,
            color=PEER_TEXT_GREY,
            linestyle="none",
            zorder=3,
        )
    if len(observed):
        ax.plot(
            observed["x"],
            observed["value"],
            marker="o",
            markersize=5,
            markeredgecolor="white",
            markeredgewidth=0.6,
            color=colour,
            linewidth=2.0,
            zorder=TARGET_ZORDER + 1,  # above the target star
        )
    if len(kinds["projection"]):
        start = observed.tail(1) if len(observed) else kinds["projection"].head(0)
        projection = pd.concat([start, kinds["projection"]])
        ax.plot(
            projection["x"],
            projection["value"],
            color=colour,
            linestyle=(0, (2, 2)),
            linewidth=1.4,
            zorder=2,
        )
        ax.plot(
            kinds["projection"]["x"],
            kinds["projection"]["value"],
            marker="o",
            markersize=5,
            markerfacecolor="white",
            markeredgecolor=colour,
            linestyle="none",
            zorder=TARGET_ZORDER + 1,
        )
    for row in frame[frame["note"].fillna("").astype(str).str.len() > 0].itertuples(index=False):
        ax.annotate(
            str(row.note),
            xy=(row.x, row.value),
            xytext=(0, 7),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=7,
            color=PEER_TEXT_GREY,
        )

    ax.margins(x=0.08)
    for point, late in on_target(frame, targets, first_x, last_x):
        ax.annotate(  # a reading on the star's spot is named, on the side away from its label
            reading(point.value, unit),
            xy=(point.x, point.value),
            xytext=((9 if late else -9), 0),
            textcoords="offset points",
            ha="left" if late else "right",
            va="center",
            fontsize=8,
            fontweight="bold",
            color=colour,
            zorder=TARGET_ZORDER + 2,
        )
    low, high = min(0.0, float(frame["value"].min())), float(frame["value"].max())
    span = (high - low) or 1.0
    top = max(high + 0.1 * span, headroom + LABEL_BAND * span)
    ax.set_ylim(low, top)  # start at zero: honest magnitudes
    if last_x - first_x < 1:
        # one date only (a single reading on its deadline): a year either side, or the
        # automatic limits spread a zero-width span over a century
        year = int(np.floor((first_x + last_x) / 2))
        ticks = [year - 1, year, year + 1]
        ax.set_xlim(ticks[0] - 0.3, ticks[-1] + 1.0)
    else:
        ticks = year_ticks(first_x, last_x)
        left, right = ax.get_xlim()
        ax.set_xlim(min(left, ticks[0] - 0.3), max(right, ticks[-1] + 0.3))
    ax.set_xticks(ticks, [str(year) for year in ticks])
    ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _: number(value) if value else "0"))
    if unit:  # wrapped: "% of Danes over 15 migrated" ran past a 3-inch panel's height
        ax.set_ylabel(textwrap.fill(str(unit), UNIT_WIDTH))
    if verdict is None and "verdict" in frame.columns:
        verdicts = sorted(set(frame["verdict"].dropna().astype(str)))
        verdict = verdicts[0] if len(verdicts) == 1 else None
    if verdict:
        verdict_badge(ax, verdict)
    set_figure_data(ax, frame.assign(unit=unit), values=["value"])
    set_alt_text(ax, _alt(label, kinds, direction, verdict, unit))
    return ax


def _direction(frame: pd.DataFrame, given: str | None, *, source: pd.DataFrame) -> str:
    """The target's direction: the argument, else the ``direction`` column, else a floor."""
    if given is None and "direction" in frame.columns:
        found = sorted(set(frame["direction"].dropna().astype(str).str.strip().str.lower()))
        if len(found) > 1:
            raise ValidationError(
                f"{CHART}: column 'direction' of {_data.origin(source)} holds {found}; "
                "one pledge has one direction"
            )
        given = found[0] if found else None
    if given is None:
        return "at least"
    direction = str(given).strip().lower()
    if direction not in DIRECTIONS:
        raise ValidationError(
            f"{CHART}: direction {given!r} (argument or column 'direction' of "
            f"{_data.origin(source)}) is not one of {list(DIRECTIONS)}"
        )
    return direction


def _alt(
    label: str,
    kinds: Mapping[str, pd.DataFrame],
    direction: str,
    verdict: str | None,
    unit: str | None,
) -> str:
    observed, targets, projections = kinds["observed"], kinds["target"], kinds["projection"]
    bound = "at most " if direction == "at most" else ""
    parts = [
        f"the target was {bound}{quantity(target.value, unit)} by {when(target.x)}"
        for target in targets.itertuples(index=False)
    ]
    if len(observed):
        first, last = observed.iloc[0], observed.iloc[-1]
        if len(observed) == 1:
            text = f"one observation: {reading(last['value'], unit)} ({when(last['x'])})"
        else:
            text = (
                f"observed values went from {reading(first['value'], unit)} ({when(first['x'])}) "
                f"to {reading(last['value'], unit)} ({when(last['x'])})"
            )
        if len(targets):
            target = float(targets.iloc[-1]["value"])
            text += ", " + against_target(float(last["value"]), target, direction, unit)
        parts.append(text)
    if len(projections):
        last = projections.iloc[-1]
        parts.append(f"a projection put it at {reading(last['value'], unit)} by {when(last['x'])}")
    if verdict:
        parts.append(f"verdict: {verdict}")
    body = "; ".join(parts) if parts else "no target or observation"
    return f"Pledge tracker for {label}: {body}."
