"""Ranks within an edition and indicator of a tidy frame, with ties handled the way the caller says.

The primitive (what a rank is, the tie rules :data:`TIE_RULES`, :func:`rank_values`) is
:mod:`smartresearch.ranking`, at the bottom of the package so the charts rank with the same
rule; it is re-exported here, where analysts have always found it. This module adds what a
tidy frame needs: one rank per ``year`` and ``indicator`` group, with lower-is-better
indicators (published ranks) oriented first.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

import pandas as pd

from smartresearch.analysis._frames import lower_is_better, require_columns, require_numeric_values
from smartresearch.errors import ValidationError
from smartresearch.ranking import TIE_RULES, Ties, check_ties, rank_groups, rank_values

__all__ = ["TIE_RULES", "Ties", "check_ties", "rank_values", "rank_within"]


def rank_within(
    frame: pd.DataFrame,
    *,
    by: Sequence[str] = ("year", "indicator"),
    ties: Ties = "min",
    lower_is_better_indicators: Collection[str] | None = None,
    column: str = "rank",
) -> pd.DataFrame:
    """Add ``column`` ranking each country within every ``by`` group of a tidy frame.

    Higher values rank first except for lower-is-better indicators (by default those
    named ``*_rank``; pass ``lower_is_better_indicators`` to say otherwise).
    """
    what = "rank_within"
    require_columns(frame, [*by, "indicator", "value"], what=what)
    check_ties(ties)
    if column in frame.columns:
        raise ValidationError(
            f"{what}: the frame already has a {column!r} column; pass column='...' to name another"
        )
    values = require_numeric_values(frame, what=what)
    flip = frame["indicator"].map(lambda i: lower_is_better(str(i), lower_is_better_indicators))
    oriented = values.where(~flip.astype(bool), -values)
    out = frame.copy()
    out[column] = rank_groups(oriented, [frame[c] for c in by], ties=ties)
    return out
