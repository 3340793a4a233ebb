"""Read publishers' raw files the same careful way in every cleaner.

Why this module exists: each raw file is somebody else's format (a UTF-8 BOM, a stray space
in a header or a code, ``.`` for "no score", a summary table pasted under the data). The
cleaners differ in what a file *means*; they must not differ in how carefully it is *read*.
Every helper here raises :class:`~smartresearch.errors.ValidationError` naming the
mirror-relative file, the column and the offending values with their line numbers, so that
a user can open the file and find the cell without reading our code.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import BinaryIO

import pandas as pd
from openpyxl import load_workbook

from smartresearch.errors import UnreadableFileError, ValidationError

#: Columns a cleaner returns (the catalogue adds ``country``).
CLEANER_COLUMNS: tuple[str, ...] = ("iso3", "year", "indicator", "value", "source_file")

#: Offending values quoted in an error message; enough to find the pattern, short enough to read.
_SHOWN = 8

_BOM = "\ufeff"


def _header(name: object) -> str:
    return "" if name is None else str(name).replace(_BOM, "").strip()


def _quote(bad: Sequence[tuple[object, object]]) -> str:
    """``line N: 'value'`` for the first few offending cells.

    Readers index rows by their position under the header, so index ``i`` is line (or
    spreadsheet row) ``i + 2`` of the file; filtering keeps the index, so this stays true.
    """
    shown = ", ".join(f"line {int(position) + 2}: {value!r}" for position, value in bad[:_SHOWN])
    return shown + (f" (and {len(bad) - _SHOWN} more)" if len(bad) > _SHOWN else "")


def require_columns(found: Sequence[str], expected: Sequence[str], *, rel: str) -> None:
    """Raise unless every expected column is present (extra columns are allowed and ignored)."""
    missing = [c for c in expected if c not in found]
    if missing:
        raise ValidationError(
            f"{rel}: expected column(s) {missing} not found. Expected {list(expected)}; "
            f"found {list(found)}. Was the file renamed or re-saved? Check it against the registry."
        )


def _strip_cells(frame: pd.DataFrame) -> pd.DataFrame:
    """Strip surrounding whitespace from text cells; leave numbers and empty cells alone."""
    out = frame.copy()
    for column in out.columns:
        out[column] = [v.strip() if isinstance(v, str) else v for v in out[column]]
    return out


def read_csv_columns(path: Path, *, rel: str, columns: Sequence[str]) -> pd.DataFrame:
    """Read the named columns of a CSV as stripped text (BOM tolerated, nothing inferred).

    Everything stays text so that parsing, and its error messages, happen in one place
    (:func:`parse_numbers`). Read with the csv module rather than pandas so that a ragged
    line (a field too many or too few) is an error naming the line, where pandas would
    shift the row into an index or drop the extra field with only a warning.
    """
    with open(path, encoding="utf-8-sig", newline="") as handle:
        lines = list(csv.reader(handle))
    header = [_header(c) for c in lines[0]] if lines else []
    _require_unique_columns(header, columns, rel=rel)
    data: list[list[str]] = []
    kept: list[int] = []
    for number, fields in enumerate(lines[1:]):
        if not fields:
            continue  # a blank line
        if len(fields) != len(header):
            raise ValidationError(
                f"{rel}: line {number + 2} has {len(fields)} field(s) but the header has "
                f"{len(header)}: {fields[:10]}. Is a comma unquoted, or the file truncated?"
            )
        data.append(fields)
        kept.append(number)
    frame = pd.DataFrame(data, columns=header, index=pd.Index(kept, dtype="int64"), dtype=object)
    return _strip_cells(frame.loc[:, list(columns)])


def _require_unique_columns(header: Sequence[str], columns: Sequence[str], *, rel: str) -> None:
    """The expected columns must be present, each exactly once (two would be ambiguous)."""
    require_columns(header, columns, rel=rel)
    repeated = sorted({c for c in columns if list(header).count(c) > 1})
    if repeated:
        raise ValidationError(
            f"{rel}: column(s) {repeated} appear more than once in {list(header)}"
        )


def read_xlsx_columns(
    path: Path, *, rel: str, columns: Sequence[str], sheet: str | None = None
) -> pd.DataFrame:
    """Read the named columns of one worksheet whose first row is the header.

    Opened read-only with cached formula values (fast, and a 35,000-row sheet stays cheap);
    only the requested columns are kept. ``sheet=None`` means the workbook's first sheet.
    Cells keep the types the workbook stores (numbers, text, empty) for :func:`parse_numbers`.
    """
    # Open the file ourselves: a read-only workbook whose row generator is abandoned by an
    # exception can otherwise leave the zip handle open until garbage collection.
    with open(path, "rb") as handle:
        return _read_xlsx_handle(handle, rel=rel, columns=columns, sheet=sheet)


def _read_xlsx_handle(
    handle: BinaryIO, *, rel: str, columns: Sequence[str], sheet: str | None
) -> pd.DataFrame:
    import zipfile

    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(handle, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise UnreadableFileError(
            f"{rel}: not a readable Excel workbook ({type(exc).__name__}: {exc}). The file is "
            "damaged or is not the registered workbook; fetch it again from the source named "
            "in data/sources.toml and check its sha256"
        ) from None
    rows = None
    try:
        if sheet is not None and sheet not in workbook.sheetnames:
            raise ValidationError(
                f"{rel}: no worksheet {sheet!r}; the workbook has {workbook.sheetnames}"
            )
        worksheet = workbook[sheet] if sheet is not None else workbook.worksheets[0]
        rows = worksheet.iter_rows(values_only=True)
        header = [_header(c) for c in next(rows, ())]
        _require_unique_columns(header, columns, rel=rel)
        positions = [header.index(c) for c in columns]
        width = max(positions) + 1
        data: list[list[object]] = []
        kept: list[int] = []
        for number, row in enumerate(rows):
            row = tuple(row) + (None,) * max(0, width - len(row))
            picked = [row[p] for p in positions]
            if all(v is None for v in picked):
                continue  # formatting-only rows that hold nothing we read
            data.append(picked)
            kept.append(number)
    finally:
        if rows is not None:
            rows.close()
        workbook.close()
    frame = pd.DataFrame(
        data, columns=list(columns), index=pd.Index(kept, dtype="int64"), dtype=object
    )
    return _strip_cells(frame)


def _is_missing(value: object, missing: frozenset[str]) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and value.strip() in missing


def parse_numbers(
    values: pd.Series, *, rel: str, column: str, missing: Iterable[str] = ("",)
) -> pd.Series:
    """Parse a column to float64; ``missing`` markers and empty cells become NaN.

    Anything else that is not a number (a footnote letter, a thousands separator, a
    boolean) raises, listing the offending values and their line numbers: a value we do
    not understand is an error, never a silent NaN.
    """
    markers = frozenset(m.strip() for m in missing) | {""}
    parsed: list[float] = []
    bad: list[tuple[object, object]] = []
    for position, value in zip(values.index, values, strict=True):
        if _is_missing(value, markers):
            parsed.append(math.nan)
            continue
        number: float | None = None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            number = float(value)
        elif isinstance(value, str):
            try:
                number = float(value.strip())
            except ValueError:
                number = None
        if number is None or not math.isfinite(number):
            bad.append((position, value))
            parsed.append(math.nan)
        else:
            parsed.append(number)
    if bad:
        extra = "" if markers == {""} else f" and {sorted(markers - {''})}"
        raise ValidationError(
            f"{rel}: column {column!r} has {len(bad)} value(s) that are not numbers: "
            f"{_quote(bad)}. Empty cells{extra} mean missing; anything else must be a number."
        )
    return pd.Series(parsed, index=values.index, dtype="float64", name=values.name)


def parse_whole_numbers(
    values: pd.Series, *, rel: str, column: str, missing: Iterable[str] = ("",)
) -> pd.Series:
    """Like :func:`parse_numbers`, but every present value must be a whole number (years, ranks)."""
    numbers = parse_numbers(values, rel=rel, column=column, missing=missing)
    fractional = numbers.notna() & (numbers != numbers.round())
    if fractional.any():
        bad = list(values[fractional].items())
        raise ValidationError(
            f"{rel}: column {column!r} must hold whole numbers; found {_quote(bad)}"
        )
    return numbers


def reject_unexpected(values: pd.Series, allowed: Iterable[str], *, rel: str, column: str) -> None:
    """Raise if a coded column holds a code the cleaner does not know how to interpret."""
    allowed = set(allowed)
    unknown = sorted({str(v) for v in values if v not in allowed})
    if unknown:
        raise ValidationError(
            f"{rel}: column {column!r} has unexpected value(s) {unknown[:_SHOWN]}; "
            f"expected one of {sorted(allowed)}. The publisher's file may have changed: "
            "update the cleaner after checking what the new codes mean."
        )


def tidy_rows(frame: pd.DataFrame, *, rel: str) -> pd.DataFrame:
    """Finish one file's rows: drop missing values, refuse duplicate keys, sort, add provenance.

    ``frame`` holds ``iso3, year, indicator, value``. A missing value means "not assessed"
    and is dropped rather than stored (never as 0). Rows come out sorted by
    ``iso3, year, indicator`` with fixed dtypes, so the same file always gives the same table.
    """
    require_columns(list(frame.columns), CLEANER_COLUMNS[:4], rel=rel)
    out = frame.loc[frame["value"].notna(), list(CLEANER_COLUMNS[:4])].copy()
    unkeyed = out["iso3"].isna() | out["year"].isna() | out["indicator"].isna()
    if unkeyed.any():
        raise ValidationError(
            f"{rel}: {int(unkeyed.sum())} value(s) have no country, year or indicator, e.g. "
            f"{out.loc[unkeyed].head(3).to_dict('records')}. A value must say what it measures."
        )
    out["iso3"] = out["iso3"].astype("str")
    out["year"] = out["year"].astype("int64")
    out["indicator"] = out["indicator"].astype("str")
    out["value"] = out["value"].astype("float64")
    refuse_duplicate_keys(out, rel=rel)
    out["source_file"] = pd.Series(rel, index=out.index, dtype="str")
    return sort_tidy(out)


def refuse_duplicate_keys(frame: pd.DataFrame, *, rel: str) -> None:
    """Raise if a (iso3, year, indicator) key appears twice: the value would be ambiguous."""
    duplicated = frame.duplicated(["iso3", "year", "indicator"], keep=False)
    if duplicated.any():
        keys = frame.loc[duplicated, ["iso3", "year", "indicator"]].drop_duplicates()
        shown = [tuple(k) for k in keys.head(_SHOWN).itertuples(index=False)]
        raise ValidationError(
            f"{rel}: {len(keys)} (iso3, year, indicator) key(s) appear more than once, "
            f"e.g. {shown}. Check for a repeated row or two source codes mapped to one country."
        )


def sort_tidy(frame: pd.DataFrame) -> pd.DataFrame:
    """Deterministic row order: ``iso3, year, indicator``; a fresh 0..n-1 index."""
    return frame.sort_values(["iso3", "year", "indicator"], kind="stable").reset_index(drop=True)


def combine_files(frames: Iterable[pd.DataFrame]) -> pd.DataFrame:
    """Concatenate several files' tidy rows into one sorted table (keys unique across files)."""
    combined = pd.concat(list(frames), ignore_index=True)
    refuse_duplicate_keys(combined, rel=", ".join(sorted(set(combined["source_file"]))))
    return sort_tidy(combined)
