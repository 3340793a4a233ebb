"""Scatter labels read through the grey points and say which point they name.

Each label has a white halo and sits above the points; a label away from its point, or as
close to another labelled point as to its own ("Uganda Tanzania" side by side), has a
leader reaching its point. Measured with the renderer on the laid-out figures: the
gallery's concordance scatter and a grid of small panels like chapter 3's.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib import patheffects  # noqa: E402
from matplotlib.text import Text  # noqa: E402
from plots_support import house_style  # noqa: E402, F401 (autouse)

from smartresearch import datasets, plots  # noqa: E402
from smartresearch.plots._labels import NEAR_PTS, needs_leader  # noqa: E402


@pytest.fixture(scope="module")
def indices() -> pd.DataFrame:
    return pd.concat([datasets.load(name) for name in ("egdi", "gtmi", "oecd_dgi")])


def _labels(ax) -> list:
    """The point labels: annotations of a data point (titles and the corner text are not)."""
    return [t for t in ax.texts if t.get_text() and getattr(t, "xycoords", None) == "data"]


def _gap(point, box) -> float:
    x, y = point
    return float(np.hypot(max(box.x0 - x, 0, x - box.x1), max(box.y0 - y, 0, y - box.y1)))


def _check_labels(ax) -> int:
    """Every label: halo, drawn above the points, and a leader or its own point nearby."""
    fig = ax.get_figure(root=True)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    near = NEAR_PTS * renderer.points_to_pixels(1.0)
    labels = _labels(ax)
    points = {id(a): ax.transData.transform(a.xy) for a in labels}
    top_point = max(c.get_zorder() for c in ax.collections)
    for label in labels:
        effects = label.get_path_effects()
        assert any(
            isinstance(e, patheffects.withStroke) and e._gc.get("foreground") == "white"
            for e in effects
        ), f"{label.get_text()!r} has no white halo"
        assert label.get_zorder() > top_point, f"{label.get_text()!r} is drawn under points"
        box = Text.get_window_extent(label, renderer)
        own = _gap(points[id(label)], box)
        rivals = [_gap(points[id(o)], box) for o in labels if o is not label]
        if label.arrow_patch.get_visible():
            end = label.arrow_patch.get_path().vertices[-1]
            reach = np.hypot(*(end - points[id(label)]))
            assert reach <= renderer.points_to_pixels(3.0), (
                f"{label.get_text()!r}'s leader stops short"
            )
        else:
            assert own <= near, f"{label.get_text()!r} floats {own:.0f} px from its point"
            assert all(r > own for r in rivals), f"{label.get_text()!r} could name another point"
    return len(labels)


def test_gallery_scatter_labels_have_halos_and_leaders(indices):
    fig, ax = plt.subplots(figsize=(7, 4.4))
    plots.plot_concordance(indices, "egdi", "gtmi", years=2022, ax=ax)
    plots.add_titles(ax, "Do the UN and the World Bank agree?", "Each point a country", "egdi")
    assert _check_labels(ax) >= 7
    renderer = fig.canvas.get_renderer()
    names = {t.get_text(): t for t in _labels(ax)}
    # Uganda and Tanzania, 0.03 apart (once printed side by side as "Uganda Tanzania"):
    # each label is nearer its own point than the other's, or has a leader
    for name, other in (("Uganda", "Tanzania"), ("Tanzania", "Uganda")):
        box = Text.get_window_extent(names[name], renderer)
        own = _gap(ax.transData.transform(names[name].xy), box)
        theirs = _gap(ax.transData.transform(names[other].xy), box)
        assert own < theirs or names[name].arrow_patch.get_visible(), name


def test_small_panel_grid_labels_have_halos_and_leaders(indices):
    """Chapter 3's layout: six small panels, three outliers each."""
    pairs = [
        ("egdi", "gtmi", (2022, 2022)),
        ("egdi", "dgi", (2022, 2023)),
        ("gtmi", "dgi", (2022, 2023)),
    ] * 2
    fig, axes = plt.subplots(2, 3, figsize=(12, 8))
    for ax, (x, y, years) in zip(axes.flat, pairs, strict=True):
        plots.plot_concordance(indices, x, y, years=years, label_outliers=3, ax=ax)
    plots.add_titles(fig, "Where the indices part company", "Each point a country", "egdi")
    assert sum(_check_labels(ax) for ax in axes.flat) >= 30


def test_needs_leader_when_far_or_ambiguous():
    assert not needs_leader(3.0, [20.0, 40.0], near=8.0)
    assert needs_leader(12.0, [40.0], near=8.0)  # displaced
    assert needs_leader(3.0, [2.5], near=8.0)  # another labelled point is closer
    assert not needs_leader(3.0, [], near=8.0)
