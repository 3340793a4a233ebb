"""Shared fixtures: the mirror of raw files, and a scratch copy of the project's data folder.

The mirror is found the way users find it, through ``SMARTRESEARCH_MIRROR``; when the
variable is unset and a ``shared`` folder sits beside the repository (the CI layout), the
suite points the variable at it once, at collection, so every test module sees it.
Tests that write tables use ``scratch_data``: a copy of ``data/`` selected through
``SMARTRESEARCH_DATA``, so the committed tables are never rewritten by a test.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from smartresearch.config import DATA_ENV, MIRROR_ENV

REPO = Path(__file__).resolve().parents[1]
DEFAULT_MIRROR = REPO.parent / "shared"

if not os.environ.get(MIRROR_ENV) and (DEFAULT_MIRROR / "data" / "raw").is_dir():
    os.environ[MIRROR_ENV] = str(DEFAULT_MIRROR)


@pytest.fixture(scope="session")
def mirror() -> Path:
    """The mirror root; tests that need raw files skip (with the reason) when it is absent."""
    value = os.environ.get(MIRROR_ENV, "")
    if not value or not (Path(value) / "data" / "raw").is_dir():
        pytest.skip(
            f"{MIRROR_ENV} is not set to a mirror with data/raw (expected e.g. {DEFAULT_MIRROR})"
        )
    return Path(value).resolve()


@pytest.fixture
def scratch_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A private copy of the repository's ``data/`` folder, selected via ``SMARTRESEARCH_DATA``."""
    target = tmp_path / "data"
    shutil.copytree(REPO / "data", target)
    monkeypatch.setenv(DATA_ENV, str(target))
    yield target
