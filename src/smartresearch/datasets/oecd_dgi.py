"""OECD Digital Government Index (DGI), 2019 and 2023 editions: composite, rank, six dimensions.

The OECD publishes the DGI only in PDF papers, so both raw files are extractions of the
papers' country tables: 2019 is a wide table (score and rank per dimension) parsed from the
PDF for this mirror, 2023 is the Blavatnik School's long-format extraction, verified against
the PDF. The two files name the dimensions differently; this module maps both onto one set
of indicator names so that a user compares like with like (with the caveat that the editions
used different surveys).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from smartresearch.countries import check_iso3
from smartresearch.datasets._readers import (
    combine_files,
    parse_numbers,
    parse_whole_numbers,
    read_csv_columns,
    reject_unexpected,
    tidy_rows,
)
from smartresearch.datasets.spec import DatasetSpec, IndicatorSpec
from smartresearch.errors import ValidationError

FILE_2019 = "data/raw/oecd_dgi/oecd_dgi_2019_table1__extracted_from_pdf.csv"
FILE_2023 = "data/raw/oecd_dgi/oecd_dgi_2023__blavatnik_extracted.csv"

#: Code of the "OECD average" row; it is an aggregate, not a country, and is dropped.
OECD_AVERAGE = "OECD"

_DIMENSIONS: tuple[tuple[str, str, str], ...] = (
    # (indicator, label, what the OECD says the dimension captures)
    (
        "digital_by_design",
        "Digital by design",
        "Digital is built into policy making and services from the start",
    ),
    (
        "data_driven",
        "Data-driven public sector",
        "Data is governed and used to design, deliver and monitor policy",
    ),
    (
        "government_as_platform",
        "Government as a platform",
        "Shared tools, components and standards for services",
    ),
    ("open_by_default", "Open by default", "Government data and processes are open to the public"),
    ("user_driven", "User-driven", "Users' needs shape policies and services"),
    (
        "proactiveness",
        "Proactiveness",
        "Government anticipates needs and delivers services proactively",
    ),
)

INDICATORS: tuple[IndicatorSpec, ...] = (
    IndicatorSpec(
        "dgi",
        "Digital Government Index",
        "score (0-1)",
        0.0,
        1.0,
        "Composite: the simple average of the six dimension scores.",
    ),
    IndicatorSpec(
        "dgi_rank",
        "DGI rank",
        "rank (1 = best)",
        1.0,
        50.0,
        "Rank of the composite as printed. 2019 ranks interleave OECD members and the four "
        "adherent countries; 2023 ranks OECD members only (non-members have no rank row).",
        higher_is_better=False,
    ),
    *(
        IndicatorSpec(name, label, "score (0-1)", 0.0, 1.0, f"DGI dimension: {about}.")
        for name, label, about in _DIMENSIONS
    ),
)

#: 2019 wide table: source column -> indicator. Dimension rank columns are not loaded.
COLUMNS_2019: dict[str, str] = {
    "digital_by_design_score": "digital_by_design",
    "data_driven_public_sector_score": "data_driven",
    "government_as_a_platform_score": "government_as_platform",
    "open_by_default_score": "open_by_default",
    "user_driven_score": "user_driven",
    "proactiveness_score": "proactiveness",
    "composite_score": "dgi",
    "composite_rank": "dgi_rank",
}

#: 2023 long table: ``variable`` code -> indicator.
VARIABLES_2023: dict[str, str] = {
    "digital_design": "digital_by_design",
    "data_driven": "data_driven",
    "govt_as_platform": "government_as_platform",
    "open_default": "open_by_default",
    "user_driven": "user_driven",
    "proactiveness": "proactiveness",
    "composite_index": "dgi",
    "composite_rank": "dgi_rank",
}


def clean_2019(path: Path, *, rel: str = FILE_2019) -> pd.DataFrame:
    """Tidy rows of the 2019 table (wide: one row per country, score and rank per dimension)."""
    raw = read_csv_columns(path, rel=rel, columns=["iso3", *COLUMNS_2019])
    raw = raw.loc[raw["iso3"] != OECD_AVERAGE]
    check_iso3(raw["iso3"], context=f"{rel}, column 'iso3'")
    numbers = pd.DataFrame({"iso3": raw["iso3"]})
    for column, indicator in COLUMNS_2019.items():
        parse = parse_whole_numbers if indicator == "dgi_rank" else parse_numbers
        numbers[indicator] = parse(raw[column], rel=rel, column=column)
    rows = numbers.melt(id_vars=["iso3"], var_name="indicator", value_name="value")
    rows["year"] = 2019
    return tidy_rows(rows, rel=rel)


def clean_2023(path: Path, *, rel: str = FILE_2023) -> pd.DataFrame:
    """Tidy rows of the 2023 extraction (long: ``cc_iso3c, ref_year, variable, value``)."""
    raw = read_csv_columns(path, rel=rel, columns=["cc_iso3c", "ref_year", "variable", "value"])
    raw = raw.loc[raw["cc_iso3c"] != OECD_AVERAGE]
    check_iso3(raw["cc_iso3c"], context=f"{rel}, column 'cc_iso3c'")
    reject_unexpected(raw["variable"], VARIABLES_2023, rel=rel, column="variable")
    years = parse_whole_numbers(raw["ref_year"], rel=rel, column="ref_year")
    if set(years) != {2023.0}:
        raise ValidationError(
            f"{rel}: column 'ref_year' should be 2023 on every row (the edition this file holds); "
            f"found {sorted(set(years))}"
        )
    indicator = raw["variable"].map(VARIABLES_2023)
    value = parse_numbers(raw["value"], rel=rel, column="value")
    parse_whole_numbers(
        raw.loc[indicator == "dgi_rank", "value"], rel=rel, column="value (composite_rank rows)"
    )
    rows = pd.DataFrame(
        {"iso3": raw["cc_iso3c"], "year": 2023, "indicator": indicator, "value": value}
    )
    return tidy_rows(rows, rel=rel)


def clean(paths: Mapping[str, Path]) -> pd.DataFrame:
    """Both editions as one tidy table (``iso3, year, indicator, value, source_file``)."""
    return combine_files([clean_2019(paths[FILE_2019]), clean_2023(paths[FILE_2023])])


SPEC = DatasetSpec(
    name="oecd_dgi",
    title="OECD Digital Government Index 2019 and 2023",
    publisher="OECD (Public Governance Directorate)",
    source_ids=("oecd_dgi",),
    files=(FILE_2019, FILE_2023),
    indicators=INDICATORS,
    clean=clean,
    licence=(
        "2023: re-use permitted for any purpose under the OECD terms "
        "(https://www.oecd.org/en/about/terms-conditions.html), as stated by the Blavatnik "
        "extraction's metadata; 2019: unknown"
    ),
    url="https://www.oecd-ilibrary.org/governance/2023-oecd-digital-government-index_1a89ed5e-en",
    caveats=(
        "No machine-readable OECD release exists: both editions are extracted from the publisher "
        "PDFs "
        "(2019 Table 1 parsed from the PDF for this mirror; 2023 Table A.1 extracted by the "
        "Blavatnik "
        "School, verified 299/299 values against the PDF).",
        "2019 and 2023 are not strictly comparable: different survey instruments (Survey on "
        "Digital "
        "Government 1.0 vs 2.0) and different country sets.",
        "2019 values as printed: dimension scores to 2 decimals, composite to 3 decimals; 2023 to "
        "3 decimals.",
        "2019 ranks interleave the OECD members with the four adherents (URY, BRA, PAN, ARG); in "
        "2023 the "
        "five non-members (PER, BRA, ARG, HRV, ROU) are scored but unranked, so they have no "
        "dgi_rank row.",
        "2019 per-dimension ranks are not loaded; among them the printed table gives Uruguay rank "
        "6 for "
        "'open by default' although its score (0.60) would rank about 23rd, probably a typo in "
        "the publisher table.",
        "The composite is the mean of the six dimensions; with the 2019 dimensions printed to 2 "
        "decimals it "
        "matches within 0.005 for every country except the adherents URY (0.010) and BRA (0.009), "
        "an "
        "inconsistency in the publisher's table.",
        "The OECD average row is an aggregate and is dropped.",
        "Not covered: SGP, SAU, ARE and USA in either edition; AUS missing in 2019; DEU missing "
        "in 2023.",
    ),
    source_label="OECD Digital Government Index",
    notes={
        "year": (
            "edition year of the index (2019: Survey on Digital Government 1.0; "
            "2023: reference period 2020-2022)"
        ),
        "2019_doi": "https://dx.doi.org/10.1787/4de9f5bb-en",
    },
)
