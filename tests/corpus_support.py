"""Shared helpers for the corpus tests: the mirror, the real corpus, and messy table copies.

The corpus tests run on the real five articles in the mirror (``SMARTRESEARCH_MIRROR``,
defaulting to ``../shared`` beside the checkout as in CI), and on copies of the curated
tables that a test breaks on purpose.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import pandas as pd

os.environ.setdefault("SMARTRESEARCH_MIRROR", str(Path(__file__).resolve().parents[2] / "shared"))

from smartresearch.config import data_dir, mirror_root  # noqa: E402
from smartresearch.corpus import load  # noqa: E402


@lru_cache(maxsize=1)
def _corpus() -> pd.DataFrame:
    return load()


def corpus() -> pd.DataFrame:
    """The real corpus, loaded once per test session (a copy, so tests cannot alter it)."""
    return _corpus().copy()


def text_of(doc_id: str) -> str:
    frame = _corpus()
    return str(frame.loc[frame["doc_id"] == doc_id, "text"].iloc[0])


def policy_outcomes() -> pd.DataFrame:
    """The mirror's research/policy_outcomes.csv (facts the curated pledges cite)."""
    return pd.read_csv(mirror_root() / "research" / "policy_outcomes.csv", dtype=str).set_index(
        "outcome_id"
    )


def curated_copy(tmp_path: Path, name: str, edit: Callable[[pd.DataFrame], pd.DataFrame]) -> Path:
    """Write ``data/curated/<name>`` to ``tmp_path`` after applying ``edit``; return its path."""
    frame = pd.read_csv(data_dir() / "curated" / name, dtype=str, keep_default_na=False)
    path = tmp_path / name
    edit(frame).to_csv(path, index=False)
    return path


def mirror_copy(tmp_path: Path) -> Path:
    """A private copy of the mirror's corpus folder that a test may damage."""
    root = tmp_path / "mirror"
    shutil.copytree(mirror_root() / "corpus", root / "corpus")
    return root
