"""Slope-chart labels stay level with their own line's end: the gallery's EGDI-against-DGI
ranks, where the countries ranked 1st to 12th of 38 on the EGDI crowd the top-left corner
(Sweden, Norway and New Zealand once sat three lines below their points)."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.text import Annotation, Text  # noqa: E402

from smartresearch import datasets, plots  # noqa: E402
from smartresearch.plots.pairs import SLOPE_HEIGHT_IN, slope_height  # noqa: E402


def _drift(ax) -> dict[str, float]:
    """Each label's vertical distance from its point, in label heights."""
    fig = ax.figure
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    drift = {}
    for text in ax.texts:
        if not isinstance(text, Annotation) or text.arrow_patch is None:  # titles, notes
            continue
        box = Text.get_window_extent(text, renderer)  # the text's own box, not its leader
        point_y = ax.transData.transform(text.xy)[1]
        drift[text.get_text()] = abs((box.y0 + box.y1) / 2 - point_y) / box.height
    return drift


def test_gallery_slope_labels_stay_with_their_points() -> None:
    two = pd.concat([datasets.load("egdi"), datasets.load("oecd_dgi")])
    with plots.style_context():
        ax = plots.plot_slope(two, ("egdi", "dgi"), scale="rank")
        plots.add_titles(ax, "Two indices, two rankings", "Rank among the countries in both")
        drift = _drift(ax)
    assert len(drift) == 28
    far = {label: round(d, 2) for label, d in drift.items() if d > 0.5}
    assert far == {}
    # and the ranks say what they are of, once a side: on the best rank
    n = int(ax.get_xlabel().split("among the ")[1].split()[0])
    assert sorted(label for label in drift if f" of {n}" in label) == [
        f"1st of {n} South Korea",
        f"Denmark 1st of {n}",
    ]
    plt.close("all")


def test_slope_height_gives_the_closest_labels_a_line_each() -> None:
    # ranks 1..12 then 23 and 27 (the gallery's left side): one line per rank over 26 ranks
    left = [*range(1, 13), 23, 27]
    tall = slope_height([left, [1, 2, 3, 4, 5, 6, 9, 10, 12, 13, 24, 28, 29, 33]])
    assert SLOPE_HEIGHT_IN[0] < tall < SLOPE_HEIGHT_IN[1]
    # values spread widely need no more than the default height; a near tie is capped
    assert slope_height([[1, 10, 20], [2, 12, 25]]) == SLOPE_HEIGHT_IN[0]
    assert slope_height([[0.5, 0.5001, 0.9], [0.6, 0.7]]) == SLOPE_HEIGHT_IN[1]
    assert slope_height([[1.0], []]) == SLOPE_HEIGHT_IN[0]
    assert tall == pytest.approx(slope_height([left[::-1], [33, 1]]))  # order-free


def test_rank_texts_say_the_field_once_or_on_each() -> None:
    from smartresearch.plots._data import rank_texts

    assert rank_texts([3, 1, 2], [17, 17, 17]) == ["3rd", "1st of 17", "2nd"]
    # fields differ (editions of different sizes): every rank carries its own
    assert rank_texts([3, 1], [193, 191]) == ["3rd of 193", "1st of 191"]
    # a field unknown for one: no rank claims a field it may not have
    assert rank_texts([3, 1], [float("nan"), 17]) == ["3rd", "1st of 17"]
