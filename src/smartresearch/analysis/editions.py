"""Which edition of each index a composite uses, and ranks on each pair of editions.

The composite's uncertainty analysis (:mod:`smartresearch.analysis.uncertainty`) varies the
*method* on one vintage of data: each index's latest edition. Swapping in older editions is
not uncertainty about the method, it is time: a country that moved between editions would
get a wide interval for having changed, not for being hard to rank. So the editions live
here, apart from the runs: :func:`choose_editions` picks one edition per component (and
names an edition that does not exist), and :func:`edition_ranks` ranks the countries on
each pair of editions side by side, to be read as change over time.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from smartresearch.analysis._frames import require_columns
from smartresearch.analysis.composite import composite
from smartresearch.countries import names_for
from smartresearch.errors import ValidationError

#: The indices of the report that cover (nearly) every country: the headline composite's.
GLOBAL_INDICES: tuple[str, ...] = ("EGDI", "GTMI")


def _years(frame: pd.DataFrame) -> list[int]:
    return sorted({int(y) for y in frame.dropna(subset=["value"])["year"]})


def pick_edition(frame: pd.DataFrame, pairing: str, reference_year: int) -> pd.DataFrame:
    """One component's rows in its latest edition (``pairing="latest"``), or its edition
    nearest ``reference_year`` (a tie goes to the later edition)."""
    years = _years(frame)
    if not years:
        raise ValidationError("pick_edition: the component has no observed value")
    if pairing == "latest":
        year = years[-1]
    else:
        year = min(years, key=lambda y: (abs(y - reference_year), -y))
    return frame[frame["year"].astype(int) == year]


def choose_editions(
    frames: Mapping[str, pd.DataFrame], editions: Mapping[str, int] | None = None
) -> dict[str, pd.DataFrame]:
    """Each component's rows in one edition: ``editions`` (component → year) where given,
    else its latest. A component or an edition that does not exist is an error naming it
    and what exists."""
    chosen = dict(editions or {})
    unknown = sorted(set(chosen) - set(frames))
    if unknown:
        raise ValidationError(
            f"editions: unknown component(s) {unknown}; the components are {list(frames)}"
        )
    out = {}
    for name, frame in frames.items():
        require_columns(frame, ["iso3", "year", "indicator", "value"], what=f"component {name!r}")
        years = _years(frame)
        if not years:
            raise ValidationError(f"editions: component {name!r} has no observed value")
        year = chosen.get(name, years[-1])
        if isinstance(year, bool) or not isinstance(year, int) or year not in years:
            raise ValidationError(
                f"editions: {name} has no edition {year!r}; its editions are {years}"
            )
        out[name] = frame[(frame["year"].astype(int) == year) & frame["value"].notna()]
    return out


def report_frames(
    indices: Sequence[str] = GLOBAL_INDICES, *, tables: Mapping[str, pd.DataFrame] | None = None
) -> tuple[dict[str, pd.DataFrame], int]:
    """The report's own inputs: every edition of each named headline index, and the
    reference year ``panels.latest_index_panel`` pairs the four indices to (``tables``:
    dataset name → tidy table, default the clean tables)."""
    from smartresearch.analysis import panels

    by_label = {i.label: i for i in panels.HEADLINE_INDICES}
    unknown = [name for name in indices if name not in by_label]
    if unknown or not indices:
        raise ValidationError(
            f"report_frames: unknown index {unknown or list(indices)}; "
            f"use labels of {list(by_label)}"
        )
    chosen = [by_label[name] for name in indices]
    tables = panels._tables(panels.HEADLINE_INDICES, tables)
    rows = panels._headline_rows_by_label(chosen, tables)
    year = panels.reference_year(panels.index_editions(tables=tables))
    return {name: rows[name] for name in indices}, year


def edition_pairs(frames: Mapping[str, pd.DataFrame]) -> list[dict[str, int]]:
    """One pairing per edition of the component with the fewest editions (the later one on
    a tie), each other component at its edition nearest that year (the later on a tie);
    oldest first, the latest editions last."""
    years = {name: _years(frame) for name, frame in frames.items()}
    anchor = min(reversed(list(years)), key=lambda n: len(years[n]))
    pairs = []
    for year in years[anchor]:
        pair = {
            name: min(ys, key=lambda y: (abs(y - year), -y)) if name != anchor else year
            for name, ys in years.items()
        }
        if pair not in pairs:
            pairs.append(pair)
    latest = {name: ys[-1] for name, ys in years.items()}
    if pairs[-1] != latest:
        pairs.append(latest)
    return pairs


def pair_label(pair: Mapping[str, int]) -> str:
    """ "EGDI 2024 + GTMI 2025"."""
    return " + ".join(f"{name} {year}" for name, year in pair.items())


def edition_ranks(
    frames: Mapping[str, pd.DataFrame], pairs: Sequence[Mapping[str, int]] | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The baseline composite (min–max, equal weights, arithmetic mean, complete cases) on
    each pair of editions: ``ranks`` (``iso3, country`` and one rank column per pair label,
    countries a pair does not rank left empty) and ``fields`` (``pair, countries``)."""
    pairs = list(pairs) if pairs is not None else edition_pairs(frames)
    columns: dict[str, pd.Series] = {}
    fields = []
    for pair in pairs:
        picked = choose_editions(frames, pair)
        table = composite(picked, missing="require-all")
        ranked = table[table["included"]].set_index("iso3")["rank"].astype("Int64")
        columns[pair_label(pair)] = ranked
        fields.append({"pair": pair_label(pair), "countries": len(ranked)})
    ranks = pd.DataFrame(columns)
    ranks.index.name = "iso3"
    last = pair_label(pairs[-1])
    ranks = ranks.sort_values([last], na_position="last", kind="mergesort").reset_index()
    ranks.insert(1, "country", names_for(pd.Index(ranks["iso3"])))
    return ranks, pd.DataFrame(fields)
