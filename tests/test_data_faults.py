"""Damaged raw files whose hash was re-registered are still refused, with a clear error.

A hash guards against an accidental change; someone who re-registers a damaged file's
hash (or a publisher who re-releases a shorter file) passes it. The registry's coverage
(rows and countries each file gives the clean table) catches a truncated file, and a
workbook that is not a workbook gets the same kind of message as any bad input.
"""

from __future__ import annotations

import re
import shutil

import pandas as pd
import pytest

from smartresearch import datasets, registry
from smartresearch._io import sha256_file
from smartresearch.config import MIRROR_ENV
from smartresearch.errors import RawFileError, UnreadableFileError

UN_2024 = "data/raw/un_egov_2024_thirdparty/EGOV_DATA_2024__MaryliaCruzS_modified.csv"
GTMI = "data/raw/wb_gtmi/gtmi_2020_2022_2025_panel__wb_pida_gtmiR_groups_data.xlsx"


@pytest.fixture
def damaged_mirror(tmp_path, mirror, scratch_data, monkeypatch):
    """A mirror copy of the egdi and gtmi files, and a way to damage one and re-register it."""
    root = tmp_path / "mirror"
    records = registry.load_registry()
    for name in ("egdi", "gtmi", "oecd_dgi"):
        # the build checks every registered file of the datasets' sources, PDFs included
        sources = {records.file(rel).source_id for rel in datasets.get_spec(name).files}
        for record in (r for s in sorted(sources) for r in records.files_of(s)):
            if record.role == "crosscheck":
                continue
            (root / record.path).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(mirror / record.path, root / record.path)
    monkeypatch.setenv(MIRROR_ENV, str(root))
    registry.clear_verification_cache()

    def reregister(rel: str) -> None:
        toml = scratch_data / "sources.toml"
        text = toml.read_text(encoding="utf-8")
        path = root / rel
        block = re.compile(
            r'(path = "' + re.escape(rel) + r'"\n(?:[^\n]+\n)*?)sha256 = "[0-9a-f]+"\nbytes = \d+'
        )
        new, count = block.subn(
            lambda m: f'{m.group(1)}sha256 = "{sha256_file(path)}"\nbytes = {path.stat().st_size}',
            text,
        )
        assert count == 1
        toml.write_text(new, encoding="utf-8")
        registry.clear_verification_cache()

    yield root, reregister
    registry.clear_verification_cache()


def test_un_csv_cut_at_a_line_boundary_is_refused_though_re_registered(damaged_mirror):
    root, reregister = damaged_mirror
    before = datasets.load("egdi")
    path = root / UN_2024
    lines = path.read_bytes().splitlines(keepends=True)
    path.write_bytes(b"".join(lines[:-6]))  # six countries gone, every line whole
    reregister(UN_2024)
    with pytest.raises(RawFileError) as caught:
        datasets.build(["egdi"])
    message = str(caught.value)
    assert "dataset 'egdi'" in message and UN_2024 in message
    assert "countries 187 (registered 193)" in message and "truncated or altered" in message
    pd.testing.assert_frame_equal(datasets.load("egdi"), before)


OECD_PDF = "data/raw/oecd_dgi/oecd_2023_digital_government_index_1a89ed5e-en.pdf"


def test_truncated_registered_pdf_fails_the_build_and_the_report(damaged_mirror, tmp_path):
    """The PDF is not parsed by the build (its tables were extracted once), but it is the
    source's registered primary file: a truncated copy means a damaged mirror."""
    from smartresearch.reporting.build import ensure_data
    from smartresearch.reporting.layout import ReportLayout

    root, _ = damaged_mirror
    before = datasets.load("oecd_dgi")
    path = root / OECD_PDF
    path.write_bytes(path.read_bytes()[:1000])
    with pytest.raises(RawFileError, match=re.escape(OECD_PDF) + ".*differs from the registry"):
        datasets.build(["oecd_dgi"])
    pd.testing.assert_frame_equal(datasets.load("oecd_dgi"), before)
    # the report's data step (what `smartresearch report` runs first) refuses it too
    with pytest.raises(RawFileError, match="found 1000"):
        ensure_data(ReportLayout(tmp_path / "project"))


def test_intact_files_pass_the_coverage_check(damaged_mirror):
    datasets.build(["egdi"])  # the copy is intact: builds (no error) as before


def test_corrupt_workbook_names_the_file_and_the_dataset(damaged_mirror):
    root, reregister = damaged_mirror
    path = root / GTMI
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])  # a zip without its central directory
    reregister(GTMI)
    with pytest.raises(UnreadableFileError) as caught:
        datasets.build(["gtmi"])
    message = str(caught.value)
    assert "dataset 'gtmi'" in message and GTMI in message
    assert "not a readable Excel workbook" in message and "BadZipFile" in message


def test_every_registered_data_file_has_its_coverage():
    reg = registry.load_registry()
    for name in datasets.DATASET_NAMES:
        table = datasets.load(name)
        for rel in set(table["source_file"]):
            record = reg.file(rel)
            assert record.rows == int((table["source_file"] == rel).sum()), rel
            assert record.countries == table.loc[table["source_file"] == rel, "iso3"].nunique()


def test_coverage_mismatch_message():
    record = registry.RawFile("a.csv", "s", "primary", "0" * 64, 1, rows=10, countries=5)
    with pytest.raises(RawFileError, match=r"rows 9 \(registered 10\)"):
        registry.check_coverage("d", "a.csv", record, rows=9, countries=5)
    registry.check_coverage("d", "a.csv", record, rows=10, countries=5)
