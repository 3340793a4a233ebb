"""Chapter 5 words what ``rank_uncertainty`` returns as data: who is not ranked and which
index does not assess them, the range each modelling choice drew from, and the sets of
items the audit's coherence is measured on. Real data for
the report's sentences; constructed results for the wordings real data never reach (two
indices missing, fixed weights, one option)."""

from __future__ import annotations

import pandas as pd
import pytest

from smartresearch.analysis import rank_uncertainty
from smartresearch.analysis.audit import framework_audit
from smartresearch.chapters import composite as chapter
from smartresearch.chapters.composite_audit import coherence_table, items_name
from smartresearch.chapters.composite_phrases import not_assessed_phrase
from smartresearch.chapters.composite_variance import choice_name, range_phrase, variance_table


def _frame(name: str, year: int, values: dict[str, float]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "iso3": list(values),
            "country": list(values),
            "year": year,
            "indicator": name,
            "value": list(values.values()),
        }
    )


@pytest.fixture(scope="module")
def headline():
    return chapter.headline_uncertainty(runs=20)


@pytest.fixture(scope="module")
def three():
    """Three indices: Kosovo lacks b, Taiwan lacks b and c, Denmark … France have all."""
    full = {"DNK": 0.9, "KOR": 0.8, "GBR": 0.5, "FRA": 0.3}
    frames = {
        "a": _frame("a", 2022, {**full, "XKX": 0.4, "TWN": 0.7}),
        "b": _frame("b", 2024, full),
        "c": _frame("c", 2025, {**full, "XKX": 0.6}),
    }
    return rank_uncertainty(frames, runs=40, seed=0, bootstrap=0)


def test_not_ranked_phrase_on_the_report_names_each_country_and_its_missing_edition(
    headline,
) -> None:
    phrase = chapter.not_ranked_phrase(headline, chapter.imputed_ranks())
    year = dict(zip(headline.editions["component"], headline.editions["year"], strict=True))
    assert not headline.not_ranked.empty
    for row in headline.not_ranked.itertuples(index=False):
        (index,) = row.missing  # two headline indices: a left-out country lacks exactly one
        assert row.country in phrase and f"not assessed by {index} {year[index]}" in phrase
        assert row.iso3 not in set(headline.ranks["iso3"])
    assert ", and " not in phrase and " are not ranked" in phrase
    assert "would place" in phrase and "would place" not in chapter.not_ranked_phrase(headline)


def test_not_assessed_names_one_missing_index_or_several_with_their_editions(three) -> None:
    lacking = dict(zip(three.not_ranked["iso3"], three.not_ranked["missing"], strict=True))
    assert lacking == {"TWN": ("b", "c"), "XKX": ("b",)}
    assert not_assessed_phrase(three, lacking["XKX"]) == "not assessed by b 2024"
    assert not_assessed_phrase(three, lacking["TWN"]) == "not assessed by b 2024 or c 2025"
    assert chapter.not_ranked_phrase(three) == (
        "Kosovo is not ranked, not assessed by b 2024; Taiwan is not ranked, not assessed by "
        "b 2024 or c 2025"
    )


def test_countries_missing_the_same_index_share_one_clause() -> None:
    full = {"DNK": 0.9, "KOR": 0.8, "GBR": 0.5}
    frames = {
        "a": _frame("a", 2024, {**full, "XKX": 0.4, "TWN": 0.7}),
        "b": _frame("b", 2025, full),
    }
    result = rank_uncertainty(frames, runs=40, seed=0, bootstrap=0)
    assert chapter.not_ranked_phrase(result) == (
        "Kosovo and Taiwan are not ranked, not assessed by b 2025"
    )
    everyone = rank_uncertainty(frames, runs=40, seed=0, bootstrap=0, population="any")
    assert chapter.not_ranked_phrase(everyone) == (
        "every country seen is assessed by both a 2024 and b 2025"
    )


def test_ranges_read_as_the_report_prints_them(headline) -> None:
    assert headline.ranges == {
        "normalisation": ("minmax", "zscore", "percentile"),
        "aggregation": ("arithmetic", "geometric"),
    }
    assert choice_name(headline, "normalisation") == (
        "normalisation (min–max, z-score or Hazen percentile)"
    )
    assert choice_name(headline, "aggregation") == "aggregation (arithmetic mean or geometric mean)"
    assert choice_name(headline, "weights") == (
        "weights (each nominal weight ±25%, rescaled to sum to 1: EGDI 37.5%–62.5%, "
        "GTMI 37.5%–62.5%)"
    )
    shown = variance_table(headline).set_index("Choice")["Range drawn"]
    for choice in headline.variance_shares["choice"]:
        assert shown[choice] == range_phrase(headline, choice)


def test_ranges_read_fixed_weights_one_option_and_an_unknown_choice(three) -> None:
    frames = {n: _frame(n, 2024, {"DNK": 0.9, "KOR": v, "GBR": 0.5}) for n, v in (("a", 0.8),)}
    frames["b"] = _frame("b", 2024, {"DNK": 0.2, "KOR": 1.0, "GBR": 0.6})
    fixed = rank_uncertainty(
        frames,
        runs=40,
        weight_range=0.0,
        weights={"a": 0.75, "b": 0.25},
        aggregations=("geometric",),
        bootstrap=0,
    )
    assert range_phrase(fixed, "weights") == "fixed at a 75%, b 25%"
    assert range_phrase(fixed, "aggregation") == "geometric mean"
    assert range_phrase(fixed, "no such choice") == ""
    assert range_phrase(three, "weights") == (
        "each nominal weight ±25%, rescaled to sum to 1: a 23.1%–45.5%, b 23.1%–45.5%, "
        "c 23.1%–45.5%"
    )


def test_coherence_items_read_from_the_audits_levels(headline) -> None:
    editions = dict(zip(headline.editions["component"], headline.editions["year"], strict=True))
    audit = framework_audit(headline.ranks.set_index("iso3")["score"], editions)
    assert coherence_table(audit)["Items"].tolist() == [
        "the indices",
        "EGDI's pillars",
        "GTMI's pillars",
        "all pillars",
    ]
    assert items_name("pillar", "OECD DGI") == "OECD DGI's pillars"
    assert items_name("pillar", float("nan")) == items_name("pillar", None) == "all pillars"
    assert items_name("index", None) == "the indices"
