"""Small multiples sized for the page: a grid no wider than the report's text column.

A figure wider than the page is shrunk to fit it, and its text with it: chapter 3's 2 x 3
scatter grid, drawn 12 inches wide, printed its 7.5 pt labels at 4.4 pt on a 7-inch page.
:func:`small_multiples` lays out a grid at the page's width with panels no narrower than
:data:`MIN_PANEL_WIDTH_IN` (so two columns, and as many rows as that needs), and
:func:`smallest_text_at_page_width` measures what a reader gets: the smallest text in a
figure at the size it is printed.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

#: The report's text width in inches: the house style's figure width (smartresearch.mplstyle),
#: which the HTML column and the A4 PDF show at about its own size.
PAGE_WIDTH_IN = 7.0
#: A scatter panel narrower than this cannot hold its labels and tick labels.
MIN_PANEL_WIDTH_IN = 3.3
#: The smallest text (points) a figure should print at the page's width.
MIN_READABLE_PT = 7.0


def small_multiples(
    n: int,
    *,
    ncols: int | None = None,
    panel_height: float | None = None,
    width: float = PAGE_WIDTH_IN,
) -> tuple[Figure, np.ndarray]:
    """A new figure ``width`` wide holding ``n`` panels; returns ``(figure, axes)``.

    ``ncols`` defaults to as many panels of at least :data:`MIN_PANEL_WIDTH_IN` as fit
    the width (two at the page's 7 inches), never more than ``n``. ``panel_height``
    defaults to 0.8 times a panel's width. ``axes`` holds the ``n`` panels in reading
    order (row by row); the grid's spare cells are hidden, so ``zip(axes, items)`` draws
    every item and leaves no empty frame.
    """
    if n < 1:
        raise ValueError(f"small_multiples: n={n} must be at least 1")
    if ncols is None:
        ncols = max(1, int(width // MIN_PANEL_WIDTH_IN))
    if ncols < 1:
        raise ValueError(f"small_multiples: ncols={ncols} must be at least 1")
    ncols = min(ncols, n)
    nrows = -(-n // ncols)
    height = panel_height if panel_height is not None else 0.8 * width / ncols
    fig, grid = plt.subplots(nrows, ncols, figsize=(width, height * nrows), squeeze=False)
    for ax in grid.flat[n:]:
        ax.set_visible(False)
    return fig, grid.flat[:n].copy()


def smallest_text_at_page_width(figure: Figure | Axes, page_width: float = PAGE_WIDTH_IN) -> float:
    """The smallest font size (points) of the figure's visible text once the figure is
    shown at ``page_width`` inches (a wider figure is shrunk to it; a narrower one is
    not enlarged)."""
    fig = figure.get_figure(root=True) if isinstance(figure, Axes) else figure
    scale = min(1.0, page_width / fig.get_figwidth())
    sizes = [
        text.get_fontsize()
        for text in fig.findobj(lambda artist: hasattr(artist, "get_fontsize"))
        if text.get_visible() and text.get_text().strip() and _shown(text)
    ]
    return float(min(sizes) * scale) if sizes else float("inf")


def _shown(text) -> bool:
    """Whether a text is on a visible Axes (tick labels of hidden panels do not count)."""
    axes = getattr(text, "axes", None)
    return axes is None or axes.get_visible()
