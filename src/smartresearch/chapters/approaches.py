"""Chapter 2, three approaches (notebooks/02-three-approaches.ipynb): what the notebook asks.

The chapter compares Denmark, South Korea and the United Kingdom with their peers on the
UN, OECD and World Bank indices. The computations are general and live in
:mod:`smartresearch.analysis.profiles` (peer standing, leads and lags, the fall from a
peak); the tables' wording and rounding are in :mod:`smartresearch.chapters._tables`,
shared with chapter 6. This module gathers what the notebook uses under one name, so the
notebook reads ``from smartresearch.chapters import approaches`` and a handful of calls.
"""

from __future__ import annotations

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
    "rank_of",
    "readable_positions",
]
