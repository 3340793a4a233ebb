"""The public datasets API: list, load, describe, source lines, build atomicity, lazy import."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import smartresearch as sr
from smartresearch import datasets
from smartresearch.datasets import catalogue, store
from smartresearch.errors import UnknownDatasetError, ValidationError

ALL = ("egdi", "oecd_dgi", "gtmi", "egov_benchmark", "ourdata", "wdi")


def test_all_six_datasets_are_listed() -> None:
    listing = datasets.list_datasets()
    assert list(listing.columns) == [
        "name",
        "title",
        "publisher",
        "editions",
        "countries",
        "licence",
    ]
    assert tuple(listing["name"]) == ALL
    egdi = listing.set_index("name").loc["egdi"]
    assert egdi["editions"] == "2003–2005, 2008, 2010, 2012, 2014, 2016, 2018, 2020, 2022, 2024"
    assert egdi["countries"] == 193 and egdi["licence"] == "unknown"


@pytest.mark.parametrize("name", ALL)
def test_every_table_loads_tidy_and_typed(name: str) -> None:
    table = datasets.load(name)
    assert tuple(table.columns) == datasets.TIDY_COLUMNS
    assert table["year"].dtype == "int64" and table["value"].dtype == "float64"
    assert all(
        pd.api.types.is_string_dtype(table[c])
        for c in ("iso3", "country", "indicator", "source_file")
    )
    assert not table.duplicated(["iso3", "year", "indicator"]).any()
    assert set(table["indicator"]) <= set(datasets.get_spec(name).indicator_names)
    assert datasets.source_line(name).startswith("Source: ")


def test_source_lines_use_the_years_in_the_data() -> None:
    assert datasets.source_line("egdi") == "Source: UN E-Government Survey 2003–2024"
    assert datasets.source_line("wdi") == "Source: World Bank WDI 1960–2025"


def test_describe_gives_files_hashes_urls_caveats_and_coverage() -> None:
    info = datasets.describe("egdi")
    text, markdown = str(info), info._repr_markdown_()
    assert (
        info.coverage.countries == 193 and info.coverage.countries_per_year[2003] == 191
    )  # all but MNE, SSD
    assert len(info.files) == 12
    assert (
        "df7991cb21cc115b5ca2baa94d62058768d8e91dd3c5ea7d4b8ea8a415cff886" in text
    )  # EGOV_DATA_2003.csv
    assert "https://publicadministration.un.org/egovkb/Data-Center" in text
    for rendered in (text, markdown):
        assert "third-party" in rendered and "EGOV_DATA_2024__MaryliaCruzS_modified.csv" in rendered
        assert "not assessed" in rendered
    assert markdown.startswith("### ") and "| `egdi_rank` |" in markdown


def test_indicators_table() -> None:
    table = datasets.indicators("egdi")
    assert list(table["indicator"]) == ["egdi", "osi", "hci", "tii", "epi", "egdi_rank"]
    rank = table.set_index("indicator").loc["egdi_rank"]
    assert (rank["minimum"], rank["maximum"], rank["higher_is_better"]) == (1.0, 193.0, False)


def test_unknown_and_unwritten_datasets() -> None:
    with pytest.raises(UnknownDatasetError, match="Known datasets: egdi, oecd_dgi"):
        datasets.load("egdl")
    assert (
        catalogue._spec_or_none("not_written_yet") is None
    )  # a missing cleaner module is not a crash


def test_loaded_frames_are_independent_copies() -> None:
    first = datasets.load("oecd_dgi")
    first.loc[0, "value"] = -1.0
    assert datasets.load("oecd_dgi").loc[0, "value"] != -1.0


def test_load_revalidates_an_edited_table(scratch_data: Path) -> None:
    path = scratch_data / "clean" / "egdi.csv"
    datasets.load("egdi")
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[1] = lines[1].replace(",egdi,", ",egdi,1", 1)  # e.g. 0.52648 -> 10.52648: out of range
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(ValidationError, match=r"dataset 'egdi' .*column 'value': outside"):
        datasets.load("egdi")
    path.write_text("".join(lines[:1] + [lines[2].replace("AFG,", "XXX,", 1)]), encoding="utf-8")
    with pytest.raises(ValidationError, match="XXX"):
        datasets.load("egdi")
    path.write_text("".join(lines).replace("iso3,country", "iso,country", 1), encoding="utf-8")
    with pytest.raises(ValidationError, match="columns must be exactly"):
        datasets.load("egdi")
    path.unlink()
    with pytest.raises(ValidationError, match="smartresearch data build egdi"):
        datasets.load("egdi")


def test_load_keeps_tidy_dtypes_when_pandas_would_infer_others(scratch_data: Path) -> None:
    """The fast read infers types; a file where inference differs is read with the tidy ones."""
    path = scratch_data / "clean" / "oecd_dgi.csv"
    table = pd.read_csv(path, dtype=store.CLEAN_DTYPES, keep_default_na=False)
    whole = table.assign(value=table["value"].round(0).clip(lower=0.0, upper=1.0))
    text = whole.to_csv(index=False, float_format="%.0f")  # every value a whole number
    path.write_text(text, encoding="utf-8")
    assert pd.read_csv(path)["value"].dtype == "int64"  # what inference alone would give
    loaded = datasets.load("oecd_dgi")
    assert loaded["value"].dtype == "float64" and loaded["year"].dtype == "int64"
    assert loaded["value"].tolist() == whole["value"].tolist()


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_failed_build_leaves_previous_tables_intact(
    mirror: Path, scratch_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _snapshot(scratch_data / "clean")
    descriptor = (scratch_data / "datapackage.json").read_bytes()
    (scratch_data / "clean" / "egdi.csv").write_bytes(
        b"stale\n"
    )  # would be rewritten by a good build
    spec = datasets.get_spec("wdi")

    def broken(paths: dict[str, Path]) -> pd.DataFrame:
        table = spec.clean(paths)
        return table.assign(value=table["value"] * 1000)  # internet users of 99,800 %: out of range

    monkeypatch.setattr(
        store,
        "get_spec",
        lambda n: dataclasses.replace(spec, clean=broken) if n == "wdi" else catalogue.get_spec(n),
    )
    with pytest.raises(ValidationError, match="internet_users_pct"):
        datasets.build(["egdi", "wdi"])
    after = _snapshot(scratch_data / "clean")
    assert (
        after["egdi.csv"] == b"stale\n"
    )  # egdi built fine, but nothing is written unless all succeed
    assert {k: v for k, v in after.items() if k != "egdi.csv"} == {
        k: v for k, v in before.items() if k != "egdi.csv"
    }
    assert (scratch_data / "datapackage.json").read_bytes() == descriptor
    assert not [
        p for p in (scratch_data / "clean").iterdir() if p.name.startswith(".")
    ]  # no temp files left


def test_build_rewrites_only_what_changed(mirror: Path, scratch_data: Path) -> None:
    committed = (scratch_data / "clean" / "egdi.csv").read_bytes()
    (scratch_data / "clean" / "egdi.csv").write_bytes(b"stale\n")
    untouched = (scratch_data / "clean" / "oecd_dgi.csv").stat().st_mtime_ns
    report = datasets.build("egdi")
    assert [(t.name, t.changed) for t in report.tables] == [("egdi", True)]
    assert (scratch_data / "clean" / "egdi.csv").read_bytes() == committed
    again = datasets.build("egdi")
    assert not again.changed
    assert (scratch_data / "clean" / "oecd_dgi.csv").stat().st_mtime_ns == untouched


def test_progress_is_reported(mirror: Path, scratch_data: Path) -> None:
    calls: list[tuple[str, int, int]] = []
    datasets.build(["oecd_dgi"], progress=lambda m, d, t: calls.append((m, d, t)))
    assert calls[0] == ("building oecd_dgi", 0, 2) and calls[-1] == ("done", 2, 2)


def test_import_is_lazy() -> None:
    code = (
        "import sys, smartresearch as sr; assert 'pandas' not in sys.modules; sr.countries; "
        "print('pandas' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "True"
    assert "datasets" in dir(sr) and sr.datasets is datasets
    with pytest.raises(AttributeError):
        sr.no_such_module  # noqa: B018


def test_store_keeps_the_stored_form_stable() -> None:
    table = datasets.load("ourdata")
    assert (
        store.serialise(table, datasets.get_spec("ourdata"))
        == datasets.clean_path("ourdata").read_bytes()
    )
