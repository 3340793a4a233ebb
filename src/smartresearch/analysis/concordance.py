"""Do two indices (or two editions of one) order countries the same way?

Rank correlations answer "broadly, yes or no"; the countries they disagree about most
answer "where, and who should look closer". Both are computed on the countries the two
inputs have in common, and the result says how many that is and who was left out, because
a correlation over 14 countries is not one over 190.
"""

from __future__ import annotations

import itertools
from collections.abc import Collection, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from smartresearch.analysis._frames import lower_is_better, one_value_per_country
from smartresearch.analysis.ranks import rank_values
from smartresearch.countries import names_for

#: Fewer common countries than this and a rank correlation is reported as missing.
MIN_COMMON = 3


@dataclass(frozen=True)
class Concordance:
    """Agreement between two inputs ``a`` and ``b`` over their common countries."""

    a: str
    b: str
    n: int
    spearman: float
    kendall: float
    common: tuple[str, ...]
    only_in_a: tuple[str, ...]
    only_in_b: tuple[str, ...]
    #: iso3, country, value_a, value_b, rank_a, rank_b, rank_shift (b − a), sorted by |shift|.
    disagreements: pd.DataFrame

    def summary(self) -> dict[str, object]:
        return {
            "a": self.a,
            "b": self.b,
            "n": self.n,
            "spearman": self.spearman,
            "kendall": self.kendall,
        }


def _component(
    frame: pd.DataFrame, label: str, lower: Collection[str] | None
) -> tuple[pd.Series, pd.Series]:
    """The input's values by iso3, as published and oriented so that higher is better."""
    series = one_value_per_country(frame, what=label)
    indicator = str(frame["indicator"].iloc[0]) if len(frame) else ""
    return series, (-series if lower_is_better(indicator, lower) else series)


def rank_correlations(x: pd.Series, y: pd.Series) -> tuple[float, float]:
    """Spearman's rho and Kendall's tau-b of two aligned series, NaN when undefined.

    Undefined means fewer than :data:`MIN_COMMON` pairs or a constant input; scipy would
    warn there, and a warning is not an answer.
    """
    if len(x) < MIN_COMMON or x.nunique() < 2 or y.nunique() < 2:
        return float("nan"), float("nan")
    from scipy import stats  # imported on first use: scipy.stats costs ~1.5 s to import

    rho = stats.spearmanr(x.to_numpy(), y.to_numpy()).statistic
    tau = stats.kendalltau(x.to_numpy(), y.to_numpy()).statistic
    return float(rho), float(tau)


def concordance(
    a: pd.DataFrame,
    b: pd.DataFrame,
    *,
    labels: tuple[str, str] = ("a", "b"),
    lower_is_better_indicators: Collection[str] | None = None,
) -> Concordance:
    """Compare two tidy frames, each one indicator in one edition.

    Ranks in ``disagreements`` are re-computed among the common countries (ties share the
    best rank), so a shift of 5 means five places within the same set of countries.
    """
    label_a, label_b = labels
    raw_x, x = _component(a, label_a, lower_is_better_indicators)
    raw_y, y = _component(b, label_b, lower_is_better_indicators)
    common = x.index.intersection(y.index).sort_values()
    xa, yb = x.loc[common], y.loc[common]
    rho, tau = rank_correlations(xa, yb)
    rank_a = rank_values(xa, ties="min")
    rank_b = rank_values(yb, ties="min")
    table = pd.DataFrame(
        {
            "iso3": list(common),
            "country": names_for(common),
            "value_a": raw_x.loc[common].to_numpy(),
            "value_b": raw_y.loc[common].to_numpy(),
            "rank_a": rank_a.to_numpy(),
            "rank_b": rank_b.to_numpy(),
        }
    )
    table["rank_shift"] = (table["rank_b"] - table["rank_a"]).astype("Int64")
    order = np.lexsort(
        (table["iso3"].to_numpy(), -table["rank_shift"].abs().to_numpy(dtype="float64", na_value=0))
    )
    table = table.iloc[order].reset_index(drop=True)
    return Concordance(
        a=label_a,
        b=label_b,
        n=len(common),
        spearman=rho,
        kendall=tau,
        common=tuple(common),
        only_in_a=tuple(sorted(x.index.difference(y.index))),
        only_in_b=tuple(sorted(y.index.difference(x.index))),
        disagreements=table,
    )


def concordance_table(
    components: Mapping[str, pd.DataFrame],
    *,
    lower_is_better_indicators: Collection[str] | None = None,
) -> pd.DataFrame:
    """Pairwise concordance of several inputs: one row per pair (a, b, n, spearman, kendall)."""
    rows = [
        concordance(
            components[a],
            components[b],
            labels=(a, b),
            lower_is_better_indicators=lower_is_better_indicators,
        ).summary()
        for a, b in itertools.combinations(list(components), 2)
    ]
    return pd.DataFrame(rows, columns=["a", "b", "n", "spearman", "kendall"])
