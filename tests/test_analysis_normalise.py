"""Normalisation: each method against values worked out by hand."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from smartresearch.analysis import NORMALISATIONS, normalise, normalise_values
from smartresearch.errors import ValidationError


def tidy(indicator: str, year: int, values: dict[str, float]) -> pd.DataFrame:
    return pd.DataFrame(
        {"iso3": list(values), "year": year, "indicator": indicator, "value": list(values.values())}
    )


# EU-benchmark-like scores on a 0-100 scale, with a tie.
VALUES = {"DNK": 88.0, "EST": 92.0, "FIN": 80.0, "NLD": 80.0, "SWE": 70.0}


def scores(method: str, values=VALUES, indicator="overall") -> dict[str, float]:
    out = normalise(tidy(indicator, 2023, values), method)
    return dict(zip(out["iso3"], out["score"], strict=True))


def test_minmax():
    got = scores("minmax")
    assert got["EST"] == 1.0 and got["SWE"] == 0.0
    assert got["DNK"] == pytest.approx((88 - 70) / (92 - 70))


def test_zscore_uses_population_sd():
    values = list(VALUES.values())
    mean = sum(values) / len(values)
    sd = math.sqrt(sum((v - mean) ** 2 for v in values) / len(values))
    got = scores("zscore")
    assert got["DNK"] == pytest.approx((88 - mean) / sd)
    assert sum(got.values()) == pytest.approx(0.0, abs=1e-12)


def test_percentile_is_hazen_with_shared_ranks_for_ties():
    got = scores("percentile")
    # ascending ranks: SWE 1, FIN/NLD 2.5, DNK 4, EST 5; Hazen (r - 0.5) / n
    assert got == pytest.approx({"SWE": 0.1, "FIN": 0.4, "NLD": 0.4, "DNK": 0.7, "EST": 0.9})


def test_frontier_is_share_of_best():
    got = scores("frontier")
    assert got["EST"] == 1.0 and got["SWE"] == pytest.approx(70 / 92)


def test_lower_is_better_is_turned_round():
    ranks = {"DNK": 1.0, "EST": 2.0, "GBR": 7.0}
    assert scores("minmax", ranks, "egdi_rank") == pytest.approx(
        {"DNK": 1.0, "EST": 5 / 6, "GBR": 0.0}
    )
    assert scores("frontier", ranks, "egdi_rank") == pytest.approx(
        {"DNK": 1.0, "EST": 0.5, "GBR": 1 / 7}
    )


@pytest.mark.parametrize(
    ("method", "midpoint"),
    [("minmax", 0.5), ("zscore", 0.0), ("percentile", 0.5), ("frontier", 1.0)],
)
def test_single_country_and_constant_groups_score_the_midpoint(method, midpoint):
    assert scores(method, {"DNK": 0.9}) == {"DNK": midpoint}
    assert set(scores(method, {"DNK": 0.9, "KOR": 0.9}).values()) == {midpoint}


def test_each_edition_is_its_own_group():
    frame = pd.concat(
        [tidy("egdi", 2022, {"DNK": 0.5, "KOR": 1.0}), tidy("egdi", 2024, {"DNK": 0.9, "KOR": 0.8})]
    )
    out = normalise(frame, "minmax")
    assert out["score"].tolist() == [0.0, 1.0, 1.0, 0.0]


def test_missing_values_stay_missing():
    got = normalise_values(pd.Series([1.0, None, 3.0]), "minmax")
    assert got.iloc[0] == 0.0 and math.isnan(got.iloc[1]) and got.iloc[2] == 1.0


def test_frontier_refuses_zero_values():
    with pytest.raises(
        ValidationError, match=r"frontier normalisation of overall.*above zero.*'SWE'|above zero"
    ):
        normalise(tidy("overall", 2023, {**VALUES, "SWE": 0.0}), "frontier")


def test_unknown_method_lists_the_known_ones():
    with pytest.raises(ValidationError, match="normalisation='rescale' is unknown"):
        normalise(tidy("overall", 2023, VALUES), "rescale")
    assert NORMALISATIONS == ("minmax", "zscore", "percentile", "frontier")


def test_grouping_that_mixes_indicators_is_refused():
    frame = pd.concat([tidy("egdi", 2024, {"DNK": 0.9}), tidy("osi", 2024, {"DNK": 0.8})])
    with pytest.raises(ValidationError, match=r"mixes indicators \['egdi', 'osi'\]"):
        normalise(frame, by=("year",))
