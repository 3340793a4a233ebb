"""The composite re-run many times at once: matrices in, a rank per country per run out.

:func:`smartresearch.analysis.uncertainty.rank_uncertainty` draws the configurations; this
module turns them into scores and ranks without a Python loop per run or per country: one
normalised matrix per normalisation, one matrix product per (normalisation, aggregation)
with every run's weights, one ``argsort`` over all runs. It also decides who is ranked
(:func:`ranked_population`), summarises the runs per country (:func:`rank_summary`), splits
their variance among the choices (:func:`choice_shares`) and bounds the weights drawn
(:func:`weight_bounds`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from smartresearch.analysis._frames import one_value_per_country
from smartresearch.analysis.normalise import normalise_values
from smartresearch.analysis.sobol import sobol_indices
from smartresearch.countries import names_for
from smartresearch.errors import ValidationError


def normalised_matrix(
    series: Mapping[str, pd.Series],
    higher: Mapping[str, bool],
    population: pd.Index,
    method: str,
) -> np.ndarray:
    """Normalised scores (countries × components) among the population countries observed."""
    columns = []
    for name, values in series.items():
        values = values[values.index.isin(population)]
        scored = normalise_values(values.rename(name), method, higher_is_better=higher[name])  # type: ignore[arg-type]
        columns.append(scored.reindex(population).to_numpy(dtype="float64"))
    return np.column_stack(columns)


def aggregable(matrix: np.ndarray, missing: str, aggregation: str) -> np.ndarray:
    """The matrix a run multiplies by its weights: gaps filled (or kept NaN) by ``missing``;
    for ``geometric``, rescaled to [1, 100] per component and logged."""
    m = matrix.copy()
    if missing == "mean-impute":
        means = np.nanmean(m, axis=0)
        m = np.where(np.isnan(m), means, m)
    if aggregation == "geometric":
        lo, hi = np.nanmin(m, axis=0), np.nanmax(m, axis=0)
        span = np.where(hi > lo, hi - lo, 1.0)
        m = np.log(1.0 + 99.0 * (m - lo) / span)
    return m


def aggregate(matrix: np.ndarray, weights: np.ndarray, aggregation: str) -> np.ndarray:
    """Scores of every country in every run: ``matrix`` is countries × components (NaN where
    not observed; logged for ``geometric``), ``weights`` runs × components; gaps drop out and
    the weights re-scale over what is observed. Returns runs × countries."""
    observed = ~np.isnan(matrix)
    if observed.all():
        mean = (weights @ matrix.T) / weights.sum(axis=1, keepdims=True)
    else:
        total = weights @ np.nan_to_num(matrix).T
        weight_observed = weights @ observed.astype("float64").T
        with np.errstate(invalid="ignore", divide="ignore"):
            mean = np.where(weight_observed > 0, total / weight_observed, np.nan)
    return np.exp(mean) if aggregation == "geometric" else mean


def rank_rows(scores: np.ndarray) -> np.ndarray:
    """Rank each row (higher score = better = rank 1; ties share the best rank; NaN stays NaN)."""
    key = np.where(np.isnan(scores), np.inf, -scores)
    order = np.argsort(key, axis=1)  # ties get the same rank whatever their order
    ordered = np.take_along_axis(key, order, axis=1)
    n = scores.shape[1]
    new = np.ones_like(ordered, dtype=bool)
    new[:, 1:] = ordered[:, 1:] != ordered[:, :-1]
    first = np.maximum.accumulate(np.where(new, np.arange(n), 0), axis=1)
    ranks = np.empty_like(scores)
    np.put_along_axis(ranks, order, (first + 1).astype("float64"), axis=1)
    return np.where(np.isnan(scores), np.nan, ranks)


def option_levels(u: np.ndarray, count: int) -> np.ndarray:
    """A uniform draw on [0, 1) as one of ``count`` equally likely options."""
    return np.minimum((u * count).astype(np.int64), count - 1)


def perturbed_weights(u: np.ndarray, base: np.ndarray, spread: float) -> np.ndarray:
    """Each nominal weight moved by up to ±``spread`` of itself, rescaled to sum to 1."""
    w = base * (1.0 + spread * (2.0 * u - 1.0))
    return w / w.sum(axis=1, keepdims=True)


def order_statistics(
    ranks: np.ndarray, low: float, high: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Median and the ``low``/``high`` percentiles of each column (numpy's ``"lower"`` and
    ``"higher"`` methods, so the bounds are ranks that occurred); one sort when no run left a
    country unranked, numpy's NaN-aware functions otherwise."""
    if np.isnan(ranks).any():
        with np.errstate(invalid="ignore"):
            return (
                np.nanmedian(ranks, axis=0),
                np.nanpercentile(ranks, low, axis=0, method="lower"),
                np.nanpercentile(ranks, high, axis=0, method="higher"),
            )
    ordered = np.sort(ranks, axis=0)
    last = ordered.shape[0] - 1
    middle = (ordered[last // 2] + ordered[(last + 1) // 2]) / 2
    return (
        middle,
        ordered[int(np.floor(low / 100 * last))],
        ordered[int(np.ceil(high / 100 * last))],
    )


def rank_summary(
    population: pd.Index,
    scores: np.ndarray,
    ranks: np.ndarray,
    interval: tuple[float, float],
    covered: Sequence[set[str]],
) -> pd.DataFrame:
    low, high = interval
    ranked = ~np.isnan(ranks)
    median, rank_low, rank_high = order_statistics(ranks, low, high)
    with np.errstate(invalid="ignore"):
        table = pd.DataFrame(
            {
                "iso3": population.astype(str),
                "country": names_for(population),
                "score": scores[0],
                "rank": ranks[0],
                "median_rank": median,
                "rank_low": rank_low,
                "rank_high": rank_high,
                "best_rank": np.nanmin(ranks, axis=0),
                "worst_rank": np.nanmax(ranks, axis=0),
                "top10_share": (np.nan_to_num(ranks, nan=np.inf) <= 10).sum(axis=0)
                / ranked.sum(axis=0),
                "n_observed": np.column_stack([population.isin(list(c)) for c in covered]).sum(
                    axis=1
                ),
            }
        )
    for column in ("rank", "median_rank", "rank_low", "rank_high", "best_rank", "worst_rank"):
        table[column] = table[column].astype("Float64")
    table = table.sort_values(["rank", "iso3"], na_position="last", kind="mergesort")
    return table.reset_index(drop=True)


def choice_shares(
    ranks: np.ndarray, names: Sequence[str], n: int, seed: int, bootstrap: int
) -> tuple[pd.DataFrame, tuple[str, ...]]:
    """Sobol' indices of the design's ranks (rows after the baseline); choices that moved
    no rank in any run are returned apart, as inert."""
    columns = [
        "choice",
        "first_order",
        "first_low",
        "first_high",
        "total_order",
        "total_low",
        "total_high",
    ]
    if not names:
        return pd.DataFrame(columns=columns), ()
    design = ranks[1:]
    y_a, y_b = design[:n], design[n : 2 * n]
    y_ab = design[2 * n :].reshape(len(names), n, design.shape[1])
    moved = ~np.all((y_ab == y_a[None]) | np.isnan(y_ab), axis=(1, 2))
    idx = sobol_indices(y_a, y_b, y_ab, names, bootstrap=bootstrap, seed=seed)
    table = pd.DataFrame(
        {
            "choice": list(names),
            "first_order": idx.first,
            "first_low": idx.first_low,
            "first_high": idx.first_high,
            "total_order": idx.total,
            "total_low": idx.total_low,
            "total_high": idx.total_high,
        }
    )
    inert = tuple(c for c, m in zip(names, moved, strict=True) if not m)
    return table[moved].reset_index(drop=True)[columns], inert


def ranked_population(
    latest: Mapping[str, pd.DataFrame], population: str
) -> tuple[pd.Index, pd.DataFrame, list[set[str]]]:
    """Who is ranked (complete cases, or every country seen) and who is left out, why: the
    left-out frame's ``missing`` holds the tuple of components (in ``latest`` order) that do
    not assess the country, as data; the chapters word it."""
    names = list(latest)
    covered = [set(one_value_per_country(f, what=n).index) for n, f in latest.items()]
    overlap = set.intersection(*covered)
    if not overlap:
        raise ValidationError(
            f"rank_uncertainty: components {names} have no country in common "
            "(empty overlap) in the editions used"
        )
    seen = set().union(*covered)
    chosen = overlap if population == "complete" else seen
    left_out = sorted(seen - chosen)
    not_ranked = pd.DataFrame(
        {
            "iso3": pd.Series(left_out, dtype="object"),
            "country": pd.Series(names_for(pd.Index(left_out)) if left_out else [], dtype="object"),
            "missing": pd.Series(
                [
                    tuple(n for n, c in zip(names, covered, strict=True) if iso3 not in c)
                    for iso3 in left_out
                ],
                dtype="object",
            ),
        }
    )
    return pd.Index(sorted(chosen), name="iso3"), not_ranked, covered


def weight_bounds(names: Sequence[str], base: np.ndarray, spread: float) -> pd.DataFrame:
    """The range each weight was drawn from: ``component, nominal, low, high`` (shares of 1).
    A nominal weight moved by ±``spread`` of its value with the others moved the opposite way,
    then rescaled to sum to 1, is bounded by these; with no spread or one component,
    ``low == high == nominal``."""
    if spread == 0 or len(names) < 2:
        lows = highs = np.asarray(base, dtype=float)
    else:
        lows = base * (1 - spread) / (base * (1 - spread) + (1 - base) * (1 + spread))
        highs = base * (1 + spread) / (base * (1 + spread) + (1 - base) * (1 - spread))
    return pd.DataFrame(
        {
            "component": pd.Series(list(names), dtype="object"),
            "nominal": np.asarray(base, dtype=float),
            "low": lows,
            "high": highs,
        }
    )
