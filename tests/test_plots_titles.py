"""Title, subtitle and source line: content from provenance, and a layout that never overlaps."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pytest
from plots_support import close_all

import smartresearch.datasets
from smartresearch import plots
from smartresearch.errors import UnknownDatasetError
from smartresearch.plots.titles import source_text


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    close_all()


@pytest.fixture
def fake_sources(monkeypatch):
    lines = {
        "egdi": "Source: UN E-Government Survey 2003–2024",
        "oecd_dgi": "Source: OECD Digital Government Index 2019–2023",
    }

    def source_line(name: str) -> str:
        if name not in lines:
            raise UnknownDatasetError(f"unknown dataset {name!r}")
        return lines[name]

    monkeypatch.setattr(smartresearch.datasets, "source_line", source_line)
    return lines


def _boxes(fig):
    fig.canvas.draw()
    return fig.canvas.get_renderer()


def test_source_line_comes_from_the_datasets_provenance(fake_sources):
    assert source_text("egdi") == "Source: UN E-Government Survey 2003–2024"
    assert source_text(["egdi", "oecd_dgi"]) == (
        "Sources: UN E-Government Survey 2003–2024; OECD Digital Government Index 2019–2023"
    )
    assert source_text("egdi", note="Ranks among countries assessed.") == (
        "Ranks among countries assessed.\nSource: UN E-Government Survey 2003–2024"
    )
    assert source_text(None) is None


def test_unknown_dataset_name_raises(fake_sources):
    with pytest.raises(UnknownDatasetError, match="nonsense"):
        source_text("nonsense")


def test_real_source_line_for_the_un_survey():
    """Integration with the data layer: the years come from the committed clean table."""
    line = source_text("egdi")
    assert line.startswith("Source: UN E-Government Survey 2003–")
    years = smartresearch.datasets.load("egdi")["year"]
    assert line.endswith(f"{years.min()}–{years.max()}")


def test_titles_on_axes_stack_without_overlap(fake_sources):
    with plots.style_context():
        fig, ax = plt.subplots()
        ax.plot([2003, 2024], [0.2, 0.9])
        ax.set_xlabel("Edition")
        made = plots.add_titles(ax, "A bold claim", "EGDI, 0–1", source="egdi")
        renderer = _boxes(fig)
        title = made.title.get_window_extent(renderer)
        subtitle = made.subtitle.get_window_extent(renderer)
        source = made.source.get_window_extent(renderer)
        xaxis = ax.xaxis.get_tightbbox(renderer)
    assert made.title.get_text() == "A bold claim"
    assert made.source.get_text() == "Source: UN E-Government Survey 2003–2024"
    assert title.y0 >= subtitle.y1 - 0.5  # title above subtitle
    assert subtitle.y0 >= ax.bbox.y1  # subtitle above the plotting area
    assert source.y1 <= xaxis.y0 + 0.5  # source under the x label
    assert abs(title.x0 - ax.bbox.x0) < 2 and abs(source.x0 - ax.bbox.x0) < 2  # left-aligned
    fig_box = fig.bbox
    for box in (title, subtitle, source):
        assert (
            fig_box.x0 <= box.x0
            and box.x1 <= fig_box.x1
            and fig_box.y0 <= box.y0
            and box.y1 <= fig_box.y1
        )


def test_titles_on_a_figure_reserve_room_for_themselves(fake_sources):
    with plots.style_context():
        fig, axes = plt.subplots(1, 3, sharey=True)
        for ax in axes:
            ax.plot([0, 1], [0, 1])
            ax.set_title("Panel")
        made = plots.add_titles(fig, "Small multiples", "Three panels", source=["egdi", "oecd_dgi"])
        renderer = _boxes(fig)
        top_of_panels = max(ax.get_tightbbox(renderer).y1 for ax in axes)
        bottom_of_panels = min(ax.get_tightbbox(renderer).y0 for ax in axes)
        assert made.subtitle.get_window_extent(renderer).y0 > top_of_panels
        assert made.source.get_window_extent(renderer).y1 < bottom_of_panels
        assert made.source.get_text().startswith("Sources: UN E-Government Survey")


def test_title_only_uses_the_axes_title():
    fig, ax = plt.subplots()
    made = plots.add_titles(ax, "Only a title")
    assert made.subtitle is None and made.source is None
    assert ax.get_title(loc="left") == "Only a title"


def test_titles_reject_bad_input():
    fig, ax = plt.subplots()
    with pytest.raises(ValueError, match="non-empty title"):
        plots.add_titles(ax, "  ")
    with pytest.raises(TypeError, match="Axes or Figure"):
        plots.add_titles("not an axes", "Title")


def test_a_long_source_line_is_wrapped_so_the_axes_keep_their_size(monkeypatch):
    long = "Source: " + "; ".join(
        f"A very long survey title number {i} 2003–2024" for i in range(5)
    )
    monkeypatch.setattr(smartresearch.datasets, "source_line", lambda name: long)
    with plots.style_context():
        fig, ax = plt.subplots()
        ax.plot([0, 1], [0, 1])
        made = plots.add_titles(ax, "Title", source="egdi")
        renderer = _boxes(fig)
        source = made.source.get_window_extent(renderer)
    assert made.source.get_text().count("\n") >= 2
    assert source.x1 <= fig.bbox.x1
    assert ax.bbox.width > 0.5 * fig.bbox.width


def test_a_long_figure_title_wraps_and_the_panels_move_down():
    with plots.style_context():
        fig, axes = plt.subplots(1, 2, figsize=(5, 3))
        for ax in axes:
            ax.plot([0, 1], [0, 1])
        made = plots.add_titles(
            fig, "A title far too long for a figure only five inches wide, really", "Sub"
        )
        renderer = _boxes(fig)
        assert made.title.get_text().count("\n") >= 1
        assert made.title.get_window_extent(renderer).x1 <= fig.bbox.x1
        assert made.subtitle.get_window_extent(renderer).y0 > max(
            ax.get_tightbbox(renderer).y1 for ax in axes
        )
        assert (
            made.subtitle.get_window_extent(renderer).y1
            < made.title.get_window_extent(renderer).y0 + 1
        )


def test_wrapping_balances_lines_and_keeps_short_text_and_breaks():
    from smartresearch.plots.titles import wrap_to_width

    wrapped = wrap_to_width("Denmark and Korea lead the UN's e-government index", 13, 370)
    lines = wrapped.split("\n")
    assert len(lines) == 2 and abs(len(lines[0]) - len(lines[1])) <= 6
    assert wrap_to_width("Short title", 13, 370) == "Short title"
    assert wrap_to_width("one\ntwo", 13, 370) == "one\ntwo"
