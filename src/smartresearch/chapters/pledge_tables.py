"""Chapter 4's tables of evidence: what each verdict rests on, and what else is on record.

The verdicts are computed by :func:`smartresearch.corpus.pledge_verdicts`; these functions
lay them out for a reader: the target and evidence in words (:func:`verdict_evidence`), the
sources cited (:func:`verdict_sources`), the pledges no verdict can be given for
(:func:`unverifiable_table`) and readings in another unit than the target's
(:func:`context_observations`, :func:`context_table`). Only observations dated on or before
the verdicts' ``judged_on`` are used, as the verdicts saw them.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from smartresearch._columns import require_columns
from smartresearch.chapters.quantities import month
from smartresearch.corpus.pledge_rules import VERDICT_COLUMNS
from smartresearch.countries import names_for
from smartresearch.errors import ValidationError
from smartresearch.wording import quantity


def _require(frame: pd.DataFrame, columns: Sequence[str], what: str) -> None:
    """Fail early, naming the table and the missing columns, instead of a KeyError later."""
    require_columns(
        frame,
        columns,
        what=what,
        hint="Pass the corpus module's table unchanged (was a column renamed?).",
    )


def _target_text(row: pd.Series) -> str:
    if pd.isna(row["target_value"]):
        return "no numeric target on record"
    text = f"{row['direction']} {quantity(row['target_value'], row['unit'])}"
    text = f"{text} by {month(row['deadline'])}" if pd.notna(row["deadline"]) else text
    return f"{text} (inferred, not stated)" if row.get("target_basis") == "inferred" else text


def _evidence_text(row: pd.Series, dated: bool = True) -> str:
    if pd.isna(row["assessed_value"]):
        return "none comparable"
    text = quantity(row["assessed_value"], row["unit"])
    if dated:
        text += f" ({month(row['assessed_date'])})"
    if pd.notna(row["projected_value"]):
        text += (
            f"; the line gives {quantity(row['projected_value'], row['unit'])} by "
            f"{month(row['deadline'])} (90% range "
            f"{quantity(row['projected_low'], row['unit'])} to "
            f"{quantity(row['projected_high'], row['unit'])})"
        )
    return text


def verdict_evidence(
    verdicts: pd.DataFrame, pledges: pd.DataFrame, *, dated: bool = True
) -> pd.DataFrame:
    """One row per pledge for display: country, pledge, who made it, the target, the
    verdict, the evidence it rests on and the rule that decided it.

    ``verdicts`` is :func:`smartresearch.corpus.pledge_verdicts`; ``pledges`` is
    :func:`smartresearch.corpus.load_pledges` (for who pledged: a government's commitment
    and an industry body's proposal are not the same kind of promise). The sources are
    listed by :func:`verdict_sources`; chapter 4's table adds where each target comes from
    and the date and age of the deciding reading
    (:func:`smartresearch.chapters.pledges.verdict_table`), and passes ``dated=False`` so
    the evidence does not repeat that date.
    """
    _require(verdicts, VERDICT_COLUMNS, "verdict_evidence (verdicts)")
    _require(pledges, ("pledge_id", "pledged_by"), "verdict_evidence (pledges)")
    pledged_by = pledges.set_index("pledge_id")["pledged_by"]
    unknown = sorted(set(verdicts["pledge_id"]) - set(pledged_by.index))
    if unknown:
        raise ValidationError(
            f"verdict_evidence: verdicts, column 'pledge_id': {unknown} are not in the pledges."
        )
    return pd.DataFrame(
        {
            "ID": verdicts["pledge_id"],
            "Country": names_for(verdicts["subject"]),
            "Pledge": verdicts["pledge"],
            "Pledged by": verdicts["pledge_id"].map(pledged_by),
            "Target": [_target_text(row) for _, row in verdicts.iterrows()],
            "Verdict": verdicts["verdict"],
            "Evidence": [_evidence_text(row, dated) for _, row in verdicts.iterrows()],
            "Rule applied": verdicts["reason"],
        }
    )


def verdict_sources(
    verdicts: pd.DataFrame, pledges: pd.DataFrame, observations: pd.DataFrame
) -> pd.DataFrame:
    """The sources each verdict rests on: the target's source and the assessed observation's.

    Returns ID, Role ("target" / "assessed observation"), Date (the reading's month, as in
    the verdict table), Publisher, Title, URL,
    ordered by pledge; pledges without an assessed observation list only their target.
    """
    _require(verdicts, ("pledge_id", "unit", "assessed_date"), "verdict_sources (verdicts)")
    _require(
        pledges,
        ("pledge_id", "target_source_title", "target_publisher", "target_url"),
        "verdict_sources (pledges)",
    )
    _require(
        observations,
        ("pledge_id", "date", "unit", "period", "source_title", "publisher", "url"),
        "verdict_sources (observations)",
    )
    targets = pledges.set_index("pledge_id")
    rows: list[dict[str, object]] = []
    for row in verdicts.itertuples(index=False):
        pledge = targets.loc[row.pledge_id]
        rows.append(
            {
                "ID": row.pledge_id,
                "Role": "target",
                "Date": "",
                "Publisher": pledge["target_publisher"],
                "Title": pledge["target_source_title"],
                "URL": pledge["target_url"],
            }
        )
        if pd.isna(row.assessed_date):
            continue
        used = observations[
            (observations["pledge_id"] == row.pledge_id)
            & (observations["unit"] == row.unit)
            & (observations["date"] == row.assessed_date)
        ]
        if len(used) != 1:
            raise ValidationError(
                f"verdict_sources: observations hold {len(used)} rows for pledge "
                f"{row.pledge_id!r} on {month(row.assessed_date)} in unit {row.unit!r}; "
                "pass the observations the verdicts were computed from."
            )
        obs = used.iloc[0]
        rows.append(
            {
                "ID": row.pledge_id,
                "Role": "assessed observation",
                "Date": month(obs["date"]),  # the date the verdict table shows
                "Publisher": obs["publisher"],
                "Title": obs["source_title"],
                "URL": obs["url"],
            }
        )
    return pd.DataFrame(rows, columns=["ID", "Role", "Date", "Publisher", "Title", "URL"])


def context_observations(verdicts: pd.DataFrame, observations: pd.DataFrame) -> pd.DataFrame:
    """Observations recorded for a pledge in another unit than its target's.

    They cannot decide a verdict (users are not services), but they are what is known;
    for a pledge judged "not verifiable" they are often all there is. Only observations
    dated on or before the verdicts' ``judged_on`` are kept. Returns pledge_id, date, period,
    value, unit, publisher, in the observations' order.
    """
    _require(verdicts, ("pledge_id", "unit", "judged_on"), "context_observations (verdicts)")
    _require(
        observations,
        ("pledge_id", "date", "period", "value", "unit", "publisher"),
        "context_observations (observations)",
    )
    own = verdicts.set_index("pledge_id")
    known = observations["pledge_id"].isin(own.index)
    pledge_unit = observations["pledge_id"].map(own["unit"])
    as_of = observations["pledge_id"].map(own["judged_on"])
    other = known & (observations["unit"] != pledge_unit) & (observations["date"] <= as_of)
    columns = ["pledge_id", "date", "period", "value", "unit", "publisher"]
    return observations.loc[other, columns].reset_index(drop=True)


def context_table(context: pd.DataFrame) -> pd.DataFrame:
    """:func:`context_observations` for display: pledge, month of the reading (chapter 4's
    one date style; the source's own wording stays in ``period``), value with unit,
    publisher.

    Numbered from 0 whatever rows of ``context`` were picked, so a filtered selection shows
    no stray row labels."""
    _require(
        context,
        ("pledge_id", "date", "value", "unit", "publisher"),
        "context_table (context)",
    )
    return pd.DataFrame(
        {
            "ID": context["pledge_id"],
            "Date": [month(d) for d in context["date"]],
            "Observed": [
                quantity(v, u) for v, u in zip(context["value"], context["unit"], strict=True)
            ],
            "Publisher": context["publisher"],
        }
    ).reset_index(drop=True)


#: Verdicts that judge nothing yet: no reading at or after a passed deadline so far, or
#: nothing comparable at all.
UNJUDGED_VERDICTS = (
    "awaiting a reading",
    "too few readings to project",
    "not verifiable",
    "not scored (inferred target)",
)


def unverifiable_table(verdicts: pd.DataFrame, observations: pd.DataFrame) -> pd.DataFrame:
    """The pledges no verdict can be given for yet (:data:`UNJUDGED_VERDICTS`), why, and
    everything observed for them.

    "On record" lists every observation of the pledge dated on or before ``judged_on``, in
    whatever unit, dated by month as in the other tables: for these pledges that is all that
    is known.
    """
    _require(
        verdicts,
        ("pledge_id", "subject", "pledge", "verdict", "reason", "judged_on"),
        "unverifiable_table (verdicts)",
    )
    _require(
        observations,
        ("pledge_id", "date", "period", "value", "unit"),
        "unverifiable_table (observations)",
    )
    rows = verdicts[verdicts["verdict"].isin(UNJUDGED_VERDICTS)]
    on_record = []
    for row in rows.itertuples(index=False):
        seen = observations[
            (observations["pledge_id"] == row.pledge_id) & (observations["date"] <= row.judged_on)
        ].sort_values(["date", "unit"])
        on_record.append(
            "; ".join(
                f"{quantity(obs.value, obs.unit)} ({month(obs.date)})"
                for obs in seen.itertuples(index=False)
            )
            or "nothing on record"
        )
    return pd.DataFrame(
        {
            "ID": rows["pledge_id"],
            "Country": names_for(rows["subject"]),
            "Pledge": rows["pledge"],
            "Verdict": rows["verdict"],
            "Why no verdict": rows["reason"],
            "Later event": rows["later_event"].replace("", "–"),
            "On record": on_record,
        }
    ).reset_index(drop=True)


def record_targets_table(targets: pd.DataFrame) -> pd.DataFrame:
    """Every target in the record and what became of it (``record_targets.csv``): row,
    target, disposition (the pledges tracking it, or why not), ordered by row."""
    _require(
        targets,
        ("outcome_id", "target", "disposition", "pledge_ids", "reason"),
        "record_targets_table",
    )
    disposition = [
        f"pledge {ids.replace(';', ', ')}" if d == "pledge" else d
        for d, ids in zip(targets["disposition"], targets["pledge_ids"].fillna(""), strict=True)
    ]
    return pd.DataFrame(
        {
            "Row": targets["outcome_id"],
            "Target in the record": targets["target"],
            "Tracked as": disposition,
            "Why": targets["reason"],
        }
    ).reset_index(drop=True)
