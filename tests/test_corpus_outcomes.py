"""The record of outcomes is registered like the raw files and verified on every load.

Every claim check and pledge verdict cites its rows, so an edited or truncated copy must be
refused, naming the file and what was expected, rather than read. Damage is done to a copy
of the mirror in a temporary folder, never to the mirror itself.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from smartresearch import registry
from smartresearch.config import MIRROR_ENV
from smartresearch.corpus.outcomes import OUTCOMES_RELPATH, load_outcomes
from smartresearch.errors import ChecksumMismatchError, RawFileError


@pytest.fixture(autouse=True)
def _fresh_verification_cache():
    registry.clear_verification_cache()
    yield
    registry.clear_verification_cache()


def _copy_of_record(tmp_path: Path, mirror: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A mirror holding only a copy of the record, selected through SMARTRESEARCH_MIRROR."""
    root = tmp_path / "mirror"
    (root / "corpus").mkdir(parents=True)  # what makes a folder a mirror
    (root / OUTCOMES_RELPATH).parent.mkdir(parents=True)
    shutil.copyfile(mirror / OUTCOMES_RELPATH, root / OUTCOMES_RELPATH)
    monkeypatch.setenv(MIRROR_ENV, str(root))
    return root / OUTCOMES_RELPATH


def test_the_record_is_registered_and_loads_verified(mirror: Path) -> None:
    record = registry.load_registry().file(OUTCOMES_RELPATH)
    assert record.role == "research" and record.source_id == "policy_outcomes"
    assert record.sha256 == registry.sha256_file(mirror / OUTCOMES_RELPATH)
    assert record.bytes == (mirror / OUTCOMES_RELPATH).stat().st_size
    outcomes = load_outcomes()
    assert len(outcomes) == record.rows
    assert outcomes["outcome_id"].is_unique


def test_an_altered_record_is_refused_with_both_hashes(
    tmp_path: Path, mirror: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = _copy_of_record(tmp_path, mirror, monkeypatch)
    copy.write_bytes(copy.read_bytes().replace(b"3.6 million", b"3.7 million", 1))
    expected = registry.load_registry().file(OUTCOMES_RELPATH).sha256
    with pytest.raises(ChecksumMismatchError) as caught:
        load_outcomes()
    message = str(caught.value)
    assert str(copy) in message
    assert expected in message and registry.sha256_file(copy) in message


def test_a_truncated_record_is_refused(
    tmp_path: Path, mirror: Path, monkeypatch: pytest.MonkeyPatch, scratch_data: Path
) -> None:
    copy = _copy_of_record(tmp_path, mirror, monkeypatch)
    text = copy.read_text(encoding="utf-8")
    copy.write_text(text[: text.rindex("\nO")] + "\n", encoding="utf-8")  # last record gone
    with pytest.raises(ChecksumMismatchError, match="policy_outcomes.csv"):
        load_outcomes()
    # even with its new hash registered by mistake, the missing record is caught
    sources = scratch_data / "sources.toml"
    expected = registry.load_registry().file(OUTCOMES_RELPATH)
    sources.write_text(
        sources.read_text(encoding="utf-8")
        .replace(expected.sha256, registry.sha256_file(copy))
        .replace(f"bytes = {expected.bytes}", f"bytes = {copy.stat().st_size}"),
        encoding="utf-8",
    )
    with pytest.raises(RawFileError) as caught:
        load_outcomes()
    message = str(caught.value)
    assert str(copy) in message and OUTCOMES_RELPATH in message
    assert f"holds {expected.rows - 1} records" in message
    assert f"registers {expected.rows}" in message


def test_a_missing_record_says_how_to_point_at_the_mirror(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "corpus").mkdir()  # a mirror, but without research/
    monkeypatch.setenv(MIRROR_ENV, str(tmp_path))
    with pytest.raises(RawFileError) as caught:
        load_outcomes()
    assert OUTCOMES_RELPATH in str(caught.value) and MIRROR_ENV in str(caught.value)


def test_a_users_own_record_is_read_from_its_path(tmp_path: Path, mirror: Path) -> None:
    own = tmp_path / "my_outcomes.csv"
    text = (mirror / OUTCOMES_RELPATH).read_text(encoding="utf-8")
    own.write_text(text[: text.rindex("\nO")] + "\n", encoding="utf-8")
    assert len(load_outcomes(own)) == len(load_outcomes()) - 1
