"""Sensitivity runs: which ranks move under other choices, and by how much.

A shift is a change of order: each scenario and the baseline are ranked among the
countries both rank. The small cases below are worked by hand (the arithmetic is in the
comments); the real panel checks the rule against a second formulation of it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from smartresearch.analysis import Scenario, composite, default_scenarios, panels, sensitivity
from smartresearch.analysis.sensitivity import (
    BY_COUNTRY_COLUMNS,
    BY_SCENARIO_COLUMNS,
    RANK_COLUMNS,
)
from smartresearch.errors import ValidationError


def tidy(indicator: str, year: int, values: dict[str, float]) -> pd.DataFrame:
    return pd.DataFrame(
        {"iso3": list(values), "year": year, "indicator": indicator, "value": list(values.values())}
    )


# Two indices that disagree about KOR and DNK, agree about the rest.
A = tidy("egdi", 2024, {"DNK": 0.99, "KOR": 0.90, "GBR": 0.80, "EST": 0.70, "FIN": 0.60})
B = tidy("dgi", 2023, {"DNK": 0.50, "KOR": 0.95, "GBR": 0.60, "EST": 0.55, "FIN": 0.40})
C = tidy("overall", 2023, {"DNK": 90.0, "GBR": 80.0, "EST": 85.0})
COMPONENTS = {"egdi": A, "dgi": B, "eu": C}

# Worked by hand. Min-max: a → DNK 1, KOR .875, GBR .5, EST .25, FIN 0; b → DNK 0,
# GBR 1, EST .5. Baseline (drop, coverage ≥ .5): DNK .5, KOR .875, GBR .75, EST .375,
# FIN 0, so KOR 1, GBR 2, DNK 3, EST 4, FIN 5.
# "require-all" keeps DNK, GBR, EST; re-normalised among them a → DNK 1, GBR 1/3, EST 0,
# so DNK .5, GBR 2/3, EST .25: GBR 1, DNK 2, EST 3, the baseline's order of the three.
# "only b" (a weighted 0) leaves out KOR and FIN (no b) and ranks GBR 1, EST 2, DNK 3.
DROPPING = {
    "a": tidy("egdi", 2022, {"DNK": 0.9, "KOR": 0.85, "GBR": 0.7, "EST": 0.6, "FIN": 0.5}),
    "b": tidy("dgi", 2023, {"DNK": 0.7, "GBR": 0.9, "EST": 0.8}),
}
BASELINE = Scenario("baseline")
REQUIRE_ALL = Scenario("require-all", missing="require-all")
ONLY_B = Scenario("only b", weights={"a": 0.0, "b": 1.0})


def scenario_rows(result, name: str) -> pd.DataFrame:
    return result.ranks[result.ranks["scenario"] == name].set_index("iso3")


def test_default_scenarios_cover_normalisations_missing_rules_and_leave_one_out():
    names = [s.name for s in default_scenarios(COMPONENTS)]
    assert names == [
        "baseline",
        "normalisation=zscore",
        "normalisation=percentile",
        "normalisation=frontier",
        "missing=mean-impute",
        "missing=require-all",
        "without egdi",
        "without dgi",
        "without eu",
    ]


def test_published_columns_are_the_documented_ones():
    result = sensitivity(DROPPING, [BASELINE, REQUIRE_ALL, ONLY_B])
    assert list(result.ranks.columns) == list(RANK_COLUMNS)
    assert list(result.by_country.columns) == list(BY_COUNTRY_COLUMNS)
    assert list(result.by_scenario.columns) == list(BY_SCENARIO_COLUMNS)
    assert result.baseline == "baseline"


def test_rank_is_each_scenarios_own_composite_rank():
    scenarios = [
        Scenario("baseline"),
        Scenario("only egdi", weights={"egdi": 1, "dgi": 0, "eu": 0}),
        Scenario("complete", missing="require-all"),
    ]
    result = sensitivity(COMPONENTS, scenarios)
    for s in scenarios:
        expected = composite(COMPONENTS, s.weights, s.normalisation, s.min_coverage, s.missing)
        expected = expected[expected.included]
        got = result.ranks[result.ranks.scenario == s.name]
        assert dict(zip(got.iso3, got["rank"], strict=True)) == dict(
            zip(expected.iso3, expected["rank"], strict=True)
        )


def test_a_scenario_that_drops_countries_but_keeps_their_order_moves_nobody():
    result = sensitivity(DROPPING, [BASELINE, REQUIRE_ALL])
    kept = scenario_rows(result, "require-all")
    assert kept["rank"].to_dict() == {"GBR": 1, "DNK": 2, "EST": 3}
    assert kept["baseline_rank"].to_dict() == {"GBR": 1, "DNK": 2, "EST": 3}
    assert kept["shift"].to_dict() == {"GBR": 0, "DNK": 0, "EST": 0}
    assert set(kept["field"]) == {3}
    # what the shift would be against the full baseline field (2nd, 3rd, 4th of 5)
    full = result.by_country.set_index("iso3")["baseline_rank"]
    assert (kept["rank"] - full[kept.index]).tolist() == [-1, -1, -1]
    row = result.by_scenario.set_index("scenario").loc["require-all"]
    assert row[["countries_ranked", "field", "max_abs_shift", "share_moved"]].tolist() == [
        3,
        3,
        0.0,
        0.0,
    ]
    assert row["largest_mover"] == ""


def test_a_change_of_order_among_the_same_countries_is_the_shift():
    result = sensitivity(DROPPING, [BASELINE, ONLY_B])
    moved = scenario_rows(result, "only b")
    # baseline among GBR, DNK, EST: GBR 1, DNK 2, EST 3; "only b": GBR 1, EST 2, DNK 3
    assert moved["baseline_rank"].to_dict() == {"GBR": 1, "EST": 3, "DNK": 2}
    assert moved["shift"].to_dict() == {"GBR": 0, "EST": -1, "DNK": 1}
    row = result.by_scenario.set_index("scenario").loc["only b"]
    assert row["median_abs_shift"] == 1.0 and row["max_abs_shift"] == 1.0
    assert row["share_moved"] == pytest.approx(2 / 3)
    assert row["largest_mover"] == "Denmark"  # ties with Estonia: the first by code


def test_baseline_rows_keep_the_full_field_and_do_not_move():
    result = sensitivity(DROPPING, [BASELINE, REQUIRE_ALL])
    base = scenario_rows(result, "baseline")
    assert base["rank"].to_dict() == {"KOR": 1, "GBR": 2, "DNK": 3, "EST": 4, "FIN": 5}
    assert base["baseline_rank"].to_dict() == base["rank"].to_dict()
    assert set(base["shift"]) == {0} and set(base["field"]) == {5}


def test_tied_countries_share_the_best_rank_in_both_runs():
    # a → DNK 1, KOR .75, GBR .75, EST 0; b → DNK 0, KOR 1, GBR .5, EST .125.
    # Baseline: KOR .875, GBR .625, DNK .5, EST .0625 → KOR 1, GBR 2, DNK 3, EST 4.
    # "only a": DNK 1, KOR and GBR tied 2, EST 4.
    frames = {
        "a": tidy("egdi", 2024, {"DNK": 0.9, "KOR": 0.8, "GBR": 0.8, "EST": 0.5}),
        "b": tidy("dgi", 2023, {"DNK": 0.1, "KOR": 0.9, "GBR": 0.5, "EST": 0.2}),
    }
    only_a = Scenario("only a", weights={"a": 1.0, "b": 0.0})
    result = sensitivity(frames, [BASELINE, only_a])
    ranks = scenario_rows(result, "only a")
    assert ranks["rank"].to_dict() == {"DNK": 1, "KOR": 2, "GBR": 2, "EST": 4}
    assert ranks["shift"].to_dict() == {"DNK": -2, "KOR": 1, "GBR": 0, "EST": 0}


def test_a_scenario_ranking_countries_the_baseline_leaves_out():
    # Baseline "require-all" ranks GBR 1, DNK 2, EST 3. The "all" scenario ranks KOR 1,
    # GBR 2, DNK 3, EST 4, FIN 5, and among GBR, DNK, EST keeps the baseline's order.
    everyone = Scenario("all")
    result = sensitivity(DROPPING, [everyone, REQUIRE_ALL], baseline="require-all")
    assert result.baseline == "require-all"
    wider = scenario_rows(result, "all")
    assert wider["rank"].to_dict() == {"KOR": 1, "GBR": 2, "DNK": 3, "EST": 4, "FIN": 5}
    assert wider["shift"].dropna().to_dict() == {"GBR": 0, "DNK": 0, "EST": 0}
    assert wider.loc[["KOR", "FIN"], ["baseline_rank", "shift"]].isna().all().all()
    assert set(wider["field"]) == {3}
    row = result.by_scenario.set_index("scenario").loc["all"]
    assert row[["countries_ranked", "field"]].tolist() == [5, 3]
    by_country = result.by_country
    assert by_country["iso3"].tolist() == ["GBR", "DNK", "EST", "FIN", "KOR"]  # unranked last
    outside = by_country.set_index("iso3").loc["KOR"]
    assert pd.isna(outside["baseline_rank"]) and outside["scenarios_ranked"] == 1
    assert pd.isna(outside["max_abs_shift"]) and outside["most_moved_by"] == ""


def test_per_country_summary_worked_by_hand():
    # Shifts: require-all moves nobody; "only b" and "b doubled" both move DNK +1, EST −1.
    b_doubled = Scenario("b doubled", weights={"a": 0.0, "b": 2.0})
    result = sensitivity(DROPPING, [BASELINE, REQUIRE_ALL, ONLY_B, b_doubled])
    by_country = result.by_country.set_index("iso3")
    assert list(by_country.index) == ["KOR", "GBR", "DNK", "EST", "FIN"]
    assert by_country["baseline_rank"].tolist() == [1, 2, 3, 4, 5]
    assert by_country["scenarios_ranked"].to_dict() == {
        "KOR": 0,
        "GBR": 3,
        "DNK": 3,
        "EST": 3,
        "FIN": 0,
    }
    spread = ["largest_rise", "largest_fall", "median_abs_shift", "max_abs_shift"]
    assert by_country.loc["DNK", spread].tolist() == [0, 1, 1.0, 1.0]
    assert by_country.loc["EST", spread].tolist() == [1, 0, 1.0, 1.0]
    assert by_country.loc["GBR", spread].tolist() == [0, 0, 0.0, 0.0]
    assert by_country.loc[["KOR", "FIN"], spread].isna().all().all()
    # the earlier scenario wins a tie; nobody is "moved most" by a move of zero
    assert by_country["most_moved_by"].to_dict() == {
        "KOR": "",
        "GBR": "",
        "DNK": "only b",
        "EST": "only b",
        "FIN": "",
    }


def test_identical_scenarios_move_nothing():
    result = sensitivity(COMPONENTS, [Scenario("baseline"), Scenario("again")])
    assert (result.by_country["max_abs_shift"] == 0).all()
    assert result.by_scenario["share_moved"].tolist() == [0.0]
    assert result.by_country["most_moved_by"].tolist() == [""] * 5


def test_a_baseline_alone_has_no_moves():
    result = sensitivity(DROPPING, [BASELINE])
    assert result.by_scenario.empty
    assert list(result.by_scenario.columns) == list(BY_SCENARIO_COLUMNS)
    assert result.by_country["scenarios_ranked"].tolist() == [0, 0, 0, 0, 0]
    assert result.by_country["most_moved_by"].tolist() == ["", "", "", "", ""]


def test_scenario_errors_are_named():
    with pytest.raises(ValidationError, match=r"repeated: \['x'\]"):
        sensitivity(COMPONENTS, [Scenario("x"), Scenario("x")])
    with pytest.raises(ValidationError, match="baseline 'base' is not among the scenarios"):
        sensitivity(COMPONENTS, [Scenario("x")], baseline="base")
    with pytest.raises(ValidationError, match="weights do not match"):
        sensitivity(COMPONENTS, [Scenario("x", weights={"egdi": 1})])
    with pytest.raises(ValidationError, match="no scenarios given"):
        sensitivity(COMPONENTS, [])


def test_real_panel_shifts_count_who_overtakes_whom_among_common_countries():
    """On the real panel, a shift equals (countries above it in the scenario) minus
    (countries above it in the baseline), counted among the countries both rank: the
    pairwise form of "ties share the best rank"."""
    components = panels.panel_components(panels.latest_index_panel())
    result = sensitivity(components, default_scenarios(components))
    base = result.ranks[result.ranks["scenario"] == result.baseline].set_index("iso3")["score"]
    fields = result.by_scenario.set_index("scenario")["field"]
    smaller = 0
    for name, run in result.ranks[result.ranks["scenario"] != result.baseline].groupby("scenario"):
        common = run[run["iso3"].isin(base.index)]
        here = common["score"].to_numpy()
        there = base[common["iso3"]].to_numpy()
        above_here = (here[None, :] > here[:, None]).sum(axis=1)
        above_there = (there[None, :] > there[:, None]).sum(axis=1)
        assert common["shift"].tolist() == (above_here - above_there).tolist(), name
        assert fields[name] == len(common)
        smaller += int(len(common) < len(base))
    assert smaller >= 1  # some default scenario ranks fewer countries than the baseline
    assert np.isfinite(result.by_scenario["max_abs_shift"]).all()
