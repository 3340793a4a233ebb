"""Pledge trackers: the verdict badge never covers data, every badge reads alike, target
labels carry their unit and the year ticks cover the record.

Measured on chapter 4's own small multiples (the curated pledges), drawn as the notebook
draws them (house style, constrained layout, titles), with the renderer's real extents.
"""

from __future__ import annotations

import math

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.text import Text  # noqa: E402

from smartresearch import corpus, plots  # noqa: E402
from smartresearch.chapters import pledges as chapter  # noqa: E402
from smartresearch.plots.pledges import plot_pledge_tracker, year_ticks  # noqa: E402
from smartresearch.wording import is_percentage  # noqa: E402


@pytest.fixture(scope="module")
def drawn():
    """Chapter 4's figure, laid out and drawn once: (figure, panels, renderer)."""
    with plots.style_context():
        panels = chapter.tracker_panels(corpus.pledge_verdicts(), corpus.load_pledge_observations())
        fig = plots.draw_pledge_trackers(panels)
        plots.add_titles(fig, "Pledges against the record", "Observed values", note="Sources")
        fig.canvas.draw()
        yield fig, panels, fig.canvas.get_renderer()
    plt.close("all")


def _badge(ax) -> Text:
    (badge,) = [t for t in ax.texts if "Verdict" in t.get_text()]
    return badge


def _data_pixels(ax) -> list[tuple[float, float]]:
    """Display positions of every drawn point (markers), of every line."""
    pixels = []
    for line in ax.lines:
        if line.get_marker() in (None, "None", "none", ""):
            continue
        xs, ys = line.get_data()
        pixels += [tuple(p) for p in ax.transData.transform(list(zip(xs, ys, strict=True)))]
    return pixels


def test_every_panel_has_one_badge_outside_the_data_area(drawn):
    fig, panels, renderer = drawn
    axes = [ax for ax in fig.axes if ax.get_visible()]
    assert len(axes) == len(panels) >= 6
    for ax, panel in zip(axes, panels, strict=True):
        box = Text.get_window_extent(_badge(ax), renderer).padded(0)
        patch = _badge(ax).get_bbox_patch().get_window_extent(renderer)
        assert patch.y1 <= ax.bbox.y0, f"{panel.pledge_id}: badge reaches into the Axes"
        assert not any(patch.contains(x, y) for x, y in _data_pixels(ax)), panel.pledge_id
        assert box.x1 <= ax.bbox.x1 + 1 and box.x0 >= fig.bbox.x0, panel.pledge_id


def test_badges_overlap_no_other_text_of_the_figure(drawn):
    """Not the year labels above them, nor the next row's panel titles below."""
    fig, panels, renderer = drawn
    badges = {id(_badge(ax)) for ax in fig.axes if ax.get_visible()}
    others = [
        t
        for t in fig.findobj(Text)
        if t.get_visible() and t.get_text().strip() and id(t) not in badges
    ]
    for ax in fig.axes:
        if not ax.get_visible():
            continue
        patch = _badge(ax).get_bbox_patch().get_window_extent(renderer)
        hits = [t.get_text() for t in others if t.get_window_extent(renderer).overlaps(patch)]
        assert hits == [], f"{_badge(ax).get_text()!r} overlaps {hits}"


def test_badges_are_alike_no_symbol_on_some_only(drawn):
    fig, panels, _ = drawn
    texts = [_badge(ax).get_text() for ax in fig.axes if ax.get_visible()]
    assert texts == [f"Verdict: {panel.verdict}" for panel in panels]
    assert len({p.verdict for p in panels}) >= 4  # several verdict words, treated alike


def test_target_labels_carry_the_unit(drawn):
    fig, panels, _ = drawn
    for ax, panel in zip(fig.axes, panels, strict=False):
        (label,) = [
            t.get_text() for t in ax.texts if t.get_text().startswith(("Target", "At most"))
        ]
        first_line = label.splitlines()[0]
        if is_percentage(panel.unit):
            assert first_line.endswith("%"), (panel.pledge_id, label)
        else:
            assert first_line.endswith(f" {panel.unit}"), (panel.pledge_id, label)
    labels = [t.get_text() for ax in fig.axes for t in ax.texts]
    assert any(text.startswith("Target 33%") for text in labels)  # P02, once "Target 33"


def test_year_ticks_cover_the_data_span(drawn):
    fig, panels, _ = drawn
    for ax, panel in zip(fig.axes, panels, strict=False):
        dates = pd.to_datetime(panel.points["date"])
        first, last = int(dates.dt.year.min()), int(dates.dt.year.max())
        ticks = [int(t) for t in ax.get_xticks()]
        left, right = ax.get_xlim()
        assert ticks[0] <= first and ticks[-1] >= last, (panel.pledge_id, ticks, first, last)
        assert left <= ticks[0] and ticks[-1] <= right, (panel.pledge_id, ticks)
        assert [t.get_text() for t in ax.get_xticklabels()] == [str(t) for t in ticks]
    one_login = next(i for i, p in enumerate(panels) if p.pledge_id == "P08")
    assert "2023" in [t.get_text() for t in fig.axes[one_login].get_xticklabels()]


@pytest.mark.parametrize(
    ("first", "last"), [(2023.2, 2025.9), (2011.0, 2030.2), (2017.1, 2020.3), (2024.5, 2024.6)]
)
def test_year_ticks_start_at_the_first_year_and_stay_few(first, last):
    ticks = year_ticks(first, last)
    assert ticks[0] == math.floor(first) and ticks[-1] >= math.floor(last)
    assert 1 <= len(ticks) <= 6
    assert len({b - a for a, b in zip(ticks, ticks[1:], strict=False)}) <= 1


def test_badge_leaves_a_line_filling_the_lower_right_corner_alone():
    """The old badge sat in the lower right, "the emptiest corner" under a rising line;
    a flat low series ending late ran under it."""
    points = pd.DataFrame(
        {
            "date": [2017.1, 2018.5, 2019.2, 2019.9, 2020.3],
            "value": [1.0, 2.8, 3.6, 3.9, 25.0],
            "kind": ["observed"] * 4 + ["target"],
        }
    )
    with plots.style_context():
        fig, ax = plt.subplots(figsize=(4.6, 3.0))
        plot_pledge_tracker(points, verdict="closed short of target", unit="users", ax=ax)
        fig.canvas.draw()
        patch = _badge(ax).get_bbox_patch().get_window_extent(fig.canvas.get_renderer())
        assert patch.y1 <= ax.bbox.y0
        assert not any(patch.contains(x, y) for x, y in _data_pixels(ax))
    plt.close(fig)
