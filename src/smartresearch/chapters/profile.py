"""Chapter 6, a country profile (notebooks/06-country-profile.ipynb): what the notebook asks.

One country against its peers on every index the toolkit holds; the chapter is
parameterised by country (``smartresearch profile ISO3``). The computations are general
and live in :mod:`smartresearch.analysis.profiles` and :mod:`smartresearch.analysis.peers`
(default peers by region and income group); the tables' wording and rounding are in
:mod:`smartresearch.chapters._tables`, shared with chapter 2. This module gathers what
the notebook uses under one name, so the notebook reads
``from smartresearch.chapters import profile``, and words what ``analysis`` returns as data
for this chapter alone: who assessed the country in each pair of indices
(:func:`concordance_status`), which editions assessed it (:func:`readable_coverage`) and
why each peer is one (:func:`peer_reason`, from the measures ``peer_table`` returns).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from smartresearch.analysis.country_record import (
    caveats_mentioning,
    concordance_position,
    country_coverage,
)
from smartresearch.analysis.peer_views import peer_field, trajectory
from smartresearch.analysis.peers import (
    GROUPS_FILE,
    MICROSTATE_POPULATION,
    default_peers,
    explain_peers,
    measures,
    parse_peers,
)
from smartresearch.analysis.profiles import (
    COMPONENT_INDICATORS,
    comparison_group,
    component_gaps,
    index_frames,
    latest_edition,
    latest_positions,
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
from smartresearch.datasets import format_years
from smartresearch.wording import is_missing, join_names, with_article

__all__ = [
    "COMPONENT_INDICATORS",
    "PEER_RULE",
    "SHORT_LABELS",
    "caveats_mentioning",
    "comparison_group",
    "component_gaps",
    "concordance_position",
    "concordance_status",
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
    "peer_reason",
    "peer_reasons",
    "rank_of",
    "readable_concordance",
    "readable_coverage",
    "readable_positions",
    "readable_trajectory",
    "peer_field",
    "trajectory",
    "validate_country",
    "with_article",
]


#: The rule that chooses default peers (:mod:`smartresearch.analysis.peers`), as the
#: profile's opening and the methods state it.
PEER_RULE = (
    "Peers are the {n} countries nearest by four stated criteria: geography (same sub-region, "
    "then region), income (GDP per capita, PPP: one step per doubling), development (EGDI: one "
    "step per 0.1) and size (population: half a step per tenfold); microstates (under 1 million "
    "people) are {microstates}."
)


def describe_peers(
    iso3: str, peers: Sequence[str], *, named: bool, microstates: bool = False
) -> str:
    """One sentence saying who the peers are and why (for a profile's opening): the rule
    and the profiled country's own measures, which each peer's reason is read against."""
    if named:
        return f"Peers named by the user ({len(peers)}); the table below gives their measures."
    own = measures().loc[iso3]
    bits = [
        f"{own['income_group']} income (World Bank, 2019)",
        f"{own['sub_region']}",
        *_measure_words(own),
    ]
    from smartresearch.countries import country_name

    return (
        PEER_RULE.format(n=len(peers), microstates="admitted" if microstates else "left out")
        + f" {with_article(country_name(iso3), capital=True)}: "
        + "; ".join(b for b in bits if b)
        + "."
    )


def _measure_words(row: Mapping[str, Any]) -> list[str]:
    """The measures a peer is chosen on, as read, leaving out those missing: "GDP per
    capita $8k (PPP)", "EGDI 0.63", "35.1 m people"."""
    words = []
    if pd.notna(row["gdp_pc_ppp"]):
        words.append(f"GDP per capita ${row['gdp_pc_ppp'] / 1000:,.0f}k (PPP)")
    if pd.notna(row["egdi"]):
        words.append(f"EGDI {row['egdi']:.2f}")
    if pd.notna(row["population"]):
        words.append(f"{row['population'] / 1e6:,.1f} m people")
    return words


def peer_reason(row: Mapping[str, Any]) -> str:
    """Why a peer is one, from a row of :func:`~smartresearch.analysis.peers.peer_table`:
    where it lies ("same sub-region (Eastern Africa)", "same region (Africa: Western
    Africa)", "another region (Asia)"), its income group and the measures compared, and
    whether it is a microstate; a named peer with no region says so."""
    geography = row.get("geography")
    if is_missing(geography):
        return f"named; no region in {GROUPS_FILE}"
    place = {
        "sub-region": f"same sub-region ({row['sub_region']})",
        "region": f"same region ({row['region']}: {row['sub_region']})",
    }.get(str(geography), f"another region ({row['region']})")
    parts = [place, f"{row['income_group']} income", *_measure_words(row)]
    people = row["population"]
    if pd.notna(people) and people < MICROSTATE_POPULATION:
        parts.append("a microstate, included on request")
    return "; ".join(parts)


def peer_reasons(iso3: str, peers: Sequence[str], *, named: bool) -> pd.DataFrame:
    """``Country`` and ``Why a peer`` for each peer, in the order given, as the profile's
    peer table shows it (``named`` is kept for callers: the reasons are the same measures)."""
    frame = explain_peers(iso3, peers)
    return pd.DataFrame(
        {
            "Country": frame["country"].to_numpy(),
            "Why a peer": [peer_reason(row) for row in frame.to_dict("records")],
        }
    )


def peer_choice_phrase(
    iso3: str, group: Sequence[str], frames: Mapping[str, pd.DataFrame], *, named: bool
) -> str:
    """How this chapter's peers differ from chapter 2's, with the country's EGDI rank in
    each group, so a reader meeting "4 of 13" here and "6 of 17" there knows why."""
    from smartresearch.countries import FOCUS, country_name

    chapter2 = comparison_group(FOCUS)
    how = "named by the user" if named else "chosen by region, income, EGDI and size"
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


def concordance_status(position: pd.DataFrame) -> pd.Series:
    """Whether the country is in each pair's comparison, in words, from the ``assessed_a``
    and ``assessed_b`` of :func:`concordance_position`: "assessed by both", else the
    indices that did not assess it ("not assessed by GTMI", "not assessed by EGDI or DGI"),
    so a row without ranks says why."""
    words = []
    for row in position.itertuples(index=False):
        missing = [
            label
            for label, assessed in ((row.a, row.assessed_a), (row.b, row.assessed_b))
            if not assessed
        ]
        words.append(
            "not assessed by " + join_names(missing, "or") if missing else "assessed by both"
        )
    return pd.Series(words, index=position.index, dtype="str")


def readable_concordance(position: pd.DataFrame, name: str) -> pd.DataFrame:
    """:func:`concordance_position` as the profile's table shows it: signed rank shifts,
    the country's status in a column headed by its ``name``, headers in words."""
    table = position.assign(
        rank_shift=position["rank_shift"].map(fmt_shift), status=concordance_status(position)
    ).drop(columns=["assessed_a", "assessed_b"])
    return table.rename(
        columns={
            "a": "Index A",
            "b": "Index B",
            "n": "Countries in both",
            "spearman": "Spearman",
            "rank_a": "Rank in A",
            "rank_b": "Rank in B",
            "rank_shift": "B − A",
            "status": name,
        }
    )


def readable_coverage(
    coverage: pd.DataFrame, *, labels: Mapping[str, str], datasets: Mapping[str, str]
) -> pd.DataFrame:
    """:func:`country_coverage` as the profile's table shows it: index and indicator by
    their display names (``datasets``, ``labels``), each list of editions as compact years
    ("2003–2005, 2008", "none"), the share as a whole percentage."""
    years = {
        c: coverage[c].map(format_years) for c in ("editions", "assessed_in", "not_assessed_in")
    }
    table = coverage.assign(
        dataset=coverage["dataset"].map(datasets),
        indicator=coverage["indicator"].map(labels),
        share=(100 * coverage["share"]).round().astype("int64"),
        **years,
    )
    return table.rename(
        columns={
            "dataset": "Index",
            "indicator": "Indicator",
            "editions": "Editions published",
            "assessed_in": "Assessed in",
            "not_assessed_in": "Not assessed in",
            "n_editions": "Editions",
            "n_assessed": "Assessed",
            "share": "Share (%)",
        }
    )
