"""rank_uncertainty: hand-worked normalisations and aggregations, one vintage, the Saltelli
design and its Sobol' indices, seeds, intervals, errors."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smartresearch.analysis import uncertainty as u
from smartresearch.errors import ValidationError


def frame(values: dict[str, float], year: int = 2024, indicator: str = "x") -> pd.DataFrame:
    return pd.DataFrame(
        {
            "iso3": list(values),
            "country": list(values),
            "year": year,
            "indicator": indicator,
            "value": list(values.values()),
        }
    )


A = {"DNK": 0.9, "KOR": 0.8, "GBR": 0.5, "FRA": 0.3}
B = {"DNK": 0.2, "KOR": 1.0, "GBR": 0.6, "FRA": 0.2}
ISO = ["DNK", "FRA", "GBR", "KOR"]


def one(
    normalisation: str,
    aggregation: str,
    missing: str = "drop",
    frames=None,
    weights=None,
    population: str = "complete",
):
    return u.rank_uncertainty(
        frames or {"a": frame(A), "b": frame(B)},
        runs=1,
        weights=weights,
        weight_range=0.0,
        population=population,
        normalisations=(normalisation,),
        aggregations=(aggregation,),
        missing=missing,
    )


def scores(result) -> dict[str, float]:
    return dict(zip(result.ranks["iso3"], result.ranks["score"], strict=True))


def test_minmax_arithmetic_by_hand() -> None:
    # a: (v - .3)/.6 -> DNK 1, KOR 5/6, GBR 1/3, FRA 0; b: (v - .2)/.8 -> 0, 1, .5, 0
    got = scores(one("minmax", "arithmetic"))
    assert got == pytest.approx({"DNK": 0.5, "KOR": 11 / 12, "GBR": 5 / 12, "FRA": 0.0})
    assert list(one("minmax", "arithmetic").ranks["iso3"]) == ["KOR", "DNK", "GBR", "FRA"]


def test_zscore_arithmetic_by_hand() -> None:
    za = (np.array([0.9, 0.8, 0.5, 0.3]) - 0.625) / np.std([0.9, 0.8, 0.5, 0.3])
    zb = (np.array([0.2, 1.0, 0.6, 0.2]) - 0.5) / np.std([0.2, 1.0, 0.6, 0.2])
    expected = dict(zip(["DNK", "KOR", "GBR", "FRA"], (za + zb) / 2, strict=True))
    assert scores(one("zscore", "arithmetic")) == pytest.approx(expected)


def test_percentile_arithmetic_by_hand() -> None:
    # a ranks 4,3,2,1 -> (r-.5)/4; b ranks DNK/FRA tie 1.5, GBR 3, KOR 4
    got = scores(one("percentile", "arithmetic"))
    assert got == pytest.approx(
        {
            "DNK": (0.875 + 0.25) / 2,
            "KOR": (0.625 + 0.875) / 2,
            "GBR": (0.375 + 0.625) / 2,
            "FRA": (0.125 + 0.25) / 2,
        }
    )


def test_geometric_by_hand() -> None:
    # minmax rescaled to [1, 100]: a DNK 100, KOR 83.5, GBR 34, FRA 1; b DNK 1, KOR 100, GBR 50.5
    got = scores(one("minmax", "geometric"))
    assert got == pytest.approx(
        {"DNK": np.sqrt(100 * 1), "KOR": np.sqrt(83.5 * 100), "GBR": np.sqrt(34 * 50.5), "FRA": 1.0}
    )


def test_missing_rules_by_hand() -> None:
    b = dict(B)
    del b["GBR"]
    frames = {"a": frame(A), "b": frame(b)}
    # population="any" (the sensitivity): b minmax over DNK .2, KOR 1, FRA .2 -> 0, 1, 0;
    # GBR a = 1/3
    got = scores(one("minmax", "arithmetic", "drop", frames, population="any"))
    assert got["GBR"] == pytest.approx(1 / 3)
    imputed = scores(one("minmax", "arithmetic", "mean-impute", frames, population="any"))
    assert imputed["GBR"] == pytest.approx((1 / 3 + 1 / 3) / 2)
    # the default ranks the complete cases only and says why GBR is left out
    complete = one("minmax", "arithmetic", "mean-impute", frames)
    assert "GBR" not in set(complete.ranks["iso3"])
    assert complete.not_ranked.to_dict("records") == [
        {"iso3": "GBR", "country": "United Kingdom", "missing": ("b",)}
    ]


@settings(max_examples=40, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["DNK", "KOR", "GBR", "FRA", "DEU", "USA", "JPN", "EST"]),
        st.tuples(st.floats(0.05, 1.0) | st.none(), st.floats(0.05, 1.0) | st.none()),
        min_size=2,
    ),
    st.sampled_from(u.MISSING_RULES),
)
def test_a_country_missing_a_headline_index_is_never_ranked(values, missing) -> None:
    a = {k: v[0] for k, v in values.items() if v[0] is not None}
    b = {k: v[1] for k, v in values.items() if v[1] is not None}
    both = set(a) & set(b)
    if not both:
        return
    frames = {"EGDI": frame(a), "GTMI": frame(b)}
    result = u.rank_uncertainty(frames, runs=30, seed=1, missing=missing)
    assert set(result.ranks["iso3"]) == both
    assert set(result.not_ranked["iso3"]) == (set(a) | set(b)) - both
    assert not np.isnan(result.rank_matrix).any()
    # both components are headline ones here (min_share=0): the composite agrees
    head = u.headline_composite(frames, min_share=0.0)
    assert set(head.loc[head["included"], "iso3"]) == both


def test_only_the_chosen_vintage_is_used_and_a_missing_edition_is_named() -> None:
    old_b = {"DNK": 0.2, "KOR": 1.0, "FRA": 0.8}  # GBR absent from b's older edition
    frames = {
        "a": pd.concat([frame(A, 2022), frame(A, 2024)], ignore_index=True),
        "b": pd.concat([frame(old_b, 2022), frame(B, 2024)], ignore_index=True),
    }
    latest = u.rank_uncertainty(frames, runs=50, seed=0)
    assert latest.editions.to_dict("records") == [
        {"component": "a", "year": 2024},
        {"component": "b", "year": 2024},
    ]
    assert set(latest.ranks["iso3"]) == set(ISO)
    # every run uses the latest values: a run's scores equal the one-vintage composite's
    alone = u.rank_uncertainty({"a": frame(A), "b": frame(B)}, runs=50, seed=0)
    np.testing.assert_array_equal(latest.rank_matrix, alone.rank_matrix)
    older = u.rank_uncertainty(frames, runs=50, editions={"b": 2022})
    assert "GBR" in set(older.not_ranked["iso3"])
    with pytest.raises(
        ValidationError, match=r"b has no edition 2019; its editions are \[2022, 2024\]"
    ):
        u.rank_uncertainty(frames, editions={"b": 2019})
    with pytest.raises(ValidationError, match="unknown component"):
        u.rank_uncertainty(frames, editions={"zz": 2024})


def test_weights_by_hand() -> None:
    got = scores(one("minmax", "arithmetic", weights={"a": 0.75, "b": 0.25}))
    assert got["KOR"] == pytest.approx(0.75 * 5 / 6 + 0.25)


def test_ranges_and_weight_bounds_are_data_and_bound_every_drawn_weight() -> None:
    result = u.rank_uncertainty({"a": frame(A), "b": frame(B)}, runs=200, seed=3, bootstrap=0)
    assert result.ranges == {
        "normalisation": tuple(u.UNCERTAINTY_NORMALISATIONS),
        "aggregation": tuple(u.AGGREGATIONS),
    }
    bounds = result.weight_bounds.set_index("component")
    assert bounds.loc["a"].tolist() == pytest.approx([0.5, 0.375, 0.625])
    for c in ("a", "b"):
        drawn = result.runs[f"weight_{c}"]
        assert bounds.at[c, "low"] <= drawn.min() and drawn.max() <= bounds.at[c, "high"]
    fixed = u.rank_uncertainty(
        {"a": frame(A), "b": frame(B)}, runs=20, weight_range=0.0, weights={"a": 0.75, "b": 0.25}
    )
    assert fixed.weight_range == 0.0
    assert fixed.weight_bounds[["nominal", "low", "high"]].values.tolist() == [
        [0.75, 0.75, 0.75],
        [0.25, 0.25, 0.25],
    ]


def test_rank_rows_ties_share_best_rank_and_nan_stays() -> None:
    ranks = u.rank_rows(np.array([[0.5, 0.9, 0.5, np.nan]]))
    assert ranks[0, :3].tolist() == [2.0, 1.0, 2.0]
    assert np.isnan(ranks[0, 3])


def test_a_choice_that_decides_everything_gets_all_the_variance() -> None:
    # min-max scores a: KOR 1, DNK .55, USA .2; b: USA 1, DNK .6, KOR .2. The arithmetic
    # mean puts KOR and USA (.6) above DNK (.575); the geometric mean rewards DNK's balance
    frames = {
        "a": frame({"DNK": 0.55, "KOR": 1.0, "FRA": 0.0, "USA": 0.2}),
        "b": frame({"DNK": 0.6, "KOR": 0.2, "FRA": 0.0, "USA": 1.0}),
    }
    result = u.rank_uncertainty(
        frames, runs=3000, seed=0, weight_range=0.0, normalisations=("minmax",), bootstrap=0
    )
    shares = result.variance_shares.set_index("choice")
    assert list(shares.index) == ["aggregation"]
    assert shares.at["aggregation", "first_order"] == pytest.approx(1.0, abs=0.1)
    assert shares.at["aggregation", "total_order"] == pytest.approx(1.0, abs=0.1)
    assert result.interaction_share == pytest.approx(0.0, abs=0.1)


def test_a_choice_that_moves_no_rank_is_not_listed() -> None:
    # one component dominates: whatever the normalisation, the order is the same
    frames = {
        "a": frame({"DNK": 3.0, "KOR": 2.0, "FRA": 1.0}),
        "b": frame({"DNK": 3.0, "KOR": 2.0, "FRA": 1.0}),
    }
    result = u.rank_uncertainty(frames, runs=200, seed=0, aggregations=("arithmetic",))
    assert result.variance_shares.empty
    assert set(result.inert) == {"normalisation", "weights"}
    assert (result.ranks["rank_low"] == result.ranks["rank_high"]).all()


def editions_frames() -> dict[str, pd.DataFrame]:
    rng = np.random.default_rng(3)
    iso = ["DNK", "KOR", "GBR", "FRA", "DEU", "USA", "JPN", "EST", "FIN", "SWE", "NOR", "ISL"]
    parts = {}
    for name in ("a", "b"):
        parts[name] = pd.concat(
            [
                frame(dict(zip(iso, rng.uniform(0.1, 1, len(iso)), strict=True)), year)
                for year in (2020, 2022, 2024)
            ],
            ignore_index=True,
        )
    return parts


def test_seeded_runs_are_reproducible_and_seeds_differ() -> None:
    frames = editions_frames()
    one_run = u.rank_uncertainty(frames, runs=200, seed=7)
    again = u.rank_uncertainty(frames, runs=200, seed=7)
    pd.testing.assert_frame_equal(one_run.ranks, again.ranks)
    pd.testing.assert_frame_equal(one_run.runs, again.runs)
    other = u.rank_uncertainty(frames, runs=200, seed=8)
    assert not one_run.runs.equals(other.runs)


def test_full_range_contains_the_baseline_rank_and_indices_add_up() -> None:
    result = u.rank_uncertainty(editions_frames(), runs=2000, seed=1, interval=(0, 100))
    ranks = result.ranks
    assert (ranks["rank_low"] <= ranks["rank"]).all() and (
        ranks["rank"] <= ranks["rank_high"]
    ).all()
    first = result.runs.iloc[0]
    assert [first["block"], first["normalisation"], first["aggregation"]] == [
        "baseline",
        "minmax",
        "arithmetic",
    ]
    assert first["weight_a"] == first["weight_b"] == 0.5
    n = 2000 // (len(u.CHOICES) + 2)
    assert len(result.runs) == 1 + n * (len(u.CHOICES) + 2)
    assert list(result.runs["block"].value_counts().sort_index()) == [n] * 5 + [1]
    shares = result.variance_shares
    assert set(shares["choice"]) <= set(u.CHOICES)
    assert (shares["total_order"] >= shares["first_order"] - 0.05).all()
    assert shares["first_order"].sum() + result.interaction_share == pytest.approx(1.0, abs=0.05)
    # the weights stay within ±25% of the nominal 0.5, rescaled: 0.375–0.625
    w = result.runs["weight_a"]
    assert w.min() >= 0.375 - 1e-12 and w.max() <= 0.625 + 1e-12 and w.std() > 0.05


def test_baseline_equals_the_headline_composite() -> None:
    frames = editions_frames()
    result = u.rank_uncertainty(frames, runs=50, seed=0)
    latest = {n: u.pick_edition(f, "latest", 2024) for n, f in frames.items()}
    head = u.headline_composite(latest).set_index("iso3")["rank"]
    got = result.ranks.set_index("iso3")["rank"].astype("int64")
    pd.testing.assert_series_equal(
        got.sort_index(), head.sort_index().astype("int64"), check_names=False
    )


def test_fixed_configuration_gives_zero_width_intervals() -> None:
    result = u.rank_uncertainty(
        editions_frames(),
        runs=20,
        weight_range=0.0,
        normalisations=("zscore",),
        aggregations=("arithmetic",),
    )
    assert (result.ranks["rank_low"] == result.ranks["rank_high"]).all()
    assert result.variance_shares.empty and result.inert == ()
    assert len(result.runs) == 1


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"runs": 0}, "runs"),
        ({"runs": 9}, "too few"),
        ({"runs": 10**7}, "runs must be an integer from 1 to 1,000,000"),
        ({"runs": True}, "runs"),
        ({"seed": -1}, "seed"),
        ({"seed": 1.5}, "seed"),
        ({"seed": 2**40}, "seed must be an integer from 0 to"),
        ({"weight_range": 1.5}, "weight_range=1.5 does not exist"),
        ({"weight_range": -0.1}, "weight_range"),
        ({"weight_range": "wide"}, "weight_range='wide'"),
        ({"aggregations": ("harmonic",)}, "harmonic"),
        ({"missing": "guess"}, "guess"),
        ({"weights": {"a": 0.7, "b": 0.7}}, "sum to 1"),
        ({"weights": {"a": 1.2, "b": -0.2}}, "positive"),
        ({"weights": {"a": 0.5, "zz": 0.5}}, "zz"),
        ({"normalisations": ("minmax", "bogus")}, "bogus"),
        ({"normalisations": ()}, "normalisations"),
        ({"population": "some"}, "population"),
    ],
)
def test_bad_arguments_are_named(kwargs: dict, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        u.rank_uncertainty({"a": frame(A), "b": frame(B)}, **kwargs)


def test_empty_overlap_and_unknown_index() -> None:
    with pytest.raises(ValidationError, match="empty overlap"):
        u.rank_uncertainty({"a": frame({"DNK": 1.0, "KOR": 0.5}), "b": frame({"GBR": 1.0})})
    with pytest.raises(ValidationError, match="Nonsense"):
        u.report_frames(("EGDI", "Nonsense"))


def test_report_run_is_seeded_and_reproducible() -> None:
    """(Its speed, 10,000 runs, is measured by scripts/benchmark.py, not here.)"""
    frames, _year = u.report_frames()
    one = u.rank_uncertainty(frames, runs=500, seed=4)
    two = u.rank_uncertainty(frames, runs=500, seed=4)
    pd.testing.assert_frame_equal(one.ranks, two.ranks)
    pd.testing.assert_frame_equal(one.variance_shares, two.variance_shares)
    other = u.rank_uncertainty(frames, runs=500, seed=5)
    assert not one.runs.equals(other.runs)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.floats(0.05, 1.0), min_size=6, max_size=6),
    st.lists(st.floats(0.05, 1.0), min_size=6, max_size=6),
    st.floats(0.0, 1.0),
    st.floats(0.0, 1.0),
    st.floats(0.0, 1.0),
)
def test_twins_rank_the_same_whatever_regional_index_covers_one(xs, ys, tx, ty, regional) -> None:
    others = ["KOR", "GBR", "FRA", "DEU", "USA", "JPN"]
    egdi = {**dict(zip(others, xs, strict=True)), "DNK": tx, "EST": tx}
    gtmi = {**dict(zip(others, ys, strict=True)), "DNK": ty, "EST": ty}
    frames = {
        "EGDI": frame(egdi),
        "GTMI": frame(gtmi),
        "OECD DGI": frame({"DNK": regional, "KOR": 0.5, "GBR": 0.2}),
    }
    ranks = u.headline_composite(frames).set_index("iso3")["rank"]
    assert ranks["DNK"] == ranks["EST"]
    assert u.headline_components(frames) == ["EGDI", "GTMI"]


def test_report_run_ranks_the_complete_cases() -> None:
    frames, year = u.report_frames()
    result = u.rank_uncertainty(frames, runs=100)
    latest = {n: u.pick_edition(f, "latest", year) for n, f in frames.items()}
    covered = [set(f["iso3"]) for f in latest.values()]
    assert set(result.ranks["iso3"]) == set.intersection(*covered)
    assert len(result.ranks) + len(result.not_ranked) == len(set.union(*covered))
    assert result.editions.to_dict("records") == [
        {"component": "EGDI", "year": 2024},
        {"component": "GTMI", "year": 2025},
    ]
