"""Ranks within an edition and indicator, with ties handled the way the caller says.

Publishers break ties differently (the UN gives tied countries the same rank and skips the
next: 1, 2, 2, 4), and an unstated tie rule is a classic source of "the numbers do not
match the report". Every helper here therefore takes ``ties`` explicitly; there is no
"first come first served" option, because that would rank by row order.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Literal, get_args

import pandas as pd

from smartresearch.analysis._frames import lower_is_better, require_columns, require_numeric_values
from smartresearch.errors import ValidationError

Ties = Literal["min", "dense", "average", "max"]
TIE_RULES: tuple[str, ...] = get_args(Ties)


def check_ties(ties: str) -> None:
    if ties not in TIE_RULES:
        raise ValidationError(f"ties={ties!r} is not a tie rule; use one of {list(TIE_RULES)}")


def rank_values(
    values: pd.Series, *, ties: Ties = "min", higher_is_better: bool = True
) -> pd.Series:
    """Rank one set of values (1 = best); missing values get a missing rank.

    ``min`` gives tied values the best rank they share and skips the next (1, 2, 2, 4, the
    UN's rule), ``dense`` does not skip (1, 2, 2, 3), ``average`` shares the mean rank
    (1, 2.5, 2.5, 4) and ``max`` the worst (1, 3, 3, 4). Integer rules return ``Int64``.
    """
    check_ties(ties)
    ranked = values.astype("float64").rank(
        method=ties, ascending=not higher_is_better, na_option="keep"
    )
    return ranked if ties == "average" else ranked.astype("Int64")


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
    ranked = oriented.groupby([frame[c] for c in by], sort=False, dropna=False).rank(
        method=ties, ascending=False, na_option="keep"
    )
    out = frame.copy()
    out[column] = ranked if ties == "average" else ranked.astype("Int64")
    return out
