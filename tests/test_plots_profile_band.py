"""The profile's peer band: the legend covers none of the lines, and a few peers' minima far
below do not squash the chart (they run off the axis, marked and described).

Measured with the renderer on chapter 6's own figure (the United Kingdom, whose peers'
band once fell to 0.16 in 2004) and on hand-made tables.
"""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from plots_support import draw_band, draw_strip, house_style  # noqa: E402, F401 (autouse)

from smartresearch import plots  # noqa: E402
from smartresearch.chapters import profile  # noqa: E402


def _line_pixels(ax, per_segment: int = 25) -> np.ndarray:
    """Display points along every drawn line (vertices and the segments between them)."""
    pixels = []
    for line in ax.get_lines():
        xs, ys = (np.asarray(v, dtype=float) for v in line.get_data())
        keep = np.isfinite(xs) & np.isfinite(ys)
        points = ax.transData.transform(np.column_stack([xs[keep], ys[keep]]))
        pixels.append(points)
        if line.get_linestyle() not in ("None", "none", "", " "):
            for a, b in zip(points, points[1:], strict=False):
                steps = np.linspace(0, 1, per_segment)[:, None]
                pixels.append(a + steps * (b - a))
    return np.vstack(pixels)


#: Peers of the UK with early minima far below the rest (Andorra's 2003-05 scores): the
#: group the profile's first peer rule chose, kept here as the clipping case.
LOW_MINIMA_PEERS = ("AND", "AUT", "BEL", "DNK", "FIN", "IRL", "NOR", "SWE")


def _chapter_figure(iso3: str = "GBR", peers=None):
    frames = profile.index_frames()
    group = profile.comparison_group(iso3, peers or profile.default_peers(iso3))
    ax = draw_band(frames["egdi"], iso3, group, indicator="egdi", label="EGDI (0–1)")
    plots.add_titles(ax, "Against its peers", "EGDI; band: peers' range", source="egdi", note="n")
    ax.figure.canvas.draw()
    return ax, profile.trajectory(frames["egdi"], iso3, group, indicator="egdi")


def _legend_hits(ax) -> int:
    box = ax.get_legend().get_window_extent(ax.figure.canvas.get_renderer())
    return int(sum(box.contains(x, y) for x, y in _line_pixels(ax)))


def test_chapter_legend_covers_no_line():
    ax, _ = _chapter_figure()
    assert _legend_hits(ax) == 0


def test_chapter_band_minima_far_below_are_clipped_marked_and_described():
    ax, table = _chapter_figure(peers=LOW_MINIMA_PEERS)
    low, high = ax.get_ylim()
    lines = pd.concat([table["value"], table["peer_median"]])
    assert low > 0.4, "the y-axis is squashed by the band's early minima"
    assert low <= lines.min() and high >= table["peer_max"].max()
    off = table.loc[table["peer_min"] < low, "year"].astype(int).tolist()
    assert off, "the UK's peers' minima of 2003-05 lie off the scale"
    (marks,) = [line for line in ax.get_lines() if line.get_marker() == "v"]
    assert [int(x) for x in marks.get_xdata()] == off
    assert all(low <= y <= high for y in marks.get_ydata())  # drawn inside the frame
    lowest = f"{table['peer_min'].min():.3g}"
    assert lowest in marks.get_label()
    assert f"(down to {lowest})" in plots.alt_text(ax)


BAND = """
iso3,year,indicator,value
EST,2020,egdi,0.70
DNK,2020,egdi,0.90
KOR,2020,egdi,0.65
GBR,2020,egdi,{low}
EST,2022,egdi,0.80
DNK,2022,egdi,0.95
KOR,2022,egdi,0.75
GBR,2022,egdi,0.70
EST,2024,egdi,0.85
DNK,2024,egdi,0.98
KOR,2024,egdi,0.80
GBR,2024,egdi,0.78
"""


def _band(low: float) -> pd.DataFrame:
    frame = pd.read_csv(io.StringIO(BAND.format(low=low).strip()))
    return frame.assign(country="as printed", source_file="data/raw/test/index.csv")


def test_a_band_close_to_the_lines_is_drawn_whole():
    ax = draw_band(_band(0.60), "EST", ["DNK", "KOR", "GBR"], indicator="egdi")
    assert ax.get_ylim()[0] <= 0.60
    assert not [line for line in ax.get_lines() if line.get_marker() == "v"]
    assert "below the axis" not in plots.alt_text(ax)


def test_one_far_minimum_is_clipped_and_the_legend_stays_off_the_lines():
    ax = draw_band(_band(0.05), "EST", ["DNK", "KOR", "GBR"], indicator="egdi")
    ax.figure.canvas.draw()
    assert ax.get_ylim()[0] > 0.3
    (marks,) = [line for line in ax.get_lines() if line.get_marker() == "v"]
    assert list(marks.get_xdata()) == [2020]
    assert _legend_hits(ax) == 0
