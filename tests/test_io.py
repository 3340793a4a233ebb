"""Atomic writes: complete or untouched, and readable like any ordinary file."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from smartresearch._io import atomic_write_bytes, atomic_write_many, sha256_file


def test_atomic_write_gives_ordinary_permissions(tmp_path: Path) -> None:
    target = tmp_path / "table.csv"
    atomic_write_bytes(target, b"a,b\n1,2\n")
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask
    assert target.read_bytes() == b"a,b\n1,2\n"


def test_failed_write_leaves_previous_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "table.csv"
    target.write_bytes(b"old\n")

    with pytest.raises(TypeError):
        atomic_write_bytes(target, "not bytes")  # type: ignore[arg-type]
    assert target.read_bytes() == b"old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["table.csv"]


def test_write_many_and_hash(tmp_path: Path) -> None:
    files = {tmp_path / "a.txt": b"alpha", tmp_path / "sub" / "b.txt": b"beta"}
    atomic_write_many(files)
    assert (tmp_path / "sub" / "b.txt").read_bytes() == b"beta"
    # sha256 of b"alpha", computed independently of the helper under test
    import hashlib

    assert sha256_file(tmp_path / "a.txt") == hashlib.sha256(b"alpha").hexdigest()
