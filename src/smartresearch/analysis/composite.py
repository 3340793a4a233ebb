"""A cross-index composite, published with its coverage grade.

No single index is "the" measure of digital government; averaging several smooths their
quirks but adds choices of its own (scale, weights, what to do about gaps). This module
makes each choice an explicit argument so that ``sensitivity`` can vary them, and grades
each country by how much of its score rests on observed data, as the Blavatnik Index of
Public Administration does.

Steps, in order: (1) one value per country per component; (2) coverage = share of
positively weighted components observed, graded A–D; (3) countries under
``min_coverage`` (or, with ``missing="require-all"``, missing any component) are left
out; (4) each component is normalised among the countries kept; (5) gaps are dropped
(weights re-scaled over what is observed) or filled with the component's mean score;
(6) the weighted mean is ranked, ties sharing the best rank.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Literal, get_args

import numpy as np
import pandas as pd

from smartresearch.analysis._frames import lower_is_better, one_value_per_country
from smartresearch.analysis.normalise import Normalisation, check_normalisation, normalise_values
from smartresearch.analysis.wide import coverage_grade
from smartresearch.countries import names_for
from smartresearch.errors import ValidationError
from smartresearch.ranking import rank_values

MissingRule = Literal["drop", "mean-impute", "require-all"]
MISSING_RULES: tuple[str, ...] = get_args(MissingRule)

#: Columns of the table ``composite`` returns.
COMPOSITE_COLUMNS: tuple[str, ...] = (
    "iso3",
    "country",
    "score",
    "rank",
    "n_components",
    "n_observed",
    "coverage",
    "grade",
    "included",
)


def check_weights(names: Collection[str], weights: Mapping[str, float] | None) -> dict[str, float]:
    """Validate ``weights`` against the component names; ``None`` means equal weights."""
    if weights is None:
        return {name: 1.0 for name in names}
    unknown = sorted(set(weights) - set(names))
    missing = sorted(set(names) - set(weights))
    if unknown or missing:
        raise ValidationError(
            f"weights do not match the components {sorted(names)}: "
            f"unknown {unknown}, missing {missing}"
        )
    bad = {k: v for k, v in weights.items() if not np.isfinite(v) or v < 0}
    if bad:
        raise ValidationError(f"weights must be finite and non-negative; got {bad}")
    if not any(v > 0 for v in weights.values()):
        raise ValidationError(f"at least one weight must be positive; got {dict(weights)}")
    return {name: float(weights[name]) for name in names}


def component_table(
    frames: Mapping[str, pd.DataFrame], *, lower_is_better_indicators: Collection[str] | None = None
) -> tuple[pd.DataFrame, dict[str, bool]]:
    """Wide table of the components' published values (rows iso3) and each one's direction."""
    if not frames:
        raise ValidationError("composite: no components given")
    columns: dict[str, pd.Series] = {}
    higher: dict[str, bool] = {}
    for name, frame in frames.items():
        series = one_value_per_country(frame, what=f"component {name!r}")
        if series.empty:
            raise ValidationError(f"component {name!r} has no observed values")
        columns[name] = series
        higher[name] = not lower_is_better(
            str(frame["indicator"].iloc[0]), lower_is_better_indicators
        )
    table = pd.DataFrame(columns).sort_index()
    table.index.name = "iso3"
    return table, higher


def composite(
    frames: Mapping[str, pd.DataFrame],
    weights: Mapping[str, float] | None = None,
    normalisation: Normalisation = "minmax",
    min_coverage: float = 0.5,
    missing: MissingRule = "drop",
    *,
    lower_is_better_indicators: Collection[str] | None = None,
) -> pd.DataFrame:
    """Score and rank countries on several components (name → tidy frame of one indicator
    in one edition); see the module docstring for the steps.

    Returns one row per country seen in any component (:data:`COMPOSITE_COLUMNS`), best
    first; countries left out have ``included = False`` and no score or rank, so their
    coverage is still published.
    """
    check_normalisation(normalisation)
    if missing not in MISSING_RULES:
        raise ValidationError(
            f"missing={missing!r} is not a missing-data rule; use one of {list(MISSING_RULES)}"
        )
    if not 0.0 <= min_coverage <= 1.0:
        raise ValidationError(f"min_coverage must lie in [0, 1], got {min_coverage!r}")
    values, higher = component_table(frames, lower_is_better_indicators=lower_is_better_indicators)
    w = check_weights(list(values.columns), weights)
    active = [name for name in values.columns if w[name] > 0]

    observed = values[active].notna()
    n_observed = observed.sum(axis=1)
    coverage = n_observed / len(active)
    included = coverage >= min_coverage - 1e-12
    if missing == "require-all":
        included &= n_observed == len(active)

    kept = values.loc[included, active]
    scores = pd.DataFrame(
        {
            name: normalise_values(
                kept[name].rename(name), normalisation, higher_is_better=higher[name]
            )
            for name in active
        },
        index=kept.index,
    )
    if missing == "mean-impute":
        scores = scores.fillna(scores.mean())
    weight = pd.Series([w[name] for name in active], index=active)
    weight_observed = scores.notna().mul(weight, axis=1).sum(axis=1)
    score = scores.mul(weight, axis=1).sum(axis=1, min_count=1) / weight_observed

    out = pd.DataFrame(index=values.index.rename(None))
    out["iso3"] = values.index.astype(str)
    out["country"] = names_for(values.index)
    out["score"] = score.reindex(values.index).astype("float64")
    out["rank"] = rank_values(out["score"], ties="min")
    out["n_components"] = len(active)
    out["n_observed"] = n_observed.astype("int64")
    out["coverage"] = coverage.astype("float64")
    out["grade"] = coverage.map(coverage_grade)
    out["included"] = included.astype(bool) & out["score"].notna()
    out = out.sort_values(["rank", "iso3"], na_position="last", kind="mergesort").reset_index(
        drop=True
    )
    return out[list(COMPOSITE_COLUMNS)]
