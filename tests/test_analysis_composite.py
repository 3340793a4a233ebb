"""Composite and wide tables: coverage grades, missing-data rules, weights, errors."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from smartresearch.analysis import COMPOSITE_COLUMNS, composite, coverage_grade, pivot_wide
from smartresearch.errors import UnknownCountryError, ValidationError


def tidy(indicator: str, year: int, values: dict[str, float]) -> pd.DataFrame:
    return pd.DataFrame(
        {"iso3": list(values), "year": year, "indicator": indicator, "value": list(values.values())}
    )


# Three indices on three scales; Finland is missing from one, Singapore from two.
EGDI = tidy("egdi", 2024, {"DNK": 0.98, "KOR": 0.97, "GBR": 0.96, "FIN": 0.95, "SGP": 0.97})
DGI = tidy("dgi", 2023, {"DNK": 0.80, "KOR": 0.94, "GBR": 0.78, "FIN": 0.70})
EU = tidy("overall", 2023, {"DNK": 88.0, "KOR": 80.0, "GBR": 70.0})
COMPONENTS = {"egdi": EGDI, "dgi": DGI, "eu": EU}


def minmax(d: dict[str, float]) -> dict[str, float]:
    lo, hi = min(d.values()), max(d.values())
    return {k: (v - lo) / (hi - lo) for k, v in d.items()}


def by_iso3(table: pd.DataFrame, column: str) -> dict[str, object]:
    return dict(zip(table["iso3"], table[column], strict=True))


@pytest.mark.parametrize(
    ("share", "grade"),
    [(1.0, "A"), (0.75, "B"), (0.8, "B"), (0.5, "C"), (2 / 3, "C"), (0.49, "D"), (0.0, "D")],
)
def test_coverage_grades(share, grade):
    assert coverage_grade(share) == grade


def test_coverage_grade_refuses_out_of_range():
    with pytest.raises(ValidationError, match=r"\[0, 1\], got 1.5"):
        coverage_grade(1.5)


def test_drop_rule_averages_observed_components_after_normalising_kept_countries():
    table = composite(COMPONENTS, normalisation="minmax", min_coverage=0.5, missing="drop")
    assert list(table.columns) == list(COMPOSITE_COLUMNS)
    # SGP has 1 of 3 components (coverage 1/3 < 0.5): left out, but its coverage is published.
    sgp = table[table.iso3 == "SGP"].iloc[0]
    assert not sgp.included and math.isnan(sgp.score) and sgp.grade == "D" and sgp.n_observed == 1
    kept = ["DNK", "KOR", "GBR", "FIN"]
    e = minmax({k: v for k, v in zip(EGDI.iso3, EGDI.value, strict=True) if k in kept})
    d = minmax(dict(zip(DGI.iso3, DGI.value, strict=True)))
    u = minmax(dict(zip(EU.iso3, EU.value, strict=True)))
    expected = {c: (e[c] + d[c] + u[c]) / 3 for c in ["DNK", "KOR", "GBR"]}
    expected["FIN"] = (e["FIN"] + d["FIN"]) / 2
    assert by_iso3(table[table.included], "score") == pytest.approx(expected)
    assert by_iso3(table, "grade") == {"DNK": "A", "KOR": "A", "GBR": "A", "FIN": "C", "SGP": "D"}
    best_first = sorted(expected, key=expected.get, reverse=True)
    assert table["iso3"].tolist()[:4] == best_first and table["rank"].tolist()[:4] == [1, 2, 3, 4]


def test_require_all_keeps_complete_countries_only():
    table = composite(COMPONENTS, missing="require-all", min_coverage=0.0)
    assert sorted(table.loc[table.included, "iso3"]) == ["DNK", "GBR", "KOR"]


def test_mean_impute_fills_gaps_with_component_mean_score():
    table = composite(COMPONENTS, missing="mean-impute", min_coverage=0.5)
    kept = ["DNK", "KOR", "GBR", "FIN"]
    e = minmax({k: v for k, v in zip(EGDI.iso3, EGDI.value, strict=True) if k in kept})
    d = minmax(dict(zip(DGI.iso3, DGI.value, strict=True)))
    u = minmax(dict(zip(EU.iso3, EU.value, strict=True)))
    u_mean = sum(u.values()) / 3
    assert by_iso3(table, "score")["FIN"] == pytest.approx((e["FIN"] + d["FIN"] + u_mean) / 3)


def test_weights_change_the_answer_and_zero_weight_drops_a_component():
    only_dgi = composite(COMPONENTS, weights={"egdi": 0, "dgi": 1, "eu": 0}, min_coverage=1.0)
    assert only_dgi.loc[only_dgi.included, "iso3"].tolist() == ["KOR", "DNK", "GBR", "FIN"]
    assert set(only_dgi["n_components"]) == {1}


def test_ties_share_the_best_rank():
    a = tidy("x", 2024, {"DNK": 1.0, "KOR": 1.0, "GBR": 0.0})
    table = composite({"a": a})
    assert by_iso3(table, "rank") == {"DNK": 1, "KOR": 1, "GBR": 3}


def test_single_country_gets_rank_one():
    table = composite({"egdi": tidy("egdi", 2024, {"DNK": 0.98})})
    assert table[["iso3", "score", "rank", "grade"]].values.tolist() == [["DNK", 0.5, 1, "A"]]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"weights": {"egdi": 1, "dgi": 1}}, r"missing \['eu'\]"),
        ({"weights": {"egdi": 1, "dgi": 1, "eu": 1, "gtmi": 1}}, r"unknown \['gtmi'\]"),
        ({"weights": {"egdi": -1, "dgi": 1, "eu": 1}}, r"non-negative; got \{'egdi': -1\}"),
        ({"weights": {"egdi": 0, "dgi": 0, "eu": 0}}, "at least one weight must be positive"),
        ({"missing": "zero"}, "missing='zero' is not a missing-data rule"),
        ({"min_coverage": 50}, r"min_coverage must lie in \[0, 1\], got 50"),
        ({"normalisation": "log"}, "normalisation='log' is unknown"),
    ],
)
def test_bad_arguments_are_named(kwargs, message):
    with pytest.raises(ValidationError, match=message):
        composite(COMPONENTS, **kwargs)


def test_component_with_no_values_is_named():
    with pytest.raises(ValidationError, match="component 'eu' has no observed values"):
        composite({**COMPONENTS, "eu": EU.iloc[0:0]})


def test_all_missing_values_are_named():
    empty = EU.assign(value=float("nan"))
    with pytest.raises(ValidationError, match="component 'eu' has no observed values"):
        composite({**COMPONENTS, "eu": empty})


def test_pivot_wide_with_coverage_and_display_names():
    wide = pivot_wide(pd.concat(COMPONENTS.values()))
    assert list(wide.columns) == [
        "country",
        "dgi",
        "egdi",
        "overall",
        "n_observed",
        "coverage",
        "grade",
    ]
    assert wide.loc["SGP", "country"] == "Singapore" and math.isnan(wide.loc["SGP", "dgi"])
    assert wide.loc["FIN", "n_observed"] == 2 and wide.loc["FIN", "coverage"] == pytest.approx(
        2 / 3
    )
    assert wide["grade"].to_dict() == {"DNK": "A", "FIN": "C", "GBR": "A", "KOR": "A", "SGP": "D"}


def test_pivot_wide_over_indicator_and_edition():
    frame = pd.concat([EGDI, EGDI.assign(year=2022, value=EGDI.value - 0.01)])
    wide = pivot_wide(frame, ["indicator", "year"], coverage=False)
    assert list(wide.columns) == ["country", "egdi_2022", "egdi_2024"]
    assert wide.loc["DNK", "egdi_2022"] == pytest.approx(0.97)


def test_pivot_wide_refuses_repeated_keys_and_unknown_countries():
    with pytest.raises(ValidationError, match=r"repeat the key \['iso3', 'indicator'\]"):
        pivot_wide(pd.concat([EGDI, EGDI.assign(year=2022)]))
    with pytest.raises(UnknownCountryError, match=r"\['ZZZ'\]"):
        pivot_wide(tidy("egdi", 2024, {"ZZZ": 0.5}))
