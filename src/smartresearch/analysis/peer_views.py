"""Views of a country's standing among its peers: leads and lags, trajectory, the field.

Split from :mod:`smartresearch.analysis.profiles` (positions and gaps in one edition) to
keep each module readable alone. These reshape :func:`~smartresearch.analysis.profiles.
peer_standing` for the questions a chapter asks: on which components a country ranks best
and worst among its peers (:func:`leads_and_lags`, as indicator codes: the chapter words
them), its standing in every edition with the gaps kept (:func:`trajectory`, what a peer
band chart draws), and the other members' values beside its gaps (:func:`peer_field`, the
grey dots of a peer strip).
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from smartresearch.analysis.profiles import (
    STANDING_COLUMNS,
    _absent_from,
    _checked,
    _choose,
    comparison_group,
    component_gaps,
    peer_standing,
)
from smartresearch.countries import country_name, resolve_country
from smartresearch.errors import ValidationError

__all__ = ["leads_and_lags", "peer_field", "trajectory"]


def leads_and_lags(
    frame: pd.DataFrame,
    countries: Sequence[str],
    peers: Sequence[str] | None = None,
    *,
    indicators: Sequence[str],
    year: int | None = None,
) -> pd.DataFrame:
    """Each country's rank within the peer group on each indicator of one edition.

    One row per country: ``iso3, country, year, peer_n``, one rank column per indicator,
    then ``leads`` and ``lags``: tuples of the indicator codes on which it ranks best and
    worst among its peers (ties together; empty for a country assessed on none). ``year``
    defaults to the latest edition holding the indicators. ``peer_n`` is the number of
    group members assessed on the first indicator.
    """
    what = "leads_and_lags"
    rows = _checked(frame, what)
    chosen = _choose(rows, indicators, what)
    rows = rows[rows["indicator"].isin(chosen)]
    edition = int(rows["year"].max()) if year is None else int(year)
    if not (rows["year"] == edition).any():
        raise ValidationError(
            f"{what}: no {edition} edition of {chosen}; editions held: "
            f"{sorted(rows['year'].unique().tolist())}"
        )
    group = comparison_group(countries, peers)
    standing = peer_standing(rows[rows["year"] == edition], group, indicators=chosen)
    ranks = standing.pivot(index="iso3", columns="indicator", values="peer_rank")
    first_n = standing.loc[standing["indicator"] == chosen[0], "peer_n"]
    out = []
    for code in comparison_group(countries, []):
        own = ranks.loc[code] if code in ranks.index else pd.Series(dtype="Int64")
        own = own.reindex(chosen).astype("Int64")
        present = own.dropna()
        leads = tuple(i for i in present.index if present[i] == present.min())
        lags = tuple(i for i in present.index if present[i] == present.max())
        out.append(
            {
                "iso3": code,
                "country": country_name(code),
                "year": edition,
                "peer_n": int(first_n.iloc[0]) if len(first_n) else 0,
                **{i: own[i] for i in chosen},
                "leads": leads,
                "lags": lags,
            }
        )
    table = pd.DataFrame(out)
    for indicator in chosen:
        table[indicator] = table[indicator].astype("Int64")
    return table


def peer_field(
    frame: pd.DataFrame,
    iso3: str,
    peers: Sequence[str] | None = None,
    *,
    indicators: Sequence[str],
    year: int | None = None,
) -> pd.DataFrame:
    """The other group members' standing on each indicator, in the edition
    :func:`component_gaps` reads it in (columns of :func:`peer_standing`): the grey dots a
    peer strip draws beside ``iso3``'s gaps."""
    gaps = component_gaps(frame, iso3, peers, components=indicators, year=year)
    field = peer_standing(
        frame, comparison_group([iso3], peers), indicators=gaps["indicator"].tolist()
    )
    editions = set(zip(gaps["indicator"], gaps["year"], strict=True))
    keep = [(i, y) in editions for i, y in zip(field["indicator"], field["year"], strict=True)]
    return field[pd.Series(keep, index=field.index) & (field["iso3"] != iso3)].reset_index(
        drop=True
    )


def trajectory(
    frame: pd.DataFrame, iso3: str, peers: Sequence[str] | None = None, *, indicator: str
) -> pd.DataFrame:
    """``iso3``'s standing on ``indicator`` in every edition (columns of :func:`peer_standing`).

    Editions that did not assess the country keep a row with no value or rank, so a chart
    or table shows the gap instead of bridging it; as in :func:`latest_positions`, its
    ``peer_n``, ``peer_median``, ``peer_min``, ``peer_max`` and ``world_n`` still describe
    the field it was absent from (missing if no member was assessed either).
    """
    iso3 = resolve_country(iso3, argument="trajectory: iso3")
    group = comparison_group([iso3], peers)
    standing = peer_standing(frame, group, indicators=[indicator])
    checked = _checked(frame, "trajectory")
    editions = sorted(checked.loc[checked["indicator"] == indicator, "year"].unique())
    own = standing[standing["iso3"] == iso3].set_index("year").reindex(editions)
    for year in own.index[own["value"].isna()]:
        edition = standing[standing["year"] == year]
        if len(edition):
            field = _absent_from(edition)
            own.loc[year, list(field)] = list(field.values())
    own["iso3"], own["country"], own["indicator"] = iso3, country_name(iso3), indicator
    own = own.reset_index()
    for column in ("peer_rank", "peer_n", "world_rank", "world_n"):
        own[column] = own[column].astype("Int64")
    return own[list(STANDING_COLUMNS)]
