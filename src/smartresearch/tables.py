"""The house table: a pandas DataFrame made readable in the HTML report, the PDF and Jupyter.

A DataFrame's own repr is built for the console: in the report it shows a bare 0–n index
column, an extra header row holding the index name, centred or right-aligned text, counts
as floats ("13.0"), ``<NA>``, ``True``/``False``, long cells cut to "…" and URLs as plain
text; in the Typst PDF its columns hyphenate and overprint. :func:`table` returns a
great_tables ``GT`` instead, which Quarto 1.9 renders as a real table in both the HTML
site and the Typst PDF (number formats, alignment and widths kept), and which Jupyter and
nbconvert's plain HTML export show through ``GT._repr_html_``.

What :func:`table` does, so every published table reads the same:

* no index column unless the index carries information (a named or non-default index
  becomes the first column);
* text left-aligned, numbers right-aligned, with thousands separators; numbers a chapter
  has already formatted as text ("+0.039") are kept as given and right-aligned too;
* whole-number columns (also floats that hold only whole numbers, e.g. counts with gaps)
  shown as integers, other numbers with ``decimals`` places (default 2); a float column
  named in a ``decimals`` mapping always gets its places (a precision of 1.000, not 1);
* missing values shown as "—", booleans as "Yes"/"No";
* columns whose values are web addresses shown as links, wrapping anywhere;
* column widths shared by content (or given with ``widths``), the table at full width, text
  wrapped, never cut.

Examples (in a notebook cell with ``#| label: tbl-…`` and ``#| tbl-cap: "…"``; the caption
and number come from the cell options, so no title is given)::

    from smartresearch.tables import table

    table(frame)                                     # sensible defaults
    table(frame, decimals={"egdi": 3, "share": 1})   # per-column decimals
    table(frame, labels={"egdi": "EGDI"}, widths={"Title": "40%"})
    table(frame.set_index("Country"))                # the index becomes the first column

``title`` adds a heading inside the table, for use outside the report (the report's
captions come from ``tbl-cap``). ``note`` adds a line under the table (a great_tables source
note) for what a static caption cannot hold because it is computed, such as the date the
data run to: ``table(frame, note=f"As of {as_of:%d %B %Y}")``.

This module is general (no report prose); chapter-specific tables are built in
``smartresearch.chapters`` and passed through here.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Mapping, Sequence

import pandas as pd
from great_tables import GT, loc, style
from great_tables import html as html_text

#: What a missing value shows as.
MISSING = "—"
#: Table font size: small enough that a five-column table fits an A4 text width.
FONT_SIZE = "13px"
#: The table font, one family and nothing else: Quarto carries a table's CSS font list into
#: the Typst PDF, where a generic family ("sans-serif", great_tables' default stack ends with
#: it) is unknown (a warning per table, and the serif body font instead). DejaVu Sans is the
#: charts' font (matplotlib's default, shipped with it) and a system font on the build
#: machines, so tables and charts read alike; a browser without it uses its own sans.
FONT = "DejaVu Sans"
_URL_PREFIXES = ("http://", "https://")
#: How a web address wraps: at any character (it has no spaces to wrap at).
_BREAK_ANYWHERE = "overflow-wrap: anywhere; word-break: break-all"


def _with_index(frame: pd.DataFrame) -> pd.DataFrame:
    """Drop a default 0..n-1 index; keep any other index as leading column(s)."""
    index = frame.index
    default = (
        isinstance(index, pd.RangeIndex)
        and index.start == 0
        and index.step == 1
        and all(name is None for name in index.names)
    )
    if default:
        return frame.reset_index(drop=True)
    names = [name if name is not None else "" for name in index.names]
    out = frame.copy()
    out.index = out.index.set_names(names)
    return out.reset_index()


#: A number already formatted as text by a chapter ("0.985", "+0.039", "−2", "12,345", "33%",
#: "3 of 13" is not one): shown as given, but aligned as a number.
_NUMBER_TEXT = re.compile(r"[+\-\u2212]?\d[\d,]*(?:\.\d+)?%?")


def _is_numeric_text(series: pd.Series) -> bool:
    values = series.dropna()
    values = values[values.map(lambda v: v != MISSING)]
    return (
        (series.dtype == object or pd.api.types.is_string_dtype(series))
        and len(values) > 0
        and values.map(
            lambda v: isinstance(v, str) and bool(_NUMBER_TEXT.fullmatch(v.strip()))
        ).all()
    )


def _is_whole(series: pd.Series) -> bool:
    if pd.api.types.is_bool_dtype(series):
        return False
    if pd.api.types.is_integer_dtype(series):
        return True
    if pd.api.types.is_float_dtype(series):
        values = series.dropna()
        return bool(len(values)) and bool((values == values.round()).all())
    return False


def _is_url(series: pd.Series) -> bool:
    values = series.dropna()
    return (
        len(values) > 0
        and values.map(lambda v: isinstance(v, str) and v.startswith(_URL_PREFIXES)).all()
    )


def _is_bool(series: pd.Series) -> bool:
    if pd.api.types.is_bool_dtype(series):
        return True
    values = series.dropna()
    return (
        series.dtype == object
        and len(values) > 0
        and values.map(lambda v: isinstance(v, bool)).all()
    )


#: Characters' worth of width a cell's padding takes.
_PADDING = 4

#: Cells longer than this many characters wrap (their column gets no more width).
_LONGEST = 28


def _widths(frame: pd.DataFrame, breakable: Sequence[str] = ()) -> dict[str, str]:
    """Share the width by content: each column's longest cell or label, capped at
    :data:`_LONGEST` characters, but never less than its longest word (a word cannot wrap,
    so a narrower column breaks it letter by letter: "Kingdo/m"), plus room for padding.

    Columns in ``breakable`` (web addresses, which :func:`table` lets break anywhere) have no
    such floor: one 90-character address would otherwise take most of the table and squeeze
    every other column to a few letters."""
    lengths = {}
    for column in frame.columns:
        text = frame[column].astype("string").fillna(MISSING)
        cells = text.str.len()
        longest = max(int(cells.max()) if len(cells) else 0, len(str(column)))
        words = [len(w) for cell in text for w in str(cell).split()] + [
            len(w) for w in str(column).split()
        ]
        word = -(-3 * max(words, default=0) // 2)  # a word's width is set by its widest letters
        if column in breakable:
            word = min(word, _LONGEST)
        lengths[column] = max(min(max(longest, 4), _LONGEST), word) + _PADDING
    total = sum(lengths.values()) or 1
    return {column: f"{100 * n / total:.1f}%" for column, n in lengths.items()}


def _escape_text(value: object) -> str:
    """A text cell as HTML: ``&``, ``<`` and ``>`` escaped, quotes and apostrophes kept.

    great_tables escapes them too (``&#x27;``, ``&quot;``), which browsers read but Quarto's
    HTML-table conversion to Typst prints literally ("The UK&#x27;s"). Inside an element's
    text a quote needs no escaping, so this is still safe HTML."""
    return html.escape(str(value), quote=False)


def _is_year_column(name: str, series: pd.Series) -> bool:
    """A column of years or editions ("Edition", "year", "Survey year"): whole numbers
    between 1000 and 2999 under a name that says so. They print as 2022, not 2,022."""
    values = series.dropna()
    named = any(word in name.lower() for word in ("year", "edition"))
    return named and not values.empty and bool(values.between(1000, 2999).all())


def table(
    frame: pd.DataFrame,
    *,
    title: str | None = None,
    decimals: int | Mapping[str, int] = 2,
    labels: Mapping[str, str] | None = None,
    widths: Mapping[str, str] | None = None,
    note: str | None = None,
) -> GT:
    """``frame`` as a readable great_tables table (see the module docstring for the rules).

    ``decimals`` is the number of places for non-whole numbers, one for all or per column;
    ``labels`` renames columns for display; ``widths`` sets CSS widths (e.g. ``"30%"``)
    for some columns, the others share what is left by content; ``note`` is a line of plain
    text under the table (escaped, never markup).
    """
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"table() needs a pandas DataFrame, got {type(frame).__name__}")
    data = _with_index(frame)
    data.columns = [str(c) for c in data.columns]
    if len(set(data.columns)) != len(data.columns):
        raise ValueError(f"table() needs unique column names, got {list(data.columns)}")
    unknown = sorted(set(labels or {}) - set(data.columns))
    unknown += sorted(set(widths or {}) - set(data.columns))
    if isinstance(decimals, Mapping):
        unknown += sorted(set(decimals) - set(data.columns))
    if unknown:
        raise ValueError(f"table(): no such column(s) {unknown}; columns: {list(data.columns)}")

    numbers, whole, urls, text, formatted = [], [], [], [], []
    for column in data.columns:
        series = data[column]
        if _is_bool(series):
            data[column] = series.map(lambda v: MISSING if pd.isna(v) else ("Yes" if v else "No"))
            text.append(column)
        elif _is_whole(series) and not (
            isinstance(decimals, Mapping)
            and column in decimals
            and pd.api.types.is_float_dtype(series)
        ):
            # a float column given its own decimals is a measure (a precision of 1.000 next
            # to 0.981), even when every value happens to be whole
            data[column] = series.astype("Int64")
            whole.append(column)
        elif pd.api.types.is_numeric_dtype(series):
            numbers.append(column)
        elif _is_url(series):
            urls.append(column)
            text.append(column)
        elif _is_numeric_text(series):
            formatted.append(column)
        else:
            text.append(column)

    shares = _widths(data, breakable=urls)
    shares.update(widths or {})
    # great_tables draws a random id for its CSS scope; a content hash keeps outputs
    # byte-identical from run to run (the plain HTML export relies on that).
    digest = hashlib.sha256(data.to_csv(index=False).encode("utf-8")).hexdigest()[:12]
    table_id = f"gt-{digest}"
    gt = GT(data, id=table_id)
    if title:
        gt = gt.tab_header(title=html_text(_escape_text(title)))
    if note:
        gt = gt.tab_source_note(source_note=html_text(_escape_text(note)))
    years = [c for c in whole if _is_year_column(c, data[c])]
    counts = [c for c in whole if c not in years]
    if counts:
        gt = gt.fmt_integer(columns=counts)
    if years:
        gt = gt.fmt_integer(columns=years, use_seps=False)
    for column in numbers:
        places = decimals.get(column, 2) if isinstance(decimals, Mapping) else decimals
        gt = gt.fmt_number(columns=column, decimals=places)
    if urls:
        # addresses wrap at any character rather than overflow their column; fmt_url puts
        # each link in a white-space:pre inline-block, which the scoped rule undoes
        gt = (
            gt.fmt_url(columns=urls)
            .tab_style(style=style.css(_BREAK_ANYWHERE), locations=loc.body(columns=urls))
            .opt_css(
                f'#{table_id} td[style*="break-all"] span, #{table_id} td[style*="break-all"] a '
                "{ white-space: normal !important; display: inline !important; }"
            )
        )
    plain = [c for c in text if c not in urls]
    if plain:
        gt = gt.fmt(fns=_escape_text, columns=plain)
    gt = gt.sub_missing(missing_text=MISSING)
    if text:
        gt = gt.cols_align(align="left", columns=text)
    if numbers or whole or formatted:
        gt = gt.cols_align(align="right", columns=numbers + whole + formatted)
    # every header as HTML text too: great_tables would write "Peers&#x27; median"
    headers = {column: (labels or {}).get(column, column) for column in data.columns}
    gt = gt.cols_label(cases={c: html_text(_escape_text(t)) for c, t in headers.items()})
    # a table wider than the page scrolls (HTML); it is never clipped
    return (
        gt.cols_width(cases=shares)
        .opt_table_font(font=FONT, add=False)
        .tab_options(table_width="100%", table_font_size=FONT_SIZE, container_overflow_x="auto")
    )
