"""The tidy contract, checked: at write (``build``) and again at load.

A table is accepted only if it has exactly the tidy columns with the right types, no
missing cells, known ISO3 codes spelt with the reference name, indicators its spec declares,
unique ``(iso3, year, indicator)`` keys and values inside each indicator's documented range.
Errors name the dataset, the column, and show the first offending rows, because the person
reading them is usually an analyst in a notebook, not the author of the cleaner.

Every check works on integer codes and the few distinct values of each text column, so
validating at load costs a fraction of reading the file; the row-level masks that show the
offending rows are built only when a check fails.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from smartresearch.countries import known_iso3, reference
from smartresearch.datasets.spec import TIDY_COLUMNS, DatasetSpec
from smartresearch.errors import UnknownCountryError, ValidationError

#: Text columns of the tidy table.
STRING_COLUMNS: tuple[str, ...] = ("iso3", "country", "indicator", "source_file")
_SHOW = 5


def _rows(frame: pd.DataFrame, mask: pd.Series | np.ndarray) -> str:
    bad = frame.loc[np.asarray(mask, dtype=bool)]
    head = bad.head(_SHOW).to_string(index=False)
    more = f"\n... and {len(bad) - _SHOW} more row(s)" if len(bad) > _SHOW else ""
    return f"{len(bad)} row(s):\n{head}{more}"


def _fail(spec: DatasetSpec, where: str, column: str, message: str) -> ValidationError:
    return ValidationError(f"dataset {spec.name!r} ({where}), column {column!r}: {message}")


def _codes(series: pd.Series) -> tuple[np.ndarray, list[str]]:
    """Integer code per row (-1 = missing) and the distinct values the codes point to."""
    codes, uniques = pd.factorize(series.to_numpy(dtype=object), use_na_sentinel=True)
    return codes, np.asarray(uniques, dtype=object).tolist()


@lru_cache(maxsize=1)
def _reference_names() -> dict[str, str]:
    return dict(zip(reference()["iso3"], reference()["name"], strict=True))


def validate_tidy(frame: pd.DataFrame, spec: DatasetSpec, *, where: str) -> None:
    """Raise :class:`ValidationError` if ``frame`` breaks the tidy contract for ``spec``.

    ``where`` says which table was checked (a file path, or "build") for the message.
    """
    columns = tuple(str(c) for c in frame.columns)
    if columns != TIDY_COLUMNS:
        missing = [c for c in TIDY_COLUMNS if c not in columns]
        extra = [c for c in columns if c not in TIDY_COLUMNS]
        raise ValidationError(
            f"dataset {spec.name!r} ({where}): columns must be exactly {list(TIDY_COLUMNS)}; "
            f"found {list(columns)} (missing {missing}, unexpected {extra})"
        )
    # Each column is taken out of the frame once: on a table of a few hundred rows, pandas'
    # per-call overhead, not the checks, is most of what validating at load costs.
    series = {column: frame[column] for column in TIDY_COLUMNS}
    for column in STRING_COLUMNS:
        if not pd.api.types.is_string_dtype(series[column].dtype):
            raise _fail(spec, where, column, f"must hold text, has dtype {series[column].dtype}")
    for column, dtype in (("year", "int64"), ("value", "float64")):
        if series[column].dtype != dtype:
            raise _fail(spec, where, column, f"must be {dtype}, has dtype {series[column].dtype}")

    coded = {column: _codes(series[column]) for column in STRING_COLUMNS}
    for column, (codes, uniques) in coded.items():
        if (codes < 0).any() or "" in uniques:
            empty = (codes < 0) | np.isin(codes, [i for i, u in enumerate(uniques) if u == ""])
            raise _fail(spec, where, column, f"empty or missing cells in {_rows(frame, empty)}")
    values = series["value"].to_numpy()
    if np.isnan(values).any():
        raise _fail(
            spec,
            where,
            "value",
            "missing values (a missing value means 'not assessed': drop the row instead) in "
            + _rows(frame, np.isnan(values)),
        )

    iso3_codes, iso3_values = coded["iso3"]
    present = sorted({iso3_values[c] for c in np.unique(iso3_codes)}) if len(iso3_codes) else []
    unknown = sorted(set(present) - known_iso3())
    if unknown:
        raise UnknownCountryError(
            f"dataset {spec.name!r} ({where}), column 'iso3': codes not in "
            "data/reference/countries.csv: "
            f"{unknown[:20]}. Fix the cleaner's country mapping."
        )

    # Each iso3 must carry exactly one country name, and that name must be the reference's.
    country_codes, country_values = coded["country"]
    name_index = {name: i for i, name in enumerate(country_values)}
    names = _reference_names()
    expected = np.array([name_index.get(names.get(v, ""), -2) for v in iso3_values], dtype="int64")
    if len(iso3_codes) and (expected[iso3_codes] != country_codes).any():
        misnamed = expected[iso3_codes] != country_codes
        raise _fail(
            spec,
            where,
            "country",
            f"must be the reference display name of iso3; {_rows(frame, misnamed)}",
        )

    indicator_codes, indicator_values = coded["indicator"]
    allowed = set(spec.indicator_names)
    used_indicators = (
        {indicator_values[c] for c in np.unique(indicator_codes)} if len(indicator_codes) else set()
    )
    unknown_indicators = sorted(used_indicators - allowed)
    if unknown_indicators:
        raise _fail(
            spec,
            where,
            "indicator",
            f"{unknown_indicators[:20]} not declared by the spec (declared: {sorted(allowed)})",
        )

    file_codes, file_values = coded["source_file"]
    used_files = {file_values[c] for c in np.unique(file_codes)} if len(file_codes) else set()
    unknown_files = sorted(used_files - set(spec.files))
    if unknown_files:
        raise _fail(
            spec, where, "source_file", f"{unknown_files[:5]} are not among the spec's files"
        )

    years = series["year"].to_numpy()
    if len(years):
        span = int(years.max() - years.min() + 1)
        keys = (iso3_codes.astype("int64") * span + (years - years.min())) * max(
            len(indicator_values), 1
        )
        keys = np.sort(keys + indicator_codes)
        if (keys[1:] == keys[:-1]).any():
            duplicated = frame.duplicated(["iso3", "year", "indicator"], keep=False)
            raise ValidationError(
                f"dataset {spec.name!r} ({where}): key (iso3, year, indicator) is not unique; "
                f"{_rows(frame.sort_values(['iso3', 'year', 'indicator']), duplicated)}"
            )

    if len(values):
        by_name = {i.name: i for i in spec.indicators}
        lows = np.array(
            [by_name[n].minimum if n in by_name else np.nan for n in indicator_values],
            dtype="float64",
        )
        highs = np.array(
            [by_name[n].maximum if n in by_name else np.nan for n in indicator_values],
            dtype="float64",
        )
        outside = (values < lows[indicator_codes]) | (values > highs[indicator_codes])
        if outside.any():
            names_out = sorted({indicator_values[c] for c in np.unique(indicator_codes[outside])})
            ranges = {n: (by_name[n].minimum, by_name[n].maximum) for n in names_out}
            raise _fail(
                spec,
                where,
                "value",
                f"outside the documented range {ranges} in {_rows(frame, outside)}",
            )
