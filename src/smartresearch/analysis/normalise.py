"""Put indicators on a common scale, within each edition and indicator.

Indices publish on different scales (EGDI 0–1, the EU benchmark 0–100, ranks 1–193), so a
cross-index comparison needs one scale; *which* one changes the answer, which is why the
composite's sensitivity runs try each of these. Every method returns a score where higher
is better (lower-is-better indicators such as published ranks are turned round first):

``minmax``      (v − min) / (max − min), in [0, 1].
``zscore``      (v − mean) / standard deviation (population, ddof = 0).
``percentile``  Hazen percentile of the value's average rank: (rank − 0.5) / n, in (0, 1).
``frontier``    share of the frontier, v / best (1 at the frontier); the distance to the
                frontier is 1 − score. Needs values above zero.

A group in which every country has the same value carries no information about order;
it scores the midpoint (0.5, or 0 for ``zscore``, 1 for ``frontier``) instead of failing,
so that a single-country comparison still runs.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Literal, get_args

import numpy as np
import pandas as pd

from smartresearch.analysis._frames import lower_is_better, require_columns, require_numeric_values
from smartresearch.errors import ValidationError
from smartresearch.ranking import rank_values

Normalisation = Literal["minmax", "zscore", "percentile", "frontier"]
NORMALISATIONS: tuple[str, ...] = get_args(Normalisation)


def check_normalisation(method: str) -> None:
    if method not in NORMALISATIONS:
        raise ValidationError(
            f"normalisation={method!r} is unknown; use one of {list(NORMALISATIONS)}"
        )


def normalise_values(
    values: pd.Series, method: Normalisation, *, higher_is_better: bool = True
) -> pd.Series:
    """Score one group of values with ``method`` (see the module docstring); NaN stays NaN."""
    check_normalisation(method)
    v = values.astype("float64")
    observed = v.dropna()
    if method == "frontier":
        return _frontier(
            v, observed, higher_is_better=higher_is_better, name=str(values.name or "values")
        )
    oriented = v if higher_is_better else -v
    obs = oriented.dropna()
    if method == "minmax":
        lo, hi = obs.min(), obs.max()
        return (oriented - lo) / (hi - lo) if hi > lo else oriented.where(oriented.isna(), 0.5)
    if method == "zscore":
        sd = float(obs.std(ddof=0)) if len(obs) else 0.0
        return (oriented - obs.mean()) / sd if sd > 0 else oriented.where(oriented.isna(), 0.0)
    # the lowest oriented value ranks 1: ranked as "lower is better", ties share the mean rank
    ranks = rank_values(oriented, ties="average", higher_is_better=False)
    return (ranks - 0.5) / len(obs)


def _frontier(v: pd.Series, observed: pd.Series, *, higher_is_better: bool, name: str) -> pd.Series:
    nonpositive = observed[observed <= 0]
    if len(nonpositive):
        raise ValidationError(
            f"frontier normalisation of {name}: needs values above zero, "
            f"found {nonpositive.head(5).to_dict()}; "
            "use minmax or percentile for indicators that can be zero or negative"
        )
    if higher_is_better:
        return v / observed.max()
    return observed.min() / v


def normalise(
    frame: pd.DataFrame,
    method: Normalisation = "minmax",
    *,
    by: Sequence[str] = ("year", "indicator"),
    lower_is_better_indicators: Collection[str] | None = None,
    column: str = "score",
) -> pd.DataFrame:
    """Return a copy of a tidy frame with ``column`` holding each value's score within ``by``."""
    what = f"normalise({method!r})"
    check_normalisation(method)
    require_columns(frame, [*by, "indicator", "value"], what=what)
    if column in frame.columns:
        raise ValidationError(
            f"{what}: the frame already has a {column!r} column; pass column='...'"
        )
    # Work on positions: tables concatenated without ignore_index repeat index labels.
    work = frame.reset_index(drop=True)
    values = require_numeric_values(work, what=what)
    scores = pd.Series(np.nan, index=work.index, dtype="float64")
    for key, group_rows in work.groupby(list(by), sort=True, dropna=False):
        rows = group_rows.index
        indicators = work.loc[rows, "indicator"].unique()
        if len(indicators) != 1:
            raise ValidationError(
                f"{what}: group {key} mixes indicators {sorted(map(str, indicators))}; "
                "include 'indicator' in by="
            )
        higher = not lower_is_better(str(indicators[0]), lower_is_better_indicators)
        group = values.loc[rows].rename(f"{indicators[0]} {key}")
        scores.loc[rows] = normalise_values(group, method, higher_is_better=higher)
    out = frame.copy()
    out[column] = scores.to_numpy()
    return out
