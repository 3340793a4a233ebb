"""Concordance between two indices, checked against rank correlations computed by hand."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pandas as pd
import pytest

from smartresearch.analysis import concordance, concordance_table
from smartresearch.errors import ValidationError


def tidy(indicator: str, year: int, values: dict[str, float]) -> pd.DataFrame:
    return pd.DataFrame(
        {"iso3": list(values), "year": year, "indicator": indicator, "value": list(values.values())}
    )


EGDI = {
    "DNK": 0.985,
    "EST": 0.973,
    "SGP": 0.969,
    "KOR": 0.968,
    "GBR": 0.958,
    "FIN": 0.955,
    "USA": 0.919,
}
DGI = {
    "KOR": 0.935,
    "DNK": 0.825,
    "GBR": 0.776,
    "EST": 0.720,
    "FIN": 0.700,
    "NOR": 0.690,
    "USA": 0.450,
}


def hand_spearman(x: list[float], y: list[float]) -> float:
    rx = {v: i + 1 for i, v in enumerate(sorted(x))}
    ry = {v: i + 1 for i, v in enumerate(sorted(y))}
    n = len(x)
    d2 = sum((rx[a] - ry[b]) ** 2 for a, b in zip(x, y, strict=True))
    return 1 - 6 * d2 / (n * (n * n - 1))


def hand_kendall(x: list[float], y: list[float]) -> float:
    pairs = list(itertools.combinations(range(len(x)), 2))
    s = sum(math.copysign(1, (x[i] - x[j]) * (y[i] - y[j])) for i, j in pairs)
    return s / len(pairs)


def test_correlations_on_common_countries_match_hand_computation():
    result = concordance(tidy("egdi", 2024, EGDI), tidy("dgi", 2023, DGI), labels=("EGDI", "DGI"))
    common = sorted(set(EGDI) & set(DGI))
    x, y = [EGDI[c] for c in common], [DGI[c] for c in common]
    assert result.n == 6 and result.common == tuple(common)
    assert result.only_in_a == ("SGP",) and result.only_in_b == ("NOR",)
    assert result.spearman == pytest.approx(hand_spearman(x, y))
    assert result.kendall == pytest.approx(hand_kendall(x, y))


def test_largest_disagreements_first_with_ranks_among_common_countries():
    result = concordance(tidy("egdi", 2024, EGDI), tidy("dgi", 2023, DGI))
    table = result.disagreements
    assert list(table.columns) == [
        "iso3",
        "country",
        "value_a",
        "value_b",
        "rank_a",
        "rank_b",
        "rank_shift",
    ]
    # EGDI order among the six: DNK EST KOR GBR FIN USA; DGI order: KOR DNK GBR EST FIN USA.
    # Equal |shift| is broken by code, so EST (+2) precedes KOR (-2).
    shifts = [(r.iso3, r.rank_a, r.rank_b, r.rank_shift) for r in table.itertuples()]
    assert shifts == [
        ("EST", 2, 4, 2),
        ("KOR", 3, 1, -2),
        ("DNK", 1, 2, 1),
        ("GBR", 4, 3, -1),
        ("FIN", 5, 5, 0),
        ("USA", 6, 6, 0),
    ]
    assert table["rank_shift"].abs().is_monotonic_decreasing
    assert table.loc[table.iso3 == "KOR", "country"].item() == "South Korea"


def test_published_rank_is_turned_round_before_correlating():
    ranks = tidy("egdi_rank", 2024, {"DNK": 1, "EST": 2, "SGP": 3, "KOR": 4})
    result = concordance(tidy("egdi", 2024, EGDI), ranks)
    assert result.spearman == pytest.approx(1.0) and result.kendall == pytest.approx(1.0)
    assert result.disagreements["value_b"].tolist() == [1.0, 2.0, 4.0, 3.0]


def test_too_few_common_countries_gives_missing_correlation_not_a_warning():
    one = concordance(tidy("egdi", 2024, {"DNK": 0.9}), tidy("dgi", 2023, {"DNK": 0.8}))
    assert one.n == 1 and math.isnan(one.spearman) and math.isnan(one.kendall)
    none = concordance(tidy("egdi", 2024, {"DNK": 0.9}), tidy("dgi", 2023, {"KOR": 0.8}))
    assert none.n == 0 and none.disagreements.empty
    constant = concordance(tidy("a", 1, dict.fromkeys(EGDI, 1.0)), tidy("b", 1, EGDI))
    assert math.isnan(constant.spearman)


def test_mixed_editions_are_refused_with_the_pairs_found():
    both = pd.concat([tidy("egdi", 2022, EGDI), tidy("egdi", 2024, EGDI)])
    with pytest.raises(
        ValidationError,
        match=r"EGDI: expected one indicator in one edition.*\('egdi', 2022\), \('egdi', 2024\)",
    ):
        concordance(both, tidy("dgi", 2023, DGI), labels=("EGDI", "DGI"))


def test_duplicate_country_is_refused():
    dup = pd.concat([tidy("dgi", 2023, DGI), tidy("dgi", 2023, {"KOR": 0.9})])
    with pytest.raises(ValidationError, match=r"DGI: 2 rows repeat the key \['iso3'\].*KOR"):
        concordance(tidy("egdi", 2024, EGDI), dup, labels=("EGDI", "DGI"))


def test_concordance_table_has_one_row_per_pair():
    table = concordance_table(
        {
            "egdi": tidy("egdi", 2024, EGDI),
            "dgi": tidy("dgi", 2023, DGI),
            "again": tidy("egdi", 2024, EGDI),
        }
    )
    assert list(zip(table.a, table.b, strict=True)) == [
        ("egdi", "dgi"),
        ("egdi", "again"),
        ("dgi", "again"),
    ]
    assert table.loc[1, "spearman"] == pytest.approx(1.0) and table.loc[1, "n"] == len(EGDI)


def test_importing_analysis_leaves_scipy_for_first_use():
    """Notebooks import the analysis, corpus and chapter helpers up front; scipy.stats (about
    1.2 s to import) loads only when a function needs it."""
    import subprocess
    import sys

    code = (
        "import sys, smartresearch.analysis, smartresearch.corpus, smartresearch.chapters.pledges,"
        " smartresearch.chapters.agreement; print('scipy.stats' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_spearman_interval_matches_a_hand_computed_fisher_z():
    from smartresearch.analysis.concordance import spearman_interval

    # rho = 0.8, n = 28: z = atanh(.8) = 1.0986; se = sqrt(1.32 / 25) = 0.22978
    low, high = spearman_interval(0.8, 28)
    assert low == pytest.approx(np.tanh(1.0986123 - 1.959964 * 0.2297825), abs=1e-6)
    assert high == pytest.approx(np.tanh(1.0986123 + 1.959964 * 0.2297825), abs=1e-6)
    assert low == pytest.approx(0.5705, abs=1e-3) and high == pytest.approx(0.9135, abs=1e-3)
    assert np.isnan(spearman_interval(0.5, 3)[0])


def test_concordance_carries_the_interval_and_the_table_shows_it():
    result = concordance(tidy("egdi", 2024, EGDI), tidy("dgi", 2023, DGI), labels=("E", "D"))
    assert result.spearman_low <= result.spearman <= result.spearman_high
    table = concordance_table({"e": tidy("egdi", 2024, EGDI), "d": tidy("dgi", 2023, DGI)})
    assert {"spearman_low", "spearman_high"} <= set(table.columns)


def test_repr_summarises_instead_of_listing_every_code():
    """``concordance(...)`` at a prompt printed all 193 common codes; now one line."""
    from smartresearch import datasets
    from smartresearch.analysis import concordance

    egdi, gtmi = datasets.load("egdi"), datasets.load("gtmi")
    a = egdi[(egdi["indicator"] == "egdi") & (egdi["year"] == 2022)]
    b = gtmi[(gtmi["indicator"] == "gtmi") & (gtmi["year"] == 2022)]
    result = concordance(a, b, labels=("EGDI", "GTMI"))
    text = repr(result)
    assert len(result.common) > 150 and len(text) < 300 and "\n" not in text
    assert f"n={result.n}" in text and f"spearman={result.spearman:.2f}" in text
    top = result.disagreements.iloc[0]
    assert f"{top['iso3']} {int(top['rank_shift']):+d}" in text
    import re

    assert len(set(re.findall(r"\b[A-Z]{3}\b", text)) & set(result.common)) <= 3
