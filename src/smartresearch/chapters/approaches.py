"""Chapter 2, three approaches (notebooks/02-three-approaches.ipynb): what the notebook asks.

The chapter compares Denmark, South Korea and the United Kingdom with their peers on the
UN, OECD and World Bank indices. The computations are general and live in
:mod:`smartresearch.analysis.profiles` (peer standing, leads and lags, the fall from a
peak); the tables' wording and rounding are in :mod:`smartresearch.chapters._tables`,
shared with chapter 6. This module gathers what the notebook uses under one name, so the
notebook reads ``from smartresearch.chapters import approaches`` and a handful of calls.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from smartresearch.analysis.profiles import (
    COMPONENT_INDICATORS,
    caveats_mentioning,
    comparison_group,
    fall_from_peak,
    index_frames,
    latest_positions,
    leads_and_lags,
)
from smartresearch.chapters._tables import (
    SHORT_LABELS,
    dataset_labels,
    rank_of,
    readable_positions,
)
from smartresearch.wording import ordinal, with_article

#: The indices the chapter compares, in the order its tables list them.
INDICES: tuple[str, ...] = ("egdi", "oecd_dgi", "gtmi")

__all__ = [
    "COMPONENT_INDICATORS",
    "INDICES",
    "SHORT_LABELS",
    "caveats_mentioning",
    "comparison_group",
    "dataset_labels",
    "fall_from_peak",
    "index_frames",
    "latest_positions",
    "leads_and_lags",
    "positions_note",
    "rank_of",
    "readable_positions",
    "strength_phrase",
]


def strength_phrase(
    row: pd.Series, indicators: Sequence[str], labels: Mapping[str, str] | None = None
) -> str:
    """One row of :func:`leads_and_lags` in words, ranks given: "Denmark's strongest
    component among the 17 is e-participation (1st); its weakest, human capital (7th)".
    "Weakest" is the country's own lowest rank, which is "last" only when it is the
    group's last rank, so the sentence says the rank rather than implying it."""
    names = dict(labels or {})
    ranks = pd.Series({i: row.get(i) for i in indicators}, dtype="Float64").dropna().astype(int)
    who = with_article(str(row["country"]), capital=True)
    if ranks.empty:
        return f"{who} is not assessed on these components"

    def named(rank: int) -> str:
        found = [names.get(i, i).lower() for i in ranks.index if ranks[i] == rank]
        return ", ".join(found)

    n = int(row["peer_n"])
    best, worst = int(ranks.min()), int(ranks.max())
    if best == worst:
        return f"{who} ranks {ordinal(best)} of {n} on every component"
    last = ", last" if worst == n else ""
    return (
        f"{who}'s strongest component among the {n} is {named(best)} "
        f"({ordinal(best)}); its weakest, {named(worst)} ({ordinal(worst)}{last})"
    )


def positions_note(positions: pd.DataFrame, labels: Mapping[str, str] | None = None) -> str:
    """The note under the positions table: why the peers' median differs between focus
    countries (each country's peers exclude itself) and what each "World rank" counts
    (the countries that edition assessed, so the totals differ by index and edition)."""
    names = dict(labels or {})
    assessed = positions[positions["assessed"]]
    fields = "; ".join(
        f"{names.get(d, d)} {int(g['year'].iloc[0])}: {int(g['world_n'].iloc[0])}"
        for d, g in assessed.groupby("dataset", sort=False)
    )
    return (
        "Peers' median: the median of the other focus and peer countries assessed, so it "
        "leaves out the country itself and can differ between the three. World rank "
        f"is out of the countries each edition assessed ({fields})."
    )
