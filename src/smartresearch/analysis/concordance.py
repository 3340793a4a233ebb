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
from smartresearch.countries import names_for
from smartresearch.ranking import rank_values

#: Fewer common countries than this and a rank correlation is reported as missing.
MIN_COMMON = 3
#: Fewer common countries than this and the interval on rho is reported as missing (the
#: Fisher z interval needs n > 3).
MIN_INTERVAL = 4


def spearman_interval(rho: float, n: int, level: float = 0.95) -> tuple[float, float]:
    """Confidence interval for Spearman's rho by Fisher's z with the Bonett–Wright (2000)
    variance, (1 + rho²/2) / (n − 3): the plain 1/(n − 3) of Pearson's r is too narrow for a
    rank correlation. NaN when rho is undefined or n < :data:`MIN_INTERVAL`.
    """
    if not np.isfinite(rho) or n < MIN_INTERVAL:
        return float("nan"), float("nan")
    from statistics import NormalDist

    z_crit = NormalDist().inv_cdf(0.5 + level / 2)
    if abs(rho) >= 1:
        return float(rho), float(rho)
    z = np.arctanh(rho)
    half = z_crit * np.sqrt((1 + rho**2 / 2) / (n - 3))
    return float(np.tanh(z - half)), float(np.tanh(z + half))


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
    #: 95% interval on ``spearman`` (:func:`spearman_interval`: Fisher z, Bonett–Wright).
    spearman_low: float = float("nan")
    spearman_high: float = float("nan")

    def __repr__(self) -> str:
        """A summary, not the 193 codes: the fields hold them (``common``, ``only_in_a``...)."""
        largest = self.disagreements.head(3)
        moves = ", ".join(
            f"{row.iso3} {int(row.rank_shift):+d}"
            for row in largest.itertuples()
            if pd.notna(row.rank_shift)
        )
        return (
            f"Concordance({self.a!r} vs {self.b!r}: n={self.n}, "
            f"spearman={self.spearman:.2f} [{self.spearman_low:.2f}, {self.spearman_high:.2f}], "
            f"kendall={self.kendall:.2f}, only in a: {len(self.only_in_a)}, "
            f"only in b: {len(self.only_in_b)}, largest rank shifts: {moves or 'none'})"
        )

    def summary(self) -> dict[str, object]:
        return {
            "a": self.a,
            "b": self.b,
            "n": self.n,
            "spearman": self.spearman,
            "spearman_low": self.spearman_low,
            "spearman_high": self.spearman_high,
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
    low, high = spearman_interval(rho, len(common))
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
        spearman_low=low,
        spearman_high=high,
    )


def concordance_table(
    components: Mapping[str, pd.DataFrame],
    *,
    lower_is_better_indicators: Collection[str] | None = None,
) -> pd.DataFrame:
    """Pairwise concordance of several inputs: one row per pair
    (a, b, n, spearman, spearman_low, spearman_high, kendall)."""
    rows = [
        concordance(
            components[a],
            components[b],
            labels=(a, b),
            lower_is_better_indicators=lower_is_better_indicators,
        ).summary()
        for a, b in itertools.combinations(list(components), 2)
    ]
    return pd.DataFrame(
        rows,
        columns=["a", "b", "n", "spearman", "spearman_low", "spearman_high", "kendall"],
    )
