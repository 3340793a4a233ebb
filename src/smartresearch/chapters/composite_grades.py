"""Display tables of a composite and its sensitivity runs: grades, extracts, group order.

Moved out of :mod:`smartresearch.analysis.panels`, because these decide how the report
shows a composite table (which rows, "3 of 4" grade spans, "Denmark > Korea = UK" orders):
``analysis`` returns numbers and codes, the chapters word them. Chapter 5
(:mod:`smartresearch.chapters.composite`) may use them; no chapter needs to import another
for them.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from smartresearch.analysis._frames import require_columns
from smartresearch.analysis.sensitivity import SensitivityResult
from smartresearch.analysis.wide import GRADE_THRESHOLDS
from smartresearch.countries import FOCUS, PEERS, resolve_countries, resolve_country
from smartresearch.errors import ValidationError

__all__ = ["comparator_group", "composite_extract", "grade_summary", "group_order"]


def comparator_group(codes: Sequence[str]) -> list[str]:
    """``"focus"``, ``"peer"`` or ``""`` for each ISO3 code, so that tables can mark the
    countries the comparison is about (unknown codes raise)."""
    codes = [resolve_country(c, argument="comparator_group: codes") for c in codes]
    return ["focus" if c in FOCUS else "peer" if c in PEERS else "" for c in codes]


def grade_summary(table: pd.DataFrame) -> pd.DataFrame:
    """Countries per coverage grade of a ``composite`` table, with each grade's rule.

    Columns ``grade``, ``indices_observed`` (e.g. "3 of 4", derived from
    ``GRADE_THRESHOLDS`` and the number of components; "–" for a grade no count of
    components can reach, e.g. B with two components), ``countries`` and ``ranked``
    (how many received a composite rank).
    """
    require_columns(
        table, ["grade", "included", "n_components"], what="grade_summary(composite table)"
    )
    if table.empty:
        raise ValidationError("grade_summary: the composite table has no rows")
    sizes = sorted(set(table["n_components"].astype("int64")))
    if len(sizes) != 1:
        raise ValidationError(f"grade_summary: the table mixes component counts {sizes}")
    n = sizes[0]
    rows = []
    upper = n
    for grade, floor in GRADE_THRESHOLDS:
        lowest = int(np.ceil(floor * n - 1e-9))
        if lowest > upper:
            span = "–"
        else:
            span = f"{lowest} of {n}" if lowest == upper else f"{lowest}–{upper} of {n}"
            upper = lowest - 1
        part = table[table["grade"] == grade]
        rows.append(
            {
                "grade": grade,
                "indices_observed": span,
                "countries": len(part),
                "ranked": int(part["included"].sum()),
            }
        )
    return pd.DataFrame(rows)


def composite_extract(
    table: pd.DataFrame, *, top: int = 10, countries: Sequence[str] = FOCUS + PEERS
) -> pd.DataFrame:
    """The rows of a ``composite`` table worth showing: the ``top`` ranked countries and
    every country in ``countries`` (ranked or not), best first, with a ``group`` column
    (see :func:`comparator_group`)."""
    require_columns(table, ["iso3", "rank", "included"], what="composite_extract")
    countries = resolve_countries(countries, argument="composite_extract: countries")
    ranked_top = table["included"] & (table["rank"] <= top).fillna(False)
    rows = table[ranked_top | table["iso3"].isin(list(countries))].copy()
    rows.insert(2, "group", comparator_group(rows["iso3"]))
    return rows.sort_values(["rank", "iso3"], na_position="last", kind="mergesort").reset_index(
        drop=True
    )


def group_order(result: SensitivityResult, countries: Sequence[str] = FOCUS) -> pd.DataFrame:
    """Does each scenario order ``countries`` (default: the focus group) as the baseline does?

    Columns ``scenario, ranked`` (how many of ``countries`` the scenario ranks),
    ``order`` (their names, best first, "=" between ties) and ``same_as_baseline``
    (same countries in the same order). The baseline is the first row.
    """
    codes = list(resolve_countries(countries, argument="group_order: countries"))
    base_name = result.baseline
    names = [base_name, *(str(n) for n in result.by_scenario["scenario"])]
    orders: dict[str, str] = {}
    rows = []
    for name in names:
        run = result.ranks[(result.ranks["scenario"] == name) & result.ranks["iso3"].isin(codes)]
        run = run.sort_values(["rank", "iso3"], kind="mergesort")
        groups = run.groupby("rank", sort=True)["country"].apply(lambda c: " = ".join(c))
        orders[name] = " > ".join(groups)
        rows.append({"scenario": name, "ranked": len(run), "order": orders[name]})
    out = pd.DataFrame(rows, columns=["scenario", "ranked", "order"])
    out["same_as_baseline"] = out["order"] == orders[base_name]
    return out
