"""data/datapackage.json: complete, consistent with the files, and reproducible from the mirror."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from smartresearch import datasets
from smartresearch.config import data_dir
from smartresearch.datasets.datapackage import check_descriptor, descriptor_bytes, shipped_tables
from smartresearch.datasets.store import build_in_memory


def committed() -> dict:
    return json.loads((data_dir() / "datapackage.json").read_text(encoding="utf-8"))


def test_committed_descriptor_matches_the_files() -> None:
    assert check_descriptor() == []


def test_rebuilding_from_the_mirror_reproduces_every_file_byte_for_byte(mirror: Path) -> None:
    built, _rows = build_in_memory(datasets.available())
    assert set(built) == set(datasets.DATASET_NAMES)
    for name, data in built.items():
        assert data == datasets.clean_path(name).read_bytes(), (
            f"{name}: rebuild differs; run smartresearch data build"
        )
    assert descriptor_bytes(built) == (data_dir() / "datapackage.json").read_bytes()


def test_every_shipped_table_is_described_with_provenance() -> None:
    resources = {r["path"]: r for r in committed()["resources"]}
    assert set(resources) == set(shipped_tables())
    for name in datasets.DATASET_NAMES:
        resource = resources[f"clean/{name}.csv"]
        assert (
            resource["hash"].startswith("sha256:")
            and resource["bytes"] > 0
            and resource["rows"] > 0
        )
        assert resource["sources"] and resource["licenses"][0]["title"]
        assert resource["schema"]["primaryKey"] == ["iso3", "year", "indicator"]
        assert all(i["unit"] and "minimum" in i for i in resource["indicators"])
        assert all(f["path"].startswith("data/raw/") for f in resource["rawFiles"])
    assert "Last Updated Date 7/13/2026" in json.dumps(resources["clean/wdi.csv"]["indicators"])
    curated = [r for p, r in resources.items() if p.startswith("curated/")]
    assert all(f["description"] for r in curated for f in r["schema"]["fields"])


def test_undocumented_column_is_reported(scratch_data: Path) -> None:
    path = scratch_data / "reference" / "country_aliases.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text(
        "\n".join([lines[0] + ",checked_by"] + [line + ",me" for line in lines[1:]]) + "\n",
        encoding="utf-8",
    )
    problems = check_descriptor()
    assert any("['checked_by'] are not documented" in p for p in problems), problems


def test_documented_but_missing_column_is_reported(scratch_data: Path) -> None:
    doc = committed()
    egdi = next(r for r in doc["resources"] if r["path"] == "clean/egdi.csv")
    egdi["schema"]["fields"].append(
        {"name": "region", "type": "string", "description": "continent"}
    )
    problems = check_descriptor(doc)
    assert problems == [
        "clean/egdi.csv: datapackage.json documents column(s) ['region'] that the file lacks"
    ]


def test_field_without_description_is_reported() -> None:
    doc = committed()
    doc["resources"][0]["schema"]["fields"][0]["description"] = ""
    assert any("has no description" in p for p in check_descriptor(doc))


@pytest.mark.parametrize("change", ["edit-table", "new-table", "drop-table"])
def test_stale_or_incomplete_descriptor_is_reported(scratch_data: Path, change: str) -> None:
    if change == "edit-table":
        path = scratch_data / "clean" / "ourdata.csv"
        path.write_bytes(path.read_bytes() + path.read_bytes().splitlines(keepends=True)[-1])
        expected = ["clean/ourdata.csv: datapackage.json says hash", "bytes=", "rows="]
    elif change == "new-table":
        (scratch_data / "clean" / "extra.csv").write_text("a,b\n1,2\n", encoding="utf-8")
        expected = ["clean/extra.csv: shipped but not described"]
    else:
        (scratch_data / "clean" / "gtmi.csv").unlink()
        expected = ["clean/gtmi.csv: described in datapackage.json but the file does not exist"]
    problems = " | ".join(check_descriptor())
    for fragment in expected:
        assert fragment in problems
