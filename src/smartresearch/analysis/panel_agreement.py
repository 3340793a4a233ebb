"""How far the headline indices agree, on one panel of paired editions.

:mod:`smartresearch.analysis.panels` builds the panel (one comparable edition of each index
in one tidy frame); this module measures agreement on it: the rank correlation of every
pair of indices over the countries both assess, with its n and interval
(:func:`agreement_table`), and the countries each pair ranks most differently
(:func:`largest_disagreements`). Both rank among the common countries only, so a gap of
ten places is ten places in one field. Frames in, frames out: chapter 3
(:mod:`smartresearch.chapters.agreement`) words them and ``smartresearch.plots.agreement``
draws them.
"""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd

from smartresearch.analysis.concordance import concordance, concordance_table
from smartresearch.analysis.panels import panel_components, panel_editions
from smartresearch.errors import ValidationError

#: Columns of :func:`largest_disagreements`.
DISAGREEMENT_COLUMNS: tuple[str, ...] = (
    *("a", "b", "n", "iso3", "country", "rank_a", "rank_b", "gap", "gap_share"),
    "ranked_higher_by",
)


def agreement_table(panel: pd.DataFrame) -> pd.DataFrame:
    """Rank agreement of every pair of indices in the panel, over the countries both assess.

    Columns ``a, b, year_a, year_b, n, spearman, spearman_low, spearman_high, kendall``
    (one row per pair, in panel order; the interval is Fisher z, Bonett–Wright); a pair
    with fewer than three common countries has missing correlations.
    """
    components = panel_components(panel)
    years = panel_editions(panel).set_index("index_name")["year"]
    table = concordance_table(components)
    table.insert(2, "year_a", table["a"].map(years).astype("int64"))
    table.insert(3, "year_b", table["b"].map(years).astype("int64"))
    return table


def largest_disagreements(panel: pd.DataFrame, per_pair: int = 3) -> pd.DataFrame:
    """The countries each pair of indices ranks most differently.

    For every pair, both indices are ranked among the countries they have in common (so
    a gap of 10 places means ten places in the same field), and the ``per_pair``
    countries with the largest gap are returned: ``a, b, n, iso3, country, rank_a,
    rank_b, gap`` (absolute places), ``gap_share`` (gap / (n − 1), 1 = first in one and
    last in the other) and ``ranked_higher_by``. Pairs agreeing on every rank add no row.
    """
    if per_pair < 1:
        raise ValidationError(f"largest_disagreements: per_pair must be 1 or more, got {per_pair}")
    components = panel_components(panel)
    parts = []
    for a, b in itertools.combinations(components, 2):
        result = concordance(components[a], components[b], labels=(a, b))
        top = result.disagreements.head(per_pair)
        top = top[top["rank_shift"].fillna(0) != 0]
        if top.empty:
            continue
        gap = top["rank_shift"].abs().astype("int64")
        parts.append(
            pd.DataFrame(
                {
                    "a": a,
                    "b": b,
                    "n": result.n,
                    "iso3": top["iso3"].astype(str).to_numpy(),
                    "country": top["country"].astype(str).to_numpy(),
                    "rank_a": top["rank_a"].astype("int64").to_numpy(),
                    "rank_b": top["rank_b"].astype("int64").to_numpy(),
                    "gap": gap.to_numpy(),
                    "gap_share": (gap / max(result.n - 1, 1)).to_numpy(dtype="float64"),
                    "ranked_higher_by": np.where(top["rank_a"] < top["rank_b"], a, b),
                }
            )
        )
    columns = list(DISAGREEMENT_COLUMNS)
    if not parts:
        return pd.DataFrame(columns=columns)
    return pd.concat(parts, ignore_index=True)[columns]
