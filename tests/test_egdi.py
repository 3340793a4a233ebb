"""UN E-Government Survey cleaner: messy fixtures, cross-checks with other copies, known values."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from smartresearch import datasets, registry
from smartresearch.countries import alias_usage, check_aliases_used, harmonise_countries
from smartresearch.datasets import egdi
from smartresearch.datasets._readers import parse_numbers, read_csv_columns
from smartresearch.errors import UnknownCountryError, ValidationError

HEADER = (
    "Survey Year,Country Name,E-Government Rank,E-Government Index,E-Participation Index,"
    "Online Service Index,Human Capital Index,Telecommunication Infrastructure Index\n"
)
MESSY_2003 = HEADER + (
    '2003,"Iraq ",174,0.00000,0.00000,0.00000,0.93000,0.01578\n'
    '2003,"Republic of Korea ",13,0.74413,0.48280,0.60698,0.95000,0.67542\n'
    "2003,Montenegro,,0.00000,0.00000,0.00000,0.00000,0.00000\n"
    "2003,Türkiye,49,0.50551,0.20690,0.55458,0.77000,0.19196\n"
)
FILE = "data/raw/un_egov_datacenter/EGOV_DATA_2003.csv"


def write(tmp_path: Path, text: str, name: str = "file.csv", newline: str = "\n") -> Path:
    path = tmp_path / name
    path.write_bytes(text.replace("\n", newline).encode("utf-8"))
    return path


def tidy_2003(path: Path) -> pd.DataFrame:
    wide = egdi.read_un_file(
        path, file=FILE, layout=egdi.DATA_CENTER, source="un_egov_datacenter", year=2003
    )
    return egdi.to_tidy(egdi.mark_not_assessed(wide), file=FILE)


def value(table: pd.DataFrame, iso3: str, year: int, indicator: str) -> float | None:
    hit = table[
        (table["iso3"] == iso3) & (table["year"] == year) & (table["indicator"] == indicator)
    ]
    assert len(hit) <= 1
    return None if hit.empty else float(hit["value"].iloc[0])


# --- small messy fixtures ---------------------------------------------------------------


def test_messy_export_is_read_and_zeros_become_missing(tmp_path: Path) -> None:
    table = tidy_2003(write(tmp_path, MESSY_2003, newline="\r\n"))
    assert set(table["iso3"]) == {
        "IRQ",
        "KOR",
        "TUR",
    }  # Montenegro: nothing assessed, no rows at all
    assert value(table, "KOR", 2003, "egdi") == 0.74413
    assert value(table, "KOR", 2003, "egdi_rank") == 13
    # Iraq was not assessed for EGDI: its zeros and shared bottom rank are dropped; HCI/TII kept.
    assert [value(table, "IRQ", 2003, i) for i in ("egdi", "osi", "epi", "egdi_rank")] == [None] * 4
    assert value(table, "IRQ", 2003, "hci") == 0.93
    assert value(table, "IRQ", 2003, "tii") == 0.01578
    assert (table["value"] != 0).all()
    assert set(table["source_file"]) == {FILE}


def test_zeros_from_2014_on_are_genuine_lowest_scores(tmp_path: Path) -> None:
    text = HEADER + '2016,"Somalia ",193,0.02699,0.00000,0.00000,0.06810,0.01300\n'
    wide = egdi.read_un_file(
        write(tmp_path, text),
        file="f.csv",
        layout=egdi.DATA_CENTER,
        source="un_egov_datacenter",
        year=2016,
    )
    table = egdi.to_tidy(egdi.mark_not_assessed(wide), file="f.csv")
    assert value(table, "SOM", 2016, "epi") == 0.0
    assert value(table, "SOM", 2016, "egdi_rank") == 193


def test_third_party_2024_layout_drops_region(tmp_path: Path) -> None:
    text = (
        "Survey Year,Country,Rank,E_Index,E_Participation,Online_Service,Human_Capital,"
        "Tele_Infra,Region\n"
        "2024,Denmark ,1,0.98474,0.98630,0.99863,0.95785,0.99774,Europe\n"
        "2024,Nicaragua ,140,0.51340,0.20550,0.33330,0.62960,0.57730,Europe\n"
    )
    wide = egdi.read_un_file(
        write(tmp_path, text, newline="\r\n"),
        file=egdi.FILE_2024,
        layout=egdi.THIRD_PARTY_2024,
        source="un_egov_2024_thirdparty",
        year=2024,
    )
    assert list(wide.columns) == ["iso3", "year", "egdi_rank", "egdi", "epi", "osi", "hci", "tii"]
    assert wide.loc[wide["iso3"] == "DNK", "egdi"].item() == 0.98474


def test_renamed_column_is_a_clear_error(tmp_path: Path) -> None:
    path = write(tmp_path, MESSY_2003.replace("Online Service Index", "Online Services Index"))
    with pytest.raises(ValidationError) as caught:
        tidy_2003(path)
    message = str(caught.value)
    assert (
        FILE in message
        and "'Online Service Index'" in message
        and "Online Services Index" in message
    )


def test_unknown_country_is_a_clear_error(tmp_path: Path) -> None:
    path = write(tmp_path, MESSY_2003 + "2003,Atlantis ,99,0.5,0.5,0.5,0.5,0.5\n")
    with pytest.raises(UnknownCountryError, match=r"'Atlantis'.*country_aliases\.csv"):
        tidy_2003(path)


def test_wrong_edition_and_bad_numbers_are_errors(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="should be 2003"):
        tidy_2003(write(tmp_path, MESSY_2003.replace("2003,Türkiye", "2004,Türkiye")))
    with pytest.raises(ValidationError, match=r"'Human Capital Index'.*'0,95000'"):
        tidy_2003(write(tmp_path, MESSY_2003.replace("0.95000", '"0,95000"')))


def test_stale_exclusion_is_an_error(tmp_path: Path) -> None:
    wide = egdi.read_un_file(
        write(tmp_path, MESSY_2003),
        file=FILE,
        layout=egdi.DATA_CENTER,
        source="un_egov_datacenter",
        year=2003,
    )
    dropped = egdi.drop_excluded(wide, {(2003, "KOR", "hci"): "test"})
    assert np.isnan(dropped.loc[dropped["iso3"] == "KOR", "hci"].item())
    with pytest.raises(ValidationError, match="no longer matches"):
        egdi.drop_excluded(wide, {(2003, "FSM", "hci"): "not in this file"})


# --- the real files ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def table(mirror: Path) -> pd.DataFrame:
    """EGDI built from the mirror now (not the committed copy, which test_descriptor compares)."""
    return datasets.store.build_table("egdi")[0]


def primary_wide(year: int) -> pd.DataFrame:
    rel = egdi.FILES_BY_YEAR[year]
    return egdi.read_un_file(
        registry.raw_path(rel),
        file=rel,
        layout=egdi.DATA_CENTER,
        source="un_egov_datacenter",
        year=year,
    )


def by_iso3(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.set_index("iso3").sort_index()[list(egdi.INDICATORS)]


@pytest.mark.parametrize(
    ("year", "rel"),
    [
        (2014, "data/raw/un_egov_crosscheck/EGOV_DATA_2014__kreetigulati.csv"),
        (2016, "data/raw/un_egov_crosscheck/EGOV_DATA_2016__kreetigulati.csv"),
        (2018, "data/raw/un_egov_crosscheck/EGOV_DATA_2018__egovspace_modified.csv"),
        (2022, "data/raw/un_egov_crosscheck/EGOV_DATA_2022__pluralitybook.csv"),
    ],
)
def test_independent_downloads_equal_the_primary_files(mirror: Path, year: int, rel: str) -> None:
    copy = egdi.read_un_file(
        registry.raw_path(rel),
        file=rel,
        layout=egdi.DATA_CENTER,
        source="un_egov_crosscheck",
        year=year,
    )
    pd.testing.assert_frame_equal(by_iso3(copy), by_iso3(primary_wide(year)), check_exact=True)
    if "egovspace" in rel:
        # This copy carries its author's own ISO3 column. Our name matching agrees with it on every
        # row but one, where the author's code is wrong (ISO 3166 gives the Bahamas BHS, not BHM).
        codes = read_csv_columns(registry.raw_path(rel), rel=rel, columns=["Country Name", "CODE"])
        ours = harmonise_countries(codes["Country Name"], "un_egov_crosscheck")
        disagreements = [
            (n, a, b)
            for n, a, b in zip(codes["Country Name"], ours, codes["CODE"], strict=True)
            if a != b
        ]
        assert disagreements == [("Bahamas", "BHS", "BHM")]


def read_unu(year: int) -> pd.DataFrame:
    rel = f"data/raw/unu_egov_egdi/egdi-{year}.csv"
    columns = {
        "e-gov-rank": "egdi_rank",
        "e-gov-index": "egdi",
        "e-pat-index": "epi",
        "osi": "osi",
        "hci": "hci",
        "tii": "tii",
    }
    raw = read_csv_columns(
        registry.raw_path(rel), rel=rel, columns=["country-code", "country-name", *columns]
    )
    assert harmonise_countries(raw["country-name"], "unu_egov_egdi") == raw["country-code"].tolist()
    out = pd.DataFrame({"iso3": raw["country-code"]})
    for source, ours in columns.items():
        out[ours] = parse_numbers(raw[source], rel=rel, column=source)
    return out


@pytest.mark.parametrize("year", [2010, 2012, 2014, 2016, 2018])
def test_unu_egov_repackaging_agrees_with_the_clean_table(table: pd.DataFrame, year: int) -> None:
    unu = read_unu(year).melt(id_vars="iso3", var_name="indicator", value_name="unu")
    ours = table[table["year"] == year][["iso3", "indicator", "value"]]
    merged = unu.merge(ours, on=["iso3", "indicator"], how="outer", indicator=True)
    both = merged[merged["_merge"] == "both"]
    assert len(both) >= 1100
    np.testing.assert_allclose(both["value"], both["unu"], rtol=0, atol=1e-12)
    # Where UNU-EGOV has a blank, we have no value either ("not assessed" in both).
    assert merged.loc[merged["unu"].isna(), "value"].isna().all()
    # What we drop beyond UNU's blanks are exactly the early editions' zeros.
    extra = merged[merged["value"].isna() & merged["unu"].notna()]
    assert year <= egdi.LAST_ZERO_MEANS_MISSING or extra.empty
    assert ((extra["unu"] == 0) | (extra["indicator"] == "egdi_rank")).all()


def test_2024_third_party_values_agree_with_the_other_copies(table: pd.DataFrame) -> None:
    ours = table[table["year"] == 2024].pivot(index="iso3", columns="indicator", values="value")
    subset_rel = "data/raw/un_egov_2024_thirdparty/EGOV_DATA_2024__aaravgupta10_subset20.csv"
    subset = egdi.read_un_file(
        registry.raw_path(subset_rel),
        file=subset_rel,
        layout=egdi.DATA_CENTER,
        source="un_egov_2024_thirdparty",
        year=2024,
    ).set_index("iso3")
    assert len(subset) == 20
    pd.testing.assert_frame_equal(
        subset[list(egdi.INDICATORS)],
        ours.loc[subset.index, list(egdi.INDICATORS)],
        check_names=False,
        check_exact=True,
    )
    derived_rel = "data/raw/un_egov_2024_thirdparty/Step12_EGDI_2024_Full__aaravgupta10_derived.csv"
    derived = read_csv_columns(
        registry.raw_path(derived_rel),
        rel=derived_rel,
        columns=["ISO3", "Country_UN", "EGDI", "OSI", "TII", "HCI"],
    )
    assert (
        harmonise_countries(derived["Country_UN"], "un_egov_2024_thirdparty")
        == derived["ISO3"].tolist()
    )
    assert sorted(derived["ISO3"]) == sorted(ours.index)
    for column in ("EGDI", "OSI", "TII", "HCI"):
        rounded = parse_numbers(derived[column], rel=derived_rel, column=column).to_numpy()
        np.testing.assert_allclose(
            ours.loc[derived["ISO3"], column.lower()], rounded, rtol=0, atol=0.5e-4 + 1e-12
        )


def test_every_crosscheck_alias_is_used(mirror: Path) -> None:
    with alias_usage() as used:
        for year, rel in [
            (2014, "EGOV_DATA_2014__kreetigulati.csv"),
            (2016, "EGOV_DATA_2016__kreetigulati.csv"),
            (2018, "EGOV_DATA_2018__egovspace_modified.csv"),
            (2022, "EGOV_DATA_2022__pluralitybook.csv"),
        ]:
            path = f"data/raw/un_egov_crosscheck/{rel}"
            egdi.read_un_file(
                registry.raw_path(path),
                file=path,
                layout=egdi.DATA_CENTER,
                source="un_egov_crosscheck",
                year=year,
            )
        for year in (2010, 2012, 2014, 2016, 2018):
            read_unu(year)
    check_aliases_used(["un_egov_crosscheck", "unu_egov_egdi"], used)


def leader(table: pd.DataFrame, year: int) -> str:
    ranks = table[(table["year"] == year) & (table["indicator"] == "egdi_rank")]
    return ranks.loc[ranks["value"].idxmin(), "iso3"]


def test_known_values(table: pd.DataFrame) -> None:
    assert leader(table, 2024) == "DNK" and value(table, "DNK", 2024, "egdi") == 0.98474
    assert [leader(table, y) for y in (2010, 2012, 2014)] == ["KOR"] * 3
    assert [value(table, "KOR", y, "egdi") for y in (2010, 2012, 2014)] == [
        0.87854,
        0.92832,
        0.94623,
    ]
    assert leader(table, 2016) == "GBR"
    assert [leader(table, y) for y in (2003, 2004, 2005)] == ["USA"] * 3
    assert sorted(table["year"].unique()) == [
        2003,
        2004,
        2005,
        2008,
        2010,
        2012,
        2014,
        2016,
        2018,
        2020,
        2022,
        2024,
    ]
    assert set(table["indicator"]) == set(egdi.INDICATORS)


def test_not_assessed_and_anomalies_are_missing(table: pd.DataFrame) -> None:
    early = table[table["year"] <= egdi.LAST_ZERO_MEANS_MISSING]
    assert (early["value"] != 0).all()
    assert (table[table["year"] > egdi.LAST_ZERO_MEANS_MISSING]["value"] == 0).any()
    counts = table[table["indicator"] == "egdi"].groupby("year").size()
    assert counts[2003] == 173 and counts[2012] == 190 and counts[2022] == 193
    # The shared bottom rank of the non-assessed (2003: 174; 2012: LBY, CAF, GIN at 191) is gone.
    ranks = table[table["indicator"] == "egdi_rank"]
    assert not ((ranks["year"] == 2003) & (ranks["value"] == 174)).any()
    assert (
        value(table, "LBY", 2012, "egdi_rank") is None
        and value(table, "LBY", 2012, "hci") is not None
    )
    assert value(table, "FSM", 2003, "hci") is None and value(table, "TUV", 2003, "hci") is None
    assert value(table, "MNE", 2003, "egdi_rank") is None


def test_2024_rows_are_marked_third_party(table: pd.DataFrame) -> None:
    assert set(table.loc[table["year"] == 2024, "source_file"]) == {egdi.FILE_2024}
    assert "MaryliaCruzS_modified" in egdi.FILE_2024
    assert not table.loc[table["year"] < 2024, "source_file"].str.contains("thirdparty").any()
    assert any("third-party" in c for c in egdi.SPEC.caveats)
