"""OURdata cleaner: messy fixture -> exact tidy rows; bad input -> clear errors; mirror checks."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest

from smartresearch.config import MIRROR_ENV, mirror_root
from smartresearch.datasets import ourdata
from smartresearch.datasets.ourdata import FILE_2023, SPEC, VARIABLES
from smartresearch.errors import UnknownCountryError, ValidationError
from smartresearch.registry import raw_path

PILLARS = {
    "availability": ["availability_policy", "availability_release", "availability_implementation"],
    "accessibility": [
        "accessibility_policy",
        "accessibility_release",
        "accessibility_implementation",
    ],
    "reuse": ["reuse_promotion", "reuse_data_literacy", "reuse_monitoring"],
}
# As the real extraction: BOM, quoted codes, reference year 2022, a 0 that is a real score;
# plus a padded value and an empty value (not extracted) that must be dropped, not zeroed.
MESSY = (
    '\ufeff"cc_iso3c","ref_year","variable","value"\n'
    '"AUS",2022,"accessibility_policy",0\n'
    '"AUS",2022,"accessibility_score",0.27\n'
    '"KOR",2022,"reuse_dataliteracy", 0.9 \n'
    '"KOR",2022,"reuse_score",1\n'
    '"KOR",2022,"reuse_monitoring",\n'
)


def write_input(tmp_path: Path, text: str = MESSY) -> dict[str, Path]:
    path = tmp_path / "ourdata.csv"
    path.write_text(text, encoding="utf-8")
    return {FILE_2023: path}


def test_messy_fixture_gives_exact_tidy_rows(tmp_path: Path) -> None:
    got = ourdata.clean(write_input(tmp_path))
    expected = pd.DataFrame(
        [
            ("AUS", 2023, "accessibility", 0.27),
            ("AUS", 2023, "accessibility_policy", 0.0),
            ("KOR", 2023, "reuse", 1.0),
            ("KOR", 2023, "reuse_data_literacy", 0.9),
        ],
        columns=["iso3", "year", "indicator", "value"],
    ).assign(source_file=FILE_2023)
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)
    assert got["value"].dtype == "float64" and got["year"].dtype == "int64"


def test_renamed_column_names_file_expected_and_found(tmp_path: Path) -> None:
    with pytest.raises(ValidationError) as error:
        ourdata.clean(write_input(tmp_path, MESSY.replace('"cc_iso3c"', '"iso3c"')))
    message = str(error.value)
    assert FILE_2023 in message and "'cc_iso3c'" in message and "'iso3c'" in message


def test_unknown_country_code_raises(tmp_path: Path) -> None:
    # The PDF's own codes (IRE, ICE, LTH) were recoded by the extractor; one left over must fail.
    with pytest.raises(UnknownCountryError, match="IRE"):
        ourdata.clean(write_input(tmp_path, MESSY.replace('"AUS"', '"IRE"')))


def test_unknown_variable_other_edition_and_bad_value_raise(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="ourdata_composite"):
        ourdata.clean(write_input(tmp_path, MESSY.replace("reuse_score", "ourdata_composite")))
    with pytest.raises(ValidationError, match="ref_year.*2019"):
        ourdata.clean(write_input(tmp_path, MESSY.replace("2022", "2019")))
    with pytest.raises(ValidationError, match=r"'value'.*line 3: '0,27'"):
        ourdata.clean(write_input(tmp_path, MESSY.replace("0.27", '"0,27"')))


def test_ragged_line_or_repeated_column_is_refused(tmp_path: Path) -> None:
    # An unquoted decimal comma shifts the fields: refused, never read into the wrong column.
    with pytest.raises(ValidationError, match="line 3 has 5 field"):
        ourdata.clean(write_input(tmp_path, MESSY.replace("0.27", "0,27")))
    repeated = '"cc_iso3c","ref_year","variable","value","value"\n"AUS",2022,"reuse_score",1,0.5\n'
    with pytest.raises(ValidationError, match=r"\['value'\] appear more than once"):
        ourdata.clean(write_input(tmp_path, repeated))


# --- the real mirror file ----------------------------------------------------------------


@pytest.fixture(scope="module")
def mirror() -> Path:
    """The mirror. Fallback until the suite's conftest sets SMARTRESEARCH_MIRROR (CI: ../shared)."""
    os.environ.setdefault(MIRROR_ENV, str(Path(__file__).resolve().parents[2] / "shared"))
    return mirror_root()


@pytest.fixture(scope="module")
def wide(mirror: Path) -> pd.DataFrame:
    """The cleaned real extraction (verified against the registry), one row per country."""
    tidy = ourdata.clean({rel: raw_path(rel) for rel in SPEC.files})
    assert set(tidy["year"]) == {2023} and set(tidy["source_file"]) == {FILE_2023}
    return tidy.pivot(index="iso3", columns="indicator", values="value")


def test_known_values(wide: pd.DataFrame) -> None:
    assert wide.loc["KOR", ["availability", "accessibility", "reuse"]].tolist() == [0.84, 0.9, 1.0]
    assert wide.loc["DNK", ["availability", "accessibility", "reuse"]].tolist() == [
        0.73,
        0.68,
        0.57,
    ]
    assert wide.loc["GBR", "reuse"] == 0.23


def test_coverage_and_no_composite(wide: pd.DataFrame) -> None:
    assert len(wide) == 40 and wide.notna().all().all()
    assert sorted(wide.columns) == sorted(name for name, _ in VARIABLES.values())
    assert not {"USA", "SGP", "SAU", "ARE"} & set(wide.index)


def test_scale_is_zero_to_one_and_pillars_are_means_of_sub_pillars(wide: pd.DataFrame) -> None:
    """Checks the 0-1 scale and that each sub-pillar sits under the right pillar.

    Both are printed to 2 decimals, so the pillar can differ from the mean of its printed
    sub-pillars by rounding only (at most 0.005 + 0.005).
    """
    assert wide.min().min() >= 0 and wide.max().max() <= 1 and wide.max().max() == 1
    for pillar, subs in PILLARS.items():
        assert (wide[pillar] - wide[subs].mean(axis=1)).abs().max() <= 0.01 + 1e-12, pillar
