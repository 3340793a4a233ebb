"""One small schema checker for every hand-compiled table under ``data/curated/``.

The curated tables (claims, pledges, pledge observations, approaches, the figure gold list,
the theme lexicon) are typed by people, so they break in human ways: a renamed column, a
typo in a country code, a citation left blank, a date written "Feb 2019". Every loader reads
its table through :func:`read_table` with a :class:`TableSchema`, so those mistakes surface
the same way everywhere: a :class:`~smartresearch.errors.ValidationError` naming the file,
the column, the offending values and their CSV line numbers, and what to do.

Each schema also documents its columns, so that the ``data/datapackage.json`` descriptor
can describe these tables (see ``smartresearch.corpus.CURATED_SCHEMAS``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import pandas as pd

from smartresearch.config import data_dir
from smartresearch.corpus.documents import known_doc_ids
from smartresearch.countries import check_iso3
from smartresearch.errors import ValidationError

ColumnType = Literal["str", "int", "float", "date"]

#: Separator for cells that hold several values (e.g. the doc_ids citing one pledge).
LIST_SEPARATOR = ";"

#: Longest own-words description allowed: shorter than any sentence worth quoting.
MAX_PARAPHRASE_CHARS = 110

#: How many offending values an error message shows before it says "and N more".
_SHOW = 8


@dataclass(frozen=True)
class Column:
    """One column of a curated table: its type and the rules every value must follow.

    ``required`` means no empty cells. ``allowed`` lists the only permitted values.
    ``pattern`` is a regex every non-empty value must match in full. ``minimum`` and
    ``maximum`` bound numbers. ``iso3`` checks values against the country reference list,
    ``doc_ids`` against the corpus documents; ``multi`` splits the cell on ``;`` first.
    ``iso3="if-code"`` checks only values that look like codes (three capitals), for
    columns that hold either a country or an organisation.
    """

    name: str
    type: ColumnType = "str"
    description: str = ""
    required: bool = True
    allowed: Collection[str] | None = None
    pattern: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    iso3: bool | Literal["if-code"] = False
    doc_ids: bool = False
    multi: bool = False


#: A table-level rule: receives the typed frame and the file path, raises ValidationError.
TableCheck = Callable[[pd.DataFrame, Path], None]


@dataclass(frozen=True)
class TableSchema:
    """A curated table: file name under ``data/curated/``, columns, key and extra checks."""

    name: str
    filename: str
    title: str
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ()
    checks: tuple[TableCheck, ...] = field(default=())

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def path(self) -> Path:
        return curated_dir() / self.filename


def curated_dir() -> Path:
    """Folder of the hand-compiled tables: ``data/curated`` of the project data folder."""
    return data_dir() / "curated"


def _show(values: Iterable[object]) -> str:
    values = list(values)
    shown = ", ".join(repr(v) for v in values[:_SHOW])
    more = f" and {len(values) - _SHOW} more" if len(values) > _SHOW else ""
    return f"[{shown}{more}]"


def _lines(mask: pd.Series) -> str:
    """CSV line numbers (header is line 1) of the rows selected by ``mask``."""
    return _show(int(i) + 2 for i in mask[mask].index)


def _fail(path: Path, column: str | None, problem: str, fix: str) -> ValidationError:
    where = f"{path}, column {column!r}" if column else str(path)
    return ValidationError(f"{where}: {problem}. {fix}")


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(LIST_SEPARATOR) if part.strip()]


def _parse_column(raw: pd.Series, col: Column, path: Path) -> pd.Series:
    """Turn a column of strings into its declared type, naming every unparsable cell."""
    empty = raw.str.strip() == ""
    if col.required and empty.any():
        raise _fail(
            path,
            col.name,
            f"empty value(s) on line(s) {_lines(empty)}",
            "Every row needs this value; fill it in or drop the row.",
        )
    text = raw.str.strip().where(~empty)
    if col.type == "str":
        return text.astype("str")
    if col.type == "date":
        parsed = pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")
    else:
        parsed = pd.to_numeric(text, errors="coerce")
    bad = parsed.isna() & ~empty
    if bad.any():
        expected = {"date": "an ISO date YYYY-MM-DD", "int": "a whole number", "float": "a number"}[
            col.type
        ]
        raise _fail(
            path,
            col.name,
            f"value(s) {_show(raw[bad])} on line(s) {_lines(bad)} are not {expected}",
            "Write the value in that form (no units or words in the cell).",
        )
    if col.type == "int":
        fractional = parsed.notna() & (parsed != parsed.round())
        if fractional.any():
            raise _fail(
                path,
                col.name,
                f"value(s) {_show(raw[fractional])} are not whole numbers",
                "Use whole numbers in this column.",
            )
        return parsed.astype("Int64")
    if col.type == "float":
        return parsed.astype("float64")
    return parsed.astype("datetime64[ns]")


def _cell_lines(present: pd.Series, col: Column, values: Collection[str]) -> str:
    """CSV line numbers of the cells holding any of ``values`` (items, for a multi column)."""
    wanted = set(values)
    mask = present.map(
        lambda cell: any(
            item in wanted for item in (_split(str(cell)) if col.multi else [str(cell)])
        )
    )
    return _lines(mask.astype(bool))


def _check_values(
    values: pd.Series, col: Column, path: Path, known_doc_ids: Collection[str] | None
) -> None:
    present = values.dropna()
    if col.multi:
        items = pd.Series([item for cell in present for item in _split(str(cell))], dtype="str")
    else:
        items = present
    if col.allowed is not None:
        unknown = sorted(set(items.astype(str)) - set(col.allowed))
        if unknown:
            raise _fail(
                path,
                col.name,
                f"value(s) {_show(unknown)} on line(s) {_cell_lines(present, col, unknown)} "
                "are not allowed",
                f"Use one of {sorted(col.allowed)}.",
            )
    if col.pattern is not None:
        regex = re.compile(col.pattern)
        bad = sorted({str(v) for v in items if not regex.fullmatch(str(v))})
        if bad:
            raise _fail(
                path,
                col.name,
                f"value(s) {_show(bad)} on line(s) {_cell_lines(present, col, bad)} "
                f"do not match {col.pattern!r}",
                "Correct the spelling or format of these values.",
            )
    if col.minimum is not None or col.maximum is not None:
        low = -float("inf") if col.minimum is None else col.minimum
        high = float("inf") if col.maximum is None else col.maximum
        numbers = present.astype("float64")
        out = numbers[(numbers < low) | (numbers > high)]
        if not out.empty:
            raise _fail(
                path,
                col.name,
                f"value(s) {_show(out.tolist())} on line(s) "
                f"{_show(int(i) + 2 for i in out.index)} lie outside [{low}, {high}]",
                "Check the value and its unit.",
            )
    if col.iso3:
        codes = [str(v) for v in items]
        if col.iso3 == "if-code":
            codes = [c for c in codes if re.fullmatch(r"[A-Z]{3}", c)]
        check_iso3(codes, context=f"{path}, column {col.name!r}")
    if col.doc_ids:
        if known_doc_ids is None:
            raise ValueError(f"schema column {col.name!r} checks doc_ids but none were supplied")
        unknown = sorted({str(v) for v in items} - set(known_doc_ids))
        if unknown:
            raise _fail(
                path,
                col.name,
                f"doc_id(s) {_show(unknown)} are not in the corpus",
                f"Use a doc_id from corpus/documents.csv: {sorted(known_doc_ids)}.",
            )


def validate_table(
    raw: pd.DataFrame,
    schema: TableSchema,
    path: Path,
    *,
    known_doc_ids: Collection[str] | None = None,
) -> pd.DataFrame:
    """Check a table of strings against ``schema`` and return it typed, in schema order.

    ``raw`` is what ``pd.read_csv(..., dtype=str, keep_default_na=False)`` gives: every cell
    a string, empty cells as ``""``. Returns columns in the schema's order with their types
    (``Int64``, ``float64``, ``datetime64``, ``str``; empty optional cells become missing).
    """
    expected = schema.column_names
    missing = [c for c in expected if c not in raw.columns]
    extra = [c for c in raw.columns if c not in expected]
    if missing or extra:
        raise _fail(
            path,
            None,
            f"columns do not match the {schema.name} schema: missing {missing}, unexpected {extra}",
            f"The header must be exactly {list(expected)} (was a column renamed?).",
        )
    if raw.empty:
        raise _fail(path, None, "the table has no rows", "A curated table must not be empty.")
    typed = pd.DataFrame(index=raw.index)
    for col in schema.columns:
        typed[col.name] = _parse_column(raw[col.name].astype("str"), col, path)
        _check_values(typed[col.name], col, path, known_doc_ids)
    if schema.key:
        duplicated = typed.duplicated(list(schema.key), keep=False)
        if duplicated.any():
            keys = typed.loc[duplicated, list(schema.key)].astype(str).agg(" / ".join, axis=1)
            raise _fail(
                path,
                ", ".join(schema.key),
                f"key values {_show(sorted(set(keys)))} repeat on line(s) {_lines(duplicated)}",
                "Each key must appear once; merge or renumber the rows.",
            )
    for check in schema.checks:
        check(typed, path)
    return typed.reset_index(drop=True)


def read_table(
    schema: TableSchema, path: Path | str | None = None, *, documents: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Read a curated CSV (default: ``data/curated/<filename>``) and validate it.

    Citations (columns with ``doc_ids=True``) are checked against the mirror corpus's
    ``documents.csv``, or against ``documents`` (e.g. ``corpus.load(extra=...)``) when given.
    """
    path = Path(path) if path is not None else schema.path()
    if not path.is_file():
        raise _fail(
            path,
            None,
            f"the {schema.name} table is missing",
            "Restore it from git or point SMARTRESEARCH_DATA at the project's data folder.",
        )
    raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    known: Collection[str] | None = None
    if any(col.doc_ids for col in schema.columns):
        known = known_doc_ids() if documents is None else frozenset(documents["doc_id"])
    return validate_table(raw, schema, path, known_doc_ids=known)


def doc_id_column(*, multi: bool = False, description: str = "Corpus document cited") -> Column:
    """The citation column of every curated table (``doc_ids``: several, ``;``-separated)."""
    return Column(
        "doc_ids" if multi else "doc_id", description=description, doc_ids=True, multi=multi
    )


def paraphrase_column(name: str, description: str, *, required: bool = True) -> Column:
    """Free text in our own words, kept short so that no article sentence fits in it."""
    return Column(
        name,
        description=description,
        required=required,
        pattern=rf"[^\n]{{1,{MAX_PARAPHRASE_CHARS}}}",
    )


def citation_columns(title: str, publisher: str, url: str, *, of: str) -> tuple[Column, ...]:
    """The three columns that cite an outside source: its title, publisher and URL."""
    return (
        Column(title, description=f"{of}: title"),
        Column(publisher, description=f"{of}: publisher"),
        Column(url, description=f"{of}: URL", pattern=r"https?://\S+"),
    )


def outcome_id_column(name: str, *, description: str) -> Column:
    """Optional pointer to a row of the mirror's research/policy_outcomes.csv (e.g. O23)."""
    return Column(name, required=False, pattern=r"O\d{2}", description=description)
