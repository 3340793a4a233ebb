"""No reading hidden under a target marker: the star is hollow and drawn under the
readings, and a reading on the star's spot (Denmark's 98% against its 100% NemID target,
read on the deadline) is printed beside it, clear of the star and the target's label."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402

from smartresearch import plots  # noqa: E402
from smartresearch.plots.pledges import plot_pledge_tracker  # noqa: E402

UNIT = "% of Danes over 15 migrated"


def _draw(points: pd.DataFrame, size: tuple[float, float] = (4.6, 3.0)):
    with plots.style_context():
        fig, ax = plt.subplots(figsize=size)
        plot_pledge_tracker(points, verdict="missed", unit=UNIT, iso3="DNK", ax=ax)
        fig.canvas.draw()
    return fig, ax


def _star(ax):
    return next(line for line in ax.lines if line.get_marker() == "*")


def test_a_reading_on_the_target_is_above_a_hollow_star_and_printed() -> None:
    # P10 as recorded: one reading, 98%, on the deadline of the 100% target
    points = pd.DataFrame(
        {
            "date": pd.to_datetime(["2023-10-31", "2023-10-31"]),
            "value": [98.0, 100.0],
            "kind": ["observed", "target"],
        }
    )
    fig, ax = _draw(points)
    star = _star(ax)
    reading = next(line for line in ax.lines if line.get_marker() == "o")
    assert to_hex(star.get_markerfacecolor()) == "#ffffff"  # hollow: nothing under it hidden
    assert reading.get_zorder() > star.get_zorder()
    renderer = fig.canvas.get_renderer()
    value = [t for t in ax.texts if t.get_text() == "98%"]
    assert len(value) == 1 and to_hex(value[0].get_color()) == plots.FOCUS_COLOURS["DNK"].lower()
    box = value[0].get_window_extent(renderer)
    star_box = star.get_window_extent(renderer)
    label = next(t for t in ax.texts if t.get_text().startswith("Target 100%"))
    assert not box.overlaps(star_box)
    assert not box.overlaps(label.get_window_extent(renderer))
    plt.close(fig)


def test_readings_away_from_the_target_are_not_printed() -> None:
    points = pd.DataFrame(
        {
            "date": pd.to_datetime(["2016-01-31", "2025-06-30", "2014-11-30"]),
            "value": [11.0, 5.0, 20.0],
            "kind": ["observed", "observed", "target"],
            "direction": "at most",
        }
    )
    fig, ax = _draw(points)
    assert [t.get_text() for t in ax.texts] == ["At most 20%\nby Nov 2014", "Verdict: missed"]
    plt.close(fig)


def test_a_long_unit_label_fits_the_panel_height() -> None:
    points = pd.DataFrame(
        {"date": pd.to_datetime(["2023-10-31", "2023-10-31"]), "value": [98.0, 100.0]}
    ).assign(kind=["observed", "target"])
    fig, ax = _draw(points, size=(4.6, 2.0))  # a panel of chapter 4's grid, less its title
    label = ax.yaxis.label.get_window_extent(fig.canvas.get_renderer())
    assert label.height <= ax.bbox.height  # once ran past the panel's top and bottom
    assert ax.get_ylabel().replace("\n", " ") == UNIT
    plt.close(fig)


def test_chapter4_trackers_read_at_the_page_width() -> None:
    """Chapter 4's grid of trackers: as wide as the page (it was 9.2 inches, so its 7 pt
    notes printed at 5.3 pt), titles and badges inside the figure and clear of each other."""
    from smartresearch import corpus
    from smartresearch.chapters import pledges as chapter
    from smartresearch.plots.grid import (
        MIN_READABLE_PT,
        PAGE_WIDTH_IN,
        smallest_text_at_page_width,
    )

    with plots.style_context():
        panels = chapter.tracker_panels(corpus.pledge_verdicts(), corpus.load_pledge_observations())
        fig = plots.draw_pledge_trackers(panels)
        plots.add_titles(fig, "Pledges against the record", "Observed values", note="Sources")
        fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    assert fig.get_figwidth() <= PAGE_WIDTH_IN
    assert smallest_text_at_page_width(fig) >= MIN_READABLE_PT
    boxes = []
    for ax in (ax for ax in fig.axes if ax.get_visible()):
        title = ax.title if ax.get_title() else ax._left_title
        boxes.append(title.get_window_extent(renderer))
        (badge,) = [t for t in ax.texts if t.get_text().startswith("Verdict")]
        boxes.append(badge.get_bbox_patch().get_window_extent(renderer))
    page = fig.bbox
    for box in boxes:
        assert page.x0 <= box.x0 and box.x1 <= page.x1 + 0.5
    overlaps = [(i, j) for i, a in enumerate(boxes) for j in range(i) if a.overlaps(boxes[j])]
    assert overlaps == []
    plt.close(fig)


def test_a_reading_just_over_its_target_at_the_deadline_is_printed() -> None:
    # P23 as recorded: 27.1% a month after a 25% target's deadline, on the star's upper arm
    points = pd.DataFrame(
        {
            "date": pd.to_datetime(["2014-04-01", "2015-04-01", "2015-03-31"]),
            "value": [26.0, 27.1, 25.0],
            "kind": ["observed", "observed", "target"],
        }
    )
    fig, ax = _draw(points)
    assert [t.get_text() for t in ax.texts if t.get_text().endswith("%")] == ["27.1%"]
    plt.close(fig)
