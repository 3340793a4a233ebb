"""Input checks and reshaping shared by every chart.

Charts receive tidy tables (``iso3, country, year, indicator, value, source_file``) from
users' notebooks, so they re-check the parts of the contract they rely on and fail with a
message that names the chart, the column, the offending values and the files the rows came
from, instead of drawing a plausible-looking wrong figure.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from smartresearch._columns import require_columns as _require_columns
from smartresearch.countries import FOCUS, PEERS, check_iso3, names_for
from smartresearch.countries import resolve_countries as resolve_input
from smartresearch.errors import ValidationError
from smartresearch.plots.palette import HIGHLIGHT_COLOURS, highlighted, is_focus
from smartresearch.ranking import rank_groups
from smartresearch.wording import ordinal

#: Columns a chart of index data needs (``country`` and ``source_file`` are optional).
INDEX_COLUMNS: tuple[str, ...] = ("iso3", "year", "indicator", "value")
KEY: list[str] = ["iso3", "year", "indicator"]


def origin(data: pd.DataFrame) -> str:
    """Where the rows came from, for error messages: their ``source_file`` values, if any."""
    if "source_file" not in data.columns:
        return "a table without a source_file column"
    files = sorted({str(f) for f in data["source_file"].dropna().unique()})
    if not files:
        return "a table with an empty source_file column"
    shown = ", ".join(files[:3])
    more = f" and {len(files) - 3} more" if len(files) > 3 else ""
    return f"rows from {shown}{more}"


def require_columns(data: pd.DataFrame, columns: Iterable[str], *, chart: str) -> None:
    """Raise if ``data`` lacks any of ``columns``, naming the chart and the rows' files."""
    described = f"{chart} ({origin(data)})" if isinstance(data, pd.DataFrame) else chart
    _require_columns(
        data,
        columns,
        what=described,
        hint="Pass a tidy table (see CONTRIBUTING.md) or rename the columns.",
    )


def numeric(data: pd.DataFrame, column: str, *, chart: str) -> pd.Series:
    """``data[column]`` as float; text that is not a number is an error (NaN stays NaN)."""
    raw = data[column]
    converted = pd.to_numeric(raw, errors="coerce").astype(float)
    bad = raw[converted.isna() & raw.notna()]
    if len(bad):
        examples = sorted({repr(v) for v in bad.tolist()})[:5]
        raise ValidationError(
            f"{chart}: column {column!r} in {origin(data)} holds non-numeric values {examples}. "
            "Clean them to numbers or NaN before plotting."
        )
    return converted


def integer_years(data: pd.DataFrame, column: str, *, chart: str) -> pd.Series:
    """``data[column]`` as int; a missing or fractional year is an error."""
    years = numeric(data, column, chart=chart)
    bad = data.loc[years.isna() | (years != years.round()), column]
    if len(bad):
        examples = sorted({repr(v) for v in bad.tolist()})[:5]
        raise ValidationError(
            f"{chart}: column {column!r} in {origin(data)} holds non-year values {examples}."
        )
    return years.astype(int)


def index_frame(data: pd.DataFrame, *, chart: str) -> pd.DataFrame:
    """A checked copy of a tidy index table: typed columns, unique keys, NaN values dropped."""
    require_columns(data, INDEX_COLUMNS, chart=chart)
    frame = data.copy()
    frame["iso3"] = frame["iso3"].astype(str)
    frame["indicator"] = frame["indicator"].astype(str)
    frame["year"] = integer_years(frame, "year", chart=chart)
    frame["value"] = numeric(frame, "value", chart=chart)
    check_iso3(frame["iso3"].unique(), context=f"{chart}: column 'iso3' in {origin(data)}")
    duplicated = frame[frame.duplicated(KEY, keep=False)]
    if len(duplicated):
        keys = duplicated[KEY].drop_duplicates().head(5).to_dict("records")
        raise ValidationError(
            f"{chart}: {len(duplicated)} rows of {origin(data)} repeat a key "
            f"(iso3, year, indicator), e.g. {keys}. "
            "Each country should have one value per indicator and edition."
        )
    if "country" not in frame.columns:
        codes = sorted(frame["iso3"].unique())
        frame["country"] = frame["iso3"].map(dict(zip(codes, names_for(codes), strict=True)))
    return frame.dropna(subset=["value"])


def pick_indicator(
    frame: pd.DataFrame, indicator: str, *, chart: str, source: pd.DataFrame
) -> pd.DataFrame:
    """Rows of one indicator; an indicator the table lacks is an error, not a blank chart."""
    available = sorted(set(source["indicator"].astype(str)))
    if indicator not in available:
        raise ValidationError(
            f"{chart}: indicator {indicator!r} not in column 'indicator' of {origin(source)}; "
            f"available: {available}."
        )
    return frame[frame["indicator"] == indicator]


def resolve_countries(countries: Sequence[str] | None, *, chart: str) -> tuple[str, ...]:
    """The countries to show: the focus and peer groups by default, else the codes given."""
    if countries is None:
        return tuple(FOCUS) + tuple(PEERS)
    if isinstance(countries, str):
        countries = [countries]
    return resolve_input(countries, argument=f"{chart}: countries")


def country_ranks(
    frame: pd.DataFrame,
    rows: pd.DataFrame,
    *,
    rank_from: str | None,
    higher_is_better: bool,
    chart: str,
    source: pd.DataFrame,
) -> pd.DataFrame:
    """``iso3, year, rank, ranked`` for every row of ``rows`` (index-aligned).

    Ranks are computed among all countries in ``rows`` (so pass the whole table, not only
    the countries you show, to get the world rank), or read from the published rank
    indicator ``rank_from`` (e.g. ``"egdi_rank"``) in ``frame``. ``ranked`` is how many
    countries had a value that year, or for published ranks how many had a published
    rank; NaN when a published rank exceeds that count (the table holds only part of the
    publisher's field, so "3rd of 2" would be false and the field is unknown).
    """
    counts = rows.groupby("year")["iso3"].transform("size")
    if rank_from is None:
        # competition ranks (ties share the better rank, as the publishers print them),
        # as floats: a chart draws them and a published rank is read as a float too
        by_year = rank_groups(rows["value"], rows["year"], higher_is_better=higher_is_better)
        ranks = rows[["iso3", "year"]].assign(rank=by_year.astype("float64"))
    else:
        published = pick_indicator(frame, rank_from, chart=chart, source=source)
        ranks = rows[["iso3", "year"]].merge(
            published[["iso3", "year", "value"]].rename(columns={"value": "rank"}),
            on=["iso3", "year"],
            how="left",
        )
        ranks.index = rows.index
        by_year = published.groupby("year")["value"].agg(["size", "max"])
        field = by_year["size"].where(by_year["max"] <= by_year["size"])
        return ranks.assign(ranked=ranks["year"].map(field).astype("float64"))
    return ranks.assign(ranked=counts)


def ranked_rows(
    data: pd.DataFrame,
    indicator: str,
    *,
    countries: Sequence[str] | None,
    rank_from: str | None,
    higher_is_better: bool,
    chart: str,
    among_shown: bool = False,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``(rows, shown)`` for a chart of one indicator over the editions.

    ``rows`` are every country's rows of ``indicator`` in the checked table (only the
    selected ``countries``' with ``among_shown``): the field ranks are computed in.
    ``shown`` are the selected countries' rows with their ``rank`` (see
    :func:`country_ranks`) and how many were ``ranked`` that edition.
    """
    frame = index_frame(data, chart=chart)
    rows = pick_indicator(frame, indicator, chart=chart, source=data)
    codes = resolve_countries(countries, chart=chart)
    if among_shown:
        rows = rows[rows["iso3"].isin(codes)]
    shown = rows[rows["iso3"].isin(codes)]
    ranks = country_ranks(
        frame,
        rows,
        rank_from=rank_from,
        higher_is_better=higher_is_better,
        chart=chart,
        source=data,
    ).loc[shown.index]
    return rows, shown.assign(rank=ranks["rank"], ranked=ranks["ranked"])


def rank_label(rank: float, n: float | None) -> str:
    """'7th of 193': a rank as a chart prints it, with the field it is a rank in (a bare
    '7th' reads the same in a field of 17 as in one of 193). Without ``n``, the ordinal
    (:func:`smartresearch.wording.ordinal`, as sentences write it)."""
    if n is None or pd.isna(n):
        return ordinal(rank)
    return f"{ordinal(rank)} of {int(n)}"


def rank_texts(ranks: Sequence[float], fields: Sequence[float | None]) -> list[str]:
    """The ranks of one column of labels (a side of a bump or slope chart), each saying
    what it is of: when all share one field, "of N" is said once, on the best rank
    ("1st of 17", then "2nd", "3rd"... as a scale gives its unit once), so seventeen
    labels do not repeat it; otherwise every rank carries its own field."""
    ranks, fields = list(ranks), list(fields)
    known = {int(f) for f in fields if f is not None and not pd.isna(f)}
    if len(known) != 1 or any(f is None or pd.isna(f) for f in fields):
        return [rank_label(r, f) for r, f in zip(ranks, fields, strict=True)]
    best = min(range(len(ranks)), key=lambda i: (ranks[i], i))
    return [
        rank_label(r, f) if i == best else ordinal(r)
        for i, (r, f) in enumerate(zip(ranks, fields, strict=True))
    ]


def names(frame: pd.DataFrame) -> dict[str, str]:
    """iso3 -> display name, from the table's own ``country`` column."""
    pairs = frame[["iso3", "country"]].drop_duplicates("iso3")
    return dict(zip(pairs["iso3"].astype(str), pairs["country"].astype(str), strict=True))


def finite(values: Iterable[float]) -> np.ndarray:
    array = np.asarray(list(values), dtype=float)
    return array[np.isfinite(array)]


def select_years(data: pd.DataFrame, years: tuple[int, int] | None, *, chart: str) -> pd.DataFrame:
    """The rows of editions ``first <= year <= last`` for ``years=(first, last)``; all rows
    for None. Ranks are computed per edition, so cutting editions never changes a rank."""
    if years is None:
        return data
    try:
        first, last = (int(y) for y in years)
    except (TypeError, ValueError):
        raise ValueError(f"{chart}: years must be (first, last), not {years!r}") from None
    if first > last:
        raise ValueError(f"{chart}: years=({first}, {last}) ends before it starts")
    if "year" not in data.columns:
        return data  # the column check that follows names what is missing
    return data[(data["year"] >= first) & (data["year"] <= last)]


def default_highlight(
    countries: str | Sequence[str] | None, highlight: str | Sequence[str] | None
) -> list[str]:
    """The checked, sorted countries a chart highlights.

    An explicit ``highlight`` wins. By default (None) they are the ``countries`` asked for
    when there are few enough for distinct colours and none is a focus country, so a chart
    of other countries shows coloured, labelled lines rather than identical grey ones.
    """
    if highlight is None:
        asked = list(resolve_input(countries or (), argument="countries"))
        few = bool(asked) and len(asked) <= len(HIGHLIGHT_COLOURS)
        highlight = asked if few and not any(is_focus(c) for c in asked) else ()
    return sorted(highlighted(highlight))
