"""Drawing pieces several charts share: a fresh Axes, the "no data" state, year ticks,
country lines that bring the focus countries forward, and grids of coloured cells whose
missing cells stay visibly missing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import Colormap, Normalize, to_rgb
from matplotlib.font_manager import FontProperties
from matplotlib.patches import Patch, Rectangle

from smartresearch.plots._labels import HEIGHT_SURVIVING_LAYOUT
from smartresearch.plots.alt import set_alt_text
from smartresearch.plots.palette import (
    INK,
    MISSING_FILL,
    PEER_TEXT_GREY,
    country_colour,
    is_focus,
)

#: Hatch that marks "not assessed" cells (a pattern, so it is not read as a low value).
MISSING_HATCH = "////"
MISSING_EDGE = "#C8C8C8"


def axes_or_new(ax: Axes | None, figsize: tuple[float, float] | None = None) -> Axes:
    """The caller's Axes, or a new one on a new pyplot figure (so notebooks display it)."""
    if ax is not None:
        if not isinstance(ax, Axes):
            raise TypeError(f"ax must be a matplotlib Axes, got {type(ax).__name__}")
        return ax
    _, new = plt.subplots(figsize=figsize)
    return new


def show_no_data(ax: Axes, what: str) -> Axes:
    """Leave an honest empty chart (not an exception) when nothing is left to draw.

    Missing data is a normal state of these indices (countries not assessed, editions not
    held), so a chart of it says so on the canvas and in its alt text.
    """
    ax.text(
        0.5,
        0.5,
        f"No data: {what}",
        ha="center",
        va="center",
        transform=ax.transAxes,
        color=PEER_TEXT_GREY,
    )
    ax.set_xticks([])
    ax.set_yticks([])
    ax.grid(False)
    set_alt_text(ax, f"Empty chart: there is no data to show for {what}.")
    return ax


def year_axis(ax: Axes, years: Sequence[int]) -> None:
    """A tick at every edition held; labels that would collide are hidden, the last one kept.

    Editions are irregular (2003, 2004, 2005, 2008, ...), so neighbouring labels can touch;
    label width is estimated from the tick font size, as elsewhere, before layout.
    """
    years = sorted({int(y) for y in years})
    ax.set_xlim(years[0] - 0.6, years[-1] + 0.6)
    fig = ax.get_figure(root=True)
    width_pts = ax.get_position().width * fig.get_figwidth() * 72 * HEIGHT_SURVIVING_LAYOUT
    label_pts = (
        4 * 0.62 * FontProperties(size=mpl.rcParams["xtick.labelsize"]).get_size_in_points() + 5
    )
    min_gap = label_pts / width_pts * (years[-1] - years[0] + 1.2)
    keep = [years[-1]]
    for year in reversed(years[:-1]):
        if keep[-1] - year >= min_gap:
            keep.append(year)
    ax.set_xticks(years, [str(y) if y in keep else "" for y in years])


def country_line(
    ax: Axes,
    x: Sequence[float] | np.ndarray,
    y: Sequence[float] | np.ndarray,
    iso3: str,
    *,
    width: tuple[float, float],
    marker: tuple[float, float],
    label: str | None = None,
    highlight: str | Iterable[str] = (),
):
    """One country's line with round markers, ``(focus, peer)`` line widths and marker sizes.

    A focus country is drawn in its colour, at the larger sizes and above the peers; a peer
    is a thinner grey context line. NaN values leave gaps ("not assessed" is not bridged).
    ``highlight`` countries are drawn like focus countries, in their highlight colours.
    Returns the Line2D.
    """
    focus = is_focus(iso3, highlight)
    (line,) = ax.plot(
        x,
        y,
        color=country_colour(iso3, highlight=highlight),
        linewidth=width[0] if focus else width[1],
        marker="o",
        markersize=marker[0] if focus else marker[1],
        zorder=3 if focus else 2,
        label=label,
    )
    return line


def _luminance(colour) -> float:
    channels = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in to_rgb(colour)]
    return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]


def text_colour_on(background) -> str:
    """Dark ink or white, whichever has the higher WCAG contrast on ``background``."""
    cell = _luminance(background)
    on_ink = (max(cell, _luminance(INK)) + 0.05) / (min(cell, _luminance(INK)) + 0.05)
    on_white = 1.05 / (cell + 0.05)
    return INK if on_ink >= on_white else "white"


def missing_patch(label: str = "not assessed") -> Patch:
    """Legend key for missing cells."""
    return Patch(facecolor=MISSING_FILL, edgecolor=MISSING_EDGE, hatch=MISSING_HATCH, label=label)


def cell_grid(
    ax: Axes,
    colour_values: np.ndarray,
    texts: Sequence[Sequence[str]],
    *,
    cmap: Colormap,
    norm: Normalize,
    row_labels: Sequence[str],
    column_labels: Sequence[str],
    fontsize: float,
):
    """Draw a rows x columns grid of coloured cells with a text in each.

    NaN cells are not coloured: a hatched background shows through them, so "not assessed"
    can never be mistaken for a low value. Returns the mesh (for a colorbar).
    """
    n_rows, n_cols = colour_values.shape
    ax.add_patch(
        Rectangle(
            (-0.5, -0.5),
            n_cols,
            n_rows,
            facecolor=MISSING_FILL,
            edgecolor=MISSING_EDGE,
            hatch=MISSING_HATCH,
            linewidth=0,
            zorder=0,
        )
    )
    masked = np.ma.masked_invalid(colour_values)
    mesh = ax.pcolormesh(
        np.arange(n_cols + 1) - 0.5,
        np.arange(n_rows + 1) - 0.5,
        masked,
        cmap=cmap,
        norm=norm,
        edgecolors="white",
        linewidth=1.0,
        zorder=1,
    )
    for row in range(n_rows):
        for col in range(n_cols):
            text = texts[row][col]
            if not text:
                continue
            value = colour_values[row, col]
            colour = text_colour_on(cmap(norm(value))[:3]) if np.isfinite(value) else PEER_TEXT_GREY
            ax.text(
                col, row, text, ha="center", va="center", fontsize=fontsize, color=colour, zorder=2
            )
    ax.set_xticks(range(n_cols), column_labels)
    ax.set_yticks(range(n_rows), row_labels)
    ax.set_xlim(-0.5, n_cols - 0.5)
    ax.set_ylim(n_rows - 0.5, -0.5)
    ax.grid(False)
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    return mesh
