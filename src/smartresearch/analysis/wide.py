"""Wide tables (one row per country, one column per indicator or edition) with coverage.

Analysts read comparisons across; a wide table is the natural view. The coverage columns
travel with it because a blank cell is information: a country missing from half the
columns should not be read like one missing from none.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from smartresearch.analysis._frames import require_columns, require_numeric_values, require_unique
from smartresearch.countries import names_for
from smartresearch.errors import ValidationError

#: Coverage grades, best first: the lowest share of components observed for each grade.
#: Like the Blavatnik Index of Public Administration's data-coverage grade, a grade says
#: how much of a country's score rests on observed data rather than on gaps.
GRADE_THRESHOLDS: tuple[tuple[str, float], ...] = (("A", 1.0), ("B", 0.75), ("C", 0.5), ("D", 0.0))


def coverage_grade(share: float) -> str:
    """A–D grade of a coverage share in [0, 1]: A = every component, D = under half."""
    if not 0.0 <= share <= 1.0:
        raise ValidationError(f"coverage share must lie in [0, 1], got {share!r}")
    for grade, floor in GRADE_THRESHOLDS:
        if share >= floor - 1e-12:
            return grade
    raise AssertionError("unreachable: the last threshold is 0")


def pivot_wide(
    frame: pd.DataFrame,
    columns: str | Sequence[str] = "indicator",
    *,
    coverage: bool = True,
) -> pd.DataFrame:
    """Pivot a tidy frame to one row per country.

    ``columns`` names the tidy column(s) that become columns; several are joined with
    ``_`` (``["indicator", "year"]`` gives ``egdi_2022``, ``egdi_2024``...). The result is
    indexed by ``iso3``, starts with ``country`` and, with ``coverage``, ends with
    ``n_observed`` (non-missing cells), ``coverage`` (their share) and its ``grade``.
    """
    keys = [columns] if isinstance(columns, str) else list(columns)
    what = f"pivot_wide(columns={keys})"
    require_columns(frame, ["iso3", *keys, "value"], what=what)
    require_unique(frame, ["iso3", *keys], what=what)
    if frame.empty:
        raise ValidationError(f"{what}: the frame has no rows")
    values = frame.assign(value=require_numeric_values(frame, what=what))
    label = values[keys[0]].astype(str)
    for key in keys[1:]:
        label = label + "_" + values[key].astype(str)
    wide = (
        values.assign(_column=label)
        .pivot(index="iso3", columns="_column", values="value")
        .sort_index()
        .sort_index(axis=1)
    )
    wide.columns.name = None
    value_columns = list(wide.columns)
    wide.insert(0, "country", names_for(wide.index))
    if coverage:
        observed = wide[value_columns].notna().sum(axis=1)
        wide["n_observed"] = observed.astype("int64")
        wide["coverage"] = observed / len(value_columns)
        wide["grade"] = wide["coverage"].map(coverage_grade)
    return wide
