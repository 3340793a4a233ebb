"""Sensitivity runs: which ranks move under other choices, and by how much."""

from __future__ import annotations

import pandas as pd
import pytest

from smartresearch.analysis import Scenario, composite, default_scenarios, sensitivity
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


def test_ranks_table_matches_composite_per_scenario_and_shifts_against_baseline():
    scenarios = [
        Scenario("baseline"),
        Scenario("only egdi", weights={"egdi": 1, "dgi": 0, "eu": 0}),
    ]
    result = sensitivity(COMPONENTS, scenarios)
    for s in scenarios:
        expected = composite(COMPONENTS, s.weights, s.normalisation, s.min_coverage, s.missing)
        expected = expected[expected.included]
        got = result.ranks[result.ranks.scenario == s.name]
        assert dict(zip(got.iso3, got["rank"], strict=True)) == dict(
            zip(expected.iso3, expected["rank"], strict=True)
        )
    base = result.ranks[result.ranks.scenario == "baseline"].set_index("iso3")["rank"]
    egdi_only = result.ranks[result.ranks.scenario == "only egdi"].set_index("iso3")["rank"]
    shifts = result.ranks[result.ranks.scenario == "only egdi"].set_index("iso3")["shift"]
    assert shifts.sort_index().tolist() == (egdi_only - base).sort_index().tolist()


def test_summary_reports_median_and_max_absolute_shift():
    scenarios = [
        Scenario("baseline"),
        Scenario("only egdi", weights={"egdi": 1, "dgi": 0, "eu": 0}),
        Scenario("only dgi", weights={"egdi": 0, "dgi": 1, "eu": 0}),
    ]
    result = sensitivity(COMPONENTS, scenarios)
    ranks = result.ranks.pivot(index="iso3", columns="scenario", values="rank")
    moves = (ranks[["only egdi", "only dgi"]].sub(ranks["baseline"], axis=0)).abs().astype(float)
    summary = result.by_country.set_index("iso3")
    for iso3 in ranks.index:
        assert summary.loc[iso3, "median_abs_shift"] == pytest.approx(moves.loc[iso3].median())
        assert summary.loc[iso3, "max_abs_shift"] == pytest.approx(moves.loc[iso3].max())
        assert summary.loc[iso3, "best_rank"] == ranks.loc[iso3].min()
    # KOR is second on egdi and first on dgi: it moves in both directions
    assert summary.loc["KOR", "best_rank"] == 1
    per_scenario = result.by_scenario.set_index("scenario")
    assert list(per_scenario.index) == ["only egdi", "only dgi"]
    assert per_scenario.loc["only egdi", "max_abs_shift"] == moves["only egdi"].max()
    assert per_scenario.loc["only egdi", "share_moved"] == pytest.approx(
        (moves["only egdi"] > 0).mean()
    )


def test_country_left_out_of_a_scenario_has_no_shift():
    result = sensitivity(
        COMPONENTS, [Scenario("baseline"), Scenario("complete", missing="require-all")]
    )
    complete = result.ranks[result.ranks.scenario == "complete"]
    assert sorted(complete.iso3) == ["DNK", "EST", "GBR"]
    summary = result.by_country.set_index("iso3")
    assert summary.loc["KOR", "scenarios_ranked"] == 0 and pd.isna(
        summary.loc["KOR", "max_abs_shift"]
    )


def test_identical_scenarios_move_nothing():
    result = sensitivity(COMPONENTS, [Scenario("baseline"), Scenario("again")])
    assert (result.by_country["max_abs_shift"] == 0).all()
    assert result.by_scenario["share_moved"].tolist() == [0.0]


def test_scenario_errors_are_named():
    with pytest.raises(ValidationError, match=r"repeated: \['x'\]"):
        sensitivity(COMPONENTS, [Scenario("x"), Scenario("x")])
    with pytest.raises(ValidationError, match="baseline 'base' is not among the scenarios"):
        sensitivity(COMPONENTS, [Scenario("x")], baseline="base")
    with pytest.raises(ValidationError, match="weights do not match"):
        sensitivity(COMPONENTS, [Scenario("x", weights={"egdi": 1})])
