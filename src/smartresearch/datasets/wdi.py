"""World Bank WDI as context: population, GDP per capita (PPP) and internet use.

Each indicator comes from one World Bank bulk download, and each download is one vintage,
stated below and in the descriptor; the mid-2024 API pull in the mirror is a different
vintage and is deliberately not mixed in. The bulk format opens with four metadata lines
(``Data Source``, ``Last Updated Date``), a UTF-8 BOM and a trailing comma on every row; the
GDP file had its metadata lines stripped by the repository it came from. Rows for World Bank
aggregates (regions, income and lending groups) are dropped by an explicit list, and any
code that is neither a reference country nor on that list is an error, so nothing vanishes
silently.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from smartresearch.countries import known_iso3
from smartresearch.datasets._readers import combine_files, parse_numbers, tidy_rows
from smartresearch.datasets.spec import DatasetSpec, IndicatorSpec
from smartresearch.errors import UnknownCountryError, ValidationError

ID_COLUMNS: tuple[str, ...] = ("Country Name", "Country Code", "Indicator Name", "Indicator Code")


@dataclass(frozen=True)
class BulkFile:
    """One World Bank bulk download and the single vintage it carries."""

    indicator: str
    path: str
    code: str
    #: The file's "Last Updated Date" when it has its metadata lines (None: stripped).
    last_updated: str | None
    vintage: str


FILES: tuple[BulkFile, ...] = (
    BulkFile(
        indicator="population",
        path="data/raw/wb_wdi/API_SP.POP.TOTL__renamed_population.csv",
        code="SP.POP.TOTL",
        last_updated="7/13/2026",
        vintage="WDI bulk download, Last Updated Date 7/13/2026",
    ),
    BulkFile(
        indicator="gdp_pc_ppp",
        path="data/raw/wb_wdi/API_NY.GDP.PCAP.PP.CD_DS2_en_csv_v2_496395.csv",
        code="NY.GDP.PCAP.PP.CD",
        last_updated=None,
        vintage="WDI bulk download, last updated 1 July 2025 (per the source repository; metadata "
        "lines stripped)",
    ),
    BulkFile(
        indicator="internet_users_pct",
        path="data/raw/wb_wdi/API_IT.NET.USER.ZS_DS2_en_csv_v2_33086.csv",
        code="IT.NET.USER.ZS",
        last_updated="7/13/2026",
        vintage="WDI bulk download, Last Updated Date 7/13/2026",
    ),
)

#: World Bank aggregate codes (regions, income, lending and demographic groups) that the bulk
#: files carry besides economies. They are dropped; the cleaner fails if one is not found in
#: any file, so the list is kept honest.
WB_AGGREGATES: dict[str, str] = {
    "AFE": "Africa Eastern and Southern",
    "AFW": "Africa Western and Central",
    "ARB": "Arab World",
    "CEB": "Central Europe and the Baltics",
    "CSS": "Caribbean small states",
    "EAP": "East Asia & Pacific (excluding high income)",
    "EAR": "Early-demographic dividend",
    "EAS": "East Asia & Pacific",
    "ECA": "Europe & Central Asia (excluding high income)",
    "ECS": "Europe & Central Asia",
    "EMU": "Euro area",
    "EUU": "European Union",
    "FCS": "Fragile and conflict affected situations",
    "HIC": "High income",
    "HPC": "Heavily indebted poor countries (HIPC)",
    "IBD": "IBRD only",
    "IBT": "IDA & IBRD total",
    "IDA": "IDA total",
    "IDB": "IDA blend",
    "IDX": "IDA only",
    "INX": "Not classified",
    "LAC": "Latin America & Caribbean (excluding high income)",
    "LCN": "Latin America & Caribbean",
    "LDC": "Least developed countries: UN classification",
    "LIC": "Low income",
    "LMC": "Lower middle income",
    "LMY": "Low & middle income",
    "LTE": "Late-demographic dividend",
    "MEA": "Middle East, North Africa, Afghanistan & Pakistan",
    "MIC": "Middle income",
    "MNA": "Middle East, North Africa, Afghanistan & Pakistan (excluding high income)",
    "NAC": "North America",
    "OED": "OECD members",
    "OSS": "Other small states",
    "PRE": "Pre-demographic dividend",
    "PSS": "Pacific island small states",
    "PST": "Post-demographic dividend",
    "SAS": "South Asia",
    "SSA": "Sub-Saharan Africa (excluding high income)",
    "SSF": "Sub-Saharan Africa",
    "SST": "Small states",
    "TEA": "East Asia & Pacific (IDA & IBRD countries)",
    "TEC": "Europe & Central Asia (IDA & IBRD countries)",
    "TLA": "Latin America & the Caribbean (IDA & IBRD countries)",
    "TMN": "Middle East, North Africa, Afghanistan & Pakistan (IDA & IBRD)",
    "TSA": "South Asia (IDA & IBRD)",
    "TSS": "Sub-Saharan Africa (IDA & IBRD countries)",
    "UMC": "Upper middle income",
    "WLD": "World",
}

#: Economies the World Bank reports that have no ISO 3166-1 code of their own.
NON_ISO_ECONOMIES: dict[str, str] = {
    "CHI": "Channel Islands (Jersey and Guernsey combined; ISO codes them separately as JEY and "
    "GGY)",
}


@dataclass(frozen=True)
class BulkTable:
    """A parsed bulk file: metadata and the long table of every code (aggregates included)."""

    last_updated: str | None
    rows: pd.DataFrame  # code, name, year, value (value may be NaN)


def read_bulk_csv(path: Path, *, file: str, code: str) -> BulkTable:
    """Parse a World Bank bulk-download csv, with or without its metadata lines.

    Tolerates the BOM, CRLF and the trailing comma (an empty last column, which must stay
    empty); checks the header, that every row is indicator ``code``, and parses every value.
    """
    text = path.read_bytes().decode("utf-8-sig")
    records = list(csv.reader(io.StringIO(text)))
    metadata: dict[str, str] = {}
    start = 0
    while start < len(records) and (not records[start] or records[start][0] != "Country Name"):
        row = [c for c in records[start] if c.strip()]
        if len(row) >= 2:
            metadata[row[0].strip()] = row[1].strip()
        start += 1
        if start > 10:
            break
    if start >= len(records) or not records[start] or records[start][0] != "Country Name":
        raise ValidationError(
            f"{file}: no 'Country Name' header row within the first lines; not a World Bank bulk "
            "file"
        )
    header = records[start]
    # Record r (0-based) is line r + 1 of the file (the bulk files have no multi-line cells).
    body = [
        (r + 1, row) for r, row in enumerate(records) if r > start and any(c.strip() for c in row)
    ]
    while header and header[-1].strip() == "":
        header = header[:-1]
    width = len(header)
    for number, row in body:
        if len(row) > width and any(c.strip() for c in row[width:]):
            raise ValidationError(
                f"{file}: line {number} has values beyond the header's {width} columns"
            )
    if tuple(header[:4]) != ID_COLUMNS:
        raise ValidationError(
            f"{file}: the header must start with {list(ID_COLUMNS)}; found {header[:4]}. "
            "If the World Bank changed the layout, update the cleaner."
        )
    year_columns = header[4:]
    bad_years = [c for c in year_columns if not (c.isdigit() and len(c) == 4)]
    if bad_years or not year_columns:
        raise ValidationError(
            f"{file}: expected year columns after {list(ID_COLUMNS)}; found {bad_years[:5]}"
        )
    # The shared parser reports index + 2 as the line number, so index each row by line - 2.
    frame = pd.DataFrame(
        [(row + [""] * width)[:width] for _number, row in body],
        columns=header,
        index=pd.Index([number - 2 for number, _row in body], dtype="int64"),
        dtype=object,
    )
    codes = frame["Indicator Code"].str.strip()
    wrong = sorted(set(codes) - {code})
    if wrong:
        raise ValidationError(
            f"{file}: column 'Indicator Code' should be {code} on every row; found {wrong[:5]}"
        )
    values = {year: parse_numbers(frame[year], rel=file, column=year) for year in year_columns}
    rows = pd.DataFrame(
        {
            "code": np.repeat(
                frame["Country Code"].str.strip().to_numpy(dtype=object), len(year_columns)
            ),
            "name": np.repeat(
                frame["Country Name"].str.strip().to_numpy(dtype=object), len(year_columns)
            ),
            "year": np.tile(np.array([int(y) for y in year_columns], dtype="int64"), len(frame)),
            "value": np.column_stack([values[y].to_numpy() for y in year_columns]).ravel(),
        }
    ).astype({"code": "str", "name": "str"})
    return BulkTable(last_updated=metadata.get("Last Updated Date"), rows=rows)


def economies_only(rows: pd.DataFrame, *, file: str) -> pd.DataFrame:
    """Keep reference countries, drop listed aggregates and non-ISO economies, fail on the rest."""
    codes = set(rows["code"])
    unexplained = sorted(codes - known_iso3() - set(WB_AGGREGATES) - set(NON_ISO_ECONOMIES))
    if unexplained:
        names = rows.drop_duplicates("code").set_index("code").loc[unexplained, "name"].tolist()
        raise UnknownCountryError(
            f"{file}: column 'Country Code' has code(s) that are neither in "
            "data/reference/countries.csv nor "
            f"known World Bank aggregates: {list(zip(unexplained, names, strict=True))[:20]}. Add "
            "an aggregate "
            "to WB_AGGREGATES in smartresearch/datasets/wdi.py, or the country to the reference "
            "list."
        )
    return rows[rows["code"].isin(known_iso3())]


def clean(paths: Mapping[str, Path]) -> pd.DataFrame:
    """Population, GDP per capita (PPP) and internet users as tidy rows, one vintage each."""
    parts: list[pd.DataFrame] = []
    dropped: set[str] = set()
    for bulk in FILES:
        table = read_bulk_csv(paths[bulk.path], file=bulk.path, code=bulk.code)
        if table.last_updated != bulk.last_updated:
            raise ValidationError(
                f"{bulk.path}: 'Last Updated Date' is {table.last_updated!r} but this cleaner "
                "states the vintage "
                f"{bulk.last_updated!r}; one vintage per indicator must be stated, so update FILES "
                "in wdi.py"
            )
        economies = economies_only(table.rows, file=bulk.path)
        dropped |= set(table.rows["code"]) - set(economies["code"])
        long = pd.DataFrame(
            {
                "iso3": economies["code"],
                "year": economies["year"],
                "indicator": bulk.indicator,
                "value": economies["value"],
            }
        )
        parts.append(tidy_rows(long, rel=bulk.path))
    listed = set(WB_AGGREGATES) | set(NON_ISO_ECONOMIES)
    if listed - dropped:
        raise ValidationError(
            f"wdi: listed aggregate/non-ISO code(s) {sorted(listed - dropped)} appear in none of "
            "the files; "
            "remove them from wdi.py so the list matches what is dropped"
        )
    return combine_files(parts)


def _vintage(indicator: str) -> str:
    return next(b.vintage for b in FILES if b.indicator == indicator)


SPEC = DatasetSpec(
    name="wdi",
    title="World Bank World Development Indicators: population, GDP per capita (PPP), internet "
    "users",
    publisher="World Bank (World Development Indicators)",
    source_ids=("wb_wdi",),
    files=tuple(b.path for b in FILES),
    indicators=(
        IndicatorSpec(
            name="population",
            label="Population, total",
            unit="people",
            minimum=0.0,
            maximum=1e10,
            description=f"World Bank SP.POP.TOTL. Vintage: {_vintage('population')}.",
            higher_is_better=True,
        ),
        IndicatorSpec(
            name="gdp_pc_ppp",
            label="GDP per capita, PPP",
            unit="current international $",
            minimum=0.0,
            maximum=500_000.0,
            description=f"World Bank NY.GDP.PCAP.PP.CD. Vintage: {_vintage('gdp_pc_ppp')}.",
        ),
        IndicatorSpec(
            name="internet_users_pct",
            label="Individuals using the Internet",
            unit="% of population",
            minimum=0.0,
            maximum=100.0,
            description="World Bank IT.NET.USER.ZS (from ITU). Vintage: "
            f"{_vintage('internet_users_pct')}.",
        ),
    ),
    clean=clean,
    licence="unknown (not stated for the bulk downloads; the World Bank's API data are stated as "
    "CC-BY-4.0)",
    url="https://data.worldbank.org",
    caveats=(
        "One vintage per indicator: population and internet users from downloads last updated "
        "7/13/2026; GDP "
        "per capita PPP from a download last updated 1 July 2025 (its metadata lines were stripped "
        "upstream). "
        "The mid-2024 API pull in the mirror is a different vintage and is not used.",
        f"World Bank aggregates ({len(WB_AGGREGATES)} codes, e.g. WLD, EUU, HIC) and the Channel "
        "Islands (CHI, no "
        "ISO code) are dropped; see WB_AGGREGATES and NON_ISO_ECONOMIES in "
        "smartresearch/datasets/wdi.py.",
        "year is the observation year; recent years are incomplete (e.g. KOR GDP per capita PPP "
        "ends in 2023).",
    ),
    source_label="World Bank WDI",
    notes={b.indicator: f"{b.code} from {b.path} ({b.vintage})" for b in FILES},
)
