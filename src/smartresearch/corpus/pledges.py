"""Targets the articles state or name, what was observed afterwards, and a computed verdict.

Two tidy tables, both hand-compiled with a citation on every row:

* ``pledges.csv``: one row per target (subject, measure, unit, direction, target value,
  deadline, who pledged it, the corpus documents that mention it, and the source that
  states the target);
* ``pledge_observations.csv``: one row per observed value (pledge, date, value, unit,
  source title, publisher, URL, and the ``policy_outcomes.csv`` id it came from).

Observation dates follow one convention: the stated day; for a month its last day; for a
fiscal year 31 March; for a calendar year 31 December; "start of" a year 1 January. The
``period`` column keeps the wording of the source.

Only observations in the pledge's own unit are compared with the target; the others
(users of a service whose target is counted in services, say) are kept as context for
charts. Verdicts are computed by :func:`pledge_verdicts`, never typed in.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
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


VERDICTS = (
    "met",
    "missed",
    "closed short of target",
    "re-dated",
    "on track",
    "off track",
    "awaiting a reading",
    "not verifiable",
)
#: Verdicts no later reading can change: the deadline has passed (or the programme closed, or
#: its deadline moved) and the verdict rests on the record at that time. Their reading's age
#: at the as-of date says nothing about them; a provisional verdict's does.
SETTLED_VERDICTS = ("missed", "closed short of target", "re-dated")
#: Verdicts read off a trend line to a deadline still ahead: provisional, one reading off the
#: trend can change them.
PROJECTED_VERDICTS = ("on track", "off track")
#: What became of a pledge besides its readings: still standing, its programme closed, or
#: its deadline moved (a re-dated target is judged against its new deadline elsewhere).
STATUSES = ("standing", "programme closed", "re-dated")

#: A reading taken this soon after a deadline stands for the state at the deadline when
#: nothing was observed before it (statistics are often first published months later).
GRACE_DAYS = 730
#: The trend towards a future deadline is the least-squares line through this many of
#: the most recent observations (the current pace, not the average since the start).
TREND_POINTS = 3

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
            description="When the programme closed or the deadline was moved",
        ),
        outcome_id_column(
            "status_outcome_id",
            description="Row of research/policy_outcomes.csv recording the closure or re-dating",
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
    checks=(_status_dates_in_order, _framing_known),
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


def _as_timestamp(value: str | date | pd.Timestamp) -> pd.Timestamp:
    try:
        stamp = pd.Timestamp(value)
    except (ValueError, TypeError) as error:
        raise ValueError(
            f"as_of={value!r} is not a date ({error}); use e.g. '2025-12-31'."
        ) from None
    if pd.isna(stamp):
        raise ValueError(f"as_of={value!r} is not a date; use e.g. '2025-12-31'.")
    return stamp.normalize()


def _meets(value: float, target: float, direction: str) -> bool:
    return value >= target if direction == "at least" else value <= target


def _trend_at(obs: pd.DataFrame, when: pd.Timestamp) -> float:
    """Least-squares line through the last TREND_POINTS observations, read at ``when``."""
    recent = obs.tail(TREND_POINTS)
    days = (recent["date"] - recent["date"].iloc[0]).dt.days.to_numpy(dtype="float64")
    slope, intercept = np.polyfit(days, recent["value"].to_numpy(dtype="float64"), 1)
    return float(intercept + slope * (when - recent["date"].iloc[0]).days)


def _verdict(pledge: pd.Series, obs: pd.DataFrame, as_of: pd.Timestamp) -> dict[str, object]:
    """Apply the rules of :func:`pledge_verdicts` to one pledge and its comparable observations."""
    target, direction, deadline = pledge["target_value"], pledge["direction"], pledge["deadline"]
    out: dict[str, object] = {
        "assessed_date": pd.NaT,
        "assessed_value": np.nan,
        "projected_value": np.nan,
        "settled": False,
    }

    def verdict(
        name: str, reason: str, row: pd.Series | None = None, *, settled: bool = False
    ) -> dict[str, object]:
        if row is not None:
            out.update(assessed_date=row["date"], assessed_value=row["value"])
        out.update(verdict=name, reason=reason, settled=settled)
        return out

    status = pledge.get("status", "standing")
    status_date = pledge.get("status_date", pd.NaT)
    status = "standing" if pd.isna(status) else status
    changed = status != "standing" and pd.notna(status_date) and status_date <= as_of
    if changed and status == "re-dated":
        return verdict(
            "re-dated",
            f"deadline moved to {day_text(pledge['new_deadline'])} "
            f"({pledge.get('status_outcome_id', '')}) on {day_text(status_date)}",
            obs.iloc[-1] if not obs.empty else None,
            settled=True,
        )
    if pd.isna(target):
        return verdict("not verifiable", "no numeric target on record")
    if obs.empty:
        return verdict(
            "not verifiable",
            f"no observation in the target's unit ({pledge['unit']}) by {day_text(as_of)}",
        )
    latest = obs.iloc[-1]
    if pd.isna(deadline):
        if _meets(latest["value"], target, direction):
            return verdict("met", "latest observation meets the target (no deadline set)", latest)
        return verdict(
            "not verifiable", "target not yet met and no deadline to judge it by", latest
        )
    closed = changed and status == "programme closed"
    if deadline <= as_of:
        # passed deadline: met if a reading by the deadline met it; otherwise judged on the
        # first reading at or after the deadline, never on a projection
        by_deadline = obs[obs["date"] <= deadline]
        hit = by_deadline[[_meets(v, target, direction) for v in by_deadline["value"]]]
        if not hit.empty:
            return verdict(
                "met", "a reading on or before the deadline meets it", hit.iloc[0], settled=True
            )
        window_end = deadline + pd.Timedelta(days=GRACE_DAYS)
        after = obs[(obs["date"] >= deadline) & (obs["date"] <= window_end)]
        if not after.empty:
            row = after.iloc[0]
            if _meets(row["value"], target, direction):
                return verdict(
                    "met", "first reading at or after the deadline meets it", row, settled=True
                )
            return verdict(
                "missed", "first reading at or after the deadline falls short", row, settled=True
            )
        if closed:
            return verdict(
                "closed short of target",
                f"programme closed on {day_text(status_date)} ({pledge['status_outcome_id']}); "
                "no reading met the target",
                latest,
                settled=True,
            )
        if not by_deadline.empty and as_of <= window_end:
            last = by_deadline.iloc[-1]
            return verdict(
                "awaiting a reading",
                f"deadline {day_text(deadline)} passed; the last reading before it "
                f"({day_text(last['date'])}) falls short and none at or after it is on record "
                f"by {day_text(as_of)}",
                last,
            )
        return verdict(
            "not verifiable",
            f"deadline passed; no reading within {GRACE_DAYS} days after it "
            f"(last reading {day_text(latest['date'])})",
            latest,
        )
    if closed and not _meets(latest["value"], target, direction):
        return verdict(
            "closed short of target",
            f"programme closed on {day_text(status_date)} ({pledge['status_outcome_id']}) "
            "before the deadline, short of the target",
            latest,
            settled=True,
        )
    if _meets(latest["value"], target, direction):
        return verdict("met", "already met before the deadline", latest)
    if len(obs) < 2:
        return verdict(
            "not verifiable", "deadline ahead and only one observation, so no trend", latest
        )
    projected = _trend_at(obs, deadline)
    out["projected_value"] = projected
    n = min(len(obs), TREND_POINTS)
    if _meets(projected, target, direction):
        return verdict(
            "on track",
            f"linear trend of the last {n} observations reaches the target by the deadline",
            latest,
        )
    return verdict(
        "off track",
        f"linear trend of the last {n} observations falls short by the deadline",
        latest,
    )


VERDICT_COLUMNS: tuple[str, ...] = (
    "pledge_id",
    "subject",
    "pledge",
    "direction",
    "target_value",
    "unit",
    "deadline",
    "as_of",
    "n_observations",
    "assessed_date",
    "assessed_value",
    "projected_value",
    "verdict",
    "settled",
    "reason",
)


def pledge_verdicts(
    as_of: str | date | pd.Timestamp | None = None,
    *,
    pledges: pd.DataFrame | None = None,
    observations: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Judge every pledge against the observations available on ``as_of``.

    ``as_of`` defaults to the date of the newest observation, so the result depends only on
    the data (not on the day it is run). Observations dated after ``as_of`` are ignored, and
    only those in the pledge's own unit are compared. Rules, in order:

    1. the deadline was moved before ``as_of`` (status "re-dated") → **re-dated**;
    2. no numeric target → **not verifiable**; no comparable observation → **not verifiable**;
    3. no deadline: the latest observation meets the target → **met**, else **not verifiable**;
    4. deadline passed: a reading on or before the deadline meets the target → **met**;
       otherwise the first reading within ``GRACE_DAYS`` after it decides **met** or
       **missed**; with none, a closed programme is **closed short of target**; a pledge
       with readings before the deadline, all short, is **awaiting a reading** while the
       ``GRACE_DAYS`` window is still open, and **not verifiable** once it has closed;
    5. deadline ahead: a closed programme short of its target → **closed short of target**;
       the latest observation already meets it → **met**; otherwise the least-squares line
       through the last ``TREND_POINTS`` observations, read at the deadline, meets it →
       **on track**, else **off track** (one observation: **not verifiable**).

    "Meets" means ``>=`` the target for direction "at least" and ``<=`` for "at most".
    ``settled`` is True where no later reading can change the verdict (the deadline has
    passed, the programme closed or its deadline moved); ``projected_value`` is set exactly
    for the provisional verdicts read off a trend (:data:`PROJECTED_VERDICTS`).
    """
    pledges = load_pledges() if pledges is None else pledges
    observations = (
        load_pledge_observations(pledges=pledges) if observations is None else observations
    )
    as_of_ts = observations["date"].max() if as_of is None else _as_timestamp(as_of)
    if pd.isna(as_of_ts):
        raise ValueError(
            "pledge_verdicts: there are no observations to take a default as_of from; pass as_of."
        )
    rows = []
    for _, pledge in pledges.iterrows():
        obs = observations[
            (observations["pledge_id"] == pledge["pledge_id"])
            & (observations["unit"] == pledge["unit"])
            & (observations["date"] <= as_of_ts)
        ].sort_values("date")
        # the verdict table opens with the pledge's own columns, up to its deadline
        row = {key: pledge[key] for key in VERDICT_COLUMNS[: VERDICT_COLUMNS.index("as_of")]}
        row.update(as_of=as_of_ts, n_observations=len(obs), **_verdict(pledge, obs, as_of_ts))
        rows.append(row)
    frame = pd.DataFrame(rows, columns=list(VERDICT_COLUMNS))
    return frame.astype(
        {
            "pledge_id": "str",
            "subject": "str",
            "pledge": "str",
            "direction": "str",
            "target_value": "float64",
            "unit": "str",
            "deadline": "datetime64[ns]",
            "as_of": "datetime64[ns]",
            "n_observations": "int64",
            "assessed_date": "datetime64[ns]",
            "assessed_value": "float64",
            "projected_value": "float64",
            "verdict": "str",
            "settled": "bool",
            "reason": "str",
        }
    )
