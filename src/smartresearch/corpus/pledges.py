"""Targets the articles state or name, and what was observed afterwards: the two tables.

Two tidy tables, both hand-compiled with a citation on every row:

* ``pledges.csv``: one row per target *for one deadline* (subject, measure, unit, direction,
  target value, deadline, who pledged it, the corpus documents that mention it, the record
  row and source that state the target, and whether that source states it or the project
  inferred it, ``target_basis``). A target re-scoped or re-dated by a later source is its
  own row with its own source (``supersedes`` names the row it replaces);
* ``pledge_observations.csv``: one row per observed value (pledge, date, value, unit,
  source, the ``policy_outcomes.csv`` id it came from, and its ``reading_kind``: an official
  statistic, a ministerial statement or a secondary report, in that order of preference).

Observation dates follow one convention: the stated day; for a month its last day; for a
fiscal year 31 March; for a calendar year 31 December; "start of" a year 1 January. The
``period`` column keeps the wording of the source.

Loading refuses, naming the file, line and value: a numeric target with no record row
stating it (an industry proposal is stated by its article), a deadline left empty without
saying there is none (``deadline_basis`` starting "no date"), a reading kind outside the
stated order. The verdicts are computed by :mod:`smartresearch.corpus.pledge_rules`.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from smartresearch.corpus.schema import (
    Column,
    TableSchema,
    citation_columns,
    doc_id_column,
    outcome_id_column,
    paraphrase_column,
    read_table,
)
from smartresearch.errors import ValidationError

DIRECTIONS = ("at least", "at most")

#: Where a tracked target comes from. Only an "article target" is a government target an
#: article itself states; a "record context" target is one the record of outcomes holds for a
#: programme an article names (the article quotes a baseline or an outcome, not the target);
#: an "industry proposal" is techUK's ask, which no government adopted as a target.
FRAMINGS = ("article target", "record context", "industry proposal")

#: Whether the cited source states the target for that deadline ("stated") or the project
#: built it from something else, such as a switch-off date ("inferred": shown, never scored).
TARGET_BASES = ("stated", "inferred")

#: Kinds of reading, in the stated order of preference: where several readings could judge
#: a deadline, the first kind present decides (an official statistic before a minister's
#: rounded remark, a minister's statement before a trade-press summary).
READING_KINDS = ("official statistic", "ministerial statement", "secondary report")

#: What became of a pledge besides its readings. Shown beside its verdict, never instead.
STATUSES = ("standing", "programme closed", "re-dated", "re-scoped")

#: How ``deadline_basis`` must begin when a pledge has no deadline on record.
NO_DATE = "no date"


def _line(path: Path, i: object, row: pd.Series) -> str:
    return f"{path}, line {int(i) + 2} ({row['pledge_id']})"  # type: ignore[call-overload]


def _targets_sourced(frame: pd.DataFrame, path: Path) -> None:
    """A numeric target cites the record row that states it (a techUK proposal is stated by
    its article, cited in the target columns); an empty deadline says there is none."""
    for i, row in frame.iterrows():
        if (
            pd.notna(row["target_value"])
            and pd.isna(row["target_outcome_id"])
            and row["framing"] != "industry proposal"
        ):
            raise ValidationError(
                f"{_line(path, i, row)}, column 'target_outcome_id': empty for target "
                f"{row['target_value']:g} {row['unit']}; a target needs the record row that "
                "states it (or framing 'industry proposal', stated by its article)."
            )
        if pd.isna(row["deadline"]) and not str(row["deadline_basis"]).startswith(NO_DATE):
            raise ValidationError(
                f"{_line(path, i, row)}, column 'deadline': empty, but deadline_basis says "
                f"{row['deadline_basis']!r}; write the date (YYYY-MM-DD) or begin "
                f"deadline_basis with {NO_DATE!r}."
            )


def _framing_known(frame: pd.DataFrame, path: Path) -> None:
    """Every pledge says where its target comes from, in the stated vocabulary, and a
    successor names a pledge that exists (the one whose deadline was moved)."""
    ids = set(frame["pledge_id"])
    for i, row in frame.iterrows():
        old = row.get("supersedes")
        if isinstance(old, str) and (old not in ids or old == row["pledge_id"]):
            raise ValidationError(
                f"{path}, line {int(i) + 2} ({row['pledge_id']}), column 'supersedes': "
                f"{old!r} is not another pledge in the file."
            )
        if row["framing"] not in FRAMINGS:
            raise ValidationError(
                f"{path}, line {int(i) + 2} ({row['pledge_id']}), column 'framing': "
                f"{row['framing']!r} is not one of {list(FRAMINGS)}."
            )


def _status_dates_in_order(frame: pd.DataFrame, path: Path) -> None:
    """A closed or re-dated pledge says when and where; a new deadline comes after the old."""
    for i, row in frame.iterrows():
        line, pid = int(i) + 2, row["pledge_id"]
        if row["status"] != "standing" and (
            pd.isna(row["status_date"]) or pd.isna(row["status_outcome_id"])
        ):
            raise ValidationError(
                f"{path}, line {line} ({pid}): status {row['status']!r} needs status_date and "
                "status_outcome_id (when it happened and the record row saying so)."
            )
        if row["status"] == "re-dated":
            new, old = row["new_deadline"], row["deadline"]
            if pd.isna(new) or (pd.notna(old) and new <= old):
                raise ValidationError(
                    f"{path}, line {line} ({pid}), column 'new_deadline': {new} must be a date "
                    f"after the original deadline {old}; dates are out of order."
                )
            if pd.notna(row["status_date"]) and row["status_date"] > new:
                raise ValidationError(
                    f"{path}, line {line} ({pid}), column 'status_date': "
                    f"{row['status_date'].date()} is after the new deadline {new.date()}; "
                    "dates are out of order."
                )


PLEDGES_SCHEMA = TableSchema(
    name="pledges",
    filename="pledges.csv",
    title=(
        "Targets the Smarter State articles state, related government targets from the "
        "record, and industry proposals"
    ),
    columns=(
        Column("pledge_id", description="Pledge id", pattern=r"P\d{2}"),
        Column("subject", description="Country that pledged (ISO3)", iso3=True),
        paraphrase_column("pledge", "The target in our own words"),
        paraphrase_column("measure", "What is measured to judge the target"),
        Column("unit", description="Unit of target_value and of comparable observations"),
        Column(
            "direction",
            description="Whether the target is a floor or a ceiling",
            allowed=DIRECTIONS,
        ),
        Column(
            "target_value",
            "float",
            required=False,
            description="Target value in unit; empty when no numeric target is on record",
        ),
        Column("deadline", "date", required=False, description="Date by which the target is due"),
        paraphrase_column("deadline_basis", "How the deadline was read from the sources"),
        Column("pledged_by", description="Who set the target"),
        doc_id_column(
            multi=True, description="Corpus documents mentioning the target (;-separated)"
        ),
        Column(
            "target_basis",
            description="Whether the source states the target (stated) or it is inferred",
            allowed=TARGET_BASES,
        ),
        outcome_id_column(
            "target_outcome_id",
            description="Row of research/policy_outcomes.csv stating the target",
        ),
        *citation_columns(
            "target_source_title", "target_publisher", "target_url", of="Source stating the target"
        ),
        Column("status", description="What became of the pledge", allowed=STATUSES),
        Column(
            "status_date",
            "date",
            required=False,
            description="When the programme closed, or the deadline or scope was changed",
        ),
        outcome_id_column(
            "status_outcome_id",
            description="Row of research/policy_outcomes.csv recording the later event",
        ),
        Column(
            "new_deadline",
            "date",
            required=False,
            description="For a re-dated pledge, the deadline it was moved to",
        ),
        Column(
            "framing",
            description="Where the target comes from: " + ", ".join(FRAMINGS),
        ),
        paraphrase_column("framing_basis", "What the articles say of the target, in our own words"),
        Column(
            "supersedes",
            required=False,
            pattern=r"P\d{2}",
            description="The pledge this one replaces (a re-dated target tracked anew)",
        ),
    ),
    key=("pledge_id",),
    checks=(_status_dates_in_order, _framing_known, _targets_sourced),
)

OBSERVATIONS_SCHEMA = TableSchema(
    name="pledge_observations",
    filename="pledge_observations.csv",
    title="Observed values for the pledges, each cited",
    columns=(
        Column("pledge_id", description="Pledge observed", pattern=r"P\d{2}"),
        Column(
            "date",
            "date",
            description="Day the value describes (see module docs for the convention)",
        ),
        Column("period", description="Period as the source states it"),
        Column("value", "float", description="Observed value in unit"),
        Column(
            "unit",
            description="Unit of value; compared with the target only if equal to the pledge's",
        ),
        outcome_id_column(
            "outcome_id", description="Row of research/policy_outcomes.csv the value comes from"
        ),
        *citation_columns("source_title", "publisher", "url", of="Source"),
        Column(
            "reading_kind",
            description="Kind of reading, in order of preference: " + ", ".join(READING_KINDS),
            allowed=READING_KINDS,
        ),
    ),
    key=("pledge_id", "date", "unit"),
)


def load_pledges(
    path: Path | str | None = None, *, documents: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The pledges (``data/curated/pledges.csv``), validated (doc_ids, ISO3, dates, citations)."""
    return read_table(PLEDGES_SCHEMA, path, documents=documents)


def load_pledge_observations(
    path: Path | str | None = None, *, pledges: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Observed values (``data/curated/pledge_observations.csv``), each for a known pledge."""
    path = Path(path) if path is not None else OBSERVATIONS_SCHEMA.path()
    frame = read_table(OBSERVATIONS_SCHEMA, path)
    known = set((load_pledges() if pledges is None else pledges)["pledge_id"])
    unknown = sorted(set(frame["pledge_id"]) - known)
    if unknown:
        raise ValidationError(
            f"{path}, column 'pledge_id': {unknown} are not in pledges.csv; add the pledge first."
        )
    return frame.sort_values(["pledge_id", "date", "unit"], ignore_index=True)


def day_text(stamp: object) -> str:
    """'9 Mar 2025' for a date ('' for a missing one): chapter 4 writes days and months
    ('Mar 2025') in one style, never ISO dates beside words."""
    if stamp is None or pd.isna(stamp):
        return ""
    stamp = pd.Timestamp(stamp)
    return f"{stamp.day} {stamp:%b %Y}"
