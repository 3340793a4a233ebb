"""The data behind a figure: the tidy frame a chart drew, kept with the chart that drew it.

Every chart in this package hands the frame it plotted to :func:`set_figure_data` in the
same function that draws it (one line next to its ``set_alt_text``), so the published CSV
of a figure is never a second computation that could drift from the picture. ``values``
names the frame's columns whose numbers are drawn (line heights, bar lengths, dot
positions, cell colours); :func:`check_figure_data` compares them with the artists on the
Axes, and the report build refuses a figure whose data does not match what it shows.

:func:`add_titles <smartresearch.plots.add_titles>` records the figure's title, subtitle,
note and source datasets here too (:func:`set_figure_titles`), for the metadata file.

Like the alt text, the registry holds weak references, so it never keeps a figure alive.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.collections import PathCollection, PolyCollection, QuadMesh
from matplotlib.figure import Figure, SubFigure
from matplotlib.patches import Rectangle

from smartresearch.errors import ValidationError

#: Columns put first, in this order, when present: who, when, what.
LEAD_COLUMNS: tuple[str, ...] = ("panel", "iso3", "country", "year", "indicator", "unit")
#: How close a published value must be to a drawn one (relative and absolute).
RTOL, ATOL = 1e-9, 1e-12


@dataclass(frozen=True)
class FigureData:
    """A chart's tidy frame and the names of the columns it drew."""

    frame: pd.DataFrame
    values: tuple[str, ...]


@dataclass(frozen=True)
class FigureTitles:
    """What :func:`add_titles` printed around a figure, and the datasets it cited."""

    title: str
    subtitle: str | None = None
    note: str | None = None
    sources: tuple[str, ...] = field(default_factory=tuple)


_DATA: weakref.WeakKeyDictionary[Axes, FigureData] = weakref.WeakKeyDictionary()
_TITLES: weakref.WeakKeyDictionary[Axes | Figure | SubFigure, FigureTitles] = (
    weakref.WeakKeyDictionary()
)


def set_figure_data(ax: Axes, frame: pd.DataFrame, *, values: Sequence[str]) -> None:
    """Record ``frame`` (a copy) as the data drawn on ``ax``; ``values`` are its drawn columns."""
    if not isinstance(ax, Axes):
        raise TypeError(f"figure data is stored on an Axes, not {type(ax).__name__}")
    values = (values,) if isinstance(values, str) else tuple(values)
    missing = [c for c in values if c not in frame.columns]
    if missing:
        raise ValidationError(
            f"set_figure_data: the frame has no column(s) {missing}; it has {list(frame.columns)}"
        )
    _DATA[ax] = FigureData(frame.reset_index(drop=True).copy(), values)


def set_figure_titles(
    target: Axes | Figure | SubFigure,
    title: str,
    subtitle: str | None = None,
    source: str | Sequence[str] | None = None,
    note: str | None = None,
) -> None:
    """Record the titles and cited datasets of a figure (called by ``add_titles``, which
    itself refuses a target that is not an Axes or Figure: nothing is recorded for one)."""
    if not isinstance(target, (Axes, Figure, SubFigure)):
        return
    names = [source] if isinstance(source, str) else list(source or [])
    _TITLES[target] = FigureTitles(title, subtitle, note, tuple(dict.fromkeys(names)))


def cells(
    grids: Mapping[str, pd.DataFrame],
    *,
    index: str,
    columns: str,
    by_column: Mapping[str, Mapping[object, object]] | None = None,
) -> pd.DataFrame:
    """Tidy rows of one or more same-shaped grids (a heatmap's rows x columns).

    ``grids`` maps an output column name to a wide frame; ``by_column`` adds columns that
    depend on the grid column only (e.g. each indicator's edition year).
    """
    long = [
        grid.rename_axis(index=index, columns=columns).stack(future_stack=True).rename(name)
        for name, grid in grids.items()
    ]
    out = pd.concat(long, axis=1).reset_index()
    for name, mapping in (by_column or {}).items():
        out[name] = out[columns].map(dict(mapping))
    return out


def rank_cells(
    ranks: pd.DataFrame, positions: pd.DataFrame, used_years: Mapping[str, tuple[str, int]]
) -> pd.DataFrame:
    """A rank heatmap's cells: country, indicator, edition, rank and the drawn position."""
    years = {name: year for name, (_, year) in used_years.items()}
    grids = {"rank": ranks, "position": positions}
    return cells(grids, index="iso3", columns="indicator", by_column={"year": years})


def pair_rows(pairs: Any) -> pd.DataFrame:
    """A dumbbell's or slope chart's two ends per country, with the ends' labels."""
    return pairs.table.assign(start_label=pairs.start_label, end_label=pairs.end_label)


def strip_rows(field: pd.DataFrame, gaps: pd.DataFrame, iso3: str) -> pd.DataFrame:
    """A peer strip's dots: the peers' values in each row's edition, and the profiled
    country's value and its peers' median."""
    keep = ["iso3", "country", "year", "indicator", "value"]
    peers = field.merge(gaps[["indicator", "year"]])[keep]
    return pd.concat([peers.assign(role="peer"), gaps.assign(iso3=iso3, role="profiled")])


def gained_rows(shifts: pd.DataFrame, shown: Iterable[str]) -> pd.DataFrame:
    """A rank-moves chart's dots: places gained (minus the shift) per scenario and country."""
    rows = shifts[shifts["iso3"].isin(list(shown))]
    return rows.assign(places_gained=-rows["shift"])


def _axes_of(target: Axes | Figure | SubFigure | np.ndarray | Sequence[Axes]) -> list[Axes]:
    if isinstance(target, Axes):
        return [target]
    if isinstance(target, (Figure, SubFigure)):
        return list(target.get_axes())
    axes = [a for a in np.asarray(target, dtype=object).ravel() if isinstance(a, Axes)]
    if not axes:
        raise LookupError("figure data: the sequence holds no Axes")
    return list(axes[0].get_figure(root=True).get_axes())


def _figure_of(target: object) -> Figure | SubFigure | None:
    axes = _axes_of(target)  # type: ignore[arg-type]
    return axes[0].get_figure(root=True) if axes else None


def _panel_name(ax: Axes, position: int) -> str:
    title = " ".join(ax.get_title(loc="left").split()) or " ".join(ax.get_title().split())
    return title or f"panel {position}"


def figure_data(target: Axes | Figure | SubFigure | np.ndarray | Sequence[Axes]) -> FigureData:
    """The tidy frame behind ``target``: its Axes' frames, with a ``panel`` column when a
    figure has several panels. Raises ``LookupError`` when no chart recorded any."""
    recorded = [(ax, _DATA[ax]) for ax in _axes_of(target) if ax in _DATA]
    if not recorded:
        raise LookupError(
            f"No figure data recorded for this {type(target).__name__}: only charts drawn by "
            "smartresearch.plots record it (or call smartresearch.plots.set_figure_data)."
        )
    values = tuple(dict.fromkeys(v for _, data in recorded for v in data.values))
    if len(recorded) == 1:
        frame = recorded[0][1].frame
    else:
        frame = pd.concat(
            [d.frame.assign(panel=_panel_name(ax, i)) for i, (ax, d) in enumerate(recorded, 1)],
            ignore_index=True,
        )
    lead = [c for c in LEAD_COLUMNS if c in frame.columns]
    return FigureData(frame[lead + [c for c in frame.columns if c not in lead]], values)


def figure_titles(target: Axes | Figure | SubFigure | np.ndarray | Sequence[Axes]) -> FigureTitles:
    """What ``add_titles`` recorded for ``target`` (its Axes, or the figure of its Axes)."""
    for candidate in [
        *(target if isinstance(target, (np.ndarray, list, tuple)) else [target]),
        *_axes_of(target),
        _figure_of(target),
    ]:
        if isinstance(candidate, (Axes, Figure, SubFigure)) and candidate in _TITLES:
            return _TITLES[candidate]
    raise LookupError("No titles recorded for this figure: call smartresearch.plots.add_titles")


def drawn_values(target: Axes | Figure | SubFigure | np.ndarray | Sequence[Axes]) -> np.ndarray:
    """Every number the artists of ``target`` hold, sorted: line x and y data, bar
    rectangles, scatter offsets, band outlines and coloured cells."""
    found: list[np.ndarray] = []
    for ax in _axes_of(target):
        for line in ax.get_lines():
            found += [np.asarray(line.get_xdata(), float), np.asarray(line.get_ydata(), float)]
        for patch in ax.patches:
            if isinstance(patch, Rectangle):
                found.append(
                    np.array(
                        [patch.get_x(), patch.get_y(), patch.get_width(), patch.get_height()],
                        dtype=float,
                    )
                )
        for collection in ax.collections:
            if isinstance(collection, QuadMesh):
                found.append(
                    np.ma.filled(np.ma.asarray(collection.get_array(), float), np.nan).ravel()
                )
            elif isinstance(collection, PathCollection):
                found.append(np.asarray(collection.get_offsets(), float).ravel())
            elif isinstance(collection, PolyCollection):
                found += [np.asarray(p.vertices, float).ravel() for p in collection.get_paths()]
    values = np.concatenate(found) if found else np.array([])
    return np.sort(values[np.isfinite(values)])


def undrawn(data: FigureData, drawn: np.ndarray) -> list[tuple[int, str, float]]:
    """Rows, columns and values of ``data`` that no artist holds (empty when all are drawn)."""
    misses: list[tuple[int, str, float]] = []
    for column in data.values:
        numbers = pd.to_numeric(data.frame[column], errors="coerce").to_numpy(dtype=float)
        for row, value in enumerate(numbers):
            if not np.isfinite(value):
                continue
            at = np.searchsorted(drawn, value)
            near = drawn[max(at - 1, 0) : at + 1]
            if not np.isclose(near, value, rtol=RTOL, atol=ATOL).any():
                misses.append((row, column, float(value)))
    return misses


def check_figure_data(
    target: Axes | Figure | SubFigure | np.ndarray | Sequence[Axes],
) -> FigureData:
    """The figure's data, after checking that every value in its drawn columns is drawn.

    Raises :class:`ValidationError` naming the rows, columns and values that are not.
    """
    data = figure_data(target)
    misses = undrawn(data, drawn_values(target))
    if misses:
        shown = "; ".join(f"row {r} {c}={v!r}" for r, c, v in misses[:5])
        raise ValidationError(
            f"figure data: {len(misses)} value(s) in the published frame are not drawn on the "
            f"figure ({shown}): the chart and its data disagree"
        )
    return data


def iter_values(data: FigureData) -> Iterable[float]:
    """The finite numbers of the drawn columns (for tests and summaries)."""
    for column in data.values:
        numbers = pd.to_numeric(data.frame[column], errors="coerce").to_numpy(dtype=float)
        yield from (float(v) for v in numbers if np.isfinite(v))


#: Display MIME type under which ``srp.describe`` hands a figure's data to the report build.
MIME = "application/vnd.smartresearch.figure-data+json"


def payload(target: Axes | Figure | SubFigure | np.ndarray | Sequence[Axes]) -> dict | None:
    """What the report build publishes about a figure: its checked data as CSV text, the
    drawn columns, titles and cited datasets. None when no chart recorded data."""
    try:
        data = check_figure_data(target)
    except LookupError:
        return None
    try:
        titles = figure_titles(target)
    except LookupError:
        titles = FigureTitles("")
    return {
        "csv": data.frame.to_csv(index=False, lineterminator="\n"),
        "values": list(data.values),
        "title": titles.title,
        "subtitle": titles.subtitle,
        "note": titles.note,
        "datasets": list(titles.sources),
    }
