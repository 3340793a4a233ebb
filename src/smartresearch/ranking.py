"""Competition ranks, defined once: what "rank" means everywhere in the package.

A rank is computed by the analysis helpers (:mod:`smartresearch.analysis.ranks`, the
composite, concordance, normalisation), by the charts that draw countries in rank order
(:mod:`smartresearch.plots`) and by the chapters' sentences. ``plots`` may not import
``analysis`` (the two layers stand side by side, tests/test_layers.py), so the primitive
lives here, at the bottom of the package, and every layer ranks with it: a chart's "3rd"
and a table's "3rd" cannot come from two tie rules.

Publishers break ties differently (the UN gives tied countries the same rank and skips
the next: 1, 2, 2, 4), and an unstated tie rule is a classic source of "the numbers do not
match the report". Every function here therefore takes ``ties`` explicitly (default the
UN's ``min``); there is no "first come first served" option, because that would rank by
row order.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, get_args

import pandas as pd

from smartresearch.errors import ValidationError

Ties = Literal["min", "dense", "average", "max"]
TIE_RULES: tuple[str, ...] = get_args(Ties)


def check_ties(ties: str) -> None:
    """Raise, naming the rules there are, for a tie rule that is not one of :data:`TIE_RULES`."""
    if ties not in TIE_RULES:
        raise ValidationError(f"ties={ties!r} is not a tie rule; use one of {list(TIE_RULES)}")


def _typed(ranked: pd.Series, ties: str) -> pd.Series:
    """Integer rules give whole ranks (``Int64``, missing stays missing); ``average`` floats."""
    return ranked if ties == "average" else ranked.astype("Int64")


def rank_values(
    values: pd.Series, *, ties: Ties = "min", higher_is_better: bool = True
) -> pd.Series:
    """Rank one set of values (1 = best); missing values get a missing rank.

    ``min`` gives tied values the best rank they share and skips the next (1, 2, 2, 4, the
    UN's rule), ``dense`` does not skip (1, 2, 2, 3), ``average`` shares the mean rank
    (1, 2.5, 2.5, 4) and ``max`` the worst (1, 3, 3, 4). Integer rules return ``Int64``;
    ``average`` returns float. The index is kept, so the ranks align with ``values``.
    """
    check_ties(ties)
    ranked = values.astype("float64").rank(
        method=ties, ascending=not higher_is_better, na_option="keep"
    )
    return _typed(ranked, ties)


def rank_groups(
    values: pd.Series,
    by: Sequence[pd.Series] | pd.Series,
    *,
    ties: Ties = "min",
    higher_is_better: bool = True,
) -> pd.Series:
    """Rank ``values`` within each group of ``by`` (e.g. each edition's year), 1 = best.

    ``by`` is one Series or several, aligned with ``values`` (a group whose key is missing
    is still ranked, as its own group). The tie rules and types are those of
    :func:`rank_values`; the ranks keep ``values``' index.
    """
    check_ties(ties)
    keys: list[pd.Series] = [by] if isinstance(by, pd.Series) else list(by)
    grouped = values.astype("float64").groupby(keys, sort=False, dropna=False)
    ranked = grouped.rank(method=ties, ascending=not higher_is_better, na_option="keep")
    return _typed(ranked, ties)


__all__ = ["TIE_RULES", "Ties", "check_ties", "rank_groups", "rank_values"]
