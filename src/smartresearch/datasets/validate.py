"""The tidy contract, checked: at write (``build``) and again at load.

A table is accepted only if it has exactly the tidy columns with the right types, no
missing cells, known ISO3 codes spelt with the reference name, indicators its spec declares,
unique ``(iso3, year, indicator)`` keys and values inside each indicator's documented range.
Errors name the dataset, the column, and show the first offending rows, because the person
reading them is usually an analyst in a notebook, not the author of the cleaner.
"""

from __future__ import annotations

import pandas as pd

from smartresearch.countries import known_iso3, reference
from smartresearch.datasets.spec import TIDY_COLUMNS, DatasetSpec
from smartresearch.errors import UnknownCountryError, ValidationError

#: Columns of the tidy table and the dtype family each must have.
STRING_COLUMNS: tuple[str, ...] = ("iso3", "country", "indicator", "source_file")
_SHOW = 5


def _rows(frame: pd.DataFrame, mask: pd.Series) -> str:
    bad = frame.loc[mask]
    head = bad.head(_SHOW).to_string(index=False)
    more = f"\n... and {len(bad) - _SHOW} more row(s)" if len(bad) > _SHOW else ""
    return f"{len(bad)} row(s):\n{head}{more}"


def _fail(spec: DatasetSpec, where: str, column: str, message: str) -> ValidationError:
    return ValidationError(f"dataset {spec.name!r} ({where}), column {column!r}: {message}")


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

    for column in STRING_COLUMNS:
        if not pd.api.types.is_string_dtype(frame[column].dtype):
            raise _fail(spec, where, column, f"must hold text, has dtype {frame[column].dtype}")
    if frame["year"].dtype != "int64":
        raise _fail(spec, where, "year", f"must be int64, has dtype {frame['year'].dtype}")
    if frame["value"].dtype != "float64":
        raise _fail(spec, where, "value", f"must be float64, has dtype {frame['value'].dtype}")

    for column in TIDY_COLUMNS:
        empty = frame[column].isna()
        if column in STRING_COLUMNS:
            empty = empty | (frame[column] == "")
        if empty.any():
            hint = " (a missing value means 'not assessed': drop the row instead)" if column == "value" else ""
            raise _fail(spec, where, column, f"empty or missing cells{hint} in {_rows(frame, empty)}")

    unknown = ~frame["iso3"].isin(known_iso3())
    if unknown.any():
        codes = sorted(frame.loc[unknown, "iso3"].unique())
        raise UnknownCountryError(
            f"dataset {spec.name!r} ({where}), column 'iso3': codes not in data/reference/countries.csv: "
            f"{codes[:20]}. Fix the cleaner's country mapping."
        )
    expected_names = frame["iso3"].map(reference()["name"])
    misnamed = frame["country"] != expected_names
    if misnamed.any():
        raise _fail(
            spec, where, "country", f"must be the reference display name of iso3; {_rows(frame, misnamed)}"
        )

    allowed = set(spec.indicator_names)
    unknown_ind = ~frame["indicator"].isin(allowed)
    if unknown_ind.any():
        names = sorted(frame.loc[unknown_ind, "indicator"].unique())
        raise _fail(spec, where, "indicator", f"{names[:20]} not declared by the spec (declared: {sorted(allowed)})")

    unknown_files = ~frame["source_file"].isin(set(spec.files))
    if unknown_files.any():
        files = sorted(frame.loc[unknown_files, "source_file"].unique())
        raise _fail(spec, where, "source_file", f"{files[:5]} are not among the spec's files")

    duplicated = frame.duplicated(["iso3", "year", "indicator"], keep=False)
    if duplicated.any():
        raise ValidationError(
            f"dataset {spec.name!r} ({where}): key (iso3, year, indicator) is not unique; "
            f"{_rows(frame.sort_values(['iso3', 'year', 'indicator']), duplicated)}"
        )

    minimum = frame["indicator"].map({i.name: i.minimum for i in spec.indicators})
    maximum = frame["indicator"].map({i.name: i.maximum for i in spec.indicators})
    outside = (frame["value"] < minimum) | (frame["value"] > maximum)
    if outside.any():
        ranges = {i.name: (i.minimum, i.maximum) for i in spec.indicators}
        names = sorted(frame.loc[outside, "indicator"].unique())
        raise _fail(
            spec,
            where,
            "value",
            f"outside the documented range {({n: ranges[n] for n in names})} in {_rows(frame, outside)}",
        )
