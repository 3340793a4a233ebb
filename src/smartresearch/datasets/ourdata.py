"""OECD OURdata Index 2023 (Open, Useful and Re-usable data): three pillars, nine sub-pillars.

The OECD publishes the index in a PDF paper; the raw file is the Blavatnik School's
long-format extraction of its tables (``cc_iso3c, ref_year, variable, value``). The file has
no composite OURdata score, and this module does not invent one: a user who wants an
aggregate must choose and state a method.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from smartresearch.countries import check_iso3
from smartresearch.datasets._readers import (
    parse_numbers,
    parse_whole_numbers,
    read_csv_columns,
    reject_unexpected,
    tidy_rows,
)
from smartresearch.datasets.spec import DatasetSpec, IndicatorSpec
from smartresearch.errors import ValidationError

FILE_2023 = "data/raw/oecd_ourdata/oecd_ourdata_2023__blavatnik_extracted.csv"

#: The edition's year, and the reference year of its data that the file records in ``ref_year``.
EDITION = 2023
REFERENCE_YEAR = 2022

_PILLARS: dict[str, str] = {
    "availability": "Data availability",
    "accessibility": "Data accessibility",
    "reuse": "Government support for data re-use",
}

#: Extraction's ``variable`` -> (indicator, label). Pillar scores end in ``_score``.
VARIABLES: dict[str, tuple[str, str]] = {
    "availability_score": ("availability", "Data availability (pillar)"),
    "availability_policy": ("availability_policy", "Data availability: policy"),
    "availability_release": ("availability_release", "Data availability: release"),
    "availability_implementation": (
        "availability_implementation",
        "Data availability: implementation",
    ),
    "accessibility_score": ("accessibility", "Data accessibility (pillar)"),
    "accessibility_policy": ("accessibility_policy", "Data accessibility: policy"),
    "accessibility_release": ("accessibility_release", "Data accessibility: release"),
    "accessibility_implementation": (
        "accessibility_implementation",
        "Data accessibility: implementation",
    ),
    "reuse_score": ("reuse", "Government support for data re-use (pillar)"),
    "reuse_promotion": ("reuse_promotion", "Data re-use: promotion"),
    "reuse_dataliteracy": ("reuse_data_literacy", "Data re-use: data literacy"),
    "reuse_monitoring": ("reuse_monitoring", "Data re-use: monitoring"),
}


def _describe(variable: str) -> str:
    pillar = variable.split("_", 1)[0]
    if variable.endswith("_score"):
        return f"Pillar score: {_PILLARS[pillar]}; the mean of its three sub-pillars (to rounding)."
    return f"Sub-pillar of '{_PILLARS[pillar]}' (extraction variable '{variable}')."


INDICATORS: tuple[IndicatorSpec, ...] = tuple(
    IndicatorSpec(name, label, "score (0-1)", 0.0, 1.0, _describe(variable))
    for variable, (name, label) in VARIABLES.items()
)


def clean_2023(path: Path, *, rel: str = FILE_2023) -> pd.DataFrame:
    """Tidy rows of the 2023 extraction; ``year`` is the edition (2023), data refer to 2022."""
    raw = read_csv_columns(path, rel=rel, columns=["cc_iso3c", "ref_year", "variable", "value"])
    check_iso3(raw["cc_iso3c"], context=f"{rel}, column 'cc_iso3c'")
    reject_unexpected(raw["variable"], VARIABLES, rel=rel, column="variable")
    reference = set(parse_whole_numbers(raw["ref_year"], rel=rel, column="ref_year"))
    if reference != {float(REFERENCE_YEAR)}:
        raise ValidationError(
            f"{rel}: column 'ref_year' should be {REFERENCE_YEAR} on every row (the 2023 edition's "
            f"reference year); found {sorted(reference)}. Is this another edition?"
        )
    rows = pd.DataFrame(
        {
            "iso3": raw["cc_iso3c"],
            "year": EDITION,
            "indicator": raw["variable"].map(lambda v: VARIABLES[v][0]),
            "value": parse_numbers(raw["value"], rel=rel, column="value"),
        }
    )
    return tidy_rows(rows, rel=rel)


def clean(paths: Mapping[str, Path]) -> pd.DataFrame:
    """OURdata 2023 as one tidy table (``iso3, year, indicator, value, source_file``)."""
    return clean_2023(paths[FILE_2023])


SPEC = DatasetSpec(
    name="ourdata",
    title="OECD OURdata Index 2023: pillars and sub-pillars",
    publisher="OECD",
    source_ids=("oecd_ourdata",),
    files=(FILE_2023,),
    indicators=INDICATORS,
    clean=clean,
    licence=(
        "Re-use permitted for any purpose under the OECD terms "
        "(https://www.oecd.org/en/about/terms-conditions.html), as stated by the Blavatnik "
        "extraction's metadata"
    ),
    url="https://www.oecd-ilibrary.org/governance/2023-oecd-open-useful-and-re-usable-data-ourdata-index_a37f51c3-en",
    caveats=(
        "Extracted from the OECD PDF by the Blavatnik School; the source PDF is not in the "
        "mirror, so the "
        "extraction could not be re-verified.",
        "The composite OURdata score is not in the file and is not computed here.",
        "Year is the 2023 edition; the data refer to 2022.",
        "Values as printed: two decimals on a 0-1 scale.",
        "Covers 40 countries (OECD members and some partners); USA, SGP, SAU and ARE are not "
        "covered. "
        "No 2019 (or earlier) edition was found.",
    ),
    source_label="OECD OURdata Index",
    notes={"year": f"edition year {EDITION}; reference year of the data {REFERENCE_YEAR}"},
)
