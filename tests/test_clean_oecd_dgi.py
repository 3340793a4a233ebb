"""OECD DGI cleaner: messy fixtures -> exact tidy rows; bad input -> clear errors; mirror checks."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest

from smartresearch.config import MIRROR_ENV, mirror_root
from smartresearch.datasets import oecd_dgi
from smartresearch.datasets.oecd_dgi import FILE_2019, FILE_2023, SPEC
from smartresearch.errors import UnknownCountryError, ValidationError
from smartresearch.registry import raw_path

DIMENSIONS = [
    "digital_by_design",
    "data_driven",
    "government_as_platform",
    "open_by_default",
    "user_driven",
    "proactiveness",
]

HEADER_2019 = (
    "country,iso3,group,digital_by_design_score,digital_by_design_rank,data_driven_public_sector_score,"
    "data_driven_public_sector_rank,government_as_a_platform_score,government_as_a_platform_rank,"
    "open_by_default_score,open_by_default_rank,user_driven_score,user_driven_rank,proactiveness_score,"
    "proactiveness_rank,composite_score,composite_rank"
)
# As the real file: OECD average row with blank ranks between members, an adherent listed
# last, trailing zeros as printed; plus a BOM, a header with a stray space and a padded code.
MESSY_2019 = (
    "\ufeff" + HEADER_2019.replace(",composite_rank", ", composite_rank ") + "\n"
    "Korea, KOR ,OECD member,0.82,1,0.68,3,0.89,2,0.90,1,0.67,4,0.5,12,0.742,1\n"
    "OECD,OECD,OECD average,0.55,,0.44,,0.54,,0.64,,0.47,,0.42,,0.501,\n"
    "Uruguay,URY,non-OECD adherent (listed below OECD "
    "members),0.65,7,0.56,6,0.54,14,0.6,6,0.65,7,0.55,8,0.602,9\n"
)
MESSY_2023 = (
    '\ufeff"cc_iso3c","ref_year","variable","value"\n'
    '"KOR",2023,"digital_design",0.971\n'
    '"KOR",2023,"data_driven",1\n'
    '"KOR",2023,"govt_as_platform",0.913\n'
    '"KOR",2023,"open_default",0.882\n'
    '"KOR",2023,"user_driven",0.909\n'
    '"KOR",2023,"proactiveness",0.934\n'
    '"KOR",2023,"composite_index",0.935\n'
    '"KOR",2023,"composite_rank",1\n'
    '"PER",2023,"digital_design", 0.5 \n'
    '"PER",2023,"composite_index",0.45\n'
    '"PER",2023,"composite_rank",\n'
)


def write_inputs(
    tmp_path: Path, text_2019: str = MESSY_2019, text_2023: str = MESSY_2023
) -> dict[str, Path]:
    paths = {FILE_2019: tmp_path / "dgi2019.csv", FILE_2023: tmp_path / "dgi2023.csv"}
    paths[FILE_2019].write_text(text_2019, encoding="utf-8")
    paths[FILE_2023].write_text(text_2023, encoding="utf-8")
    return paths


def expected_rows(
    year: int, iso3: str, values: dict[str, float], source: str
) -> list[dict[str, object]]:
    return [
        {"iso3": iso3, "year": year, "indicator": k, "value": v, "source_file": source}
        for k, v in values.items()
    ]


def test_messy_fixture_gives_exact_tidy_rows(tmp_path: Path) -> None:
    got = oecd_dgi.clean(write_inputs(tmp_path))
    kor_2019 = dict(zip(DIMENSIONS, [0.82, 0.68, 0.89, 0.90, 0.67, 0.5], strict=True)) | {
        "dgi": 0.742,
        "dgi_rank": 1.0,
    }
    ury_2019 = dict(zip(DIMENSIONS, [0.65, 0.56, 0.54, 0.6, 0.65, 0.55], strict=True)) | {
        "dgi": 0.602,
        "dgi_rank": 9.0,
    }
    kor_2023 = dict(zip(DIMENSIONS, [0.971, 1.0, 0.913, 0.882, 0.909, 0.934], strict=True)) | {
        "dgi": 0.935,
        "dgi_rank": 1.0,
    }
    per_2023 = {"digital_by_design": 0.5, "dgi": 0.45}  # unranked non-member: no dgi_rank row
    rows = (
        expected_rows(2019, "KOR", kor_2019, FILE_2019)
        + expected_rows(2023, "KOR", kor_2023, FILE_2023)
        + expected_rows(2023, "PER", per_2023, FILE_2023)
        + expected_rows(2019, "URY", ury_2019, FILE_2019)
    )
    expected = pd.DataFrame(rows).sort_values(["iso3", "year", "indicator"]).reset_index(drop=True)
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)
    assert list(got.columns) == ["iso3", "year", "indicator", "value", "source_file"]
    assert got["year"].dtype == "int64" and got["value"].dtype == "float64"
    assert "OECD" not in set(got["iso3"])


def test_renamed_column_names_file_expected_and_found(tmp_path: Path) -> None:
    renamed = MESSY_2023.replace('"variable"', '"indicator_name"')
    with pytest.raises(ValidationError) as error:
        oecd_dgi.clean(write_inputs(tmp_path, text_2023=renamed))
    message = str(error.value)
    assert FILE_2023 in message and "'variable'" in message and "indicator_name" in message


def test_unknown_country_code_raises(tmp_path: Path) -> None:
    bad = MESSY_2019.replace("URY", "URU")
    with pytest.raises(UnknownCountryError, match="URU"):
        oecd_dgi.clean(write_inputs(tmp_path, text_2019=bad))


def test_unparseable_score_names_column_line_and_value(tmp_path: Path) -> None:
    bad = MESSY_2019.replace("0.742,1", "0.742*,1")
    with pytest.raises(ValidationError) as error:
        oecd_dgi.clean(write_inputs(tmp_path, text_2019=bad))
    message = str(error.value)
    assert FILE_2019 in message and "composite_score" in message and "line 2: '0.742*'" in message


def test_fractional_rank_is_refused(tmp_path: Path) -> None:
    bad = MESSY_2023.replace('"composite_rank",1', '"composite_rank",1.5')
    with pytest.raises(ValidationError, match="whole numbers.*1.5"):
        oecd_dgi.clean(write_inputs(tmp_path, text_2023=bad))


def test_unknown_variable_and_wrong_edition_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="digital_first"):
        oecd_dgi.clean(
            write_inputs(tmp_path, text_2023=MESSY_2023.replace("digital_design", "digital_first"))
        )
    with pytest.raises(ValidationError, match="ref_year.*2023"):
        oecd_dgi.clean(
            write_inputs(tmp_path, text_2023=MESSY_2023.replace('"PER",2023', '"PER",2021'))
        )


# --- the real mirror files --------------------------------------------------------------


@pytest.fixture(scope="module")
def mirror() -> Path:
    """The mirror. Fallback until the suite's conftest sets SMARTRESEARCH_MIRROR (CI: ../shared)."""
    os.environ.setdefault(MIRROR_ENV, str(Path(__file__).resolve().parents[2] / "shared"))
    return mirror_root()


@pytest.fixture(scope="module")
def dgi(mirror: Path) -> pd.DataFrame:
    """The cleaned real files, each verified against the registry's sha256 first."""
    return oecd_dgi.clean({rel: raw_path(rel) for rel in SPEC.files})


def value(frame: pd.DataFrame, iso3: str, year: int, indicator: str) -> float:
    hit = frame.loc[
        (frame["iso3"] == iso3) & (frame["year"] == year) & (frame["indicator"] == indicator),
        "value",
    ]
    assert len(hit) == 1, (iso3, year, indicator)
    return float(hit.iloc[0])


def test_known_values(dgi: pd.DataFrame) -> None:
    assert value(dgi, "KOR", 2023, "dgi") == 0.935
    assert value(dgi, "KOR", 2023, "dgi_rank") == 1
    assert value(dgi, "KOR", 2019, "dgi") == 0.742
    assert value(dgi, "KOR", 2019, "dgi_rank") == 1
    assert value(dgi, "DNK", 2023, "dgi") == 0.811 and value(dgi, "DNK", 2023, "dgi_rank") == 2
    assert value(dgi, "GBR", 2019, "government_as_platform") == 0.9


def test_coverage_matches_provenance(dgi: pd.DataFrame) -> None:
    countries = dgi.groupby("year")["iso3"].agg(set)
    assert len(countries[2019]) == 33 and len(countries[2023]) == 38
    assert "AUS" not in countries[2019] and "DEU" not in countries[2023]
    assert not {"SGP", "SAU", "ARE", "USA", "OECD"} & (countries[2019] | countries[2023])
    ranked_2023 = set(dgi.loc[(dgi["year"] == 2023) & (dgi["indicator"] == "dgi_rank"), "iso3"])
    assert countries[2023] - ranked_2023 == {"PER", "BRA", "ARG", "HRV", "ROU"}


def test_ranks_follow_the_composite(dgi: pd.DataFrame) -> None:
    wide = dgi.pivot_table(index=["year", "iso3"], columns="indicator", values="value")
    for year in (2019, 2023):
        ranked = wide.loc[year].dropna(subset=["dgi_rank"]).sort_values("dgi_rank")
        assert ranked["dgi_rank"].tolist() == list(range(1, len(ranked) + 1))
        assert ranked["dgi"].is_monotonic_decreasing


def test_composite_is_the_mean_of_the_printed_dimensions(dgi: pd.DataFrame) -> None:
    """Proves the six dimension columns are mapped to the right indicators.

    2023 prints 3 decimals (tolerance 0.001); 2019 prints dimensions to 2 decimals
    (tolerance 0.005), except two adherents whose printed scores are inconsistent in the
    publisher's own table, as the spec's caveats say.
    """
    wide = dgi.pivot_table(index=["year", "iso3"], columns="indicator", values="value")
    gap = (wide["dgi"] - wide[DIMENSIONS].mean(axis=1)).abs()
    assert gap.loc[2023].max() <= 0.001 + 1e-12
    inconsistent = set(gap.loc[2019][gap.loc[2019] > 0.005].index)
    assert inconsistent == {"URY", "BRA"}


def test_output_respects_the_spec(dgi: pd.DataFrame) -> None:
    assert set(dgi["indicator"]) == set(SPEC.indicator_names)
    for spec in SPEC.indicators:
        values = dgi.loc[dgi["indicator"] == spec.name, "value"]
        assert values.between(spec.minimum, spec.maximum).all(), spec.name
    assert not dgi.duplicated(["iso3", "year", "indicator"]).any()
    assert set(dgi["source_file"]) == set(SPEC.files)
