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
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.text import Annotation
from matplotlib.ticker import FuncFormatter
from matplotlib.transforms import Bbox

from smartresearch.errors import ValidationError
from smartresearch.plots import _data
from smartresearch.plots._draw import axes_or_new, show_no_data
from smartresearch.plots.alt import set_alt_text
from smartresearch.plots.figdata import set_figure_data
from smartresearch.plots.palette import INK, PEER_TEXT_GREY, country_colour
from smartresearch.wording import is_percentage, number, quantity

CHART = "plot_pledge_tracker"
KINDS: tuple[str, ...] = ("baseline", "observed", "projection", "target")
#: Whether a target is a floor or a ceiling (the values of the pledge table's ``direction``).
DIRECTIONS: tuple[str, ...] = ("at least", "at most")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def reading(value: float, unit: str | None) -> str:
    """An observed value, short: '26.5%' for percentages, else the bare number ('3.9 million')
    (the unit is said once, with the target)."""
    return f"{number(value)}%" if is_percentage(unit) else number(value)


def _points_phrase(difference: float) -> str:
    written = number(difference)
    return f"{written} percentage point{'' if written == '1' else 's'}"


def against_target(value: float, target: float, direction: str, unit: str | None) -> str:
    """How an observed ``value`` stands against a ``target``, in words that fit its direction.

    A floor (``"at least"``) is reached ("at or above the target") or not yet, as a share
    of it ("16% of the target", never rounded up to 100%); a ceiling (``"at most"``) is
    kept ("9 percentage points under the ceiling") or exceeded. Targets that are
    percentages are compared in percentage points, since "80% of a 33% target" is not what
    a reader means.
    """
    if direction not in DIRECTIONS:
        raise ValueError(f"{CHART}: direction must be one of {list(DIRECTIONS)}, not {direction!r}")
    points = is_percentage(unit)
    gap = value - target
    if direction == "at least":
        if gap >= 0:
            return "at or above the target"
        if points:
            return f"{_points_phrase(-gap)} short of the target"
        if target <= 0:
            return "below the target"
        return f"{min(round(value / target * 100), 99)}% of the target"
    if gap <= 0:
        return (
            f"{_points_phrase(-gap)} under the ceiling"
            if points and gap < 0
            else "within the ceiling"
        )
    if points:
        return f"{_points_phrase(gap)} over the ceiling"
    if target <= 0:
        return "over the ceiling"
    return f"{max(round(gap / target * 100), 1)}% over the ceiling"


def target_text(value: float, unit: str | None) -> str:
    """The target's number as its label prints it: '33%' for a percentage (the axis says
    of what), else the number with its unit ('25 million users', '100 services')."""
    return reading(value, unit) if is_percentage(unit) else quantity(value, unit)


#: Steps between year ticks, tried in order; the first giving at most MAX_YEAR_TICKS wins.
YEAR_STEPS = (1, 2, 3, 5, 10, 20)
MAX_YEAR_TICKS = 6


def year_ticks(first_x: float, last_x: float) -> list[int]:
    """Whole-year ticks that cover the data: the first is the first data point's year, the
    last at or after the last point's year, evenly spaced, at most :data:`MAX_YEAR_TICKS`.

    A locator left to itself starts at a round year and can skip the year the record
    starts in (One Login's 2023 showed no tick), so the reader could not date the first
    reading."""
    start, end = int(np.floor(first_x)), int(np.floor(last_x))
    for step in YEAR_STEPS:
        count = -(-(end - start) // step) + 1
        if count <= MAX_YEAR_TICKS:
            break
    return [start + step * k for k in range(count)]


def verdict_badge(ax: Axes, verdict: str) -> Annotation:
    """The verdict, boxed, under the Axes at its right (below the year labels): outside
    the data area, so it can never cover a point, whatever the data do. Measured at draw
    time from the x-axis' own extent, and part of the layout (constrained layout makes
    room for it)."""

    def under_ticks(renderer) -> Bbox:  # the Axes' width, from the year labels' bottom
        labels = ax.xaxis.get_tightbbox(renderer) or ax.bbox
        return Bbox.from_extents(ax.bbox.x0, labels.y0, ax.bbox.x1, labels.y1)

    return ax.annotate(
        f"Verdict: {verdict}",
        xy=(1.0, 0.0),
        xycoords=under_ticks,
        xytext=(0, -3),
        textcoords="offset points",
        ha="right",
        va="top",
        fontsize=8.5,
        fontweight="bold",
        color=INK,
        bbox={
            "boxstyle": "round,pad=0.3",
            "facecolor": "white",
            "edgecolor": INK,
            "linewidth": 0.8,
        },
        annotation_clip=False,
        zorder=5,
    )


def decimal_years(dates: pd.Series, *, source: pd.DataFrame) -> pd.Series:
    """Dates as decimal years (2019-02-01 -> 2019.083), from datetimes, ISO text or numbers."""
    if pd.api.types.is_numeric_dtype(dates):
        return dates.astype(float)
    try:
        parsed = (
            pd.to_datetime(dates, format="ISO8601")
            if not pd.api.types.is_datetime64_any_dtype(dates)
            else dates
        )
    except (ValueError, TypeError):
        bad = []
        for value in dates:
            try:
                pd.to_datetime(value, format="ISO8601")
            except (ValueError, TypeError):
                bad.append(repr(value))
        raise ValidationError(
            f"{CHART}: column 'date' of {_data.origin(source)} holds values that are not "
            f"ISO dates or decimal years: {sorted(set(bad))[:5]}"
        ) from None
    # Months are twelfths of a year, so the month read back from a position is exact.
    within_month = (parsed.dt.day - 1) / parsed.dt.days_in_month
    return parsed.dt.year + (parsed.dt.month - 1 + within_month) / 12


def when(decimal_year: float) -> str:
    """2019.17 -> 'Mar 2019'; a whole year stays '2020'."""
    year = int(np.floor(decimal_year))
    fraction = decimal_year - year
    if fraction < 1e-9:
        return str(year)
    return f"{MONTHS[min(int(fraction * 12 + 1e-6), 11)]} {year}"


def pledge_points(pledge: Mapping[str, object], observations: pd.DataFrame) -> pd.DataFrame:
    """The ``points`` of one pledge, from the corpus module's tables.

    ``pledge`` is one row of ``load_pledges()`` or ``pledge_verdicts()`` (uses
    ``pledge_id``, ``unit``, ``target_value``, ``deadline`` and, if present,
    ``projected_value`` and ``direction``); ``observations`` is ``load_pledge_observations()`` (uses
    ``pledge_id``, ``date``, ``value``, ``unit``). Only observations in the pledge's own
    unit are drawn against its target, as the verdicts compare only those.
    """
    for key in ("pledge_id", "unit", "target_value", "deadline"):
        if key not in pledge:
            raise ValidationError(
                f"pledge_points: the pledge row has no {key!r}; it has {list(pledge)}"
            )
    _data.require_columns(
        observations, ("pledge_id", "date", "value", "unit"), chart="pledge_points"
    )
    own = observations[
        (observations["pledge_id"] == pledge["pledge_id"])
        & (observations["unit"] == pledge["unit"])
    ]
    points = [
        pd.DataFrame(
            {"date": pd.to_datetime(own["date"]), "value": own["value"], "kind": "observed"}
        )
    ]
    deadline = pd.to_datetime(pledge["deadline"])
    extra = []
    if pd.notna(deadline) and pd.notna(pledge["target_value"]):
        extra.append({"date": deadline, "value": float(pledge["target_value"]), "kind": "target"})
    projected = pledge.get("projected_value") if hasattr(pledge, "get") else None
    if pd.notna(deadline) and projected is not None and pd.notna(projected):
        extra.append({"date": deadline, "value": float(projected), "kind": "projection"})
    if extra:
        points.append(pd.DataFrame(extra))
    frame = pd.concat(points, ignore_index=True) if len(points) > 1 else points[0]
    frame = frame.assign(note="")
    if "direction" in pledge and pd.notna(pledge["direction"]):
        frame["direction"] = str(pledge["direction"])
    return frame.reset_index(drop=True)


#: Share of the value span a two-line target label covers under (or over) its line, and
#: share of the time span it covers beside its star: the box the data must stay out of.
LABEL_BAND = 0.3
LABEL_WIDTH = 0.35


def _label_place(
    frame: pd.DataFrame, x: float, value: float, late: bool, first_x: float, last_x: float
) -> tuple[bool, float]:
    """Where the target label goes: (above its line?, the level it hangs from). Below the
    line by default; above it when the observed line or the projection (interpolated) runs
    through the box the label would cover below and less through the box above; and when the
    data cross that box too, above the highest value there. Decided from the data alone, so
    the layout is deterministic."""
    path = frame[frame["kind"].isin(["observed", "baseline", "projection"])].sort_values("x")
    if path.empty:
        return False, value
    low = min(0.0, float(frame["value"].min()))
    span = (float(frame["value"].max()) - low) or 1.0
    width = LABEL_WIDTH * ((last_x - first_x) or 1.0)
    xs = np.linspace(x - width, x, 41) if late else np.linspace(x, x + width, 41)
    inside = (xs >= float(path["x"].min())) & (xs <= float(path["x"].max()))
    if not inside.any():
        return False, value
    ys = np.interp(xs[inside], path["x"].to_numpy(float), path["value"].to_numpy(float))
    below = int(((ys <= value) & (ys >= value - LABEL_BAND * span)).sum())
    over = int(((ys >= value) & (ys <= value + LABEL_BAND * span)).sum())
    if below <= over:
        return False, value
    return True, max(value, float(ys.max())) if over else value


#: Characters per line of the y-axis label (the unit).
UNIT_WIDTH = 24
#: The target star's size (points) and its layer: readings are drawn above it.
STAR_SIZE = 13
TARGET_ZORDER = 4
#: A reading this close to a target (share of the time span, share of the value span)
#: sits on the star: it is drawn above the hollow star and its value printed beside it.
ON_TARGET = (0.04, 0.1)


def _on_target(
    frame: pd.DataFrame, targets: pd.DataFrame, first_x: float, last_x: float
) -> list[tuple[object, bool]]:
    """The readings (observed or projected) that share a target star's spot, each with
    whether that target's label went left (``late``), so the value goes to the other side."""
    readings = frame[frame["kind"].isin(["observed", "projection"])]
    low = min(0.0, float(frame["value"].min()))
    value_span = (float(frame["value"].max()) - low) or 1.0
    time_span = (last_x - first_x) or 1.0
    found = []
    for point in readings.itertuples(index=False):
        for target in targets.itertuples(index=False):
            near_x = abs(point.x - target.x) <= ON_TARGET[0] * time_span
            near_y = abs(point.value - target.value) <= ON_TARGET[1] * value_span
            if near_x and near_y:
                found.append((point, target.x - first_x >= last_x - target.x))
                break
    return found


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
        above, level = _label_place(frame, target.x, target.value, late, first_x, last_x)
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
    for point, late in _on_target(frame, targets, first_x, last_x):
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
