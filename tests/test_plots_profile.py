"""The country-profile charts: any country highlighted against grey peers, alt text computed
from what was drawn, on hand-worked frames and on the real UN table."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_hex
from plots_support import close_all, draw_band, draw_strip, require_mirror

from smartresearch import plots
from smartresearch.analysis import profiles
from smartresearch.errors import UnknownCountryError, ValidationError
from smartresearch.plots.palette import INK

PEERS = ["DNK", "KOR", "GBR"]  # the group: EST (profiled) and these three


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    close_all()


def tidy(csv: str) -> pd.DataFrame:
    """A tidy table as the clean CSVs hold it (plus a name column the charts must ignore)."""
    frame = pd.read_csv(io.StringIO(csv.strip()))
    return frame.assign(country="as printed", source_file="data/raw/test/index.csv")


# EST: last of the four in 2020, not assessed in 2022, second in 2024. BRA is in the table
# but not in the group, so it never enters the band or the strip.
EGDI = tidy(
    """
iso3,year,indicator,value
DNK,2020,egdi,0.90
KOR,2020,egdi,0.85
GBR,2020,egdi,0.80
EST,2020,egdi,0.70
DNK,2022,egdi,0.95
KOR,2022,egdi,0.90
GBR,2022,egdi,0.85
BRA,2022,egdi,0.60
DNK,2024,egdi,0.98
KOR,2024,egdi,0.96
GBR,2024,egdi,0.95
EST,2024,egdi,0.97
BRA,2024,egdi,0.70
"""
)
# EST below its peers on online services, above them on human capital, not in the DGI.
COMPONENTS = tidy(
    """
iso3,year,indicator,value
DNK,2024,osi,0.99
KOR,2024,osi,1.0
GBR,2024,osi,0.95
EST,2024,osi,0.90
BRA,2024,osi,0.5
DNK,2024,hci,0.90
KOR,2024,hci,0.88
GBR,2024,hci,0.92
EST,2024,hci,0.95
DNK,2023,dgi,0.70
KOR,2023,dgi,0.80
GBR,2023,dgi,0.60
"""
)


def own_line(ax, name: str):
    return next(line for line in ax.get_lines() if line.get_label() == name)


# --- peer band ---------------------------------------------------------------------------


def test_peer_band_draws_the_band_the_median_and_the_highlighted_country():
    ax = draw_band(EGDI, "EST", PEERS, indicator="egdi", label="EGDI")
    estonia = own_line(ax, "Estonia")
    assert to_hex(estonia.get_color()) == plots.HIGHLIGHT_COLOUR.lower()
    values = estonia.get_ydata()
    assert values[0] == pytest.approx(0.70) and np.isnan(values[1])  # 2022: a gap, no bridge
    assert values[2] == pytest.approx(0.97)
    median = own_line(ax, "Peers' median")
    # medians of the other members: (0.90, 0.85, 0.80), (0.95, 0.90, 0.85), (0.98, 0.96, 0.95);
    # the band and median go on through 2022, when only Estonia was not assessed
    assert median.get_ydata() == pytest.approx([0.85, 0.90, 0.96])
    assert to_hex(median.get_color()) == INK.lower()
    band = ax.collections[0].get_paths()[0].vertices
    assert band[:, 1].min() == pytest.approx(0.80) and band[:, 1].max() == pytest.approx(0.98)
    assert plots.alt_text(ax) == (
        "Line chart of EGDI for Estonia across 3 editions, 2020–2024, against a grey band "
        "spanning its peers' range and a dashed line at their median: Estonia went from 0.7 "
        "(4 of 4 among the group) in 2020 to 0.97 (2 of 4) in 2024, above the peers' median "
        "of 0.96; not assessed in 2022."
    )


def test_peer_band_keeps_a_focus_countrys_own_colour_and_says_below():
    ax = draw_band(EGDI, "GBR", ["DNK", "KOR", "EST"], indicator="egdi")
    assert to_hex(own_line(ax, "United Kingdom").get_color()) == plots.FOCUS_COLOURS["GBR"].lower()
    # 2024: GBR 0.95 against DNK 0.98, KOR 0.96, EST 0.97 -> median 0.97, below it
    assert "(4 of 4) in 2024, below the peers' median of 0.97." in plots.alt_text(ax)


def test_peer_band_for_a_country_never_assessed_and_bad_input():
    ax = draw_band(EGDI, "FIN", PEERS, indicator="egdi")
    assert plots.alt_text(ax) == "Chart of EGDI with no values for Finland: it was never assessed."
    with pytest.raises(UnknownCountryError, match="ESTT"):
        draw_band(EGDI, "ESTT", PEERS, indicator="egdi")
    with pytest.raises(ValidationError, match=r"\['gtmi'\].*available: \['egdi'\]"):
        draw_band(EGDI, "EST", PEERS, indicator="gtmi")
    with pytest.raises(ValidationError, match="value"):
        draw_band(EGDI.drop(columns="value"), "EST", PEERS, indicator="egdi")


# --- peer strip --------------------------------------------------------------------------


def test_peer_strip_rows_dots_median_ticks_and_alt_text():
    labels = {"osi": "Online services", "hci": "Human capital", "dgi": "DGI"}
    ax = draw_strip(COMPONENTS, "EST", PEERS, indicators=["osi", "hci", "dgi"], labels=labels)
    # a row for each indicator Estonia is assessed on; the DGI, which it is not, has none
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "Online services (2024)",
        "Human capital (2024)",
    ]
    assert notes(ax) == ["Estonia is not assessed on DGI (2023)."]
    colours = [to_hex(c.get_facecolor()[0]) for c in ax.collections]
    grey, highlight = plots.PEER_GREY.lower(), plots.HIGHLIGHT_COLOUR.lower()
    # per row: the three peers in grey (never BRA), then Estonia
    assert colours == [grey, highlight, grey, highlight]
    assert sorted(ax.collections[0].get_offsets()[:, 0]) == pytest.approx([0.95, 0.99, 1.0])
    ticks = [line.get_xdata()[0] for line in ax.get_lines()]
    assert ticks == pytest.approx([0.99, 0.90])  # the other peers' medians
    assert plots.alt_text(ax) == (
        "Dot chart of 3 indicators, each in its latest edition: peers' scores as grey dots, "
        "their median as a dark tick and Estonia as a coloured dot. Estonia is above the peer "
        "median on 1 of 2, furthest on Human capital (+0.050); furthest below on Online "
        "services (-0.090); not assessed on DGI."
    )


def notes(ax) -> list[str]:
    """The grey notes under a peer strip (annotations without a leader)."""
    return [
        t.get_text().replace("\n", " ")
        for t in ax.texts
        if t.get_color() == plots.palette.PEER_TEXT_GREY
    ]


def test_peer_strip_when_the_country_is_assessed_on_nothing_and_bad_input():
    ax = draw_strip(COMPONENTS, "EST", PEERS, indicators=["dgi"])
    assert plots.alt_text(ax) == "Dot chart of 1 indicator on which Estonia was not assessed."
    assert [t.get_text() for t in ax.texts] == ["No data: Estonia on dgi"]
    with pytest.raises(ValueError, match="no rows"):
        draw_strip(COMPONENTS, "EST", PEERS, indicators=[])
    gaps = profiles.component_gaps(COMPONENTS, "EST", PEERS, components=["osi"])
    with pytest.raises(ValueError, match="one country"):
        plots.plot_peer_strip(pd.concat([gaps, gaps.assign(iso3="DNK")]), gaps)
    with pytest.raises(ValidationError, match=r"\['tii'\]"):
        draw_strip(COMPONENTS, "EST", PEERS, indicators=["osi", "tii"])
    with pytest.raises(UnknownCountryError, match="DEN"):
        draw_strip(COMPONENTS, "EST", ["DEN"], indicators=["osi"])


# --- on the real UN table ----------------------------------------------------------------


def test_profile_charts_on_the_un_survey_are_deterministic():
    require_mirror()
    from plots_support import un_egov

    egdi = un_egov()
    with plots.style_context():
        ax = draw_band(egdi, "EST", indicator="egdi", label="EGDI")
        again = draw_band(egdi, "EST", indicator="egdi", label="EGDI")
        assert plots.figure_bytes(ax) == plots.figure_bytes(again)
    latest = egdi[(egdi["indicator"] == "egdi") & (egdi["year"] == egdi["year"].max())]
    estonia = latest.loc[latest["iso3"] == "EST", "value"].iloc[0]
    assert own_line(ax, "Estonia").get_ydata()[-1] == pytest.approx(estonia)
    assert f"to {estonia:.3g} (" in plots.alt_text(ax)
    strip = draw_strip(egdi, "SGP", indicators=["osi", "hci", "tii", "epi"])
    assert len(strip.get_yticklabels()) == 4
    assert plots.alt_text(strip).startswith("Dot chart of 4 indicators")


def test_peer_strip_of_a_country_most_indices_skip_shows_what_exists():
    """Kenya: the UN and the World Bank assess it, the OECD does not. Its strip has one row
    per component it has a score on, and one note for the six OECD rows it lacks, not six
    rows of "not assessed" (as the profile chapter drew before)."""
    from smartresearch import datasets

    frames = [datasets.load(name) for name in ("egdi", "oecd_dgi", "gtmi")]
    combined = pd.concat(frames, ignore_index=True)
    oecd = ["digital_by_design", "data_driven", "government_as_platform"]
    oecd += ["open_by_default", "user_driven", "proactiveness"]
    rows = ["osi", "hci", "tii", "epi", *oecd, "cgsi", "psdi", "dcei", "gtei"]
    peers = ["UGA", "TZA", "RWA", "ETH", "GHA", "NGA", "ZAF"]
    with plots.style_context():
        ax = draw_strip(combined, "KEN", peers, indicators=rows)
        ax.figure.canvas.draw()
    ticks = [t.get_text() for t in ax.get_yticklabels()]
    assert len(ticks) == 8 and not any("not assessed" in t for t in ticks)
    assert [t.split(" (")[0] for t in ticks] == [
        "osi",
        "hci",
        "tii",
        "epi",
        "cgsi",
        "psdi",
        "dcei",
        "gtei",
    ]
    (note,) = notes(ax)
    assert note.startswith("Kenya is not assessed on digital_by_design, data_driven")
    assert note.endswith("and proactiveness (2023).")
    # the note sits under the x-axis label, inside the figure
    renderer = ax.figure.canvas.get_renderer()
    label_box = ax.xaxis.label.get_window_extent(renderer)
    note_box = next(t for t in ax.texts if t.get_text().startswith("Kenya")).get_window_extent(
        renderer
    )
    assert note_box.y1 <= label_box.y0 + 0.5 and note_box.y0 >= 0


def test_peer_strip_refuses_to_mix_0_1_and_0_100_scores_on_one_axis():
    hundreds = tidy(
        """
iso3,year,indicator,value
DNK,2022,egov_overall,90.1
KOR,2022,egov_overall,70.0
GBR,2022,egov_overall,80.5
EST,2022,egov_overall,95.0
"""
    )
    both = pd.concat([COMPONENTS, hundreds], ignore_index=True)
    with pytest.raises(ValidationError, match=r"\['hci', 'osi'\] are scores within 0–1 while "):
        draw_strip(both, "EST", PEERS, indicators=["osi", "hci", "egov_overall"])
    # one scale, either one, is fine
    assert draw_strip(both, "EST", PEERS, indicators=["egov_overall"]) is not None
