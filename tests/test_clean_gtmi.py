"""GTMI cleaner: messy workbook -> exact tidy rows; bad input -> clear errors; mirror checks."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from openpyxl import Workbook

from smartresearch.config import MIRROR_ENV, mirror_root
from smartresearch.datasets import gtmi
from smartresearch.datasets.gtmi import FILE_PANEL, SPEC, WORLD_BANK_CODES
from smartresearch.errors import UnknownCountryError, ValidationError
from smartresearch.registry import raw_path

SCORES = ["gtmi", "cgsi", "psdi", "dcei", "gtei"]
HEADER = ["year", "country_code", "country_name", "grp", *SCORES]
# As messy as the real panel: a legacy World Bank code (ROM), a padded group letter, a
# country whose scores are missing, a blank row, and the 2025 summary table pasted under
# the data (a threshold where the country code should be).
ROWS: list[tuple[object, ...]] = [
    (2020, "ROM", "Romania", "A ", 0.8, 0.7, 0.9, 0.75, 0.85),
    (2022, "KOR", "Korea, Rep.", "A", 0.991, 0.99, 0.998, 0.994, 0.984),
    (2022, " NIC", "Nicaragua", "C", 0.3, None, 0.2, 0.4, "0.3"),
    (2025, "NIC", "Nicaragua", None, None, None, None, None, None),
    (None, None, None, None, None, None, None, None, None),
    (2025, "0.75", "A", "80", 0.4060913705583756, None, None, None, None),
    (2025, "0.4739137063540888", None, None, 648.5, None, None, None, 7),
]


def write_panel(
    tmp_path: Path, rows: list[tuple[object, ...]] = ROWS, header: list[str] = HEADER
) -> dict[str, Path]:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Sheet1"
    sheet.append([f" {header[0]}", *header[1:]])  # a stray space in the first header cell
    for row in rows:
        sheet.append(list(row))
    path = tmp_path / "panel.xlsx"
    workbook.save(path)
    return {FILE_PANEL: path}


def test_messy_fixture_gives_exact_tidy_rows(tmp_path: Path) -> None:
    got = gtmi.clean(write_panel(tmp_path))
    rows = [
        (
            "KOR",
            2022,
            dict(zip(SCORES, [0.991, 0.99, 0.998, 0.994, 0.984], strict=True))
            | {"gtmi_group": 1.0},
        ),
        (
            "NIC",
            2022,
            {"gtmi": 0.3, "psdi": 0.2, "dcei": 0.4, "gtei": 0.3, "gtmi_group": 3.0},
        ),  # cgsi missing
        (
            "ROU",
            2020,
            dict(zip(SCORES, [0.8, 0.7, 0.9, 0.75, 0.85], strict=True)) | {"gtmi_group": 1.0},
        ),
    ]
    expected = pd.DataFrame(
        [
            {"iso3": iso3, "year": year, "indicator": k, "value": v, "source_file": FILE_PANEL}
            for iso3, year, values in rows
            for k, v in values.items()
        ]
    )
    expected = expected.sort_values(["iso3", "year", "indicator"]).reset_index(drop=True)
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)
    assert got["value"].dtype == "float64" and got["year"].dtype == "int64"
    assert not (
        (got["iso3"] == "NIC") & (got["year"] == 2025)
    ).any()  # all missing: no rows, no zeros


def test_renamed_column_names_file_expected_and_found(tmp_path: Path) -> None:
    header = [("cei" if c == "dcei" else c) for c in HEADER]
    with pytest.raises(ValidationError) as error:
        gtmi.clean(write_panel(tmp_path, header=header))
    message = str(error.value)
    assert FILE_PANEL in message and "'dcei'" in message and "'cei'" in message


def test_unknown_country_code_raises(tmp_path: Path) -> None:
    rows = [*ROWS[:2], (2022, "XYZ", "Nowhere", "B", 0.5, 0.5, 0.5, 0.5, 0.5)]
    with pytest.raises(UnknownCountryError, match="XYZ"):
        gtmi.clean(write_panel(tmp_path, rows=rows))


def test_unknown_group_and_non_numeric_score_raise(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="'grp'.*'E'"):
        gtmi.clean(
            write_panel(tmp_path, rows=[(2022, "KOR", "Korea", "E", 0.9, 0.9, 0.9, 0.9, 0.9)])
        )
    with pytest.raises(ValidationError, match=r"'psdi'.*line 2: '\.\.'"):
        gtmi.clean(
            write_panel(tmp_path, rows=[(2022, "KOR", "Korea", "A", 0.9, 0.9, "..", 0.9, 0.9)])
        )


def test_scores_without_a_year_are_refused(tmp_path: Path) -> None:
    rows = [(None, "KOR", "Korea", "A", 0.9, 0.9, 0.9, 0.9, 0.9)]
    with pytest.raises(ValidationError, match="no country, year or indicator"):
        gtmi.clean(write_panel(tmp_path, rows=rows))


def test_legacy_and_current_code_for_one_country_collide(tmp_path: Path) -> None:
    rows = [
        (2020, "ROM", "Romania", "A", 0.8, 0.8, 0.8, 0.8, 0.8),
        (2020, "ROU", "Romania", "A", 0.8, 0.8, 0.8, 0.8, 0.8),
    ]
    with pytest.raises(ValidationError, match="more than once.*ROU"):
        gtmi.clean(write_panel(tmp_path, rows=rows))


# --- the real mirror file ----------------------------------------------------------------


@pytest.fixture(scope="module")
def mirror() -> Path:
    """The mirror. Fallback until the suite's conftest sets SMARTRESEARCH_MIRROR (CI: ../shared)."""
    os.environ.setdefault(MIRROR_ENV, str(Path(__file__).resolve().parents[2] / "shared"))
    return mirror_root()


@pytest.fixture(scope="module")
def panel(mirror: Path) -> pd.DataFrame:
    """The cleaned real panel, verified against the registry's sha256 first."""
    return gtmi.clean({rel: raw_path(rel) for rel in SPEC.files})


@pytest.fixture(scope="module")
def wide(panel: pd.DataFrame) -> pd.DataFrame:
    return panel.pivot_table(index=["iso3", "year"], columns="indicator", values="value")


def test_known_values(wide: pd.DataFrame) -> None:
    assert round(wide.at[("KOR", 2022), "gtmi"], 3) == 0.991
    assert round(wide.at[("SAU", 2022), "gtmi"], 3) == 0.971
    assert round(wide.at[("DNK", 2025), "cgsi"], 3) == 0.915
    assert wide.at[("ISL", 2020), "gtmi_group"] == 2  # group B
    assert wide.at[("ISL", 2022), "gtmi_group"] == 1  # group A


def test_coverage_and_code_mapping(panel: pd.DataFrame) -> None:
    per_year = panel.groupby("year")["iso3"].agg(set)
    assert {y: len(c) for y, c in per_year.items()} == {2020: 198, 2022: 198, 2025: 197}
    assert per_year[2022] - per_year[2025] == {"NIC"}
    # Every legacy mapping is exercised by the real file (a stale mapping would show here).
    assert set(WORLD_BANK_CODES.values()) <= per_year[2020]
    assert not set(WORLD_BANK_CODES) & set(panel["iso3"])


def test_gtmi_is_the_mean_of_its_four_components(wide: pd.DataFrame) -> None:
    """The World Bank defines GTMI as the simple average of CGSI, PSDI, DCEI and GTEI."""
    gap = (wide["gtmi"] - wide[["cgsi", "psdi", "dcei", "gtei"]].mean(axis=1)).abs()
    assert gap.max() < 1e-9


def test_group_coding_follows_the_published_thresholds(wide: pd.DataFrame) -> None:
    """A (coded 1) >= 0.75 > B (2) >= 0.50 > C (3) >= 0.25 > D (4), in every edition."""
    implied = np.select(
        [wide["gtmi"] >= 0.75, wide["gtmi"] >= 0.5, wide["gtmi"] >= 0.25], [1, 2, 3], 4
    )
    assert (wide["gtmi_group"].to_numpy() == implied).all()


def test_output_respects_the_spec(panel: pd.DataFrame) -> None:
    assert set(panel["indicator"]) == set(SPEC.indicator_names)
    for spec in SPEC.indicators:
        values = panel.loc[panel["indicator"] == spec.name, "value"]
        assert values.between(spec.minimum, spec.maximum).all(), spec.name
    assert panel["value"].notna().all()
