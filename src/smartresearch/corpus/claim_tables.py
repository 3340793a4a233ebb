"""The two curated tables that decide the claim checks, read and validated.

``claim_evidence.csv`` gives, per claim, the cited record row a **rule** decides on;
``claim_judgements.csv`` a reviewed **judgement** for the claims no rule can decide
(:mod:`smartresearch.corpus.claim_checks` says how each is used). Here they are read
against their schemas and checked against what they cite: every claim id is in
``claims.csv``, every outcome id a row of the record, the record's number in the claim's
unit, and a later reading whole, later, and dated as the record row dates it. A bad cell
fails here, naming its file, line and column, before any verdict is given.

The vocabularies live here because the schemas constrain the tables to them.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from smartresearch.corpus.curated import load_claims
from smartresearch.corpus.schema import Column, TableSchema, outcome_id_column, read_table
from smartresearch.errors import ValidationError

#: Every verdict a claim check can give, strongest agreement first.
CLAIM_VERDICTS: tuple[str, ...] = (
    "independently confirmed",
    "confirmed only as a target",
    "attributed, not independently confirmed",
    "contradicted or misreported",
    "not found",
    "event trivia",
    "proposal",
)
#: Verdicts a reviewed judgement may give (the rest follow from rules only).
JUDGEMENT_VERDICTS: tuple[str, ...] = CLAIM_VERDICTS[:5]
#: Whether a record row is a source other than the one the article relays.
SOURCE_RELATIONS: tuple[str, ...] = ("independent", "same source")
#: What kind of number a record row gives for a claim.
RECORD_STATUSES: tuple[str, ...] = (
    "observed",
    "target",
    "projection",
    "range top",
    "different scope",
)
#: A month, as the evidence table writes the dates of the record's readings.
_MONTH = r"\d{4}-(0[1-9]|1[0-2])"

_REASON = Column(
    "reasoning",
    description="Why the verdict follows from the cited rows (own words)",
    pattern=r"[^\n]{1,160}",
)

EVIDENCE_SCHEMA = TableSchema(
    name="claim_evidence",
    filename="claim_evidence.csv",
    title="Facts from the record of outcomes that decide a claim by rule",
    columns=(
        Column("claim_id", description="Claim checked (claims.csv)", pattern=r"C\d{3}"),
        outcome_id_column("outcome_id", description="Row of research/policy_outcomes.csv cited"),
        Column("record_value", "float", description="The record's number, in the claim's unit"),
        Column("record_unit", description="Unit of record_value; must equal the claim's unit"),
        Column(
            "record_status",
            description="What kind of number the record gives",
            allowed=RECORD_STATUSES,
        ),
        Column(
            "source_relation",
            description="Whether the row is a source other than the one the article relays",
            allowed=SOURCE_RELATIONS,
        ),
        Column(
            "note",
            description="What the reader should know about the record's number (own words)",
            pattern=r"[^\n]{1,160}",
        ),
        Column(
            "record_date",
            required=False,
            pattern=_MONTH,
            description="Month (YYYY-MM) of the reading record_value is; needed with later_date",
        ),
        Column(
            "later_value",
            "float",
            required=False,
            description="A later reading the same record row gives, in the claim's unit",
        ),
        Column(
            "later_date",
            required=False,
            pattern=_MONTH,
            description="Month (YYYY-MM) of later_value; must appear in the row's value_date",
        ),
    ),
    key=("claim_id",),
)

JUDGEMENTS_SCHEMA = TableSchema(
    name="claim_judgements",
    filename="claim_judgements.csv",
    title="Reviewed judgements for claims no rule can decide",
    columns=(
        Column("claim_id", description="Claim judged (claims.csv)", pattern=r"C\d{3}"),
        Column("verdict", description="The judgement", allowed=JUDGEMENT_VERDICTS),
        Column(
            "outcome_ids",
            required=False,
            pattern=r"O\d{2}",
            multi=True,
            description="Rows of research/policy_outcomes.csv the judgement rests on (;-separated)",
        ),
        _REASON,
    ),
    key=("claim_id",),
)


def _record_ids() -> frozenset[str]:
    """Outcome ids of the mirror's research/policy_outcomes.csv (read through the registry)."""
    from smartresearch.corpus.outcomes import load_outcomes

    return frozenset(load_outcomes()["outcome_id"])


def _unknown_ids(
    frame: pd.DataFrame, column: str, known: frozenset[str], path: Path, what: str
) -> None:
    for line, cell in zip(frame.index + 2, frame[column], strict=True):
        if pd.isna(cell) or str(cell) == "":
            continue
        for item in str(cell).split(";"):
            if item.strip() and item.strip() not in known:
                raise ValidationError(
                    f"{path}, line {line}, column {column!r}: {item.strip()!r} is not {what}. "
                    "Correct the id or add the row it refers to."
                )


def _record_dates() -> dict[str, str]:
    """Outcome id -> the record row's ``value_date`` text ("Jan 2024; Jan 2025")."""
    from smartresearch.corpus.outcomes import load_outcomes

    record = load_outcomes()
    return dict(zip(record["outcome_id"], record["value_date"].fillna(""), strict=True))


def _check_later_readings(frame: pd.DataFrame, path: Path, dates: dict[str, str] | None) -> None:
    """A later reading comes whole (value, its month and the earlier month), later than the
    reading it supersedes, and on the record: both months, written "Jan 2025", must appear
    in the cited row's ``value_date``."""
    cells = ("record_date", "later_value", "later_date")
    for line, row in zip(frame.index + 2, frame.itertuples(index=False), strict=True):
        given = [not (pd.isna(getattr(row, c)) or str(getattr(row, c)) == "") for c in cells]
        if not any(given[1:]):
            continue
        if not all(given):
            raise ValidationError(
                f"{path}, line {line}, columns {list(cells)}: {row.claim_id} gives "
                f"{[getattr(row, c) for c in cells]}; a later reading needs all three."
            )
        if pd.Period(row.later_date, freq="M") <= pd.Period(row.record_date, freq="M"):
            raise ValidationError(
                f"{path}, line {line}, column 'later_date': {row.later_date!r} for "
                f"{row.claim_id} is not after record_date {row.record_date!r}."
            )
        dates = _record_dates() if dates is None else dates
        on_record = dates.get(row.outcome_id, "")
        for column in ("record_date", "later_date"):
            written = pd.Period(getattr(row, column), freq="M").strftime("%b %Y")
            if written not in on_record:
                raise ValidationError(
                    f"{path}, line {line}, column {column!r}: {written} for {row.claim_id} is "
                    f"not among the dates of record row {row.outcome_id} ({on_record!r}); "
                    "cite the row that gives that reading."
                )


def load_claim_evidence(
    path: Path | str | None = None,
    *,
    claims: pd.DataFrame | None = None,
    outcome_ids: frozenset[str] | None = None,
    outcome_dates: dict[str, str] | None = None,
) -> pd.DataFrame:
    """``claim_evidence.csv``, validated: known claims and outcome rows, units as the claim's,
    later readings dated as the record row dates them (``outcome_dates``: outcome id ->
    ``value_date``; read from the record when not passed)."""
    path = Path(path) if path is not None else EVIDENCE_SCHEMA.path()
    frame = read_table(EVIDENCE_SCHEMA, path)
    claims = load_claims() if claims is None else claims
    known = frozenset(_record_ids() if outcome_ids is None else outcome_ids)
    _unknown_ids(frame, "claim_id", frozenset(claims["claim_id"]), path, "a claim in claims.csv")
    _unknown_ids(frame, "outcome_id", known, path, "a row of research/policy_outcomes.csv")
    units = frame["claim_id"].map(claims.set_index("claim_id")["unit"])
    for line, claim, got, want in zip(
        frame.index + 2, frame["claim_id"], frame["record_unit"], units, strict=True
    ):
        if got != want:
            raise ValidationError(
                f"{path}, line {line}, column 'record_unit': {got!r} for {claim} differs from "
                f"the claim's unit {want!r}; convert the record's number to the claim's unit."
            )
    _check_later_readings(frame, path, outcome_dates)
    return frame


def load_claim_judgements(
    path: Path | str | None = None,
    *,
    claims: pd.DataFrame | None = None,
    outcome_ids: frozenset[str] | None = None,
) -> pd.DataFrame:
    """``claim_judgements.csv``, validated: known claims, outcome rows and verdicts."""
    path = Path(path) if path is not None else JUDGEMENTS_SCHEMA.path()
    frame = read_table(JUDGEMENTS_SCHEMA, path)
    claims = load_claims() if claims is None else claims
    known = frozenset(_record_ids() if outcome_ids is None else outcome_ids)
    _unknown_ids(frame, "claim_id", frozenset(claims["claim_id"]), path, "a claim in claims.csv")
    _unknown_ids(frame, "outcome_ids", known, path, "a row of research/policy_outcomes.csv")
    return frame
