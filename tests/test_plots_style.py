"""House style, palette, deterministic export and a light import."""

from __future__ import annotations

import io
import subprocess
import sys

import matplotlib as mpl
import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.colors import to_hex
from matplotlib.font_manager import FontProperties, findfont
from PIL import Image
from plots_support import close_all

from smartresearch import plots
from smartresearch.countries import FOCUS, PEERS
from smartresearch.errors import UnknownCountryError
from smartresearch.plots import palette


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    close_all()


def small_table() -> pd.DataFrame:
    rows = []
    for iso3, country, base in [
        ("DNK", "Denmark", 0.8),
        ("KOR", "South Korea", 0.75),
        ("EST", "Estonia", 0.7),
    ]:
        for step, year in enumerate([2018, 2020, 2022]):
            rows.append((iso3, country, year, "egdi", base + 0.05 * step, "data/raw/x.csv"))
    return pd.DataFrame(
        rows, columns=["iso3", "country", "year", "indicator", "value", "source_file"]
    )


# --- style -----------------------------------------------------------------------------


def test_style_file_ships_inside_the_package():
    assert plots.STYLE_PATH.is_file()
    assert plots.STYLE_PATH.parent.name == "plots"
    params = mpl.rc_params_from_file(plots.STYLE_PATH, use_default_template=False)
    assert params["text.usetex"] is False
    assert params["svg.hashsalt"] and params["svg.fonttype"] == "path"


def test_style_fonts_exist_on_a_bare_machine():
    with plots.style_context():
        family = mpl.rcParams["font.sans-serif"][0]
        found = findfont(FontProperties(family=family), fallback_to_default=False)
    assert family == "DejaVu Sans"
    assert "DejaVuSans" in found


def test_style_context_applies_and_restores_every_rcparam():
    before = dict(mpl.rcParams)
    with plots.style_context():
        assert mpl.rcParams["axes.spines.top"] is False
        assert mpl.rcParams["svg.hashsalt"] == "smartresearch"
        assert mpl.rcParams["figure.constrained_layout.use"] is True
    after = dict(mpl.rcParams)
    changed = {k for k in before if before[k] != after[k] and k != "backend"}
    assert changed == set()


def test_use_style_is_the_public_style_api(monkeypatch):
    seen = []
    monkeypatch.setattr(mpl.style, "use", lambda style: seen.append(style))
    plots.use_style()
    assert seen == [plots.STYLE_PATH]


def test_style_colour_cycle_is_okabe_ito():
    with plots.style_context():
        cycle = [to_hex(c["color"]).upper() for c in mpl.rcParams["axes.prop_cycle"]]
    assert set(cycle) <= set(palette.OKABE_ITO.values())
    assert palette.OKABE_ITO["yellow"] not in cycle  # too pale for lines on white


# --- palette ----------------------------------------------------------------------------


def test_focus_countries_have_fixed_distinct_colours_and_peers_are_grey():
    colours = [plots.country_colour(c) for c in FOCUS]
    assert colours == [palette.FOCUS_COLOURS[c] for c in FOCUS]
    assert len(set(colours)) == len(FOCUS)
    assert set(colours) <= set(palette.OKABE_ITO.values())
    assert {plots.country_colour(c) for c in PEERS} == {palette.PEER_GREY}
    assert palette.PEER_GREY not in colours


def test_country_colour_rejects_unknown_codes():
    with pytest.raises(UnknownCountryError, match="DEN"):
        plots.country_colour("DEN")


def test_any_country_can_be_highlighted_and_focus_colours_do_not_move():
    assert plots.country_colour("EST") == palette.PEER_GREY
    assert plots.country_colour("EST", highlight="EST") == plots.HIGHLIGHT_COLOUR
    assert plots.country_colour("EST", highlight=["FIN", "EST"]) == plots.HIGHLIGHT_COLOUR
    assert plots.country_colour("FIN", highlight="EST") == palette.PEER_GREY
    assert plots.country_colour("DNK", highlight="DNK") == palette.FOCUS_COLOURS["DNK"]
    assert palette.country_text_colour("EST", highlight="EST") == plots.HIGHLIGHT_COLOUR
    assert palette.country_text_colour("EST") == palette.PEER_TEXT_GREY
    assert plots.HIGHLIGHT_COLOUR not in {*palette.FOCUS_COLOURS.values(), palette.PEER_GREY}
    assert palette.is_focus("EST", highlight="EST") and not palette.is_focus("EST")
    # highlighted countries are drawn above the peers and below the focus countries
    assert palette.draw_order(["GBR", "SWE", "EST", "DNK", "FIN"], highlight="EST") == [
        "FIN",
        "SWE",
        "EST",
        "DNK",
        "GBR",
    ]


def test_highlight_rejects_unknown_codes():
    with pytest.raises(UnknownCountryError, match="EEST"):
        plots.country_colour("EST", highlight="EEST")
    with pytest.raises(UnknownCountryError, match="XXX"):
        palette.draw_order(["EST"], highlight=["EST", "XXX"])


def test_the_same_country_has_the_same_colour_in_different_charts():
    data = small_table()
    line_ax = plots.plot_trajectories(data, "egdi", countries=["DNK", "KOR", "EST"])
    slope_ax = plots.plot_slope(data, "egdi", years=(2018, 2022), countries=["DNK", "KOR", "EST"])
    line_colours = {to_hex(line.get_color()) for line in line_ax.get_lines()}
    slope_colours = {to_hex(line.get_color()) for line in slope_ax.get_lines()}
    expected = {
        palette.FOCUS_COLOURS["DNK"].lower(),
        palette.FOCUS_COLOURS["KOR"].lower(),
        palette.PEER_GREY.lower(),
    }
    assert line_colours == expected
    assert slope_colours == expected


# --- deterministic export ---------------------------------------------------------------


def _draw() -> plt.Figure:
    ax = plots.plot_trajectories(small_table(), "egdi", countries=["DNK", "KOR", "EST"])
    plots.add_titles(ax, "Title", "Subtitle")
    return ax.get_figure()


@pytest.mark.parametrize("fmt", ["png", "svg", "pdf"])
def test_same_data_gives_byte_identical_files(fmt):
    with plots.style_context():
        first = plots.figure_bytes(_draw(), fmt)
        close_all()
        second = plots.figure_bytes(_draw(), fmt)
    assert first == second
    assert len(first) > 1000


def test_plain_savefig_svg_is_not_deterministic_which_is_why_figure_bytes_exists():
    def plain() -> bytes:
        buffer = io.BytesIO()
        _draw().savefig(buffer, format="svg")
        return buffer.getvalue()

    assert plain() != plain()  # random id salt and a date: the problem figure_bytes solves


def test_export_is_deterministic_without_the_style_applied():
    assert plots.figure_bytes(_draw(), "svg") == plots.figure_bytes(_draw(), "svg")


def test_alt_text_is_embedded_in_exported_files(tmp_path):
    fig = _draw()
    text = plots.alt_text(fig)
    png = plots.save_figure(fig, tmp_path / "chart.png")
    svg = plots.save_figure(fig, tmp_path / "chart.svg")
    with Image.open(png) as image:
        assert image.text["Description"] == text
    assert f"<dc:description>{text}</dc:description>" in svg.read_text(encoding="utf-8")
    assert "<dc:date>" not in svg.read_text(encoding="utf-8")


def test_save_figure_refuses_unknown_formats_and_leaves_the_old_file(tmp_path):
    target = tmp_path / "chart.gif"
    target.write_bytes(b"old")
    with pytest.raises(ValueError, match="gif"):
        plots.save_figure(_draw(), target)
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["chart.gif"]


def test_save_figure_accepts_an_axes(tmp_path):
    ax = _draw().axes[0]
    width, height = ax.get_figure().get_size_inches()
    path = plots.save_figure(ax, tmp_path / "out.png", dpi=50)
    with Image.open(path) as image:
        assert image.size == (round(width * 50), round(height * 50))


# --- import -----------------------------------------------------------------------------


def test_importing_plots_does_not_import_datasets_or_corpus():
    code = (
        "import sys, smartresearch.plots; "
        "heavy = ('smartresearch.datasets', 'smartresearch.corpus', 'scipy.stats'); "
        "print([m for m in heavy if m in sys.modules])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_use_style_sets_display_options_that_never_cut_cells(monkeypatch):
    monkeypatch.setattr(mpl.style, "use", lambda style: None)
    long = "one strategy spanning every ministry and every municipality, " * 3
    frame = pd.DataFrame({"approach": [long]})
    with pd.option_context("display.max_colwidth", 50):
        assert "..." in frame._repr_html_() or "…" in frame._repr_html_()
        plots.use_style()
        assert long.strip() in frame._repr_html_()
        assert long.strip() in repr(frame)


def test_notebook_figures_display_at_high_resolution():
    with plots.style_context():
        assert mpl.rcParams["figure.dpi"] >= 200


def test_describe_shows_the_computed_description_collapsed_and_escaped():
    fig, ax = plt.subplots()
    plots.set_alt_text(ax, "Bars for <script>alert(1)</script> and *Denmark*.")
    shown = plots.describe(ax)._repr_markdown_()
    plt.close(fig)
    assert shown.startswith('<details class="figure-description">\n<summary>Description</summary>')
    assert "<script>" not in shown and "&lt;script&gt;" in shown
    assert "\\*Denmark\\*" in shown
    assert "\n\n" in shown.split("</summary>")[1]  # the sentence is its own paragraph
    with pytest.raises(LookupError):
        fig2, ax2 = plt.subplots()
        try:
            plots.describe(ax2)
        finally:
            plt.close(fig2)
