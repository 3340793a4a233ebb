"""World Bank WDI cleaner: the bulk-download format, aggregates, vintages and known values."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from smartresearch import datasets, registry
from smartresearch.datasets import wdi
from smartresearch.errors import UnknownCountryError, ValidationError

YEARS = ["2022", "2023", "2024"]
META = '"Data Source","World Development Indicators",\n\n"Last Updated Date","7/13/2026",\n\n'
HEADER = (
    '"Country Name","Country Code","Indicator Name","Indicator Code",'
    + ",".join(f'"{y}"' for y in YEARS)
    + ",\n"
)


def row(name: str, code: str, values: list[str], indicator: str = "SP.POP.TOTL") -> str:
    return (
        f'"{name}","{code}","Population, total","{indicator}",'
        + ",".join(f'"{v}"' for v in values)
        + ",\n"
    )


BODY = (
    row("Aruba", "ABW", ["107359", "107310", ""])
    + row("World", "WLD", ["7950000000", "8030000000", "8100000000"])
    + row("Channel Islands", "CHI", ["173000", "174000", "175000"])
    + row("Denmark", "DNK", ["5903037", "5946952", "5976992"])
    + row("Euro area", "EMU", ["", "", ""])
)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "bulk.csv"
    path.write_bytes(("\ufeff" + text).replace("\n", "\r\n").encode("utf-8"))
    return path


def test_bulk_file_with_metadata_bom_crlf_and_trailing_comma(tmp_path: Path) -> None:
    table = wdi.read_bulk_csv(
        write(tmp_path, META + HEADER + BODY), file="f.csv", code="SP.POP.TOTL"
    )
    assert table.last_updated == "7/13/2026"
    assert list(table.rows.columns) == ["code", "name", "year", "value"]
    assert len(table.rows) == 5 * len(YEARS)
    economies = wdi.economies_only(table.rows, file="f.csv")
    assert sorted(set(economies["code"])) == ["ABW", "DNK"]
    dnk = economies[economies["code"] == "DNK"].set_index("year")["value"]
    assert dnk.to_dict() == {2022: 5903037.0, 2023: 5946952.0, 2024: 5976992.0}
    assert economies[economies["code"] == "ABW"]["value"].isna().sum() == 1


def test_bulk_file_without_metadata_lines(tmp_path: Path) -> None:
    stripped = HEADER.rstrip(",\n") + "\n" + BODY.replace(",\n", "\n")
    table = wdi.read_bulk_csv(write(tmp_path, stripped), file="f.csv", code="SP.POP.TOTL")
    assert table.last_updated is None
    assert len(table.rows) == 15


def test_unknown_code_is_neither_dropped_nor_kept(tmp_path: Path) -> None:
    table = wdi.read_bulk_csv(
        write(tmp_path, META + HEADER + BODY + row("Atlantis", "ATL", ["1", "2", "3"])),
        file="f.csv",
        code="SP.POP.TOTL",
    )
    with pytest.raises(UnknownCountryError, match=r"\('ATL', 'Atlantis'\).*WB_AGGREGATES"):
        wdi.economies_only(table.rows, file="f.csv")


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        (
            META
            + HEADER
            + BODY
            + row("Peru", "PER", ["1", "2", "3"], indicator="NY.GDP.PCAP.PP.CD"),
            "Indicator Code",
        ),
        (META + HEADER.replace("Country Code", "Code") + BODY, "must start with"),
        (META + HEADER + BODY.replace('"107310"', '"107,310"'), "'107,310'"),
        (META + BODY, "no 'Country Name' header"),
        (META + HEADER + row("Aruba", "ABW", ["1", "2", "3", "4"]), "beyond the header"),
    ],
    ids=["other-indicator", "renamed-column", "thousands-separator", "no-header", "extra-values"],
)
def test_malformed_bulk_files_are_clear_errors(tmp_path: Path, text: str, fragment: str) -> None:
    with pytest.raises(ValidationError, match=fragment):
        wdi.read_bulk_csv(write(tmp_path, text), file="data/raw/wb_wdi/f.csv", code="SP.POP.TOTL")


def _paths() -> dict[str, Path]:
    return {rel: registry.raw_path(rel) for rel in wdi.SPEC.files}


def test_listed_aggregates_must_exist_and_vintages_must_match(
    mirror: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(wdi.WB_AGGREGATES, "XYZ", "An aggregate the files do not have")
    with pytest.raises(ValidationError, match=r"\['XYZ'\] appear in none of the files"):
        wdi.clean(_paths())
    monkeypatch.delitem(wdi.WB_AGGREGATES, "XYZ")
    stale = tuple(
        wdi.BulkFile(b.indicator, b.path, b.code, "1/1/2020" if b.last_updated else None, b.vintage)
        for b in wdi.FILES
    )
    monkeypatch.setattr(wdi, "FILES", stale)
    with pytest.raises(ValidationError, match=r"'Last Updated Date' is '7/13/2026'"):
        wdi.clean(_paths())


@pytest.fixture(scope="module")
def table(mirror: Path) -> pd.DataFrame:
    return datasets.store.build_table("wdi")[0]


def test_real_files_known_values(table: pd.DataFrame) -> None:
    def at(iso3: str, year: int, indicator: str) -> float:
        hit = table[
            (table["iso3"] == iso3) & (table["year"] == year) & (table["indicator"] == indicator)
        ]
        return float(hit["value"].item())

    assert at("DNK", 2025, "population") == 6_009_169
    assert at("USA", 2025, "population") == 341_784_857
    assert at("DNK", 2024, "gdp_pc_ppp") == pytest.approx(79_514.3, abs=0.05)
    assert at("DNK", 2024, "internet_users_pct") == pytest.approx(99.8, abs=0.05)
    kor_gdp = table[(table["iso3"] == "KOR") & (table["indicator"] == "gdp_pc_ppp")]
    assert kor_gdp["year"].max() == 2023 and float(kor_gdp["value"].iloc[-1]) == pytest.approx(
        52_204.0, abs=0.05
    )


def test_real_files_drop_exactly_the_listed_aggregates(table: pd.DataFrame) -> None:
    codes = set(table["iso3"])
    assert not codes & (set(wdi.WB_AGGREGATES) | set(wdi.NON_ISO_ECONOMIES))
    assert {"DNK", "KOR", "GBR", "XKX"} <= codes
    assert set(table["source_file"]) == set(wdi.SPEC.files)
    assert "wb_wdi_2024__blavatnik_api_pull.csv" not in " ".join(
        wdi.SPEC.files
    )  # one vintage per indicator
    for indicator in wdi.SPEC.indicators:
        assert "Vintage:" in indicator.description
