"""The index panel: which editions are paired, and what the notebooks compute on it.

Small tables are as messy as the clean tables users pass around (extra indicators, a value
left missing, columns in another order); the real clean tables check that the rule picks
the editions it should and that the panel's values are the published ones.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from scipy import stats  # noqa: E402

from smartresearch import datasets  # noqa: E402
from smartresearch._io import frame_to_csv_bytes  # noqa: E402
from smartresearch.analysis import (  # noqa: E402
    Scenario,
    composite,
    coverage,  # noqa: E402
    panel_agreement,
    panels,
    sensitivity,
)
from smartresearch.analysis.panels import HeadlineIndex  # noqa: E402
from smartresearch.chapters import agreement as agreement_chapter  # noqa: E402
from smartresearch.chapters import composite_grades  # noqa: E402
from smartresearch.chapters.agreement import edition_labels  # noqa: E402
from smartresearch.errors import (  # noqa: E402
    UnknownCountryError,
    UnknownDatasetError,
    ValidationError,
)
from smartresearch.plots import alt_text  # noqa: E402
from smartresearch.plots.agreement import plot_agreement_matrix, plot_rank_moves

EGDI = HeadlineIndex("UN", "egdi", "egdi")
DGI = HeadlineIndex("OECD", "oecd_dgi", "dgi")
TWO = (EGDI, DGI)


def rows(dataset: str, indicator: str, year: int, values: dict[str, float]) -> pd.DataFrame:
    """Tidy rows as the clean tables hold them (country and source_file included)."""
    return pd.DataFrame(
        {
            "source_file": f"data/raw/{dataset}/{year}.csv",
            "iso3": list(values),
            "country": [f"name of {c}" for c in values],
            "year": year,
            "indicator": indicator,
            "value": list(values.values()),
        }
    )


def messy_tables() -> dict[str, pd.DataFrame]:
    """EGDI in 2020/2022/2024 with components mixed in and one value missing; DGI 2019/2023."""
    egdi = pd.concat(
        [
            rows("egdi", "egdi", 2020, {"DNK": 0.90, "KOR": 0.88, "GBR": 0.85}),
            rows("egdi", "egdi", 2022, {"DNK": 0.97, "KOR": 0.95, "GBR": 0.91, "EST": np.nan}),
            rows("egdi", "osi", 2022, {"DNK": 0.98, "KOR": 0.99, "GBR": 0.90}),
            rows("egdi", "egdi", 2024, {"DNK": 0.98, "KOR": 0.96, "GBR": 0.94, "EST": 0.94}),
        ],
        ignore_index=True,
    )
    dgi = pd.concat(
        [
            rows("oecd_dgi", "dgi", 2019, {"DNK": 0.65, "KOR": 0.74, "GBR": 0.72}),
            rows("oecd_dgi", "dgi", 2023, {"DNK": 0.81, "KOR": 0.94, "GBR": 0.78, "EST": 0.6}),
            rows("oecd_dgi", "dgi_rank", 2023, {"DNK": 2.0, "KOR": 1.0, "GBR": 3.0, "EST": 4.0}),
        ],
        ignore_index=True,
    )
    return {"egdi": egdi, "oecd_dgi": dgi}


@pytest.fixture(scope="module")
def real_panel() -> pd.DataFrame:
    """The panel built from the committed clean tables (built once: loading is the slow part)."""
    return panels.latest_index_panel()


def editions(held: dict[str, list[int]]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"index_name": name, "dataset": "egdi", "indicator": "egdi", "year": y, "countries": 10}
            for name, years in held.items()
            for y in years
        ]
    )


# ----------------------------------------------------------------------------- editions


def test_check_indices_accepts_the_headline_indices():
    assert panels.check_indices(panels.HEADLINE_INDICES) == panels.HEADLINE_INDICES


@pytest.mark.parametrize(
    ("indices", "error", "message"),
    [
        ((), ValidationError, "no indices"),
        ((EGDI, HeadlineIndex("UN", "gtmi", "gtmi")), ValidationError, "repeated: ['UN']"),
        ((EGDI, HeadlineIndex("again", "egdi", "egdi")), ValidationError, "repeated: ['egdi']"),
        ((HeadlineIndex("X", "nope", "x"),), UnknownDatasetError, "nope"),
        ((HeadlineIndex("X", "gtmi", "gtmi_score"),), ValidationError, "'gtmi_score'"),
    ],
)
def test_check_indices_refuses_bad_selections(indices, error, message):
    with pytest.raises(error, match=None) as caught:
        panels.check_indices(indices)
    assert message in str(caught.value)


def test_index_editions_counts_countries_with_a_value_per_edition():
    got = panels.index_editions(TWO, tables=messy_tables())
    assert list(got.columns) == ["index_name", "dataset", "indicator", "year", "countries"]
    as_tuples = list(got[["index_name", "year", "countries"]].itertuples(index=False, name=None))
    # EST's 2022 EGDI is missing, and the osi and dgi_rank rows are not headline rows
    assert as_tuples == [
        ("UN", 2020, 3),
        ("UN", 2022, 3),
        ("UN", 2024, 4),
        ("OECD", 2019, 3),
        ("OECD", 2023, 4),
    ]


def test_a_renamed_headline_indicator_names_dataset_indicator_and_what_was_found():
    tables = messy_tables()
    tables["oecd_dgi"] = tables["oecd_dgi"].replace({"indicator": {"dgi": "DGI"}})
    with pytest.raises(ValidationError) as caught:
        panels.index_editions(TWO, tables=tables)
    text = str(caught.value)
    assert "'oecd_dgi'" in text and "'dgi'" in text and "'DGI'" in text


def test_a_renamed_column_names_the_dataset_and_the_column():
    tables = messy_tables()
    tables["egdi"] = tables["egdi"].rename(columns={"value": "score"})
    with pytest.raises(ValidationError, match=r"dataset 'egdi'.*missing column\(s\) \['value'\]"):
        panels.index_editions(TWO, tables=tables)


def test_unknown_countries_and_text_values_are_refused():
    tables = messy_tables()
    tables["egdi"].loc[0, "iso3"] = "DEN"
    with pytest.raises(UnknownCountryError, match="DEN"):
        panels.index_editions(TWO, tables=tables)
    tables = messy_tables()
    tables["egdi"]["value"] = tables["egdi"]["value"].astype(object)
    tables["egdi"].loc[1, "value"] = "0.9*"
    with pytest.raises(ValidationError, match=r"non-numeric values \['0.9\*'\]"):
        panels.index_editions(TWO, tables=tables)


def test_repeated_keys_and_missing_tables_are_refused():
    tables = messy_tables()
    tables["egdi"] = pd.concat([tables["egdi"], tables["egdi"].head(1)], ignore_index=True)
    with pytest.raises(ValidationError, match="repeat the key"):
        panels.index_editions(TWO, tables=tables)
    with pytest.raises(ValidationError, match=r"no table given for dataset\(s\) \['oecd_dgi'\]"):
        panels.index_editions(TWO, tables={"egdi": messy_tables()["egdi"]})


def test_reference_year_minimises_the_largest_then_the_total_gap():
    # the real calendar: UN every two years, OECD 2019/2023, WB 2020/2022/2025, EU yearly
    held = {
        "UN": [2014, 2016, 2018, 2020, 2022, 2024],
        "OECD": [2019, 2023],
        "WB": [2020, 2022, 2025],
        "EU": [2020, 2021, 2022],
    }
    # 2022: gaps 0, 1, 0, 0; 2023: 1, 0, 1, 1 (same largest gap, larger total)
    assert panels.reference_year(editions(held)) == 2022


def test_reference_year_prefers_the_later_of_equally_good_years():
    # 2011 and 2013 both have gaps (1, 1); the later wins
    assert panels.reference_year(editions({"A": [2010, 2014], "B": [2012]})) == 2013


def test_reference_year_needs_editions():
    with pytest.raises(ValidationError, match="no rows"):
        panels.reference_year(editions({}).reindex(columns=["index_name", "year"]))


def test_nearest_edition_breaks_ties_towards_the_later_edition():
    got = panels.nearest_editions(editions({"A": [2010, 2014], "B": [2012]}), 2012)
    assert dict(zip(got["index_name"], got["year"], strict=True)) == {"A": 2014, "B": 2012}
    assert dict(zip(got["index_name"], got["gap"], strict=True)) == {"A": 2, "B": 0}


def test_an_edition_too_far_from_the_reference_year_is_refused_with_the_editions_held():
    expected = r"'A' has no edition within 1 years of 2012.*2010, 2014"
    with pytest.raises(ValidationError, match=expected):
        panels.nearest_editions(editions({"A": [2010, 2014], "B": [2012]}), 2012, max_gap=1)


def test_panel_from_messy_tables_takes_one_edition_per_index():
    panel = panels.latest_index_panel(indices=TWO, tables=messy_tables())
    assert list(panel.columns) == list(panels.PANEL_COLUMNS)
    # editions 2020/22/24 and 2019/23: 2022 and 2023 (gap 1) beat 2020/2019 (gap 1, later wins)
    assert panels.panel_editions(panel).to_dict("records") == [
        {"index_name": "UN", "indicator": "egdi", "year": 2024, "countries": 4},
        {"index_name": "OECD", "indicator": "dgi", "year": 2023, "countries": 4},
    ]
    explicit = panels.latest_index_panel(2022, indices=TWO, tables=messy_tables())
    un = explicit[explicit["index_name"] == "UN"]
    assert un["year"].unique().tolist() == [2022]
    assert sorted(un["iso3"]) == ["DNK", "GBR", "KOR"]  # EST's missing value is dropped
    assert not explicit["value"].isna().any()


def test_default_panel_pairs_the_editions_closest_to_2022_and_keeps_published_values(real_panel):
    panel = real_panel
    chosen = panels.panel_editions(panel).set_index("index_name")["year"].to_dict()
    assert chosen == {"EGDI": 2022, "OECD DGI": 2023, "GTMI": 2022, "EU benchmark": 2022}
    for index in panels.HEADLINE_INDICES:
        clean = datasets.load(index.dataset)
        clean = clean[
            (clean["indicator"] == index.indicator) & (clean["year"] == chosen[index.label])
        ]
        part = panel[panel["index_name"] == index.label]
        pd.testing.assert_series_equal(
            part.set_index("iso3")["value"].sort_index(),
            clean.set_index("iso3")["value"].sort_index(),
        )
    assert frame_to_csv_bytes(panel) == frame_to_csv_bytes(panels.latest_index_panel())


def test_edition_labels_and_caveats(real_panel):
    panel = real_panel
    assert edition_labels(panel)["OECD DGI"] == "OECD DGI 2023"
    caveats = panels.edition_caveats(panel)
    assert set(caveats["index_name"]) == {"EGDI", "OECD DGI", "GTMI", "EU benchmark"}
    assert caveats["caveat"].str.lower().str.contains("compar|covered").all()
    bullets = agreement_chapter.answer().caveats.splitlines()
    assert len(bullets) == len(caveats)
    assert bullets[0] == f"- **{caveats['index_name'][0]}**: {caveats['caveat'][0]}"
    with pytest.raises(ValidationError, match="'dataset'"):
        panels.edition_caveats(panel.drop(columns="dataset"))


def test_components_refuse_a_panel_mixing_editions_or_repeating_countries():
    panel = panels.latest_index_panel(indices=TWO, tables=messy_tables())
    parts = panels.panel_components(panel)
    assert list(parts) == ["UN", "OECD"]
    assert tuple(parts["UN"].columns) == datasets.TIDY_COLUMNS
    mixed = panel.copy()
    mixed.loc[0, "year"] = 2020
    expected = r"one indicator in one edition.*\('UN', 'egdi', 2020\)"
    with pytest.raises(ValidationError, match=expected):
        panels.panel_components(mixed)
    repeated = pd.concat([panel, panel.head(1)], ignore_index=True)
    with pytest.raises(ValidationError, match="repeat the key"):
        panels.panel_components(repeated)


# ----------------------------------------------------------------------------- agreement


def two_index_panel(a: dict[str, float], b: dict[str, float]) -> pd.DataFrame:
    tables = {"egdi": rows("egdi", "egdi", 2022, a), "oecd_dgi": rows("oecd_dgi", "dgi", 2023, b)}
    return panels.latest_index_panel(indices=TWO, tables=tables)


def test_agreement_of_identical_and_reversed_orders():
    a = {"DNK": 0.9, "KOR": 0.8, "GBR": 0.7, "EST": 0.6, "FIN": 0.5}
    same = panel_agreement.agreement_table(two_index_panel(a, {k: v / 2 for k, v in a.items()}))
    header = same.loc[0, ["a", "b", "year_a", "year_b", "n"]].tolist()
    assert header == ["UN", "OECD", 2022, 2023, 5]
    assert same.loc[0, "spearman"] == pytest.approx(1.0)
    reverse = panel_agreement.agreement_table(two_index_panel(a, {k: -v + 1 for k, v in a.items()}))
    assert reverse.loc[0, "kendall"] == pytest.approx(-1.0)


def test_agreement_on_real_data_matches_scipy_over_common_countries(real_panel):
    panel = real_panel
    table = panel_agreement.agreement_table(panel).set_index(["a", "b"])
    wide = panel.pivot(index="iso3", columns="index_name", values="value")
    both = wide[["EGDI", "OECD DGI"]].dropna()
    assert table.loc[("EGDI", "OECD DGI"), "n"] == len(both)
    expected = stats.spearmanr(both["EGDI"], both["OECD DGI"]).statistic
    assert table.loc[("EGDI", "OECD DGI"), "spearman"] == pytest.approx(expected)


def test_largest_disagreements_rank_within_the_common_countries():
    # FIN is in A only; among the four common countries EST is 4th on A and 1st on B
    a = {"DNK": 0.9, "KOR": 0.8, "GBR": 0.7, "EST": 0.6, "FIN": 0.95}
    b = {"DNK": 0.7, "KOR": 0.6, "GBR": 0.5, "EST": 0.9}
    got = panel_agreement.largest_disagreements(two_index_panel(a, b), per_pair=1)
    assert got.to_dict("records") == [
        {
            "a": "UN",
            "b": "OECD",
            "n": 4,
            "iso3": "EST",
            "country": "Estonia",
            "rank_a": 4,
            "rank_b": 1,
            "gap": 3,
            "gap_share": 1.0,
            "ranked_higher_by": "OECD",
        }
    ]


def test_pairs_that_agree_add_no_disagreement_and_per_pair_must_be_positive():
    a = {"DNK": 0.9, "KOR": 0.8, "GBR": 0.7}
    panel = two_index_panel(a, a)
    assert panel_agreement.largest_disagreements(panel).empty
    with pytest.raises(ValidationError, match="per_pair must be 1 or more"):
        panel_agreement.largest_disagreements(panel, per_pair=0)


# ----------------------------------------------------------------------------- coverage


def test_coverage_matrix_keeps_requested_countries_no_index_assesses():
    panel = two_index_panel({"DNK": 0.9, "KOR": 0.8}, {"DNK": 0.7, "GBR": 0.6})
    got = coverage.coverage_matrix(panel, ["GBR", "DNK", "NZL"])
    assert list(got.index) == ["GBR", "DNK", "NZL"]
    assert got["UN"].tolist() == [False, True, False]
    assert got["OECD"].tolist() == [True, True, False]
    assert got["n_indices"].tolist() == [1, 2, 0]
    assert got.loc["NZL", "country"] == "New Zealand"
    with pytest.raises(UnknownCountryError, match="XXX"):
        coverage.coverage_matrix(panel, ["XXX"])


def test_coverage_patterns_and_by_index():
    panel = two_index_panel(
        {"DNK": 0.9, "KOR": 0.8, "EST": 0.7, "FIN": 0.6}, {"DNK": 0.7, "GBR": 0.6}
    )
    patterns = coverage.coverage_patterns(panel)
    assert patterns.to_dict("records") == [
        {"indices": ("UN",), "n_indices": 1, "countries": 3},
        {"indices": ("UN", "OECD"), "n_indices": 2, "countries": 1},
        {"indices": ("OECD",), "n_indices": 1, "countries": 1},
    ]
    by_index = coverage.coverage_by_index(panel, ["DNK", "KOR", "GBR"]).set_index("index_name")
    assert by_index.loc["UN", "selected_assessed"] == 2
    assert by_index.loc["UN", "not_assessed"] == ("GBR",)
    assert by_index.loc["OECD", "not_assessed"] == ("KOR",)


# ----------------------------------------------------------------------------- composite


def test_grade_summary_derives_the_rule_from_the_thresholds(real_panel):
    table = composite(
        {
            "a": rows("egdi", "egdi", 2022, {"DNK": 0.9, "KOR": 0.8, "GBR": 0.7}),
            "b": rows("oecd_dgi", "dgi", 2023, {"DNK": 0.7}),
        }
    )
    got = composite_grades.grade_summary(table)
    # with two components grade B (>= 75 %) is unreachable; C is one of two
    assert got.to_dict("records") == [
        {"grade": "A", "indices_observed": "2 of 2", "countries": 1, "ranked": 1},
        {"grade": "B", "indices_observed": "–", "countries": 0, "ranked": 0},
        {"grade": "C", "indices_observed": "1 of 2", "countries": 2, "ranked": 2},
        {"grade": "D", "indices_observed": "0 of 2", "countries": 0, "ranked": 0},
    ]
    real = composite_grades.grade_summary(composite(panels.panel_components(real_panel)))
    assert real["indices_observed"].tolist() == ["4 of 4", "3 of 4", "2 of 4", "0–1 of 4"]
    with pytest.raises(ValidationError, match="'grade'"):
        composite_grades.grade_summary(table.drop(columns="grade"))


def test_composite_extract_keeps_the_top_and_every_comparator():
    table = composite(
        {
            "a": rows("egdi", "egdi", 2022, {"ARE": 0.99, "DNK": 0.9, "KOR": 0.8, "GBR": 0.6}),
            "b": rows("oecd_dgi", "dgi", 2023, {"ARE": 0.9, "DNK": 0.7, "GBR": 0.2}),
        },
        min_coverage=1.0,
    )
    # ranked: ARE 1, DNK 2, GBR 3; KOR lacks b and is left out
    got = composite_grades.composite_extract(table, top=1, countries=["KOR", "GBR"])
    assert got["iso3"].tolist() == ["ARE", "GBR", "KOR"]
    assert got["group"].tolist() == ["", "focus", "focus"]
    assert got["rank"].tolist()[:2] == [1, 3] and pd.isna(got["rank"].iloc[2])
    assert composite_grades.comparator_group(["DNK", "EST", "BRA"]) == ["focus", "peer", ""]
    with pytest.raises(UnknownCountryError):
        composite_grades.comparator_group(["DEN"])


# ----------------------------------------------------------------------------- sensitivity

# Hand-computed: baseline min-max scores DNK .5, KOR .875, GBR .75, EST .375, FIN 0, so
# KOR 1, GBR 2, DNK 3, EST 4, FIN 5. "require-all" keeps DNK, GBR, EST and orders them as
# the baseline does (GBR, DNK, EST) but ranks them 1-3; "only b" orders them GBR, EST, DNK.
SENS_COMPONENTS = {
    "a": rows("egdi", "egdi", 2022, {"DNK": 0.9, "KOR": 0.85, "GBR": 0.7, "EST": 0.6, "FIN": 0.5}),
    "b": rows("oecd_dgi", "dgi", 2023, {"DNK": 0.7, "GBR": 0.9, "EST": 0.8}),
}
SENS_SCENARIOS = [
    Scenario("baseline"),
    Scenario("require-all", missing="require-all"),
    Scenario("only b", weights={"a": 0.0, "b": 1.0}),
]


@pytest.fixture(scope="module")
def runs():
    return sensitivity(SENS_COMPONENTS, SENS_SCENARIOS)


def test_group_order_per_scenario(runs):
    got = composite_grades.group_order(runs, ["DNK", "GBR", "EST"])
    assert got["order"].tolist() == [
        "United Kingdom > Denmark > Estonia",
        "United Kingdom > Denmark > Estonia",
        "United Kingdom > Estonia > Denmark",
    ]
    assert got["same_as_baseline"].tolist() == [True, True, False]
    assert got["ranked"].tolist() == [3, 3, 3]


def test_group_order_starts_from_the_named_baseline():
    result = sensitivity(SENS_COMPONENTS, SENS_SCENARIOS, baseline="only b")
    got = composite_grades.group_order(result, ["DNK", "GBR", "EST", "KOR"])
    assert got["scenario"].tolist() == ["only b", "baseline", "require-all"]
    assert got["order"].tolist() == [
        "United Kingdom > Estonia > Denmark",
        "South Korea > United Kingdom > Denmark > Estonia",
        "United Kingdom > Denmark > Estonia",
    ]
    assert got["ranked"].tolist() == [3, 4, 3]
    assert got["same_as_baseline"].tolist() == [True, False, False]


# ----------------------------------------------------------------------------- charts


def test_agreement_matrix_prints_each_pair_and_describes_the_extremes(real_panel):
    panel = real_panel
    agreement = panel_agreement.agreement_table(panel)
    try:
        ax = plot_agreement_matrix(agreement)
        texts = [t.get_text() for t in ax.texts]
        assert len(texts) == len(agreement)
        best = agreement.loc[agreement["spearman"].idxmax()]
        assert f"ρ {best['spearman']:.2f}\nn = {best['n']}" in texts
        assert [t.get_text() for t in ax.get_xticklabels()] == [
            "EGDI\n2022",
            "OECD DGI\n2023",
            "GTMI\n2022",
        ]
        alt = alt_text(ax)
        assert f"closest agreement is {best['a']} with {best['b']}" in alt
    finally:
        plt.close("all")
    with pytest.raises(ValidationError, match="statistic"):
        plot_agreement_matrix(agreement, "pearson")


def test_agreement_matrix_leaves_pairs_without_a_correlation_blank():
    agreement = pd.DataFrame(
        {"a": ["X"], "b": ["Y"], "n": [2], "spearman": [np.nan], "kendall": [np.nan]}
    )
    try:
        ax = plot_agreement_matrix(agreement)
        assert [t.get_text() for t in ax.texts] == ["n = 2\ntoo few"]
        assert "no pair has enough common countries" in alt_text(ax)
    finally:
        plt.close("all")


def test_rank_moves_chart_rows_follow_the_baseline(runs):
    try:
        ax = plot_rank_moves(runs, ["EST", "DNK", "GBR"])
        labels = [t.get_text() for t in ax.get_yticklabels()]
        assert labels == ["United Kingdom (2nd of 5)", "Denmark (3rd of 5)", "Estonia (4th of 5)"]
        # one dot per scenario at the places gained: require-all 0, "only b" −1 for Denmark
        dots = [c.get_offsets()[:, 0].tolist() for c in ax.collections]
        assert dots == [[0.0, 0.0], [0.0, -1.0], [0.0, 1.0]]
        alt = alt_text(ax)
        assert "across 2 scenarios" in alt
        assert "Denmark (3rd) never rises and falls up to 1 place" in alt
        assert "the widest range is Denmark's (up to 1 place)" in alt
        assert "United Kingdom never moves" in alt
    finally:
        plt.close("all")
    with pytest.raises(ValidationError, match="none of"):
        plot_rank_moves(runs, ["NZL"])


def test_rank_moves_chart_says_who_no_other_scenario_ranks(runs):
    try:
        ax = plot_rank_moves(runs, ["KOR", "GBR"])
        assert len(ax.collections) == 1  # South Korea has no dots
        alt = alt_text(ax)
        assert "South Korea (1st) is ranked by no other scenario" in alt
        assert "widest range" not in alt  # nobody plotted moves
    finally:
        plt.close("all")


def test_rank_moves_chart_leaves_out_countries_the_baseline_does_not_rank():
    result = sensitivity(SENS_COMPONENTS, SENS_SCENARIOS, baseline="require-all")
    try:
        ax = plot_rank_moves(result, ["KOR", "GBR"])
        assert [t.get_text() for t in ax.get_yticklabels()] == ["United Kingdom (1st of 3)"]
    finally:
        plt.close("all")
    with pytest.raises(ValidationError, match="none of"):
        plot_rank_moves(result, ["KOR", "FIN"])


def test_nearest_editions_lists_the_editions_held_as_years():
    got = panels.nearest_editions(editions({"A": [2014, 2010], "B": [2012]}), 2012)
    assert got.set_index("index_name")["editions_held"].to_dict() == {
        "A": (2010, 2014),
        "B": (2012,),
    }
