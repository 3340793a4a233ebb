"""The record of outcomes: the mirror's ``research/policy_outcomes.csv``, read as it is.

Each row (``O01``...) is one cited fact about what happened to a pledge or a figure the
articles quote: a value, its date, its source and a caveat. Claim checks and pledge tables
cite these ids; this module reads the file so that an id that is not in it fails loading.
The file is research notes, not a published dataset, but every verdict of chapters 1 and 4
rests on it, so it is registered like the raw files (``data/sources.toml``: sha256, bytes
and the number of records) and verified on every load: an edited or truncated copy is
refused, naming the file and what was expected. It is read from the mirror
(``SMARTRESEARCH_MIRROR``) and never copied.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pandas as pd

from smartresearch import registry
from smartresearch.errors import RawFileError, ValidationError

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
def _read(path: Path, _mtime_ns: int = 0, _size: int = 0) -> pd.DataFrame:
    """The record at ``path``, checked for its columns and ids (cached per file version)."""
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


def _registered() -> pd.DataFrame:
    """The mirror's record, verified against its registry entry (hash, then record count)."""
    record = registry.load_registry().file(OUTCOMES_RELPATH)
    path = registry.raw_path(OUTCOMES_RELPATH)  # refuses a missing file or a changed hash
    stat = path.stat()
    frame = _read(path.resolve(), stat.st_mtime_ns, stat.st_size)
    if record.rows is not None and len(frame) != record.rows:
        # a hash re-registered by mistake must not let a thinned record through
        raise RawFileError(
            f"{path} holds {len(frame)} records but {registry.registry_path()} registers "
            f"{record.rows} for {OUTCOMES_RELPATH}: the record is truncated or altered. "
            "Restore the original file (or register the new version with its hash, bytes "
            "and record count)."
        )
    return frame


def load_outcomes(path: Path | str | None = None) -> pd.DataFrame:
    """The record of outcomes, one row per fact, every column as text (as the file has it).

    By default the mirror's ``research/policy_outcomes.csv``, verified against the registry
    (:class:`~smartresearch.errors.ChecksumMismatchError` with both hashes if its bytes
    changed; :class:`~smartresearch.errors.RawFileError` if it is missing or holds another
    number of records). A ``path`` given explicitly is a user's own record: it is checked
    for its columns and ids only.
    """
    if path is None:
        return _registered().copy()
    resolved = Path(path).resolve()
    stat = resolved.stat() if resolved.is_file() else None
    return _read(resolved, stat.st_mtime_ns if stat else 0, stat.st_size if stat else 0).copy()


_MONTHS = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
#: A dated reading in the record's ``value_date`` text: "15 Jun 2026", "Jun 2026".
_DATED = re.compile(
    rf"\b(?:(?P<day>\d{{1,2}}) )?(?P<month>{_MONTHS})[a-z]* (?P<year>(?:19|20)\d\d)\b"
)


def record_dates(outcomes: pd.DataFrame) -> pd.DataFrame:
    """Every day or month the record's ``value_date`` column names, one row per mention:
    outcome_id, date (a month counts as its last day). Text without a day or month ("2023",
    "mid-2026") gives nothing: the record is dated only as precisely as it says."""
    if "value_date" not in outcomes.columns or "outcome_id" not in outcomes.columns:
        raise ValidationError(
            f"record_dates: the outcomes need columns 'outcome_id' and 'value_date'; "
            f"they have {list(outcomes.columns)}."
        )
    rows = []
    for oid, text in zip(outcomes["outcome_id"], outcomes["value_date"], strict=True):
        for m in _DATED.finditer(str(text)):
            month = pd.Period(f"{m['year']}-{m['month']}", freq="M")
            day = (
                month.end_time.normalize()
                if m["day"] is None
                else month.start_time + pd.Timedelta(days=int(m["day"]) - 1)
            )
            rows.append({"outcome_id": oid, "date": day})
    return pd.DataFrame(rows, columns=["outcome_id", "date"]).astype({"date": "datetime64[ns]"})


def record_through(outcomes: pd.DataFrame | None = None) -> pd.Timestamp:
    """The newest day the record names (by :func:`record_dates`): the date the record runs
    to, against which a deadline counts as passed or still ahead."""
    frame = record_dates(load_outcomes() if outcomes is None else outcomes)
    if frame.empty:
        raise ValidationError("record_through: no row of the record names a day or month.")
    return pd.Timestamp(frame["date"].max())
