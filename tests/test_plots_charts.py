"""Each chart on real UN survey data and on messy small tables: what it draws, its alt text,
and the inputs it must survive (gaps, one country, all-NaN) or refuse (clear errors)."""

from __future__ import annotations

import itertools

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.text import Annotation, Text
from plots_support import close_all, require_mirror, un_egov

from smartresearch import plots
from smartresearch.errors import UnknownCountryError, ValidationError
from smartresearch.plots._data import index_frame
from smartresearch.wording import ordinal

TIDY = ["iso3", "country", "year", "indicator", "value", "source_file"]


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    close_all()


@pytest.fixture(scope="module")
def un() -> pd.DataFrame:
    require_mirror()
    return un_egov()


def table(rows) -> pd.DataFrame:
    """A small tidy table from (iso3, year, indicator, value) rows, names from the reference."""
    frame = pd.DataFrame(rows, columns=["iso3", "year", "indicator", "value"])
    names = {
        "DNK": "Denmark",
        "KOR": "South Korea",
        "GBR": "United Kingdom",
        "EST": "Estonia",
        "SGP": "Singapore",
        "FIN": "Finland",
    }
    frame["country"] = frame["iso3"].map(names)
    frame["source_file"] = "data/raw/test/EGOV_DATA_TEST.csv"
    return frame[TIDY]


def world_rank(un: pd.DataFrame, iso3: str, year: int, indicator: str = "egdi") -> int:
    """Rank computed independently of the plots package: 1 + how many scored higher."""
    edition = un[(un["indicator"] == indicator) & (un["year"] == year)]
    value = edition.loc[edition["iso3"] == iso3, "value"].iloc[0]
    return 1 + int((edition["value"] > value).sum())


def annotation_texts(ax) -> list[str]:
    return [child.get_text() for child in ax.get_children() if isinstance(child, Annotation)]


def no_overlaps(ax, texts) -> None:
    fig = ax.get_figure()
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    boxes = [  # the text's own box (an Annotation's extent also covers its leader line)
        (child.get_text(), Text.get_window_extent(child, renderer))
        for child in ax.get_children()
        if isinstance(child, Annotation) and child.get_text() in texts
    ]
    assert len(boxes) == len(texts)
    for (name_a, a), (name_b, b) in itertools.combinations(boxes, 2):
        overlap_x = min(a.x1, b.x1) - max(a.x0, b.x0)
        overlap_y = min(a.y1, b.y1) - max(a.y0, b.y0)
        assert overlap_x <= 0.5 or overlap_y <= 0.5, f"labels {name_a!r} and {name_b!r} overlap"


# --- shared input checks (the validators behind every chart) ------------------------------


def test_index_frame_accepts_a_tidy_table_and_drops_missing_values():
    frame = table([("DNK", 2022, "egdi", 0.97), ("KOR", 2022, "egdi", np.nan)])
    checked = index_frame(frame, chart="test")
    assert list(checked["iso3"]) == ["DNK"]
    assert checked["year"].dtype.kind == "i"


def test_index_frame_names_a_renamed_column_and_the_file():
    frame = table([("DNK", 2022, "egdi", 0.97)]).rename(columns={"value": "Value"})
    with pytest.raises(
        ValidationError,
        match=r"plot_x \(rows from .*EGOV_DATA_TEST.csv\): missing column\(s\) \['value'\]",
    ):
        index_frame(frame, chart="plot_x")


def test_index_frame_rejects_text_in_the_value_column():
    frame = table([("DNK", 2022, "egdi", 0.97), ("KOR", 2022, "egdi", 0.9)])
    frame["value"] = frame["value"].astype(object)
    frame.loc[1, "value"] = "n/a"
    with pytest.raises(ValidationError, match=r"'value'.*'n/a'"):
        index_frame(frame, chart="plot_x")


def test_index_frame_rejects_repeated_keys():
    frame = table([("DNK", 2022, "egdi", 0.97), ("DNK", 2022, "egdi", 0.95)])
    with pytest.raises(ValidationError, match="repeat a key"):
        index_frame(frame, chart="plot_x")


def test_index_frame_rejects_unknown_country_codes():
    frame = table([("DNK", 2022, "egdi", 0.97)])
    frame.loc[0, "iso3"] = "ZZZ"
    with pytest.raises(UnknownCountryError, match="ZZZ"):
        index_frame(frame, chart="plot_x")


def test_index_frame_rejects_fractional_years():
    frame = table([("DNK", 2022, "egdi", 0.97)])
    frame["year"] = [2022.5]
    with pytest.raises(ValidationError, match="non-year"):
        index_frame(frame, chart="plot_x")


def test_ordinal_suffixes():
    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111)] == [
        "1st",
        "2nd",
        "3rd",
        "4th",
        "11th",
        "12th",
        "13th",
        "21st",
        "22nd",
        "101st",
        "111th",
    ]


# --- trajectories -----------------------------------------------------------------------


def test_trajectories_label_focus_countries_with_their_world_rank(un):
    ax = plots.plot_trajectories(un, "egdi")
    latest = int(un["year"].max())
    labels = annotation_texts(ax)
    for iso3, name in [("DNK", "Denmark"), ("KOR", "South Korea"), ("GBR", "United Kingdom")]:
        # the rank says what it is of: "Denmark 1st of 193", not a bare "1st"
        assert f"{name} {ordinal(world_rank(un, iso3, latest))} of 193" in labels
    text = plots.alt_text(ax)
    assert text.startswith("Line chart of EGDI across the 2003–2022 editions for 17 countries")
    assert f"{ordinal(world_rank(un, 'DNK', latest))} of 193" in text
    assert len(ax.get_lines()) == 17


def test_trajectories_labels_do_not_overlap_when_lines_end_together(un):
    ax = plots.plot_trajectories(un, "egdi", labels="all")
    labels = annotation_texts(ax)
    assert len(labels) == 17
    no_overlaps(ax, labels)


def test_trajectories_break_lines_at_missing_editions_instead_of_bridging():
    data = table(
        [
            ("DNK", 2018, "egdi", 0.9),
            ("DNK", 2022, "egdi", 0.97),
            ("KOR", 2018, "egdi", 0.9),
            ("KOR", 2020, "egdi", 0.95),
            ("KOR", 2022, "egdi", 0.95),
        ]
    )
    ax = plots.plot_trajectories(data, "egdi", countries=["DNK", "KOR"])
    denmark = [line for line in ax.get_lines() if line.get_label() == "Denmark"][0]
    assert list(denmark.get_xdata()) == [2018, 2020, 2022]
    assert np.isnan(denmark.get_ydata()[1])


def test_trajectories_single_country_and_missing_values():
    data = table(
        [("DNK", 2018, "egdi", 0.9), ("DNK", 2020, "egdi", np.nan), ("DNK", 2022, "egdi", 0.97)]
    )
    ax = plots.plot_trajectories(data, "egdi")
    assert annotation_texts(ax) == ["Denmark 1st of 1"]  # the field: this table
    assert "for 1 country:" in plots.alt_text(ax)


def test_trajectories_all_nan_series_draws_an_honest_empty_chart():
    data = table([("DNK", 2018, "egdi", np.nan), ("KOR", 2018, "egdi", np.nan)])
    ax = plots.plot_trajectories(data, "egdi")
    assert ax.get_lines() == []
    assert plots.alt_text(ax).startswith("Empty chart: there is no data to show")
    assert any(t.get_text().startswith("No data") for t in ax.texts)


def test_trajectories_can_use_published_ranks():
    data = table(
        [
            ("DNK", 2022, "egdi", 0.97),
            ("KOR", 2022, "egdi", 0.95),
            ("DNK", 2022, "egdi_rank", 1),
            ("KOR", 2022, "egdi_rank", 3),  # UN rank among 193
        ]
    )
    ax = plots.plot_trajectories(data, "egdi", rank_from="egdi_rank")
    # the table holds 2 of the UN's 193: the field is unknown, so no "3rd of 2"
    assert "South Korea 3rd" in annotation_texts(ax)


def test_published_ranks_say_what_they_are_of():
    from smartresearch import datasets

    egdi = datasets.load("egdi")
    latest = int(egdi["year"].max())
    ranked = egdi[(egdi["indicator"] == "egdi_rank") & (egdi["year"] == latest)]
    uk = int(ranked.loc[ranked["iso3"] == "GBR", "value"].iloc[0])
    ax = plots.plot_trajectories(egdi, "egdi", rank_from="egdi_rank")
    assert f"United Kingdom {ordinal(uk)} of {len(ranked)}" in annotation_texts(ax)
    assert len(ranked) == 193


def test_trajectories_point_out_an_unknown_indicator_and_country(un):
    with pytest.raises(
        ValidationError, match=r"'edgi'.*available: \['egdi', 'epi', 'hci', 'osi', 'tii'\]"
    ):
        plots.plot_trajectories(un, "edgi")
    with pytest.raises(UnknownCountryError, match="DEN"):
        plots.plot_trajectories(un, "egdi", countries=["DEN"])
    with pytest.raises(ValueError, match="labels"):
        plots.plot_trajectories(un, "egdi", labels="some")


def test_charts_draw_on_the_axes_they_are_given(un):
    fig, (left, right) = plt.subplots(1, 2)
    assert plots.plot_trajectories(un, "egdi", ax=left) is left
    assert plots.plot_rank_bump(un, "egdi", ax=right) is right
    assert len(plt.get_fignums()) == 1


# --- bump -------------------------------------------------------------------------------


def test_bump_ranks_within_the_shown_countries(un):
    recent = un[un["year"] >= 2018]
    ax = plots.plot_rank_bump(
        recent, "egdi", countries=["DNK", "KOR", "GBR", "EST"], within="shown"
    )
    edition = recent[
        (recent["indicator"] == "egdi")
        & (recent["year"] == 2022)
        & recent["iso3"].isin(["DNK", "KOR", "GBR", "EST"])
    ]
    expected = edition.sort_values("value", ascending=False)["country"].tolist()
    right_labels = [t for t in annotation_texts(ax) if t[0].isdigit()]
    assert sorted(right_labels) == sorted(
        # the field said once, on the best: "1st of 4 Denmark", "2nd South Korea"...
        f"{ordinal(i + 1)}{' of 4' if i == 0 else ''} {name}"
        for i, name in enumerate(expected)
    )
    assert ax.yaxis_inverted()
    assert "among the countries shown" in plots.alt_text(ax)
    no_overlaps(ax, right_labels)


def test_bump_world_rank_matches_an_independent_count(un):
    ax = plots.plot_rank_bump(un, "egdi", countries=["GBR"])
    fields = un[un["indicator"] == "egdi"].groupby("year")["iso3"].size()
    latest = f"{ordinal(world_rank(un, 'GBR', 2022))} of {fields[2022]} United Kingdom"
    assert latest in annotation_texts(ax)
    first = f"United Kingdom {ordinal(world_rank(un, 'GBR', 2003))} of {fields[2003]}"
    assert first in annotation_texts(ax)


def test_bump_survives_gaps_and_all_nan():
    data = table(
        [("DNK", 2018, "egdi", 0.9), ("KOR", 2018, "egdi", 0.8), ("KOR", 2020, "egdi", 0.85)]
    )
    ax = plots.plot_rank_bump(data, "egdi")
    assert "1st of 2 Denmark" in annotation_texts(ax)  # its last point, 2018: still labelled
    empty = table([("DNK", 2018, "egdi", np.nan)])
    assert plots.alt_text(plots.plot_rank_bump(empty, "egdi")).startswith("Empty chart")


# --- dumbbell and slope -----------------------------------------------------------------


def test_dumbbell_between_two_editions_sorted_best_first(un):
    ax = plots.plot_dumbbell(un, "egdi", years=(2012, 2022), countries=["DNK", "KOR", "GBR", "EST"])
    labels = [t.get_text() for t in ax.get_yticklabels()]
    latest = un[
        (un["indicator"] == "egdi")
        & (un["year"] == 2022)
        & un["iso3"].isin(["DNK", "KOR", "GBR", "EST"])
    ]
    assert labels == latest.sort_values("value", ascending=False)["country"].tolist()
    text = plots.alt_text(ax)
    assert text.startswith("Dumbbell chart of 4 countries' values on EGDI in 2012 and 2022")
    dnk = un[(un["iso3"] == "DNK") & (un["indicator"] == "egdi")].set_index("year")["value"]
    assert f"Denmark {dnk[2012]:.3g} to {dnk[2022]:.3g}" in text


def test_dumbbell_of_two_indices_ranks_among_countries_in_both():
    data = table(
        [
            ("DNK", 2022, "egdi", 0.97),
            ("KOR", 2022, "egdi", 0.95),
            ("EST", 2022, "egdi", 0.93),
            ("SGP", 2022, "egdi", 0.91),
            ("DNK", 2023, "dgi", 0.7),
            ("KOR", 2023, "dgi", 0.9),
            ("EST", 2023, "dgi", 0.6),  # no SGP: not an OECD member
        ]
    )
    ax = plots.plot_dumbbell(
        data, ("egdi", "dgi"), scale="rank", countries=["DNK", "KOR", "EST", "SGP"]
    )
    assert ax.get_xaxis().get_label().get_text() == "Rank among the 3 countries in both (1 = best)"
    assert [t.get_text() for t in ax.get_yticklabels()] == ["South Korea", "Denmark", "Estonia"]
    assert ax.xaxis_inverted()
    text = plots.alt_text(ax)
    assert "Denmark 1st to 2nd" in text and "not assessed at both ends: Singapore" in text


def test_dumbbell_with_a_missing_end_draws_one_dot():
    data = table(
        [("DNK", 2012, "egdi", 0.9), ("DNK", 2022, "egdi", 0.97), ("KOR", 2022, "egdi", 0.95)]
    )
    ax = plots.plot_dumbbell(data, "egdi", years=(2012, 2022))
    assert "South Korea has a value only for 2022" in plots.alt_text(ax)


def test_pairs_refuse_an_edition_that_is_not_held(un):
    with pytest.raises(ValidationError, match=r"no 'egdi' values for 2011.*2012"):
        plots.plot_dumbbell(un, "egdi", years=(2011, 2022))
    with pytest.raises(ValueError, match="scale"):
        plots.plot_slope(un, "egdi", scale="zscore")


def test_slope_labels_both_ends_without_overlap(un):
    ax = plots.plot_slope(un, "egdi", years=(2012, 2022))
    labels = annotation_texts(ax)
    assert len(labels) == 34
    right = [t for t in labels if t[0].isdigit()]
    no_overlaps(ax, right)
    assert plots.alt_text(ax).startswith(
        "Slope chart of 17 countries' values on EGDI in 2012 and 2022"
    )


def test_pairs_single_country_and_all_nan():
    one = table([("DNK", 2012, "egdi", 0.9), ("DNK", 2022, "egdi", 0.97)])
    assert len(plots.plot_slope(one, "egdi").get_lines()) == 1
    nan = table(
        [("DNK", 2012, "egdi", np.nan), ("DNK", 2022, "egdi", np.nan), ("KOR", 2022, "egdi", 0.9)]
    )
    with pytest.raises(ValidationError, match="no 'egdi' values for 2012"):
        plots.plot_dumbbell(nan, "egdi", years=(2012, 2022))


# --- components -------------------------------------------------------------------------


def test_components_return_one_axes_per_country_with_alt_text(un):
    axes = plots.plot_components(
        un, ("osi", "hci", "tii"), countries=["DNK", "KOR", "GBR", "EST"], total="egdi", ncols=3
    )
    assert isinstance(axes, np.ndarray) and axes.shape == (4,)
    fig = axes[0].get_figure()
    assert len(fig.axes) == 4  # the unused fifth and sixth cells are removed
    assert [ax.get_title(loc="left") for ax in axes] == [
        "Denmark",
        "South Korea",
        "United Kingdom",
        "Estonia",
    ]
    assert all(len(ax.get_lines()) == 4 for ax in axes)
    text = plots.alt_text(axes)
    assert text == plots.alt_text(fig)
    assert text.startswith("Small multiples of OSI, HCI, TII, EGDI across the 2003–2022 editions")
    dnk = un[
        (un["iso3"] == "DNK")
        & (un["year"] == 2022)
        & un["indicator"].isin(["osi", "hci", "tii", "egdi"])
    ]
    top = dnk.sort_values("value").iloc[-1]
    assert f"Denmark in 2022 scored highest on {top['indicator'].upper()}" in text
    assert axes[0].get_shared_y_axes().joined(axes[0], axes[3])


def test_components_panel_for_a_country_without_data(un):
    axes = plots.plot_components(un, ("osi", "hci"), countries=["DNK", "AIA"])
    assert plots.alt_text(axes[1]) == "Empty panel: no data for Anguilla."
    assert "Anguilla has no data" in plots.alt_text(axes)


def test_components_reject_an_unknown_component(un):
    with pytest.raises(ValidationError, match="'osii'"):
        plots.plot_components(un, ("osii", "hci"))


# --- heatmap ----------------------------------------------------------------------------


def test_heatmap_leaves_coverage_gaps_empty_not_zero(un):
    latest = un[un["year"] == 2022]
    dgi = table([("DNK", 2023, "dgi", 0.7), ("KOR", 2023, "dgi", 0.9), ("GBR", 2023, "dgi", 0.6)])
    ax = plots.plot_rank_heatmap(
        pd.concat([latest, dgi]), ["egdi", "dgi"], countries=["DNK", "KOR", "GBR", "SGP"]
    )
    mesh = ax.collections[0]
    cells = mesh.get_array()
    rows = [t.get_text() for t in ax.get_yticklabels()]
    singapore = rows.index("Singapore")
    assert np.ma.is_masked(cells) and cells.mask.reshape(4, 2)[singapore, 1]
    assert not cells.mask.reshape(4, 2)[singapore, 0]
    headers = [t.get_text() for t in ax.get_xticklabels()]
    assert headers == ["EGDI\n2022\nn=193", "DGI\n2023\nn=3"]
    cell_texts = {
        (round(t.get_position()[1]), round(t.get_position()[0])): t.get_text() for t in ax.texts
    }
    assert cell_texts[(rows.index("Denmark"), 0)] == str(world_rank(un, "DNK", 2022))
    assert cell_texts[(rows.index("South Korea"), 1)] == "1"
    assert (singapore, 1) not in cell_texts
    assert "1 cell not assessed (Singapore on DGI)" in plots.alt_text(ax)


def test_heatmap_keeps_a_row_for_a_country_with_no_value_at_all():
    data = table([("DNK", 2022, "egdi", 0.97), ("KOR", 2022, "egdi", 0.95)])
    ax = plots.plot_rank_heatmap(data, countries=["KOR", "FIN", "DNK"])
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Denmark", "South Korea", "Finland"]
    assert ax.collections[0].get_array().mask.reshape(3, 1)[2, 0]


def test_heatmap_rejects_a_year_an_indicator_does_not_have(un):
    with pytest.raises(ValidationError, match=r"no 'egdi' values for 2021"):
        plots.plot_rank_heatmap(un, ["egdi"], years=2021)


# --- concordance ------------------------------------------------------------------------


def test_concordance_prints_spearman_rho_and_n_computed_from_the_points(un):
    latest = un[un["year"] == 2022]
    ax = plots.plot_concordance(latest, "osi", "tii", label_outliers=3)
    wide = (
        latest[latest["indicator"].isin(["osi", "tii"])]
        .pivot(index="iso3", columns="indicator", values="value")
        .dropna()
    )
    rho = wide["osi"].corr(wide["tii"], method="spearman")
    corner = [t.get_text() for t in ax.texts if t.get_text().startswith("Spearman")]
    assert corner == [f"Spearman ρ = {rho:.2f}\nn = {len(wide)}"]
    gap = (
        wide["osi"].rank(ascending=False, method="min")
        - wide["tii"].rank(ascending=False, method="min")
    ).abs()
    expected_outliers = (
        gap.drop(["DNK", "KOR", "GBR"]).sort_values(ascending=False, kind="stable").head(3).index
    )
    labelled = set(annotation_texts(ax))
    names = latest.drop_duplicates("iso3").set_index("iso3")["country"]
    assert {names[c] for c in expected_outliers} | {
        "Denmark",
        "South Korea",
        "United Kingdom",
    } == labelled
    no_overlaps(ax, sorted(labelled))


def test_concordance_with_too_few_or_constant_points_omits_rho_without_warnings():
    few = table(
        [
            ("DNK", 2022, "a", 1.0),
            ("KOR", 2022, "a", 2.0),
            ("DNK", 2022, "b", 1.0),
            ("KOR", 2022, "b", 2.0),
        ]
    )
    ax = plots.plot_concordance(few, "a", "b")
    assert any(t.get_text() == "n = 2 (too few for a rank correlation)" for t in ax.texts)
    constant = table(
        [(c, 2022, "a", 1.0) for c in ["DNK", "KOR", "GBR", "EST", "FIN", "SGP"]]
        + [
            (c, 2022, "b", v)
            for c, v in zip(
                ["DNK", "KOR", "GBR", "EST", "FIN", "SGP"], [1, 2, 3, 4, 5, 6], strict=True
            )
        ]
    )
    assert (
        plots.rank_correlation(
            constant[constant.indicator == "a"]["value"],
            constant[constant.indicator == "b"]["value"],
        )
        is None
    )
    assert "too few" in plots.alt_text(plots.plot_concordance(constant, "a", "b"))


def test_concordance_with_no_common_country_and_bad_arguments():
    apart = table([("DNK", 2022, "a", 1.0), ("KOR", 2022, "b", 2.0)])
    assert plots.alt_text(plots.plot_concordance(apart, "a", "b")).startswith("Empty chart")
    with pytest.raises(ValueError, match="label_outliers"):
        plots.plot_concordance(apart, "a", "b", label_outliers=-1)


# --- pledge tracker ---------------------------------------------------------------------

#: GOV.UK Verify: the 2016 forecast of 25 million users by April 2020 against the counts
#: the NAO and the Public Accounts Committee reported (research/policy_outcomes.csv O01-O04).
VERIFY = pd.DataFrame(
    {
        "date": ["2016-04-01", "2017-02-01", "2019-02-01", "2019-03-01", "2020-04-01", "2020"],
        "value": [0, 1.1e6, 3.6e6, 3.9e6, 25e6, 5.4e6],
        "kind": ["baseline", "observed", "observed", "observed", "target", "projection"],
        "note": ["", "NAO", "NAO", "PAC", "", "NAO trend"],
    }
)


def test_pledge_tracker_marks_target_observations_and_verdict():
    ax = plots.plot_pledge_tracker(
        VERIFY, verdict="missed", pledge="25 million Verify users by 2020", unit="users", iso3="GBR"
    )
    badge = [t.get_text() for t in ax.texts if "Verdict" in t.get_text()]
    assert badge == ["Verdict: missed"]  # no symbol: every verdict is written alike
    assert "Target 25 million users\nby Apr 2020" in annotation_texts(ax)
    observed = [
        line
        for line in ax.get_lines()
        if line.get_color() == plots.country_colour("GBR") and line.get_linestyle() == "-"
    ]
    assert len(observed) == 1 and list(observed[0].get_ydata()) == [1.1e6, 3.6e6, 3.9e6]
    text = plots.alt_text(ax)
    assert text == (
        "Pledge tracker for 25 million Verify users by 2020: "
        "the target was 25 million users by Apr 2020; "
        "observed values went from 1.1 million (Feb 2017) to 3.9 million (Mar 2019), "
        "16% of the target; "
        "a projection put it at 5.4 million by 2020; verdict: missed."
    )


def test_pledge_tracker_accepts_decimal_years_and_reads_the_verdict_column():
    points = pd.DataFrame(
        {
            "date": [2021.0, 2023.5, 2025.0],
            "value": [3.6, 5.0, 6.0],
            "kind": ["observed", "observed", "target"],
            "verdict": ["on track"] * 3,
        }
    )
    ax = plots.plot_pledge_tracker(points)
    assert any(t.get_text() == "Verdict: on track" for t in ax.texts)
    assert "went from 3.6 (2021) to 5 (Jul 2023)" in plots.alt_text(ax)


#: Shares of SME procurement (a floor of 33%) and of citizens exempt from Digital Post (a
#: ceiling of 20%), shaped as pledge_points() returns them.
SME = pd.DataFrame(
    {
        "date": ["2014-03-31", "2022-03-31", "2022-03-31"],
        "value": [26.0, 26.5, 33.0],
        "kind": ["observed", "observed", "target"],
    }
)
EXEMPT = pd.DataFrame(
    {
        "date": ["2015-12-31", "2014-11-01"],
        "value": [11.0, 20.0],
        "kind": ["observed", "target"],
        "direction": ["at most", "at most"],
    }
)


def test_pledge_tracker_alt_text_for_a_percentage_floor():
    ax = plots.plot_pledge_tracker(SME, pledge="a third of spend with SMEs", unit="%")
    assert plots.alt_text(ax) == (
        "Pledge tracker for a third of spend with SMEs: the target was 33% by Mar 2022; "
        "observed values went from 26% (Mar 2014) to 26.5% (Mar 2022), "
        "6.5 percentage points short of the target."
    )
    assert "Target 33%\nby Mar 2022" in annotation_texts(ax)


def test_pledge_tracker_alt_text_for_a_ceiling_read_from_the_points():
    ax = plots.plot_pledge_tracker(
        EXEMPT, verdict="met", pledge="at most a fifth exempt", unit="% of citizens"
    )
    assert plots.alt_text(ax) == (
        "Pledge tracker for at most a fifth exempt: the target was at most 20% of citizens by "
        "Nov 2014; one observation: 11% (Dec 2015), 9 percentage points under the ceiling; "
        "verdict: met."
    )
    assert "At most 20%\nby Nov 2014" in annotation_texts(ax)
    # the argument wins over the column: read as a floor, 11 is short of 20
    floor = plots.alt_text(plots.plot_pledge_tracker(EXEMPT, unit="%", direction="at least"))
    assert "the target was 20% by" in floor and "9 percentage points short of the target" in floor


@pytest.mark.parametrize(
    ("value", "target", "direction", "unit", "expected"),
    [
        (25e6, 25e6, "at least", "users", "at or above the target"),
        (3.9e6, 25e6, "at least", "users", "16% of the target"),
        (24.99e6, 25e6, "at least", "users", "99% of the target"),  # never rounded up to 100%
        (32.0, 33.0, "at least", "%", "1 percentage point short of the target"),
        (20.0, 20.0, "at most", "% of citizens", "within the ceiling"),
        (12.0, 10.0, "at most", "services", "20% over the ceiling"),
        (23.5, 20.0, "at most", "% of citizens", "3.5 percentage points over the ceiling"),
    ],
)
def test_against_target_reads_naturally_in_both_directions(
    value, target, direction, unit, expected
):
    from smartresearch.plots.pledges import against_target

    assert against_target(value, target, direction, unit) == expected


def test_pledge_tracker_rejects_an_unknown_or_mixed_direction():
    with pytest.raises(ValidationError, match=r"direction 'below'.*\['at least', 'at most'\]"):
        plots.plot_pledge_tracker(EXEMPT.assign(direction="below"))
    mixed = EXEMPT.assign(direction=["at most", "at least"])
    with pytest.raises(ValidationError, match=r"'direction'.*\['at least', 'at most'\]"):
        plots.plot_pledge_tracker(mixed)
    with pytest.raises(ValidationError, match="'upwards'"):
        plots.plot_pledge_tracker(SME, direction="upwards")


def test_pledge_directions_match_the_pledge_table():
    pledges = pytest.importorskip("smartresearch.corpus.pledges")
    from smartresearch.plots.pledges import DIRECTIONS

    assert DIRECTIONS == pledges.DIRECTIONS


def test_pledge_tracker_rejects_unknown_kinds_and_dates():
    bad_kind = VERIFY.assign(kind=VERIFY["kind"].replace({"target": "goal"}))
    with pytest.raises(ValidationError, match=r"'kind'.*\['goal'\]"):
        plots.plot_pledge_tracker(bad_kind)
    bad_date = VERIFY.assign(date=VERIFY["date"].replace({"2019-02-01": "Feb 2019"}))
    with pytest.raises(ValidationError, match=r"'date'.*'Feb 2019'"):
        plots.plot_pledge_tracker(bad_date)


def test_pledge_tracker_with_only_missing_values():
    ax = plots.plot_pledge_tracker(VERIFY.assign(value=np.nan))
    assert plots.alt_text(ax).startswith("Empty chart")


# --- theme strip ------------------------------------------------------------------------


def themes_table() -> pd.DataFrame:
    rows = [
        # doc_id, event_year, theme, label, hits, words
        ("a", 2017, "data", "Data", 3, 1000),
        ("a", 2017, "skills", "Skills", 1, 1000),
        ("b", 2021, "data", "Data", 1, 3000),
        ("b", 2021, "skills", "Skills", 0, 3000),
        ("c", 2021, "data", "Data", 3, 1000),  # no skills row for c: not measured
    ]
    frame = pd.DataFrame(rows, columns=["doc_id", "event_year", "theme", "label", "hits", "words"])
    frame["rate_per_1000"] = frame["hits"] * 1000 / frame["words"]
    return frame


def test_theme_rates_pool_documents_of_the_same_year():
    rates = plots.theme_rates(themes_table()).set_index(["theme", "event_year"])
    assert rates.loc[("data", 2021), "rate"] == pytest.approx(1000 * 4 / 4000)  # not the mean, 1.67
    assert rates.loc[("data", 2021), "documents"] == 2
    averaged = plots.theme_rates(themes_table().drop(columns=["hits", "words"])).set_index(
        ["theme", "event_year"]
    )
    assert averaged.loc[("data", 2021), "rate"] == pytest.approx((1000 * 1 / 3000 + 3.0) / 2)


def test_theme_strip_draws_years_with_documents_and_leaves_gaps():
    frame = themes_table()
    frame = pd.concat(
        [
            frame,
            pd.DataFrame(
                [
                    {
                        "doc_id": "d",
                        "event_year": 2024,
                        "theme": "data",
                        "label": "Data",
                        "hits": 2,
                        "words": 1000,
                        "rate_per_1000": 2.0,
                    }
                ]
            ),
        ]
    )
    ax = plots.plot_theme_strip(frame)
    assert [t.get_text() for t in ax.get_xticklabels()] == [
        "2017\n1 doc",
        "2021\n2 docs",
        "2024\n1 doc",
    ]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Data", "Skills"]
    cells = ax.collections[0].get_array()
    assert cells.mask.reshape(2, 3)[1, 2]  # skills in 2024 was never measured
    assert {t.get_text() for t in ax.texts} >= {"3.0", "1.0", "2.0", "0.0"}
    text = plots.alt_text(ax)
    assert "the highest rate was Data in 2017 (3.0 per 1,000 words)" in text
    assert "1 theme-year cell had no measurement" in text


def test_theme_strip_validates_its_columns():
    with pytest.raises(ValidationError, match="rate_per_1000"):
        plots.plot_theme_strip(themes_table().drop(columns=["rate_per_1000"]))
    negative = themes_table().assign(rate_per_1000=-1.0)
    with pytest.raises(ValidationError, match="negative"):
        plots.plot_theme_strip(negative.drop(columns=["hits", "words"]))
    with pytest.raises(ValidationError, match="'ethics'"):
        plots.plot_theme_strip(themes_table(), order=["data", "ethics"])


def test_theme_strip_on_the_real_corpus():
    require_mirror()
    corpus = pytest.importorskip("smartresearch.corpus.themes")
    themes = corpus.themes_by_document()
    ax = plots.plot_theme_strip(themes)
    assert len(ax.get_yticklabels()) == themes["theme"].nunique()
    assert plots.alt_text(ax).startswith(
        f"Strip of {themes['theme'].nunique()} corpus themes by year"
    )


def test_pledge_points_keep_only_observations_in_the_pledges_unit():
    pledge = {"pledge_id": "P01", "unit": "users", "target_value": 25e6, "deadline": "2020-04-01"}
    observations = pd.DataFrame(
        {
            "pledge_id": ["P01", "P01", "P01", "P02"],
            "date": pd.to_datetime(["2017-02-28", "2019-03-31", "2022-05-31", "2019-03-31"]),
            "value": [1.1e6, 3.9e6, 5.0, 25.7],
            "unit": ["users", "users", "services using Verify", "%"],
        }
    )
    points = plots.pledge_points(pledge, observations)
    assert points["kind"].tolist() == ["observed", "observed", "target"]
    assert points["value"].tolist() == [1.1e6, 3.9e6, 25e6]
    with_projection = plots.pledge_points({**pledge, "projected_value": 5.4e6}, observations)
    assert with_projection["kind"].tolist()[-1] == "projection"
    assert "direction" not in points.columns
    ceiling = plots.pledge_points({**pledge, "direction": "at most"}, observations)
    assert set(ceiling["direction"]) == {"at most"}
    with pytest.raises(ValidationError, match="'deadline'"):
        plots.pledge_points({"pledge_id": "P01", "unit": "users", "target_value": 1}, observations)


def test_pledge_tracker_on_the_curated_pledges():
    require_mirror()
    from smartresearch import corpus

    verdicts = corpus.pledge_verdicts()
    observations = corpus.load_pledge_observations()
    for row in verdicts.to_dict("records"):
        points = plots.pledge_points(row, observations)
        ax = plots.plot_pledge_tracker(
            points,
            verdict=row["verdict"],
            pledge=row["pledge"],
            unit=row["unit"],
            iso3=row["subject"],
        )
        text = plots.alt_text(ax)
        assert f"verdict: {row['verdict']}" in text or points.empty
        assert " %" not in text
        if row["direction"] == "at most" and (points["kind"] == "observed").any():
            assert "ceiling" in text and "of the target" not in text
        close_all()


def test_a_single_reading_on_its_deadline_gets_a_readable_year_axis():
    """Denmark's MitID migration: one reading (98%) dated the day NemID closed, the target's
    own date. Drawn as any other panel, the axis ran from 1950 to 2100 and the star hid
    the reading."""
    points = pd.DataFrame(
        {
            "date": ["2023-10-31", "2023-10-31"],
            "value": [98.0, 100.0],
            "kind": ["observed", "target"],
        }
    )
    ax = plots.plot_pledge_tracker(points, verdict="missed", unit="%", iso3="DNK")
    left, right = ax.get_xlim()
    assert right - left < 4 and left < 2023.83 < right
    assert [int(t) for t in ax.get_xticks()] == [2022, 2023, 2024]
    [reading] = [line for line in ax.get_lines() if line.get_marker() == "o"]
    [star] = [line for line in ax.get_lines() if line.get_marker() == "*"]
    assert reading.get_zorder() > star.get_zorder()
