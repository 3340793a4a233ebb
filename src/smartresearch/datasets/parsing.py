"""Strict parsing of the numbers and headers that publishers' files contain.

Raw files hold numbers as text with stray spaces, blanks and placeholder tokens (the World
Bank's ``..``). pandas' own inference would quietly turn a typo into ``NaN`` or a whole column
into strings; here every cell either parses to a finite float, is one of the declared
missing tokens, or is reported by file, column and value.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from smartresearch.errors import ValidationError

#: Cell contents that mean "no value" in the raw files we read.
MISSING_TOKENS: frozenset[str] = frozenset({"", ".."})


def _to_float(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def parse_numbers(
    values: Iterable[object],
    *,
    file: str,
    column: str,
    missing: frozenset[str] = MISSING_TOKENS,
) -> np.ndarray:
    """Parse text cells to float64, with missing tokens as NaN; anything else raises.

    Surrounding whitespace is ignored. ``inf``/``nan`` written in a file are errors, not
    values: a raw file never legitimately contains them.
    """
    cells = ["" if v is None or (isinstance(v, float) and math.isnan(v)) else str(v).strip() for v in values]
    out = np.empty(len(cells), dtype="float64")
    bad: list[tuple[int, str]] = []
    for i, cell in enumerate(cells):
        if cell in missing:
            out[i] = np.nan
            continue
        parsed = _to_float(cell)
        if parsed is None:
            bad.append((i, cell))
            out[i] = np.nan
        else:
            out[i] = parsed
    if bad:
        shown = ", ".join(f"row {i + 1}: {cell!r}" for i, cell in bad[:5])
        raise ValidationError(
            f"{file}: column {column!r} has {len(bad)} value(s) that are not numbers ({shown}). "
            f"Expected a decimal number or one of {sorted(missing)} for missing."
        )
    return out


def require_columns(found: Sequence[str], expected: Sequence[str], *, file: str) -> None:
    """Raise a :class:`ValidationError` naming the file and both headers if they differ."""
    found = [str(c) for c in found]
    expected = list(expected)
    if found != expected:
        missing = [c for c in expected if c not in found]
        extra = [c for c in found if c not in expected]
        detail = []
        if missing:
            detail.append(f"missing {missing}")
        if extra:
            detail.append(f"unexpected {extra}")
        if not detail:
            detail.append("same names in a different order")
        raise ValidationError(
            f"{file}: the header is not the one this cleaner knows ({'; '.join(detail)}). "
            f"Expected {expected}, found {found}. If the publisher changed the layout, update the cleaner "
            "and register the new file; raw files are never edited."
        )


def tidy_from_wide(
    wide: pd.DataFrame, *, indicators: Sequence[str], source_file: str
) -> pd.DataFrame:
    """Melt ``iso3, year`` + indicator columns into tidy rows, dropping missing values."""
    long = wide.melt(id_vars=["iso3", "year"], value_vars=list(indicators), var_name="indicator", value_name="value")
    long = long[long["value"].notna()].copy()
    long["source_file"] = source_file
    return long[["iso3", "year", "indicator", "value", "source_file"]]
