"""Chapter 6, a country profile (notebooks/06-country-profile.ipynb): what the notebook asks.

One country against its peers on every index the toolkit holds; the chapter is
parameterised by country (``smartresearch profile ISO3``). The computations are general
and live in :mod:`smartresearch.analysis.profiles` and :mod:`smartresearch.analysis.peers`
(default peers by region and income group); the tables' wording and rounding are in
:mod:`smartresearch.chapters._tables`, shared with chapter 2. This module gathers what
the notebook uses under one name, so the notebook reads
``from smartresearch.chapters import profile``.
"""

from __future__ import annotations

from collections.abc import Sequence

from smartresearch.analysis.peers import classification, default_peers, parse_peers
from smartresearch.analysis.profiles import (
    COMPONENT_INDICATORS,
    caveats_mentioning,
    comparison_group,
    concordance_position,
    country_coverage,
    index_frames,
    latest_edition,
    latest_positions,
    trajectory,
    validate_country,
)
from smartresearch.chapters._tables import (
    SHORT_LABELS,
    dataset_labels,
    rank_of,
    readable_positions,
    readable_trajectory,
)

__all__ = [
    "COMPONENT_INDICATORS",
    "SHORT_LABELS",
    "caveats_mentioning",
    "comparison_group",
    "concordance_position",
    "country_coverage",
    "dataset_labels",
    "default_peers",
    "describe_peers",
    "index_frames",
    "latest_edition",
    "latest_positions",
    "parse_peers",
    "rank_of",
    "readable_positions",
    "readable_trajectory",
    "trajectory",
    "validate_country",
]


def describe_peers(iso3: str, peers: Sequence[str], *, named: bool) -> str:
    """One sentence saying who the peers are and why (for a profile's opening)."""
    if named:
        return f"Peers named by the user ({len(peers)})."
    own = classification(iso3) or {}
    return (
        f"Peers: {len(peers)} countries of the same income group ({own.get('income_group')} "
        f"income, World Bank classification as of 2019) in {own.get('sub_region')} first, "
        f"then the rest of {own.get('region')} (UNU-EGOV's country file)."
    )
