"""Component small multiples: readable component colours that are nobody's country colour,
and one legend under the panels that covers no data and no source line.

The colour checks are numbers (WCAG contrast, CIELAB distances with and without simulated
colour-vision deficiency); the legend checks measure the renderer's extents on chapter 2's
figure as the notebook draws it.
"""

from __future__ import annotations

import itertools

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402

from smartresearch import plots  # noqa: E402
from smartresearch.chapters import approaches  # noqa: E402
from smartresearch.countries import FOCUS  # noqa: E402
from smartresearch.plots import palette  # noqa: E402
from smartresearch.plots.components import component_colour  # noqa: E402

#: WCAG 2.1 (1.4.11) asks 3:1 for the graphical objects a reader needs, such as chart lines.
LINE_CONTRAST = 3.0
#: CIELAB distances: from any country colour, the peer grey or the ink (normal vision), and
#: between two components (under every simulated vision).
FROM_FIXED = 30.0
BETWEEN = 25.0


def test_contrast_ratio_matches_known_wcag_values():
    assert palette.contrast_ratio("black") == pytest.approx(21.0)
    assert palette.contrast_ratio("white") == pytest.approx(1.0)
    assert palette.contrast_ratio("#767676") == pytest.approx(4.54, abs=0.01)  # the AA grey
    assert palette.contrast_ratio(palette.OKABE_ITO["yellow"]) < 1.5  # why it went


def test_colour_distance_is_zero_for_one_colour_and_large_for_opposites():
    assert palette.colour_distance("#336699", "#336699") == 0
    assert palette.colour_distance("black", "white") == pytest.approx(100, abs=0.5)
    # a red and a green, far apart in normal vision, nearly one colour for a deuteranope
    normal = palette.colour_distance("#CC0000", "#669900")
    assert palette.colour_distance("#CC0000", "#669900", "deuteranopia") < normal / 5
    assert palette.colour_distance("#CC0000", "#669900", "tritanopia") > normal / 2
    with pytest.raises(ValueError, match="vision"):
        palette.cielab("red", "colourblind")


@pytest.mark.parametrize("colour", palette.COMPONENT_COLOURS)
def test_component_colours_stand_out_on_white(colour):
    assert palette.contrast_ratio(colour) >= LINE_CONTRAST, colour


@pytest.mark.parametrize("colour", palette.COMPONENT_COLOURS)
def test_component_colours_are_no_country_grey_or_ink(colour):
    fixed = {**palette.FOCUS_COLOURS, "peer grey": palette.PEER_GREY, "ink": palette.INK}
    for name, other in fixed.items():
        distance = palette.colour_distance(colour, other)
        assert distance >= FROM_FIXED, f"{colour} is {distance:.0f} from {name} {other}"


@pytest.mark.parametrize("vision", list(palette.CVD_MATRICES))
def test_component_colours_are_apart_from_each_other(vision):
    for a, b in itertools.combinations(palette.COMPONENT_COLOURS, 2):
        distance = palette.colour_distance(a, b, vision)
        assert distance >= BETWEEN, f"{a} and {b}: {distance:.0f} apart ({vision})"


@pytest.fixture(scope="module")
def chapter_figure():
    """Chapter 2's figure: four components and the EGDI, titles and source line."""
    with plots.style_context():
        egdi = approaches.index_frames(["egdi"])["egdi"]
        axes = plots.plot_components(
            egdi,
            list(approaches.COMPONENT_INDICATORS["egdi"]),
            countries=FOCUS,
            total="egdi",
            component_labels=approaches.SHORT_LABELS,
            fig=plt.figure(figsize=(9.0, 3.8)),
        )
        fig = axes[0].figure
        frame = plots.add_titles(fig, "What each score is made of", "Components", source="egdi")
        fig.canvas.draw()
        yield fig, axes, frame, fig.canvas.get_renderer()
    plt.close("all")


def test_drawn_component_lines_use_the_component_colours(chapter_figure):
    _, axes, _, _ = chapter_figure
    for ax in axes:
        colours = [to_hex(line.get_color()).upper() for line in ax.get_lines()]
        components, total = colours[:-1], colours[-1]
        assert components == [to_hex(component_colour(i, total=True)).upper() for i in range(4)]
        assert total == palette.INK.upper()
        for colour in components:
            assert palette.contrast_ratio(colour) >= LINE_CONTRAST


def test_one_legend_under_the_panels_covering_no_data_and_no_source(chapter_figure):
    fig, axes, frame, renderer = chapter_figure
    assert all(ax.get_legend() is None for ax in axes)
    assert not any(t.get_text() for ax in axes for t in ax.texts)  # no end labels to collide
    (legend,) = fig.legends
    assert [t.get_text() for t in legend.get_texts()] == [
        approaches.SHORT_LABELS[c] for c in (*approaches.COMPONENT_INDICATORS["egdi"], "egdi")
    ]
    box = legend.get_window_extent(renderer)
    for ax in axes:
        assert not box.overlaps(ax.bbox), "legend inside a panel"
        decorations = ax.get_tightbbox(renderer)  # tick labels included
        assert box.y1 <= decorations.y0 + 1, "legend over a panel's year labels"
    source = frame.source.get_window_extent(renderer)
    assert not box.overlaps(source), "legend printed over the source line"
    assert box.y0 >= source.y1
    assert box.x0 >= fig.bbox.x0 and box.x1 <= fig.bbox.x1


def test_legend_without_titles_stays_under_the_panels():
    with plots.style_context():
        egdi = approaches.index_frames(["egdi"])["egdi"]
        axes = plots.plot_components(egdi, ("osi", "hci"), countries=["DNK", "KOR"])
        fig = axes[0].figure
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        box = fig.legends[0].get_window_extent(renderer)
        assert all(box.y1 <= ax.get_tightbbox(renderer).y0 + 1 for ax in axes)
        assert box.y0 >= fig.bbox.y0
    plt.close("all")
