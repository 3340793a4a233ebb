"""UN E-Government Survey (EGDI and its components), every edition 2003–2024.

Editions 2003–2022 come from the UN E-Government Knowledgebase Data Center exports. No
unmodified 2024 export exists in any public copy found, so 2024 comes from a third party's
re-save (renamed header, an added and partly wrong continent column): its values agree with
two independent copies, so they are used, the continent column is dropped, and its rows keep
that file as ``source_file`` so every 2024 value is visibly third-party.

The exports restate history for today's 193 Member States and write 0.00000, with a shared
bottom rank, for a country that was not assessed. In the 2003–2012 editions a zero therefore
means "not assessed" and becomes missing; where EGDI itself was not assessed, the shared
bottom rank goes too. From 2014 on every country was assessed and the components are min–max
scaled, so a 0 is the genuine lowest score and is kept.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from smartresearch.countries import harmonise_countries
from smartresearch.datasets._readers import (
    combine_files,
    parse_numbers,
    parse_whole_numbers,
    read_csv_columns,
    tidy_rows,
)
from smartresearch.datasets.spec import DatasetSpec, IndicatorSpec
from smartresearch.errors import ValidationError

#: Score columns in tidy order; the rank is handled with them.
SCORES: tuple[str, ...] = ("egdi", "osi", "hci", "tii", "epi")
INDICATORS: tuple[str, ...] = (*SCORES, "egdi_rank")

#: Last edition in which the Data Center writes 0.00000 for "not assessed".
LAST_ZERO_MEANS_MISSING = 2012


@dataclass(frozen=True)
class Layout:
    """How one family of UN files names its columns (raw header -> our name; None = dropped)."""

    name: str
    columns: Mapping[str, str | None]


#: The Data Center export header (2003–2022, and the cross-check downloads).
DATA_CENTER = Layout(
    "UN Data Center export",
    {
        "Survey Year": "year",
        "Country Name": "country",
        "E-Government Rank": "egdi_rank",
        "E-Government Index": "egdi",
        "E-Participation Index": "epi",
        "Online Service Index": "osi",
        "Human Capital Index": "hci",
        "Telecommunication Infrastructure Index": "tii",
    },
)

#: The third-party 2024 re-save: renamed header plus an author-assigned Region column.
THIRD_PARTY_2024 = Layout(
    "2024 third-party re-save",
    {
        "Survey Year": "year",
        "Country": "country",
        "Rank": "egdi_rank",
        "E_Index": "egdi",
        "E_Participation": "epi",
        "Online_Service": "osi",
        "Human_Capital": "hci",
        "Tele_Infra": "tii",
        "Region": None,
    },
)

DATA_CENTER_YEARS: tuple[int, ...] = (2003, 2004, 2005, *range(2008, 2023, 2))
FILES_BY_YEAR: dict[int, str] = {
    year: f"data/raw/un_egov_datacenter/EGOV_DATA_{year}.csv" for year in DATA_CENTER_YEARS
}
FILE_2024 = "data/raw/un_egov_2024_thirdparty/EGOV_DATA_2024__MaryliaCruzS_modified.csv"
FILES_BY_YEAR[2024] = FILE_2024

#: Values in the exports that cannot be right and are dropped, each with its reason. The
#: cleaner fails if one of these is no longer found, so the list cannot go stale.
EXCLUDED_VALUES: dict[tuple[int, str, str], str] = {
    (2003, "FSM", "hci"): (
        "the 2003 export gives Micronesia an HCI of 1.422, outside the index's 0–1 scale; "
        "treated as an error in the export and left missing"
    ),
    (2003, "TUV", "hci"): (
        "the 2003 export gives Tuvalu an HCI of 1.03, outside the index's 0–1 scale; "
        "treated as an error in the export and left missing"
    ),
}


def read_un_file(path: Path, *, file: str, layout: Layout, source: str, year: int) -> pd.DataFrame:
    """Read one UN table into ``iso3, year`` plus the indicator columns (raw values, zeros kept).

    Checks that the layout's columns are present, that every row belongs to edition
    ``year``, and that every country name resolves through the reference list and
    ``source``'s aliases. Columns the layout maps to None (the third party's Region) and any
    others are not read.
    """
    raw = read_csv_columns(path, rel=file, columns=list(layout.columns))
    ours = {k: v for k, v in layout.columns.items() if v}
    years = parse_whole_numbers(
        raw[_raw_name(layout, "year")], rel=file, column=_raw_name(layout, "year")
    )
    wrong_year = sorted({str(y) for y in years if y != year})
    if wrong_year:
        raise ValidationError(
            f"{file}: column {_raw_name(layout, 'year')!r} should be {year} on every row; found "
            f"{wrong_year[:5]}"
        )
    names = raw[_raw_name(layout, "country")]
    wide = pd.DataFrame({"iso3": harmonise_countries(names, source), "year": year}, index=raw.index)
    for raw_column, column in ours.items():
        if column in INDICATORS:
            parse = parse_whole_numbers if column == "egdi_rank" else parse_numbers
            wide[column] = parse(raw[raw_column], rel=file, column=raw_column)
    duplicated = wide["iso3"].duplicated(keep=False)
    if duplicated.any():
        raise ValidationError(
            f"{file}: these names resolve to the same country twice: "
            f"{sorted(names[duplicated].unique())}"
        )
    return wide


def _raw_name(layout: Layout, column: str) -> str:
    return next(raw for raw, ours in layout.columns.items() if ours == column)


def to_tidy(wide: pd.DataFrame, *, file: str) -> pd.DataFrame:
    """Melt one edition's wide table into tidy rows (missing values dropped), with its file."""
    long = wide.melt(
        id_vars=["iso3", "year"],
        value_vars=list(INDICATORS),
        var_name="indicator",
        value_name="value",
    )
    return tidy_rows(long, rel=file)


def mark_not_assessed(wide: pd.DataFrame) -> pd.DataFrame:
    """Turn the exports' "not assessed" zeros into missing values (editions up to 2012).

    Where EGDI was not assessed the row's rank is the shared bottom rank, which ranks
    nothing, so it is dropped with it.
    """
    wide = wide.copy()
    early = wide["year"] <= LAST_ZERO_MEANS_MISSING
    for column in SCORES:
        wide[column] = wide[column].mask(early & (wide[column] == 0.0))
    wide["egdi_rank"] = wide["egdi_rank"].mask(wide["egdi"].isna())
    return wide


def drop_excluded(
    wide: pd.DataFrame, exclusions: Mapping[tuple[int, str, str], str]
) -> pd.DataFrame:
    """Blank each listed (year, iso3, indicator) value; an absent one is an error."""
    wide = wide.copy()
    for (year, iso3, column), reason in exclusions.items():
        hit = (wide["year"] == year) & (wide["iso3"] == iso3)
        if not hit.any() or wide.loc[hit, column].isna().all():
            raise ValidationError(
                f"egdi: the exclusion of {column} for {iso3} in {year} ({reason}) no longer "
                "matches any "
                "value; remove it from EXCLUDED_VALUES"
            )
        wide.loc[hit, column] = np.nan
    return wide


def clean(paths: Mapping[str, Path]) -> pd.DataFrame:
    """All editions as tidy rows ``iso3, year, indicator, value, source_file``."""
    parts: list[pd.DataFrame] = []
    for year, rel in sorted(FILES_BY_YEAR.items()):
        if year == 2024:
            wide = read_un_file(
                paths[rel],
                file=rel,
                layout=THIRD_PARTY_2024,
                source="un_egov_2024_thirdparty",
                year=year,
            )
        else:
            wide = read_un_file(
                paths[rel], file=rel, layout=DATA_CENTER, source="un_egov_datacenter", year=year
            )
        exclusions = {k: v for k, v in EXCLUDED_VALUES.items() if k[0] == year}
        wide = drop_excluded(mark_not_assessed(wide), exclusions)
        parts.append(to_tidy(wide, file=rel))
    return combine_files(parts)


def _score(name: str, label: str, description: str) -> IndicatorSpec:
    return IndicatorSpec(
        name=name,
        label=label,
        unit="index (0–1)",
        minimum=0.0,
        maximum=1.0,
        description=description,
    )


SPEC = DatasetSpec(
    name="egdi",
    title="UN E-Government Survey: E-Government Development Index and components, 2003–2024",
    publisher="United Nations Department of Economic and Social Affairs (UN DESA), Division for "
    "Public "
    "Institutions and Digital Government (DPIDG)",
    source_ids=("un_egov_datacenter", "un_egov_2024_thirdparty"),
    files=tuple(FILES_BY_YEAR[y] for y in sorted(FILES_BY_YEAR)),
    indicators=(
        _score(
            "egdi",
            "E-Government Development Index",
            "Composite of OSI, HCI and TII (their mean since 2014).",
        ),
        _score("osi", "Online Service Index", "Scope and quality of national online services."),
        _score("hci", "Human Capital Index", "Adult literacy, enrolment and years of schooling."),
        _score(
            "tii",
            "Telecommunication Infrastructure Index",
            "Internet use, mobile and broadband subscriptions.",
        ),
        _score(
            "epi",
            "E-Participation Index",
            "Use of online services for information, consultation and decision-making.",
        ),
        IndicatorSpec(
            name="egdi_rank",
            label="EGDI rank",
            unit="rank (1 = best)",
            minimum=1.0,
            maximum=193.0,
            description="Published rank among assessed UN Member States.",
            higher_is_better=False,
        ),
    ),
    clean=clean,
    licence="unknown",
    url="https://publicadministration.un.org/egovkb/Data-Center",
    caveats=(
        "2024 values come from a third-party re-save of the UN export (renamed header, added "
        "continent column, "
        "dropped here); they agree with two independent copies, but are not publisher bytes. Those "
        "rows' "
        "source_file names the third-party file.",
        "In the 2003–2012 exports 0.00000 means 'not assessed': such values are missing here, and "
        "so is the "
        "shared bottom rank of countries whose EGDI was not assessed. From 2014 a 0 is a genuine "
        "lowest score.",
        "A zero in 2003–2012 could also be a genuine lowest score (e.g. E-Participation); the "
        "exports cannot "
        "tell the two apart, and the UNU-EGOV re-packaging confirms the not-assessed reading.",
        "Scores are relative and methods changed between editions (EGDI equals the mean of OSI, "
        "HCI and TII only "
        "from 2014): compare positions across editions, not absolute scores.",
        "The exports restate every edition for today's 193 Member States and today's names.",
        *EXCLUDED_VALUES.values(),
    ),
    source_label="UN E-Government Survey",
    notes={
        "cross-checks": "Tests prove the primary files equal independent downloads of 2014, 2016, "
        "2018 and "
        "2022 and UNU-EGOV's 2010–2018 re-packaging; the 2024 values agree with a 20-row "
        "official-header copy "
        "and, within 0.5e-4, with a 4-dp derived table.",
    },
)
