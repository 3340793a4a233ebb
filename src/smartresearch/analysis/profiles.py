"""One country against its peers: positions, leads and lags, component gaps, coverage.

Why this module exists: the "three approaches" chapter and the parameterised country
profile ask the same questions of the same tidy tables (where does a country stand among
its peers on each index, on which component does it lead or lag, how far is it from the
peer median, which editions assessed it at all) and must answer them the same way. The
answers are computed here once, from ``smartresearch.datasets.load`` tables, so that the
two notebooks only ask and show.

Conventions, stated once:

* **Peer group**: the profiled country followed by its peers (default: the project's
  "comparators", the focus countries and their peers), without duplicates. Ranks "within
  peers" are among the members of that group assessed in the edition (ties share the best
  rank, as the publishers print them), so "3 of 17" means third among 17 assessed.
* **Peer median / min / max** are of the *other* assessed members, so a country is never
  compared with a median that contains itself.
* **World rank** is computed from the values among every country the edition assessed; it
  can differ by a place from a publisher's printed rank, which uses unrounded scores.
* **Latest edition** of an indicator is the latest year the *index* published it. A country
  absent from that edition is reported as not assessed (values missing, ``assessed``
  False, ``last_assessed`` the last edition that did assess it), never silently replaced
  by an older score.
* Published ranks (``*_rank``) and group codes (``*_group``) are not scores and are left
  out of the default indicator choice.

* **Headline indicators** are those of :data:`smartresearch.analysis.panels.HEADLINE_INDICES`
  (the cross-index comparison's definition, read here, not restated), plus OURdata's
  three pillars.

This module computes; it draws nothing and words nothing: the chapters' display tables
("3 of 17", rounded scores, short labels) are in :mod:`smartresearch.chapters.approaches`
and :mod:`smartresearch.chapters.profile`. The profile's charts, which highlight the profiled
country against grey peers, are :func:`smartresearch.plots.plot_peer_band` and
:func:`smartresearch.plots.plot_peer_strip`, drawn from ``trajectory``,
:func:`component_gaps` and ``peer_field`` (with ``leads_and_lags``, in
:mod:`smartresearch.analysis.peer_views`). A country's record beyond its standing
(its fall from a best rank, where it falls in each pairwise comparison, which editions
assessed it, the caveats that bear on it) is :mod:`smartresearch.analysis.country_record`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType

import numpy as np
import pandas as pd

from smartresearch._columns import PEER_STANDING_COLUMNS
from smartresearch.analysis._frames import (
    TIDY_KEYS,
    require_columns,
    require_numeric_values,
    require_unique,
)
from smartresearch.analysis.groups import peer_group
from smartresearch.analysis.panels import HEADLINE_INDICES
from smartresearch.analysis.ranks import rank_within
from smartresearch.countries import (
    check_iso3,
    country_name,
    names_for,
    resolve_countries,
    resolve_country,
)
from smartresearch.errors import ValidationError

#: Headline scores of indices that are not among the cross-index comparison's headline
#: indices: OURdata publishes no composite in our data, so its three pillars stand in.
EXTRA_HEADLINES: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {"ourdata": ("availability", "accessibility", "reuse")}
)

#: Each index's headline score(s): those of ``panels.HEADLINE_INDICES``, then
#: :data:`EXTRA_HEADLINES`.
HEADLINE_INDICATORS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        **{
            dataset: tuple(i.indicator for i in HEADLINE_INDICES if i.dataset == dataset)
            for dataset in dict.fromkeys(i.dataset for i in HEADLINE_INDICES)
        },
        **EXTRA_HEADLINES,
    }
)

#: The index datasets a profile draws on (``wdi`` holds context, not an index).
INDEX_DATASETS: tuple[str, ...] = tuple(HEADLINE_INDICATORS)

#: The components each composite is built from (EGDI: the three UN components plus the
#: E-Participation Index the survey publishes beside them).
COMPONENT_INDICATORS: Mapping[str, tuple[str, ...]] = {
    "egdi": ("osi", "hci", "tii", "epi"),
    "oecd_dgi": (
        "digital_by_design",
        "data_driven",
        "government_as_platform",
        "open_by_default",
        "user_driven",
        "proactiveness",
    ),
    "gtmi": ("cgsi", "psdi", "dcei", "gtei"),
    "egov_benchmark": ("user_centricity", "transparency", "key_enablers", "cross_border_services"),
}

#: A country's standing in one edition: its rank and the field it was ranked in.
_STANDING_FIELDS: tuple[str, ...] = (*PEER_STANDING_COLUMNS, "world_rank", "world_n")

#: Columns of :func:`peer_standing`.
STANDING_COLUMNS: tuple[str, ...] = ("iso3", "country", "year", "indicator", *_STANDING_FIELDS)

#: Columns of :func:`latest_positions` and :func:`component_gaps`.
POSITION_COLUMNS: tuple[str, ...] = (
    "iso3",
    "country",
    "dataset",
    "indicator",
    "year",
    "assessed",
    *_STANDING_FIELDS,
    "last_assessed",
)

# ---------------------------------------------------------------------------------------
# Countries and groups
# ---------------------------------------------------------------------------------------


def validate_country(country: object, frames: Mapping[str, pd.DataFrame] | None = None) -> str:
    """The ISO3 code a notebook parameter names, checked; raises a clear error otherwise.

    Written as people type it: an ISO3 code in any case, an English name or a common
    alias (``" est"``, ``"Estonia"``, ``"UK"``); anything else raises
    :class:`UnknownCountryError` with the closest matches. With ``frames`` (dataset name ->
    tidy table), a known country that no dataset assesses is an error too: there would be
    nothing to profile.
    """
    code = resolve_country(country, argument="country")
    if frames is not None:
        assessed = [name for name, frame in frames.items() if (frame["iso3"] == code).any()]
        if not assessed:
            raise ValidationError(
                f"country={code!r} ({country_name(code)}) is in the reference list, but none of "
                f"the datasets {list(frames)} assesses it: there is nothing to profile."
            )
    return code


def comparison_group(
    countries: str | Sequence[str], peers: Sequence[str] | None = None
) -> tuple[str, ...]:
    """``countries`` followed by ``peers`` (default: the "comparators" group), deduplicated.

    Every code is checked against the reference list, so a typo ("DEN") raises instead of
    silently shrinking the group.
    """
    codes = [countries] if isinstance(countries, str) else list(countries)
    if peers is None:
        others = list(peer_group("comparators"))
    else:
        others = [peers] if isinstance(peers, str) else list(peers)
    group = resolve_countries([*codes, *others], argument="comparison_group: countries/peers")
    return group


def index_frames(names: Iterable[str] = INDEX_DATASETS) -> dict[str, pd.DataFrame]:
    """The clean tables of ``names``, by dataset name, as every function here takes them."""
    # Imported here: analysing frames an analyst built needs no datasets layer.
    from smartresearch import datasets

    return {name: datasets.load(name) for name in names}


def is_score(indicator: str) -> bool:
    """Whether ``indicator`` is a score to rank (not a published rank or a group code)."""
    return not (str(indicator).endswith("_rank") or str(indicator).endswith("_group"))


# ---------------------------------------------------------------------------------------
# The core computation
# ---------------------------------------------------------------------------------------


def _checked(frame: pd.DataFrame, what: str) -> pd.DataFrame:
    """A typed copy of a tidy frame with the missing values dropped and keys checked."""
    require_columns(frame, TIDY_KEYS, what=what)
    out = frame[list(TIDY_KEYS)].copy()
    out["iso3"] = out["iso3"].astype(str)
    out["indicator"] = out["indicator"].astype(str)
    out["value"] = require_numeric_values(frame, what=what)
    out = out.dropna(subset=["value"])
    require_unique(out, ["iso3", "year", "indicator"], what=what)
    check_iso3(out["iso3"].unique(), context=f"{what}: column 'iso3'")
    out["year"] = out["year"].astype("int64")
    return out


def _choose(frame: pd.DataFrame, indicators: Iterable[str] | None, what: str) -> list[str]:
    available = sorted(set(frame["indicator"]))
    if indicators is None:
        return [i for i in available if is_score(i)]
    chosen = list(dict.fromkeys(str(i) for i in indicators))
    unknown = [i for i in chosen if i not in available]
    if unknown:
        raise ValidationError(
            f"{what}: indicator(s) {unknown} not in column 'indicator'; available: {available}"
        )
    return chosen


def _others(values: pd.Series, reducer: str) -> pd.Series:
    """For each entry, ``reducer`` (median/min/max) of the *other* entries (NaN if none)."""
    array = values.to_numpy(dtype="float64")
    if len(array) < 2:
        return pd.Series(np.nan, index=values.index)
    function = {"median": np.median, "min": np.min, "max": np.max}[reducer]
    out = [float(function(np.delete(array, i))) for i in range(len(array))]
    return pd.Series(out, index=values.index)


def peer_standing(
    frame: pd.DataFrame,
    group: Sequence[str],
    *,
    indicators: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Each group member's standing on every indicator and edition of a tidy ``frame``.

    One row per member assessed, with columns :data:`STANDING_COLUMNS`: its value, rank and
    number assessed within ``group`` (``peer_rank``, ``peer_n``), the median, minimum and
    maximum of the other assessed members, the gap to that median, and the rank among every
    country ``frame`` holds for the edition (``world_rank`` of ``world_n``). Indicators
    default to every score in ``frame`` (see :func:`is_score`).
    """
    what = "peer_standing"
    codes = resolve_countries(group, argument=f"{what}: group")
    rows = _checked(frame, what)
    chosen = _choose(rows, indicators, what)
    rows = rows[rows["indicator"].isin(chosen)]
    ranked = rank_within(rows, column="world_rank", ties="min")
    keys = ["year", "indicator"]
    ranked["world_n"] = ranked.groupby(keys)["value"].transform("size").astype("int64")
    members = rank_within(ranked[ranked["iso3"].isin(codes)], column="peer_rank", ties="min")
    grouped = members.groupby(keys)["value"]
    members["peer_n"] = grouped.transform("size").astype("int64")
    for reducer in ("median", "min", "max"):
        members[f"peer_{reducer}"] = grouped.transform(lambda v, r=reducer: _others(v, r))
    members["gap_to_median"] = members["value"] - members["peer_median"]
    members["country"] = names_for(members["iso3"])
    order = {indicator: i for i, indicator in enumerate(chosen)}
    members = members.assign(_order=members["indicator"].map(order)).sort_values(
        ["year", "_order", "peer_rank", "iso3"]
    )
    return members[list(STANDING_COLUMNS)].reset_index(drop=True)


def latest_edition(frame: pd.DataFrame, indicator: str) -> pd.DataFrame:
    """Rows of ``indicator`` in the latest edition the index published it."""
    what = f"latest_edition({indicator!r})"
    require_columns(frame, TIDY_KEYS, what=what)
    rows = frame[frame["indicator"].astype(str) == indicator]
    if rows.empty:
        available = sorted(set(frame["indicator"].astype(str)))
        raise ValidationError(
            f"{what}: no rows of that indicator in column 'indicator'; available: {available}"
        )
    return rows[rows["year"] == rows["year"].max()]


def _absent_from(edition: pd.DataFrame) -> dict[str, object]:
    """The field a country was absent from, given the group's standing in one edition: how
    many members were assessed, their median and range, and how many countries in all."""
    values = edition["value"]
    return {
        "peer_n": len(values),
        "peer_median": float(values.median()),
        "peer_min": float(values.min()),
        "peer_max": float(values.max()),
        "world_n": int(edition["world_n"].iloc[0]),
    }


def _positions(
    frame: pd.DataFrame,
    dataset: str,
    countries: Sequence[str],
    group: Sequence[str],
    indicators: Sequence[str] | None,
    year: int | None,
) -> list[dict[str, object]]:
    """Position rows of ``countries`` on ``indicators`` (default: every score) in ``year``
    (default: each indicator's latest edition)."""
    what = f"positions in {dataset!r}"
    rows = _checked(frame, what)
    chosen = _choose(rows, indicators, what)
    out: list[dict[str, object]] = []
    for indicator in chosen:
        own = rows[rows["indicator"] == indicator]
        edition = int(own["year"].max()) if year is None else int(year)
        if year is not None and not (own["year"] == edition).any():
            raise ValidationError(
                f"{what}: {indicator!r} has no {edition} edition; editions held: "
                f"{sorted(own['year'].unique().tolist())}"
            )
        standing = peer_standing(own[own["year"] == edition], group, indicators=[indicator])
        by_code = standing.set_index("iso3")
        for code in countries:
            history = own.loc[(own["iso3"] == code) & (own["year"] <= edition), "year"]
            row: dict[str, object] = {
                "iso3": code,
                "country": country_name(code),
                "dataset": dataset,
                "indicator": indicator,
                "year": edition,
                "assessed": code in by_code.index,
                "last_assessed": int(history.max()) if len(history) else pd.NA,
            }
            if code in by_code.index:
                found = by_code.loc[code]
                row.update({c: found[c] for c in STANDING_COLUMNS if c not in row})
            elif len(standing):  # not assessed: the peers' field is still worth showing
                row.update(_absent_from(standing))
            out.append(row)
    return out


def _position_frame(rows: list[dict[str, object]]) -> pd.DataFrame:
    table = pd.DataFrame(rows, columns=list(POSITION_COLUMNS))
    for column in ("peer_rank", "peer_n", "world_rank", "world_n", "last_assessed"):
        table[column] = pd.to_numeric(table[column]).astype("Int64")
    for column in ("value", "peer_median", "peer_min", "peer_max", "gap_to_median"):
        table[column] = pd.to_numeric(table[column]).astype("float64")
    table["year"] = table["year"].astype("int64")
    table["assessed"] = table["assessed"].astype(bool)
    for column in ("iso3", "country", "dataset", "indicator"):
        table[column] = table[column].astype("str")
    return table


def latest_positions(
    frames: Mapping[str, pd.DataFrame],
    iso3: str | Sequence[str],
    peers: Sequence[str] | None = None,
    *,
    indicators: Mapping[str, Sequence[str]] | None = None,
) -> pd.DataFrame:
    """Where ``iso3`` (one code or several) stands in each index's latest edition.

    ``frames`` maps dataset names to tidy tables; ``indicators`` maps the same names to the
    indicators to report (default: :data:`HEADLINE_INDICATORS` for known datasets, every
    score otherwise). One row per country, dataset and indicator, columns
    :data:`POSITION_COLUMNS`. A country the latest edition did not assess keeps its row,
    with ``assessed`` False, no value or rank, and ``last_assessed`` the last edition that
    did assess it (missing if none), so a coverage gap stays visible; its ``peer_n``,
    ``peer_median``, ``peer_min``, ``peer_max`` and ``world_n`` still describe the field
    it was absent from.
    """
    countries = [iso3] if isinstance(iso3, str) else list(iso3)
    countries = list(resolve_countries(countries, argument="latest_positions: iso3"))
    group = comparison_group(countries, peers)
    rows: list[dict[str, object]] = []
    for dataset, frame in frames.items():
        chosen = (indicators or {}).get(dataset) or HEADLINE_INDICATORS.get(dataset)
        rows += _positions(frame, dataset, countries, group, chosen, None)
    return _position_frame(rows)


def component_gaps(
    frame: pd.DataFrame,
    iso3: str,
    peers: Sequence[str] | None = None,
    *,
    components: Sequence[str],
    year: int | None = None,
    dataset: str = "",
) -> pd.DataFrame:
    """``iso3``'s value on each component against the peer median (and range).

    In ``year``, or by default each component's latest edition. Columns as
    :func:`latest_positions`; ``gap_to_median`` is the country's value minus the median of
    the other assessed peers, in the index's own units.
    """
    iso3 = resolve_country(iso3, argument="component_gaps: iso3")
    group = comparison_group([iso3], peers)
    return _position_frame(_positions(frame, dataset, [iso3], group, components, year))
