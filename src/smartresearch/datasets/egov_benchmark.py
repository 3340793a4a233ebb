"""EU eGovernment Benchmark (2023 report): overall score and the four key dimensions, 2020-2022.

The European Commission's machine-readable workbook is one long sheet (``year, Country,
variable, brkdown, unit, Value``) of 35,000 rows spanning measurement years 2012-2022. Only
rows from 2020 on carry a ``variable`` code; the codes for the overall score and the four
key dimensions were identified against the Final Results workbook (sheet "1. Scores 2022",
whose "Biennial average 2021 + 2022" column equals these 2022 values):

* ``e_gov_0_score``  "0. OVERALL SCORE"
* ``e_gov_1_UC``     "1. User centricity"
* ``e_gov_2_TR``     "2. Transparency"
* ``e_gov_3_KE``     "3. Key Enablers"
* ``e_gov_4_CB``     "4. Cross-border services"

The country-level score of each is the row whose breakdown is ``EGOV_LIFE_EVENTS`` (all life
events together); the other breakdowns are single life events and are not loaded.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from smartresearch.countries import iso3_from_iso2
from smartresearch.datasets._readers import (
    parse_numbers,
    parse_whole_numbers,
    read_xlsx_columns,
    reject_unexpected,
    tidy_rows,
)
from smartresearch.datasets.spec import DatasetSpec, IndicatorSpec
from smartresearch.errors import ValidationError

FILE_MACHINE_READABLE = (
    "data/raw/eu_egov_benchmark/"
    "8_eGovernment_Benchmark_2023__Machine_readable_format_yNnDLkuakDOMHQguOM4GyVnyEc_98714.xlsx"
)

#: Variable code -> (indicator, label, what it measures).
KEY_DIMENSIONS: dict[str, tuple[str, str, str]] = {
    "e_gov_0_score": (
        "egov_overall",
        "eGovernment Benchmark overall score",
        "Average of the four key dimensions.",
    ),
    "e_gov_1_UC": (
        "user_centricity",
        "User centricity",
        "Online availability, mobile friendliness and user support of national services.",
    ),
    "e_gov_2_TR": (
        "transparency",
        "Transparency",
        "Transparency of service delivery, of personal data and of service design.",
    ),
    "e_gov_3_KE": (
        "key_enablers",
        "Key enablers",
        "Use of eID, eDocuments, pre-filled forms and digital post.",
    ),
    "e_gov_4_CB": (
        "cross_border_services",
        "Cross-border services",
        "Availability, user support, eID and eDocuments for users from other countries.",
    ),
}

#: Breakdown code of the country-level score (all life events together).
COUNTRY_LEVEL = "EGOV_LIFE_EVENTS"
#: The only unit the workbook uses; anything else would need a different range.
UNIT = "eGov_score"
#: The Commission's averages, which are not countries: dropped explicitly.
AGGREGATES = frozenset({"EU", "EUplus"})
#: The Commission's two-letter codes that differ from ISO 3166-1.
EC_CODES = {"EL": "GRC", "UK": "GBR"}
#: The workbook's marker for "no score" (an indicator not applicable in a country).
NO_SCORE = "."

INDICATORS: tuple[IndicatorSpec, ...] = tuple(
    IndicatorSpec(name, label, "score (0-100)", 0.0, 100.0, about)
    for name, label, about in KEY_DIMENSIONS.values()
)

_COLUMNS = ["year", "Country", "variable", "brkdown", "unit", "Value"]


def clean_machine_readable(path: Path, *, rel: str = FILE_MACHINE_READABLE) -> pd.DataFrame:
    """Tidy rows of the overall score and the key dimensions from the machine-readable sheet."""
    raw = read_xlsx_columns(path, rel=rel, columns=_COLUMNS)
    # Codes are matched case-insensitively: the workbook itself spells some sub-indicator
    # codes both ways (e_gov_1b_UC_MF / e_gov_1b_uc_mf) from one year to the next.
    by_folded = {code.casefold(): code for code in KEY_DIMENSIONS}
    variable = raw["variable"].map(
        lambda v: by_folded.get(v.casefold()) if isinstance(v, str) else None
    )
    kept = raw.loc[variable.notna() & (raw["brkdown"] == COUNTRY_LEVEL)]
    variable = variable[kept.index]
    absent = sorted(set(KEY_DIMENSIONS) - set(variable))
    if absent:
        raise ValidationError(
            f"{rel}: no country-level ({COUNTRY_LEVEL!r}) rows for variable code(s) {absent} in "
            "column "
            "'variable'. The Commission may have renamed them; compare with the Final Results "
            "workbook."
        )
    reject_unexpected(kept["unit"], {UNIT}, rel=rel, column="unit")
    kept = kept.loc[~kept["Country"].isin(AGGREGATES)]
    iso3 = iso3_from_iso2(kept["Country"], context=f"{rel}, column 'Country'", overrides=EC_CODES)
    rows = pd.DataFrame(
        {
            "iso3": pd.Series(iso3, index=kept.index, dtype="str"),
            "year": parse_whole_numbers(kept["year"], rel=rel, column="year"),
            "indicator": variable.map(lambda code: KEY_DIMENSIONS[code][0]),
            "value": parse_numbers(kept["Value"], rel=rel, column="Value", missing=[NO_SCORE]),
        }
    )
    return tidy_rows(rows, rel=rel)


def clean(paths: Mapping[str, Path]) -> pd.DataFrame:
    """The key scores as one tidy table (``iso3, year, indicator, value, source_file``)."""
    return clean_machine_readable(paths[FILE_MACHINE_READABLE])


SPEC = DatasetSpec(
    name="egov_benchmark",
    title="EU eGovernment Benchmark 2023: overall score and key dimensions, 2020-2022",
    publisher="European Commission (DG CONNECT); study by Capgemini et al.",
    source_ids=("eu_egov_benchmark",),
    files=(FILE_MACHINE_READABLE,),
    indicators=INDICATORS,
    clean=clean,
    licence="CC-BY-4.0 (as stated by the Blavatnik School's metadata for these files)",
    url="https://digital-strategy.ec.europa.eu/en/library/egovernment-benchmark-2023",
    caveats=(
        "Year is the measurement year; each value is the biennial average of that year and the "
        "year "
        "before (2022 = 'Biennial average 2021 + 2022', the figures of the 2023 report).",
        "Only 2020-2022 are loaded: those rows follow the 2020-2023 method. Rows for 2012-2019 "
        "have an "
        "empty 'variable' column, so their indicators cannot be identified from the file, and the "
        "Commission states that comparison with earlier biennial averages is not feasible (new "
        "sample of services).",
        "The EU and EUplus averages are aggregates and are dropped; EL is Greece and UK the "
        "United Kingdom.",
        "Covers the EU27 and AL, IS, ME, MK, NO, RS, CH, TR; the United Kingdom only to 2019 (so "
        "not "
        "loaded here); non-European peers (KOR, SGP, AUS, NZL, USA, JPN, CAN, SAU, ARE) are not "
        "covered.",
        "Checked against the Final Results workbook (sheet '1. Scores 2022'): 524 of 525 values "
        "agree; "
        "PRT 2021 cross-border services is 64.12 here but 60.96 there (the latter fits PRT's 2021 "
        "overall). "
        "Values here are the machine-readable file's.",
        "The overall score is the mean of the four key dimensions except for IRL 2020 (3.6 points "
        "below it in "
        "both workbooks) and PRT 2021 (through the cross-border discrepancy above).",
        "A '.' in the workbook means the indicator was not applicable in the country; it is "
        "treated as missing.",
        "The 2024 and 2025 editions were not found in the mirror.",
    ),
    source_label="EU eGovernment Benchmark",
    notes={
        "year": "measurement year (value = biennial average of year-1 and year)",
        "variables": ", ".join(
            f"{code} -> {name}" for code, (name, _, _) in KEY_DIMENSIONS.items()
        ),
    },
)
