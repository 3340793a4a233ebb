"""The registry of raw mirror files: complete, matching PROVENANCE.md, and refusing bad files."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from smartresearch import registry
from smartresearch.config import MIRROR_ENV
from smartresearch.errors import ChecksumMismatchError, MirrorNotConfiguredError, RawFileError

EGDI_2003 = "data/raw/un_egov_datacenter/EGOV_DATA_2003.csv"


@pytest.fixture(autouse=True)
def _fresh_verification_cache():
    registry.clear_verification_cache()
    yield
    registry.clear_verification_cache()


def _fake_mirror(tmp_path: Path, mirror: Path, relpath: str) -> Path:
    """A mirror holding one copy of ``relpath`` (so tests can damage it freely)."""
    root = tmp_path / "mirror"
    (root / relpath).parent.mkdir(parents=True)
    shutil.copyfile(mirror / relpath, root / relpath)
    return root


def test_every_mirror_file_is_registered_and_intact(mirror: Path) -> None:
    assert registry.unregistered_mirror_files() == []
    results = registry.verify_files()
    assert [r.path for r in results if not r.ok] == []
    assert len(results) == len(registry.load_registry().files) >= 55


def test_registry_hashes_and_sizes_equal_provenance_md(mirror: Path) -> None:
    text = (mirror / "data" / "PROVENANCE.md").read_text(encoding="utf-8")
    stated = {
        "data/" + m.group(1): (m.group(2), int(m.group(3).replace(",", "")))
        for m in re.finditer(
            r"### `(raw/[^`]+)`.*?\*\*sha256\*\*: `([0-9a-f]{64})`\s+·\s+\*\*bytes\*\*: ([\d,]+)",
            text,
            re.S,
        )
    }
    assert len(stated) == 48
    files = registry.load_registry().files
    for path, (sha256, size) in stated.items():
        assert (files[path].sha256, files[path].bytes) == (sha256, size), path


def test_sources_carry_provenance_and_roles_are_known() -> None:
    reg = registry.load_registry()
    assert {"un_egov_datacenter", "wb_wdi", "corpus", "eu_egov_benchmark"} <= set(reg.sources)
    assert (
        reg.source("un_egov_2024_thirdparty").urls == ()
    )  # unknown URL: recorded as none, never guessed
    assert reg.source("un_egov_datacenter").licence == "unknown"
    assert (
        "https://publicadministration.un.org/egovkb/Data-Center"
        in reg.source("un_egov_datacenter").urls
    )
    assert {f.role for f in reg.files.values()} <= registry.ROLES
    corpus = reg.files_of("corpus")
    assert "corpus/documents.csv" in {f.path for f in corpus}
    assert len(corpus) == 7
    for source in reg.sources.values():
        assert source.title and source.publisher and source.caveats, source.source_id
        assert reg.files_of(source.source_id), f"source {source.source_id} has no files"


def test_raw_path_returns_the_verified_mirror_file(mirror: Path) -> None:
    path = registry.raw_path(EGDI_2003)
    assert path == mirror / EGDI_2003
    assert path.read_bytes().startswith(b"Survey Year,Country Name")


def test_unregistered_path_is_refused(mirror: Path) -> None:
    with pytest.raises(RawFileError, match=r"not registered.*sources\.toml"):
        registry.raw_path("data/raw/un_egov_datacenter/EGOV_DATA_2006.csv")


def test_unset_mirror_says_how_to_set_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(MIRROR_ENV, raising=False)
    with pytest.raises(MirrorNotConfiguredError, match=MIRROR_ENV):
        registry.raw_path(EGDI_2003)


def test_missing_file_names_path_and_variable(
    tmp_path: Path, mirror: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _fake_mirror(tmp_path, mirror, EGDI_2003)
    monkeypatch.setenv(MIRROR_ENV, str(root))
    missing = "data/raw/un_egov_datacenter/EGOV_DATA_2004.csv"
    with pytest.raises(RawFileError) as caught:
        registry.raw_path(missing)
    message = str(caught.value)
    assert missing in message and MIRROR_ENV in message and "publicadministration.un.org" in message


def test_altered_file_is_refused_with_both_hashes(
    tmp_path: Path, mirror: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _fake_mirror(tmp_path, mirror, EGDI_2003)
    target = root / EGDI_2003
    target.write_bytes(target.read_bytes().replace(b"0.69651", b"0.69652"))
    monkeypatch.setenv(MIRROR_ENV, str(root))
    expected = registry.load_registry().file(EGDI_2003).sha256
    with pytest.raises(ChecksumMismatchError) as caught:
        registry.raw_path(EGDI_2003)
    message = str(caught.value)
    assert expected in message
    assert registry.sha256_file(target) in message


def test_verification_is_cached_until_the_file_changes(
    tmp_path: Path, mirror: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _fake_mirror(tmp_path, mirror, EGDI_2003)
    monkeypatch.setenv(MIRROR_ENV, str(root))
    calls: list[Path] = []
    real = registry.sha256_file
    monkeypatch.setattr(registry, "sha256_file", lambda p: calls.append(p) or real(p))
    registry.raw_path(EGDI_2003)
    registry.raw_path(EGDI_2003)
    assert len(calls) == 1
    target = root / EGDI_2003
    target.write_bytes(target.read_bytes() + b"\n")  # new size and mtime: hashed again, and refused
    with pytest.raises(ChecksumMismatchError):
        registry.raw_path(EGDI_2003)
    assert len(calls) == 2


def test_verify_files_reports_every_problem(
    tmp_path: Path, mirror: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _fake_mirror(tmp_path, mirror, EGDI_2003)
    monkeypatch.setenv(MIRROR_ENV, str(root))
    results = registry.verify_files([EGDI_2003, "data/raw/un_egov_datacenter/EGOV_DATA_2004.csv"])
    assert [r.ok for r in results] == [True, False]
    assert "missing" in results[1].message


def test_inconsistent_registry_is_refused(scratch_data: Path) -> None:
    path = scratch_data / "sources.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('role = "crosscheck"', 'role = "backup"', 1), encoding="utf-8")
    with pytest.raises(RawFileError, match=r"role 'backup'"):
        registry.load_registry()
    path.write_text(text + '\n[[files]]\npath = "x.csv"\n', encoding="utf-8")
    with pytest.raises(RawFileError, match=r"'x.csv' lacks"):
        registry.load_registry()
