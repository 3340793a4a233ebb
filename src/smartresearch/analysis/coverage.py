"""Who is assessed by which index: the coverage behind every cross-index comparison.

A correlation between two indices rests on the countries both assess, and a country an
index leaves out must never be read as a low score. These functions take the one-edition
panel of :func:`smartresearch.analysis.panels.latest_index_panel` and say who each index
covers, how many countries each combination of indices covers, and which of a group of
countries each index leaves out. They return frames with codes and counts; how a chapter
words them (names, "none") is the chapter's business.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from smartresearch.analysis.panels import _check_panel, panel_editions
from smartresearch.countries import FOCUS, PEERS, names_for, resolve_countries

__all__ = ["coverage_by_index", "coverage_matrix", "coverage_patterns"]


def coverage_matrix(panel: pd.DataFrame, countries: Sequence[str] | None = None) -> pd.DataFrame:
    """Which index assesses which country: one row per country, one boolean column per index.

    ``countries`` (ISO3 codes, unknown codes raise) fixes the rows, so a country no index
    covers still appears, with every cell False; default: every country in the panel.
    Indexed by ``iso3``; columns ``country``, one per index label, ``n_indices``.
    """
    labels = _check_panel(panel, what="coverage_matrix")
    if countries is None:
        codes = sorted(set(panel["iso3"].astype(str)))
    else:
        codes = list(resolve_countries(countries, argument="coverage_matrix: countries"))
    present = set(zip(panel["index_name"].astype(str), panel["iso3"].astype(str), strict=True))
    out = pd.DataFrame(index=pd.Index(codes, name="iso3"))
    out["country"] = names_for(codes)
    for label in labels:
        out[label] = [(label, code) in present for code in codes]
    out["n_indices"] = out[labels].sum(axis=1).astype("int64")
    return out


def coverage_patterns(panel: pd.DataFrame) -> pd.DataFrame:
    """How many countries each combination of indices assesses, most common first.

    Columns ``indices`` (the tuple of index labels, in the panel's order: ``("EGDI",
    "GTMI")``), ``n_indices`` and ``countries``: the structure
    behind every cross-index comparison, e.g. how many countries only the global indices
    assess.
    """
    labels = _check_panel(panel, what="coverage_patterns")
    matrix = coverage_matrix(panel)
    combos = pd.Series(
        [tuple(label for label in labels if row[label]) for _, row in matrix[labels].iterrows()],
        index=matrix.index,
        dtype="object",
    )
    counted = (
        pd.DataFrame({"indices": combos, "n_indices": matrix["n_indices"]})
        .groupby(["indices", "n_indices"], sort=False)
        .size()
        .rename("countries")
        .reset_index()
    )
    return counted.sort_values(
        ["countries", "n_indices", "indices"], ascending=[False, False, True], kind="mergesort"
    ).reset_index(drop=True)


def coverage_by_index(
    panel: pd.DataFrame, countries: Sequence[str] = FOCUS + PEERS
) -> pd.DataFrame:
    """Per index: its edition, how many countries it assesses, and which of ``countries``
    (default: focus and peers) it leaves out.

    Columns ``index_name, year, countries, selected_assessed`` (how many of ``countries``),
    ``not_assessed`` (a tuple of their ISO3 codes, in the order of ``countries``; empty
    when none).
    """
    editions = panel_editions(panel)
    matrix = coverage_matrix(panel, countries)
    rows = []
    for row in editions.itertuples(index=False):
        assessed = matrix[row.index_name]
        rows.append(
            {
                "index_name": row.index_name,
                "year": row.year,
                "countries": row.countries,
                "selected_assessed": int(assessed.sum()),
                "not_assessed": tuple(matrix.index[~assessed.to_numpy()]),
            }
        )
    return pd.DataFrame(rows)
