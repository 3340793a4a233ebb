"""plot_rank_bump of any country: ``highlight=`` colours, labels and describes; ``years=``."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from smartresearch import datasets, plots  # noqa: E402
from smartresearch.errors import UnknownCountryError  # noqa: E402
from smartresearch.plots.alt import alt_text  # noqa: E402
from smartresearch.plots.palette import HIGHLIGHT_COLOURS, PEER_GREY, PEER_TEXT_GREY  # noqa: E402


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def egdi():
    return datasets.load("egdi")


def _colours(ax) -> dict[str, str]:
    return {line.get_label(): line.get_color() for line in ax.get_lines()}


def _label_colours(ax) -> dict[str, str]:
    return {t.get_text(): t.get_color() for t in ax.texts}


def test_other_countries_asked_for_are_coloured_labelled_and_described(egdi):
    ax = plots.plot_rank_bump(egdi, "egdi", countries=["BRA", "KEN", "ZAF"], within="shown")
    colours = _colours(ax)
    assert set(colours) == {"Brazil", "Kenya", "South Africa"}
    assert len(set(colours.values())) == 3 and PEER_GREY not in colours.values()
    assert set(colours.values()) <= set(HIGHLIGHT_COLOURS)
    # Each end label is written in its line's colour.
    for text, colour in _label_colours(ax).items():
        name = next(n for n in colours if n in text)
        assert colour == colours[name], text
    text = alt_text(ax)
    # the rank is on the indicator, not on the last country drawn
    assert text.startswith("Bump chart of 3 countries' rank on EGDI among the countries shown")
    for name in ("Brazil moved from", "Kenya moved from", "South Africa moved from"):
        assert name in text


def test_highlight_one_and_cut_the_years(egdi):
    ax = plots.plot_rank_bump(
        egdi, "egdi", countries=["BRA", "KEN", "ZAF"], highlight="KEN", years=(2014, 2022)
    )
    assert _colours(ax) == {
        "Brazil": PEER_GREY,
        "South Africa": PEER_GREY,
        "Kenya": HIGHLIGHT_COLOURS[0],
    }
    xs = sorted({x for line in ax.get_lines() for x in line.get_xdata()})
    assert xs == [2014, 2016, 2018, 2020, 2022]
    labels = _label_colours(ax)
    kenya = [t for t, c in labels.items() if "Kenya" in t and c != PEER_TEXT_GREY]
    assert len(kenya) == 2, "Kenya labelled at both ends in its colour"
    assert all(c == PEER_TEXT_GREY for t, c in labels.items() if "Kenya" not in t)
    text = alt_text(ax)
    assert "2014–2022" in text and "Kenya moved from" in text
    assert "Brazil moved from" not in text


def test_cutting_years_keeps_each_editions_world_rank(egdi):
    cut = plots.plot_rank_bump(egdi, "egdi", countries=["KEN"], years=(2016, 2020))
    (line,) = cut.get_lines()
    got = dict(zip(line.get_xdata(), line.get_ydata(), strict=True))
    values = egdi[egdi["indicator"] == "egdi"]
    for year in (2016, 2018, 2020):
        edition = values[values["year"] == year]
        kenya = float(edition.loc[edition["iso3"] == "KEN", "value"].iloc[0])
        expected = 1 + int((edition["value"] > kenya).sum())  # an independent count
        assert got[year] == expected, year
    assert not np.isnan(list(got.values())).any()


def test_a_highlight_joins_the_focus_countries_in_the_default_chart(egdi):
    ax = plots.plot_rank_bump(egdi[egdi["year"] >= 2012], "egdi", within="shown", highlight="EST")
    colours = _colours(ax)
    assert colours["Estonia"] == HIGHLIGHT_COLOURS[0]
    assert colours["Finland"] == PEER_GREY
    assert "Estonia moved from" in alt_text(ax) and "Denmark moved from" in alt_text(ax)
    assert "Finland moved from" not in alt_text(ax)


def test_default_is_unchanged_and_bad_arguments_raise(egdi):
    ax = plots.plot_rank_bump(egdi, "egdi")
    assert any(c == PEER_GREY for c in _colours(ax).values())
    assert not set(_colours(ax).values()) & set(HIGHLIGHT_COLOURS)
    with pytest.raises(UnknownCountryError):
        plots.plot_rank_bump(egdi, "egdi", highlight=["KENN"])
    with pytest.raises(ValueError, match="ends before it starts"):
        plots.plot_rank_bump(egdi, "egdi", years=(2022, 2014))
    with pytest.raises(ValueError, match="years must be"):
        plots.plot_rank_bump(egdi, "egdi", years=2022)  # type: ignore[arg-type]
