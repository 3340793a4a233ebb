"""World Bank GovTech Maturity Index (GTMI) 2020, 2022 and 2025: index, four pillars and group.

The official GovTech Dataset workbooks are not in the mirror; the raw file is a World Bank
team's harmonised panel of their headline sheets (one row per country and edition). It uses
World Bank country codes, a few of which are not ISO 3166 (``ROM`` for Romania in 2020,
``KSV`` for Kosovo ...): these are mapped explicitly below, and any other unknown code is an
error. The 2025 sheet also carries a small summary table (group thresholds and counts)
pasted under the country rows; those rows are recognised and dropped, not mistaken for data.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from smartresearch.countries import check_iso3
from smartresearch.datasets._readers import (
    parse_numbers,
    parse_whole_numbers,
    read_xlsx_columns,
    reject_unexpected,
    tidy_rows,
)
from smartresearch.datasets.spec import DatasetSpec, IndicatorSpec

FILE_PANEL = "data/raw/wb_gtmi/gtmi_2020_2022_2025_panel__wb_pida_gtmiR_groups_data.xlsx"

#: World Bank codes that are not ISO 3166-1 alpha-3, and the ISO code of the same economy.
WORLD_BANK_CODES: dict[str, str] = {
    "ADO": "AND",  # Andorra (2020 file)
    "KSV": "XKX",  # Kosovo (no ISO code; XKX is the user-assigned code the reference list uses)
    "ROM": "ROU",  # Romania (2020 file)
    "TMP": "TLS",  # Timor-Leste (2020 file)
    "WBG": "PSE",  # West Bank and Gaza / Palestine
    "ZAR": "COD",  # Congo, Dem. Rep. (2020 file)
}

#: GTMI group letter -> number stored in the tidy table (A is the most mature).
GROUP_CODES: dict[str, int] = {"A": 1, "B": 2, "C": 3, "D": 4}

_SCORES: dict[str, tuple[str, str]] = {
    "gtmi": ("GovTech Maturity Index", "Simple average of the four component indices."),
    "cgsi": (
        "Core Government Systems Index",
        "Digitisation of core systems: finance, HR, tax, customs.",
    ),
    "psdi": (
        "Public Service Delivery Index",
        "Digital delivery of public services to citizens and businesses.",
    ),
    "dcei": (
        "Digital Citizen Engagement Index",
        "Digital channels for citizen participation ('cei' in 2020).",
    ),
    "gtei": (
        "GovTech Enablers Index",
        "Enabling environment: strategy, institutions, law, skills, innovation.",
    ),
}

INDICATORS: tuple[IndicatorSpec, ...] = (
    *(
        IndicatorSpec(name, label, "score (0-1)", 0.0, 1.0, about)
        for name, (label, about) in _SCORES.items()
    ),
    IndicatorSpec(
        "gtmi_group",
        "GTMI group",
        "group code (1-4)",
        1.0,
        4.0,
        "The World Bank's maturity group (assigned from the GTMI score), coded as a number: "
        "1 = A (highest maturity), 2 = B, 3 = C, 4 = D (lowest maturity). Lower is more mature. "
        "In all three editions the groups follow the GTMI thresholds A >= 0.75 > B >= 0.50 > "
        "C >= 0.25 > D.",
        higher_is_better=False,
    ),
)

_COLUMNS = ["year", "country_code", "grp", *_SCORES]


def _summary_rows(codes: pd.Series) -> pd.Series:
    """Rows whose country code is a number: the summary table pasted under the 2025 data.

    In the panel these read e.g. ``0.75 | A | 80 | 0.406`` (threshold, group, count, share).
    A real country code is never numeric, so this test cannot drop a country.
    """
    return pd.to_numeric(codes, errors="coerce").notna()


def clean_panel(path: Path, *, rel: str = FILE_PANEL) -> pd.DataFrame:
    """Tidy rows of the panel workbook (wide: one row per country and edition)."""
    raw = read_xlsx_columns(path, rel=rel, columns=_COLUMNS)
    raw = raw.loc[~_summary_rows(raw["country_code"])]
    iso3 = raw["country_code"].map(lambda code: WORLD_BANK_CODES.get(code, code))
    check_iso3(iso3, context=f"{rel}, column 'country_code'")
    groups = raw["grp"].dropna()
    reject_unexpected(groups, GROUP_CODES, rel=rel, column="grp")

    numbers = pd.DataFrame(
        {"iso3": iso3, "year": parse_whole_numbers(raw["year"], rel=rel, column="year")}
    )
    for name in _SCORES:
        numbers[name] = parse_numbers(raw[name], rel=rel, column=name)
    numbers["gtmi_group"] = raw["grp"].map(GROUP_CODES).astype("float64")
    rows = numbers.melt(id_vars=["iso3", "year"], var_name="indicator", value_name="value")
    return tidy_rows(rows, rel=rel)


def clean(paths: Mapping[str, Path]) -> pd.DataFrame:
    """The GTMI panel as one tidy table (``iso3, year, indicator, value, source_file``)."""
    return clean_panel(paths[FILE_PANEL])


SPEC = DatasetSpec(
    name="gtmi",
    title="World Bank GovTech Maturity Index 2020, 2022 and 2025",
    publisher="World Bank",
    source_ids=("wb_gtmi",),
    files=(FILE_PANEL,),
    indicators=INDICATORS,
    clean=clean,
    licence=(
        "CC BY 4.0 for the 2022 GovTech Dataset (as stated in its documentation); "
        "unknown for 2020 and 2025"
    ),
    url="https://datacatalog.worldbank.org/int/search/dataset/0037889/govtech-dataset",
    caveats=(
        "Not the World Bank's workbooks: a World Bank team's harmonised panel (gtmiR) of the "
        "three official "
        "GovTech Dataset headline sheets; the official files were not found in any public "
        "repository.",
        "Editions changed indicators and weights between 2020, 2022 and 2025; the World Bank "
        "cautions "
        "against direct comparison across editions.",
        "The 2020 release called the engagement pillar 'cei'; it is stored as dcei for every "
        "edition.",
        "World Bank codes that are not ISO are mapped: ADO->AND, KSV->XKX (Kosovo), ROM->ROU, "
        "TMP->TLS, "
        "WBG->PSE (West Bank and Gaza), ZAR->COD. Hong Kong, Macao and Taiwan are scored as "
        "separate economies.",
        "2025 covers 197 economies: Nicaragua (scored in 2020 and 2022) is absent. Five rows "
        "under the 2025 "
        "data are a summary table (group thresholds and counts), not countries, and are dropped.",
        "Values are unrounded as in the panel; published headline figures round them (e.g. 2022 "
        "KOR 0.991).",
        "The World Bank publishes GTMI scores and maturity groups (A-D), not ranks: a GTMI rank "
        "shown by this toolkit is its own construction, ranking the published scores.",
    ),
    source_label="World Bank GovTech Maturity Index",
    notes={
        "year": "edition year of the GovTech Dataset (2020, 2022, 2025)",
        "gtmi_group": "A=1, B=2, C=3, D=4",
    },
)
