"""The record of outcomes: the mirror's ``research/policy_outcomes.csv``, read as it is.

Each row (``O01``...) is one cited fact about what happened to a pledge or a figure the
articles quote: a value, its date, its source and a caveat. Claim checks and pledge tables
cite these ids; this module reads the file so that an id that is not in it fails loading.
The file is research notes, not a published dataset, so it is not in the checksummed
registry; it is read from the mirror (``SMARTRESEARCH_MIRROR``) and never copied.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

from smartresearch.config import mirror_root
from smartresearch.errors import ValidationError

#: Where the record sits under the mirror root.
OUTCOMES_RELPATH = "research/policy_outcomes.csv"
#: Columns the record must have.
OUTCOME_COLUMNS: tuple[str, ...] = (
    "outcome_id",
    "topic",
    "relation",
    "value",
    "unit",
    "value_date",
    "measure",
    "source_title",
    "publisher",
    "url",
    "paraphrase",
    "caveat",
)


@lru_cache(maxsize=4)
def _read(path: Path) -> pd.DataFrame:
    if not path.is_file():
        raise ValidationError(
            f"{path} is missing: the record of outcomes is read from the mirror; set "
            "SMARTRESEARCH_MIRROR to the folder holding research/policy_outcomes.csv."
        )
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    missing = [c for c in OUTCOME_COLUMNS if c not in frame.columns]
    if missing:
        raise ValidationError(f"{path}: columns {missing} are missing from the record.")
    bad = frame.loc[~frame["outcome_id"].str.fullmatch(r"O\d{2}"), "outcome_id"]
    if not bad.empty:
        raise ValidationError(f"{path}, column 'outcome_id': {bad.tolist()} are not like O23.")
    return frame


def load_outcomes(path: Path | str | None = None) -> pd.DataFrame:
    """The record of outcomes, one row per fact, every column as text (as the file has it)."""
    path = Path(path) if path is not None else mirror_root() / OUTCOMES_RELPATH
    return _read(path.resolve()).copy()
