"""Direct labels never overprint: measured with the renderer on the final, laid-out figure.

The gallery once printed "UgandaTanzania" (two scatter labels side by side) because label
boxes were estimated from character counts and the Axes size before layout. These tests
draw the figure the way it is saved (titles, constrained layout) and compare the real
window extents of every label's text.
"""

from __future__ import annotations

import itertools

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.text import Text  # noqa: E402
from plots_support import house_style, require_mirror, un_egov  # noqa: E402, F401

from smartresearch import datasets, plots  # noqa: E402
from smartresearch.plots.export import figure_bytes  # noqa: E402


def _overlapping_labels(ax) -> list[tuple[str, str]]:
    """Pairs of annotation texts whose drawn text boxes (leaders excluded) intersect."""
    figure = ax.get_figure(root=True)
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    boxes = [(a.get_text(), Text.get_window_extent(a, renderer)) for a in ax.texts if a.get_text()]
    return [
        (name_a, name_b)
        for (name_a, a), (name_b, b) in itertools.combinations(boxes, 2)
        if a.overlaps(b)
    ]


def _near_tie() -> pd.DataFrame:
    """Two countries' real EGDI series, the second's last value moved to within 0.002 of
    the first's, so their end labels target the same height."""
    require_mirror()
    data = un_egov()
    data = data[(data["indicator"] == "egdi") & data["iso3"].isin(["UGA", "TZA"])].copy()
    latest = data["year"].max()
    last = data["year"] == latest
    uganda = data.loc[last & (data["iso3"] == "UGA"), "value"].iloc[0]
    data.loc[last & (data["iso3"] == "TZA"), "value"] = uganda + 0.002
    return data


@pytest.mark.parametrize("height", [1.6, 1.8, 2.6])
def test_end_labels_of_nearly_equal_lines_do_not_overlap_after_titles_and_layout(height):
    """Titles and a source line take a third or more of a short figure's height: labels
    spaced for the Axes as it was before layout used to end up on top of each other."""
    fig, ax = plt.subplots(figsize=(5, height))
    plots.plot_trajectories(_near_tie(), "egdi", countries=["UGA", "TZA"], ax=ax)
    plots.add_titles(ax, "Two close lines", "A short figure whose Axes shrinks", source="egdi")
    labels = [t.get_text() for t in ax.texts]
    assert any(t.startswith("Uganda") for t in labels)
    assert any(t.startswith("Tanzania") for t in labels)
    assert _overlapping_labels(ax) == []


def test_bump_chart_labels_stay_apart_in_a_short_figure():
    require_mirror()
    data = un_egov()
    data = data[(data["indicator"] == "egdi") & (data["year"] >= 2012)]
    fig, ax = plt.subplots(figsize=(6, 3.4))
    plots.plot_rank_bump(data, "egdi", within="shown", ax=ax)
    plots.add_titles(ax, "Who overtook whom", "Rank among the focus and peer countries", "egdi")
    assert len(ax.texts) >= 30
    assert _overlapping_labels(ax) == []


def test_scatter_labels_of_neighbouring_points_do_not_overlap():
    """The gallery's own chart: Uganda and Tanzania, 0.03 apart, both labelled as large gaps."""
    both = pd.concat([datasets.load("egdi"), datasets.load("gtmi")])
    fig, ax = plt.subplots(figsize=(7, 4.4))
    plots.plot_concordance(both, "egdi", "gtmi", years=2022, ax=ax)
    plots.add_titles(ax, "Do the UN and the World Bank agree?", "Each point a country", "egdi")
    assert {"Uganda", "Tanzania"} <= {t.get_text() for t in ax.texts}
    assert _overlapping_labels(ax) == []


def test_labels_are_the_same_on_every_run():
    """Positions come from arithmetic on the renderer's numbers: the same figure drawn
    twice from scratch gives the same bytes (as the image baselines require)."""
    data = _near_tie()

    def draw() -> bytes:
        fig, ax = plt.subplots(figsize=(5, 2.6))
        plots.plot_trajectories(data, "egdi", countries=["UGA", "TZA"], ax=ax)
        plots.add_titles(ax, "Two close lines", "A short figure", source="egdi")
        result = figure_bytes(fig, ".png")
        plt.close(fig)
        return result

    assert draw() == draw()
