"""Every row of the record of outcomes accounted for: used in a verdict, or listed with a reason.

A sceptic reading ``research/policy_outcomes.csv`` beside chapter 4 asks two things: is there
a dated government target in the record that no pledge tracks, and which rows does the report
simply ignore? Two curated tables answer, and loading checks them against the record:

* ``record_targets.csv``: every target the record holds, one row per target, with its
  disposition: a **pledge** (naming the pledge rows that track it), **out of scope** (with
  the reason: a projection, a scheme no article names, a date with no quantity), or **no
  dated target** (the row only looked like one to :func:`target_rows`, the detector);
* ``record_unused.csv``: every record row the report cites nowhere, with the reason.

:func:`check_targets` fails when a row the detector flags is in neither place, or a pledge's
target row is not listed against it; :func:`record_use` fails when a row is neither cited
nor listed as unused, or is listed as unused while the report cites it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from smartresearch.corpus.schema import Column, TableSchema, read_table
from smartresearch.errors import ValidationError

DISPOSITIONS = ("pledge", "out of scope", "no dated target")

#: What makes the detector flag a record row as possibly holding a dated target: a
#: relation naming a target, commitment or deadline, or a paraphrase speaking of one or of
#: something due "by" a year.
TARGET_RELATION = re.compile(r"target|commit|deadline", re.IGNORECASE)
TARGET_WORDS = re.compile(
    r"\b(?:target|aim|deadline|commit\w*|expected|promised|pledge\w*|goal|due)\b"
    r"|\bby (?:end[- ]?(?:of )?)?(?:[A-Z][a-z]+ )?(?:19|20)\d\d\b",
    re.IGNORECASE,
)

_OID = Column("outcome_id", description="Row of research/policy_outcomes.csv", pattern=r"O\d{2}")
_REASON = Column("reason", description="Why, in our own words", pattern=r"[^\n]{1,160}")

RECORD_TARGETS_SCHEMA = TableSchema(
    name="record_targets",
    filename="record_targets.csv",
    title="Every target in the record of outcomes: tracked as a pledge, or why not",
    columns=(
        _OID,
        Column("target", description="The target, in our own words", pattern=r"[^\n]{1,110}"),
        Column(
            "disposition", description="pledge, out of scope, no dated target", allowed=DISPOSITIONS
        ),
        Column(
            "pledge_ids",
            required=False,
            pattern=r"P\d{2}",
            multi=True,
            description="Pledges tracking the target (;-separated), for disposition 'pledge'",
        ),
        _REASON,
    ),
    key=("outcome_id", "target"),
)

RECORD_UNUSED_SCHEMA = TableSchema(
    name="record_unused",
    filename="record_unused.csv",
    title="Record rows the report does not use, and why",
    columns=(_OID, _REASON),
    key=("outcome_id",),
)


def target_rows(outcomes: pd.DataFrame) -> list[str]:
    """Ids of the record rows that may hold a dated target (:data:`TARGET_RELATION`,
    :data:`TARGET_WORDS`): the rows :func:`check_targets` requires an entry for."""
    flagged = outcomes["relation"].str.contains(TARGET_RELATION) | outcomes[
        "paraphrase"
    ].str.contains(TARGET_WORDS)
    return outcomes.loc[flagged, "outcome_id"].tolist()


def _split(cell: object) -> list[str]:
    return [] if pd.isna(cell) or str(cell) == "" else [p.strip() for p in str(cell).split(";")]


def load_record_targets(path: Path | str | None = None) -> pd.DataFrame:
    """``record_targets.csv``, validated: a pledge disposition names pledges, the others none."""
    path = Path(path) if path is not None else RECORD_TARGETS_SCHEMA.path()
    frame = read_table(RECORD_TARGETS_SCHEMA, path)
    for line, row in zip(frame.index + 2, frame.itertuples(index=False), strict=True):
        named = bool(_split(row.pledge_ids))
        if named != (row.disposition == "pledge"):
            raise ValidationError(
                f"{path}, line {line} ({row.outcome_id}), column 'pledge_ids': "
                f"{row.pledge_ids!r} with disposition {row.disposition!r}; a pledge "
                "disposition names its pledges and the others name none."
            )
    return frame


def load_record_unused(path: Path | str | None = None) -> pd.DataFrame:
    """``record_unused.csv``, validated."""
    return read_table(RECORD_UNUSED_SCHEMA, path)


def check_targets(
    outcomes: pd.DataFrame, targets: pd.DataFrame, pledges: pd.DataFrame, where: str = ""
) -> None:
    """Every flagged row (:func:`target_rows`) has an entry, every entry's row and pledges
    exist, and every pledge's target row is listed against that pledge."""
    where = where or str(RECORD_TARGETS_SCHEMA.path())
    known = set(outcomes["outcome_id"])
    unknown = sorted(set(targets["outcome_id"]) - known)
    if unknown:
        raise ValidationError(f"{where}, column 'outcome_id': {unknown} are not record rows.")
    left = sorted(set(target_rows(outcomes)) - set(targets["outcome_id"]))
    if left:
        raise ValidationError(
            f"{where}: record rows {left} hold a target or a deadline but are neither tracked "
            "as a pledge nor listed out of scope; add a row for each with its disposition."
        )
    ids = set(pledges["pledge_id"])
    listed: set[tuple[str, str]] = set()
    for row in targets.itertuples(index=False):
        for pid in _split(row.pledge_ids):
            if pid not in ids:
                raise ValidationError(
                    f"{where}, column 'pledge_ids': {pid!r} ({row.outcome_id}) "
                    "is not in pledges.csv."
                )
            listed.add((row.outcome_id, pid))
    for pledge in pledges.dropna(subset=["target_outcome_id"]).itertuples(index=False):
        if (pledge.target_outcome_id, pledge.pledge_id) not in listed:
            raise ValidationError(
                f"{where}: pledge {pledge.pledge_id}'s target row {pledge.target_outcome_id} "
                "is not listed against it; add it with disposition 'pledge'."
            )


def cited_rows(
    pledges: pd.DataFrame,
    observations: pd.DataFrame,
    evidence: pd.DataFrame,
    judgements: pd.DataFrame,
    targets: pd.DataFrame,
    others: dict[str, list[str]] | None = None,
) -> pd.DataFrame:
    """Where the report cites each record row: outcome_id, used_in (";"-joined places such
    as "pledge P01 target", "claim C004", "record targets"), one row per cited id."""
    uses: dict[str, list[str]] = {}

    def add(oid: object, place: str) -> None:
        for one in _split(oid):
            uses.setdefault(one, [])
            if place not in uses[one]:
                uses[one].append(place)

    for p in pledges.itertuples(index=False):
        add(p.target_outcome_id, f"pledge {p.pledge_id} target")
        add(p.status_outcome_id, f"pledge {p.pledge_id} later event")
    for o in observations.itertuples(index=False):
        add(o.outcome_id, f"pledge {o.pledge_id} reading")
    for e in evidence.itertuples(index=False):
        add(e.outcome_id, f"claim {e.claim_id}")
    for j in judgements.itertuples(index=False):
        add(j.outcome_ids, f"claim {j.claim_id}")
    for t in targets.itertuples(index=False):
        add(t.outcome_id, "record targets")
    for place, ids in (others or {}).items():
        for oid in ids:
            add(oid, place)
    return pd.DataFrame(
        {"outcome_id": list(uses), "used_in": ["; ".join(v) for v in uses.values()]}
    ).sort_values("outcome_id", ignore_index=True)


def record_use(outcomes: pd.DataFrame, cited: pd.DataFrame, unused: pd.DataFrame) -> pd.DataFrame:
    """Every record row with where it is used or why not: outcome_id, topic, used_in,
    reason_unused. Fails on a row in neither place, or in both (a stale reason)."""
    used = set(cited["outcome_id"])
    listed = set(unused["outcome_id"])
    missing = sorted(set(outcomes["outcome_id"]) - used - listed)
    if missing:
        raise ValidationError(
            f"{RECORD_UNUSED_SCHEMA.path()}: record rows {missing} are cited nowhere in the "
            "report and not listed as unused; cite them or add each with its reason."
        )
    both = sorted(used & listed)
    if both:
        raise ValidationError(
            f"{RECORD_UNUSED_SCHEMA.path()}: rows {both} are listed as unused but the report "
            "cites them; remove them from the file."
        )
    table = outcomes[["outcome_id", "topic"]].merge(cited, on="outcome_id", how="left")
    table = table.merge(
        unused.rename(columns={"reason": "reason_unused"}), on="outcome_id", how="left"
    )
    return table.fillna({"used_in": "", "reason_unused": ""})
