"""Title, subtitle and source line, the frame every published chart carries.

The source line is built from the dataset's own provenance
(``smartresearch.datasets.source_line(name)``, e.g. "Source: UN E-Government Survey
2003–2024"), so a figure cannot cite a survey or a year range the data did not come from.
``smartresearch.datasets`` is imported only when a source is asked for, which keeps
``import smartresearch.plots`` light.
"""

from __future__ import annotations

import importlib
import textwrap
from collections.abc import Sequence
from typing import NamedTuple

import matplotlib as mpl
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine, TightLayoutEngine
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from smartresearch.errors import SmartResearchError
from smartresearch.plots.figdata import set_figure_titles
from smartresearch.plots.palette import INK, PEER_TEXT_GREY

#: Gap between the frame's texts and the figure edge, in points.
MARGIN_PTS = 6.0


class TitleArtists(NamedTuple):
    """The texts :func:`add_titles` created (``None`` where nothing was asked for)."""

    title: Text
    subtitle: Text | None
    source: Text | None


def source_text(source: str | Sequence[str] | None, note: str | None = None) -> str | None:
    """The text under a chart: an optional note, then the sources of the named datasets.

    ``source`` holds dataset names known to ``smartresearch.datasets`` (unknown names raise
    its ``UnknownDatasetError``). Several datasets give one line: "Sources: A; B".
    """
    lines: list[str] = []
    if note:
        lines.append(note.strip())
    names = [source] if isinstance(source, str) else list(source or [])
    if names:
        datasets = importlib.import_module("smartresearch.datasets")
        source_line = getattr(datasets, "source_line", None)
        if source_line is None:
            raise SmartResearchError(
                "add_titles: smartresearch.datasets.source_line is not available, so the "
                f"source line for {names} cannot be built from the datasets' provenance."
            )
        cited = [str(source_line(name)) for name in dict.fromkeys(names)]
        if len(cited) == 1:
            lines.append(cited[0])
        else:
            parts = [
                c.split(":", 1)[1].strip() if c.lower().startswith("source") else c for c in cited
            ]
            lines.append("Sources: " + "; ".join(parts))
    return "\n".join(lines) if lines else None


def add_titles(
    target: Axes | Figure,
    title: str,
    subtitle: str | None = None,
    source: str | Sequence[str] | None = None,
    *,
    note: str | None = None,
) -> TitleArtists:
    """Add a bold title, a grey subtitle and a source line to an Axes or a whole Figure.

    * On an **Axes**, the texts are left-aligned with the plotting area: subtitle just above
      it, title above the subtitle, source under the x-axis labels. They take part in
      constrained layout, so nothing is clipped.
    * On a **Figure** (small multiples), the texts sit at the figure's top-left and
      bottom-left, and the layout engine's rectangle is shrunk to make room for them.

    ``source`` is one or more dataset names (see :func:`source_text`); ``note`` is free text
    printed above the source line, e.g. "Ranks among the countries assessed in each edition."
    """
    if not title or not str(title).strip():
        raise ValueError("add_titles: a chart needs a non-empty title")
    bottom = source_text(source, note)
    set_figure_titles(target, title, subtitle, source, note)
    if isinstance(target, Axes):
        return _titles_on_axes(target, title, subtitle, bottom)
    if isinstance(target, Figure):
        return _titles_on_figure(target, title, subtitle, bottom)
    raise TypeError(
        f"add_titles: expected a matplotlib Axes or Figure, got {type(target).__name__}"
    )


def _sizes() -> tuple[float, float, float]:
    """Font sizes (title, subtitle, source) from the active rcParams."""
    base = mpl.font_manager.FontProperties(size=mpl.rcParams["font.size"]).get_size_in_points()
    title = mpl.font_manager.FontProperties(
        size=mpl.rcParams["axes.titlesize"]
    ).get_size_in_points()
    return title + 1.5, base, max(base - 1.5, 6.0)


def wrap_to_width(text: str, fontsize: float, width_pts: float) -> str:
    """Break ``text`` into lines that fit ``width_pts`` (existing line breaks are kept).

    A line wider than the figure would make constrained layout shrink the Axes to nothing,
    so titles and source lines are wrapped before they are drawn. Widths are estimated
    from the font size (DejaVu Sans averages about 0.58 em per character).
    """
    per_line = max(int(width_pts / (0.58 * fontsize)), 20)
    return "\n".join(_balanced_fill(line, per_line) for line in text.split("\n"))


def _balanced_fill(line: str, per_line: int) -> str:
    """Wrap into as few lines as ``per_line`` allows, of similar lengths (no lone last word)."""
    if len(line) <= per_line:
        return line
    lines_needed = len(textwrap.wrap(line, per_line))
    for width in range(-(-len(line) // lines_needed), per_line + 1):
        wrapped = textwrap.wrap(line, width)
        if len(wrapped) <= lines_needed:
            return "\n".join(wrapped)
    return textwrap.fill(line, per_line)


def _available_width(ax: Axes) -> float:
    """The Axes' own width in points, less a margin for layout.

    Texts wider than their Axes would push a colorbar or a neighbouring panel aside
    (constrained layout makes room for everything an Axes owns), so they wrap to it.
    """
    fig = ax.get_figure(root=True)
    return ax.get_position().width * fig.get_figwidth() * 72 * 0.95


def _titles_on_axes(ax: Axes, title: str, subtitle: str | None, bottom: str | None) -> TitleArtists:
    title_size, subtitle_size, source_size = _sizes()
    width = _available_width(ax)
    title = wrap_to_width(title, title_size * 1.15, width)  # bold glyphs are wider
    subtitle = wrap_to_width(subtitle, subtitle_size, width) if subtitle else subtitle
    bottom = wrap_to_width(bottom, source_size, width) if bottom else bottom
    if subtitle:
        sub = ax.set_title(
            subtitle, loc="left", fontsize=subtitle_size, fontweight="normal", color=PEER_TEXT_GREY
        )
        head = ax.annotate(
            title,
            xy=(0, 1),
            xycoords=sub,
            xytext=(0, 3),
            textcoords="offset points",
            ha="left",
            va="bottom",
            fontsize=title_size,
            fontweight="bold",
            color=INK,
            annotation_clip=False,
        )
    else:
        sub = None
        head = ax.set_title(title, loc="left", fontsize=title_size, fontweight="bold", color=INK)
    foot = None
    if bottom:

        def below_x_axis(renderer) -> Bbox:  # evaluated at draw time, after tick labels exist
            return Bbox.union([ax.bbox, ax.xaxis.get_tightbbox(renderer) or ax.bbox])

        foot = ax.annotate(
            bottom,
            xy=(0, 0),
            xycoords=("axes fraction", below_x_axis),
            xytext=(0, -MARGIN_PTS),
            textcoords="offset points",
            ha="left",
            va="top",
            fontsize=source_size,
            color=PEER_TEXT_GREY,
            annotation_clip=False,
        )
    return TitleArtists(head, sub, foot)


def _titles_on_figure(
    fig: Figure, title: str, subtitle: str | None, bottom: str | None
) -> TitleArtists:
    title_size, subtitle_size, source_size = _sizes()
    width_pts, height_pts = fig.get_figwidth() * 72, fig.get_figheight() * 72
    usable = width_pts - 2 * MARGIN_PTS
    title = wrap_to_width(title, title_size * 1.15, usable)  # bold glyphs are wider
    subtitle = wrap_to_width(subtitle, subtitle_size, usable) if subtitle else subtitle
    bottom = wrap_to_width(bottom, source_size, usable) if bottom else bottom
    x = MARGIN_PTS / width_pts
    y = 1 - MARGIN_PTS / height_pts
    head = fig.text(
        x, y, title, ha="left", va="top", fontsize=title_size, fontweight="bold", color=INK
    )
    top_pts = MARGIN_PTS + title_size * 1.3 * (title.count("\n") + 1)
    sub = None
    if subtitle:
        sub = fig.text(
            x,
            1 - top_pts / height_pts,
            subtitle,
            ha="left",
            va="top",
            fontsize=subtitle_size,
            color=PEER_TEXT_GREY,
        )
        top_pts += subtitle_size * 1.3 * (subtitle.count("\n") + 1)
    foot = None
    bottom_pts = 0.0
    if bottom:
        foot = fig.text(
            x,
            MARGIN_PTS / height_pts,
            bottom,
            ha="left",
            va="bottom",
            fontsize=source_size,
            color=PEER_TEXT_GREY,
        )
        bottom_pts = MARGIN_PTS + source_size * 1.3 * (bottom.count("\n") + 1)
    top_pts += MARGIN_PTS
    bottom_pts += _legends_over_the_source(fig, bottom_pts)
    rect = (0.0, bottom_pts / height_pts, 1.0, 1 - (top_pts + bottom_pts) / height_pts)
    engine = fig.get_layout_engine()
    if isinstance(engine, (ConstrainedLayoutEngine, TightLayoutEngine)):
        engine.set(rect=rect)
    else:
        fig.subplots_adjust(top=rect[1] + rect[3], bottom=max(rect[1], 0.08) + 0.05)
    return TitleArtists(head, sub, foot)


def _legends_over_the_source(fig: Figure, bottom_pts: float) -> float:
    """Stand figure legends placed under the panels (``loc="outside lower ..."``) on the
    source line instead of the figure's edge; returns the height (points) they take.

    Constrained layout makes room for such a legend inside the layout rectangle but draws
    it at the figure's bottom edge, where the source line is: the component chart's
    legend once printed over "Source: UN E-Government Survey". Anchored above the source
    line, the legend is no longer the layout's to place, so the rectangle above it is
    shrunk by its measured height instead."""
    under = [
        legend
        for legend in fig.legends
        if getattr(legend, "_outside_loc", None) == "lower" and legend.get_visible()
    ]
    if not under or bottom_pts <= 0:
        return 0.0
    renderer = fig.canvas.get_renderer()
    height_pts = fig.get_figheight() * 72
    taken = 0.0
    for legend in under:
        legend.set_bbox_to_anchor(
            Bbox.from_bounds(0.0, bottom_pts / height_pts, 1.0, 1.0 - bottom_pts / height_pts),
            transform=fig.transFigure,
        )
        size = legend.get_window_extent(renderer).height * 72 / fig.dpi
        taken = max(taken, size + MARGIN_PTS / 2)
    return taken
