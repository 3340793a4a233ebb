"""Input checks shared by every analysis helper.

The helpers take tidy frames (``iso3, country, year, indicator, value``) straight from
``smartresearch.datasets.load`` or from an analyst's own filtering. When such a frame is
not what a helper needs, the analyst must learn *which* input, *which* column and *which*
values are wrong without reading our code; these checks say exactly that, in one place.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence

import pandas as pd

from smartresearch._columns import require_columns as _require_columns
from smartresearch.errors import ValidationError

#: Columns an index frame must carry for the analysis helpers.
TIDY_KEYS: tuple[str, ...] = ("iso3", "year", "indicator", "value")


#: What to pass instead, for a frame that is not a tidy index table.
TIDY_HINT = (
    "Pass a tidy table (iso3, country, year, indicator, value) as returned by "
    "smartresearch.datasets.load()."
)


def require_columns(frame: pd.DataFrame, columns: Iterable[str], *, what: str) -> None:
    """Raise if ``frame`` lacks any of ``columns``, naming the input and what it has."""
    _require_columns(frame, columns, what=what, hint=TIDY_HINT)


def require_numeric_values(frame: pd.DataFrame, *, what: str, column: str = "value") -> pd.Series:
    """``frame[column]`` as float; raises naming the entries that are not numbers."""
    coerced = pd.to_numeric(frame[column], errors="coerce")
    bad = frame.loc[coerced.isna() & frame[column].notna(), column]
    if len(bad):
        raise ValidationError(
            f"{what}: column {column!r} holds non-numeric values "
            f"{sorted(map(str, bad.unique()))[:10]}"
        )
    return coerced.astype("float64")


def require_unique(frame: pd.DataFrame, keys: Sequence[str], *, what: str) -> None:
    """Raise if the key columns repeat, listing a few repeated keys."""
    dup = frame.duplicated(list(keys), keep=False)
    if dup.any():
        sample = frame.loc[dup, list(keys)].drop_duplicates().head(5).to_dict("records")
        raise ValidationError(
            f"{what}: {int(dup.sum())} rows repeat the key {list(keys)}, e.g. {sample}"
        )


def one_value_per_country(frame: pd.DataFrame, *, what: str) -> pd.Series:
    """Reduce a tidy frame holding one indicator in one edition to a float Series by iso3.

    Cross-index comparisons need exactly one number per country per component; a frame
    that mixes editions or indicators would silently average or duplicate, so it is
    refused with the combinations found, telling the analyst what to filter.
    """
    require_columns(frame, TIDY_KEYS, what=what)
    combos = frame[["indicator", "year"]].drop_duplicates()
    if len(combos) > 1:
        found = sorted((str(i), int(y)) for i, y in combos.itertuples(index=False))
        raise ValidationError(
            f"{what}: expected one indicator in one edition, found {len(found)} "
            f"(indicator, year) pairs {found[:8]}. Filter it first, e.g. "
            "frame[(frame.indicator == 'egdi') & (frame.year == 2024)]."
        )
    require_unique(frame, ["iso3"], what=what)
    values = require_numeric_values(frame, what=what)
    series = pd.Series(
        values.to_numpy(), index=pd.Index(frame["iso3"].astype(str), name="iso3"), name=what
    )
    return series.dropna().sort_index()


def lower_is_better(indicator: str, overrides: Collection[str] | None = None) -> bool:
    """Whether a smaller value of ``indicator`` is the better one.

    The tidy contract names published ranks ``<index>_rank`` (``egdi_rank``, ``dgi_rank``):
    those are the only lower-is-better indicators the datasets ship, so the name decides
    unless the caller lists the lower-is-better indicators explicitly in ``overrides``.
    """
    if overrides is not None:
        return indicator in overrides
    return str(indicator).endswith("_rank")
