"""Charts of any country: highlighted countries are coloured, labelled and in the alt text."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_rgb  # noqa: E402

from smartresearch import datasets, plots  # noqa: E402
from smartresearch.errors import UnknownCountryError  # noqa: E402
from smartresearch.plots.alt import alt_text  # noqa: E402
from smartresearch.plots.palette import HIGHLIGHT_COLOURS, PEER_GREY  # noqa: E402


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def egdi():
    return datasets.load("egdi")


def test_other_countries_asked_for_are_drawn_apart_and_named(egdi):
    ax = plots.plot_trajectories(egdi, "egdi", countries=["BRA", "KEN", "ZAF"])
    colours = {line.get_label(): line.get_color() for line in ax.get_lines()}
    assert len(set(colours.values())) == 3 and PEER_GREY not in colours.values()
    assert set(colours.values()) <= set(HIGHLIGHT_COLOURS)
    labels = [t.get_text() for t in ax.texts]
    assert {label.split()[0] for label in labels} == {"Brazil", "Kenya", "South"}
    text = alt_text(ax)
    for name in ("Brazil went from", "Kenya went from", "South Africa went from"):
        assert name in text


def test_highlight_brings_one_forward_and_years_cut_the_axis(egdi):
    ax = plots.plot_trajectories(
        egdi, "egdi", countries=["BRA", "KEN", "ZAF"], highlight="KEN", years=(2014, 2022)
    )
    colours = {line.get_label(): line.get_color() for line in ax.get_lines()}
    assert colours == {
        "Brazil": PEER_GREY,
        "South Africa": PEER_GREY,
        "Kenya": HIGHLIGHT_COLOURS[0],
    }
    xs = sorted({x for line in ax.get_lines() for x in line.get_xdata()})
    assert xs == [2014, 2016, 2018, 2020, 2022]
    assert [t.get_text().split()[0] for t in ax.texts] == ["Kenya"]
    assert "2014–2022" in alt_text(ax) and "Kenya went from" in alt_text(ax)
    assert "Brazil went from" not in alt_text(ax)


def test_default_chart_is_unchanged_and_a_typo_raises(egdi):
    ax = plots.plot_trajectories(egdi, "egdi")
    grey = [line for line in ax.get_lines() if line.get_color() == PEER_GREY]
    assert grey, "peers stay grey context lines by default"
    with pytest.raises(UnknownCountryError):
        plots.plot_trajectories(egdi, "egdi", highlight=["KENN"])


def test_components_with_a_total_never_share_its_colour(egdi):
    latest = egdi[egdi["year"] >= 2014]
    axes = plots.plot_components(
        latest, ("osi", "hci", "tii", "epi"), countries=["DNK"], total="egdi"
    )
    ax = axes.flat[0]
    colours = [line.get_color() for line in ax.get_lines() if len(line.get_xdata()) > 1]
    assert len(colours) == 5, colours
    rgb = [to_rgb(c) for c in colours]
    total = rgb[-1]  # drawn last, thick, in ink
    for colour, other in zip(colours[:-1], rgb[:-1], strict=True):
        distance = sum((a - b) ** 2 for a, b in zip(other, total, strict=True)) ** 0.5
        assert distance > 0.3, f"component {colour} looks like the total {colours[-1]}"
