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

from collections.abc import Mapping, Sequence

import pandas as pd

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
from smartresearch.book import chapter
from smartresearch.chapters._tables import (
    SHORT_LABELS,
    dataset_labels,
    fmt_shift,
    rank_of,
    readable_positions,
    readable_trajectory,
)
from smartresearch.chapters.composite import with_article

__all__ = [
    "COMPONENT_INDICATORS",
    "SHORT_LABELS",
    "caveats_mentioning",
    "comparison_group",
    "concordance_position",
    "country_coverage",
    "dataset_labels",
    "default_peers",
    "fmt_shift",
    "describe_peers",
    "index_frames",
    "latest_edition",
    "latest_positions",
    "parse_peers",
    "peer_choice_phrase",
    "rank_of",
    "readable_positions",
    "readable_trajectory",
    "trajectory",
    "validate_country",
    "with_article",
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


def peer_choice_phrase(
    iso3: str, group: Sequence[str], frames: Mapping[str, pd.DataFrame], *, named: bool
) -> str:
    """How this chapter's peers differ from chapter 2's, with the country's EGDI rank in
    each group, so a reader meeting "4 of 13" here and "6 of 17" there knows why."""
    from smartresearch.countries import FOCUS, country_name

    chapter2 = comparison_group(FOCUS)
    how = "named by the user" if named else "chosen by region and income group"
    text = (
        f"These peers are {how}; {chapter('02-three-approaches')} instead compares its three "
        "focus countries with "
        f"the project's fixed list of comparators ({len(chapter2)} countries in all)"
    )
    if iso3 not in chapter2 or "egdi" not in frames:
        return text + f", which does not include {with_article(country_name(iso3))}."
    here = latest_positions({"egdi": frames["egdi"]}, iso3, list(group)).iloc[0]
    there = latest_positions({"egdi": frames["egdi"]}, [iso3], chapter2).iloc[0]
    if not (here["assessed"] and there["assessed"]):
        return text + "."
    return (
        text + f", so on the EGDI {int(here['year'])} {with_article(country_name(iso3))} ranks "
        f"{rank_of(here['peer_rank'], here['peer_n'])} here and "
        f"{rank_of(there['peer_rank'], there['peer_n'])} there."
    )
