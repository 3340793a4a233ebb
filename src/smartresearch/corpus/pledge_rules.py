"""One stated rule for every pledge verdict, applied to the cited tables.

A pledge is judged on the target its source states **for that deadline**, on the day the
deadline fell due. The rules, in order (:func:`pledge_verdicts`):

1. a target the project inferred (``target_basis`` "inferred", e.g. a switch-off date read as
   a 100% target) is shown with its readings and **not scored**;
2. no numeric target, or no reading in the target's unit up to the judging date → **not
   verifiable**; no deadline: the latest reading meets the target → **met**, else **not
   verifiable**;
3. deadline passed (or the programme closed before it): the last reading on or before the
   deadline (the closure) meets the target → **met** (an earlier reading that met it does
   not count: a share can fall back before the day it fell due). Otherwise the readings
   from the deadline (the closure, for a programme closed early) to :data:`GRACE_DAYS`
   after it are the candidates: the first kind present in
   :data:`~smartresearch.corpus.pledges.READING_KINDS` (official statistic, then ministerial
   statement, then secondary report) decides, and within it the reading nearest the
   deadline → **met** or **missed**. With no candidate the record cannot decide:
   **awaiting a reading** while that window is open, **not verifiable** after;
4. deadline ahead: already met → **met**; otherwise a least-squares line through the
   readings of the last :data:`PROJECTION_YEARS` years, read at the deadline with its 90%
   prediction interval: the whole interval meets the target → **on track**, none of it →
   **off track**, the target inside it → **too close to call**. Fewer than
   :data:`MIN_READINGS` dated readings or :data:`MIN_VALUES` distinct values → **too few
   readings to project** (no line through identical points).

Later events (a closure, a re-dating, a re-scoping, recorded in ``pledges.csv`` with the
record row saying so) are shown in ``later_event`` beside the verdict and never replace it.
The judging date defaults to the date the record runs to
(:func:`smartresearch.corpus.outcomes.record_through`); the as-of date a reader is shown is
the newest reading a verdict actually used (:func:`as_of_date`).
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from smartresearch.corpus.pledges import (
    READING_KINDS,
    day_text,
    load_pledge_observations,
    load_pledges,
)
from smartresearch.errors import ValidationError

VERDICTS = (
    "met",
    "missed",
    "on track",
    "off track",
    "too close to call",
    "too few readings to project",
    "awaiting a reading",
    "not verifiable",
    "not scored (inferred target)",
)
#: Verdicts read off a projection to a deadline still ahead: provisional.
PROJECTED_VERDICTS = ("on track", "off track", "too close to call")
#: A reading this soon after a deadline stands for the state at the deadline (statistics
#: are often first published months later).
GRACE_DAYS = 730
#: The projection fits the readings of this many years before the judging date.
PROJECTION_YEARS = 5
#: A projection needs this many readings on distinct dates ...
MIN_READINGS = 4
#: ... holding at least this many distinct values (else the fit's spread means nothing).
MIN_VALUES = 3
#: Coverage of the projection's prediction interval.
INTERVAL = 0.90

VERDICT_COLUMNS: tuple[str, ...] = (
    "pledge_id",
    "subject",
    "pledge",
    "direction",
    "target_value",
    "unit",
    "deadline",
    "target_basis",
    "judged_on",
    "n_observations",
    "assessed_date",
    "assessed_value",
    "assessed_kind",
    "assessed_outcome_id",
    "projected_value",
    "projected_low",
    "projected_high",
    "newest_used",
    "verdict",
    "settled",
    "reason",
    "later_event",
)


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


def preferred_reading(readings: pd.DataFrame, start: pd.Timestamp) -> pd.Series:
    """The reading that judges a deadline among ``readings`` (all at or after ``start``):
    the first kind present in :data:`READING_KINDS`, and within it the nearest to ``start``.

    A kind outside the stated order is refused, naming it."""
    unknown = sorted(set(readings["reading_kind"]) - set(READING_KINDS))
    if unknown:
        raise ValidationError(
            f"preferred_reading: column 'reading_kind' has {unknown}; the stated order is "
            f"{list(READING_KINDS)}."
        )
    rank = readings["reading_kind"].map(READING_KINDS.index)
    ordered = readings.assign(_rank=rank, _gap=(readings["date"] - start).abs())
    return ordered.sort_values(["_rank", "_gap", "date"], kind="stable").iloc[0]


def projection(
    readings: pd.DataFrame, when: pd.Timestamp, judged_on: pd.Timestamp
) -> tuple[float, float, float, int] | None:
    """Least-squares line through the readings of the last :data:`PROJECTION_YEARS` years
    before ``judged_on`` (one per date: the preferred kind), read at ``when``, with its
    :data:`INTERVAL` prediction interval: (value, low, high, readings used). None when the
    readings are too few (:data:`MIN_READINGS` dates, :data:`MIN_VALUES` distinct values)."""
    recent = readings[readings["date"] > judged_on - pd.DateOffset(years=PROJECTION_YEARS)]
    if recent.empty:
        return None
    rank = recent["reading_kind"].map(READING_KINDS.index)
    one = recent.assign(_rank=rank).sort_values(["date", "_rank"]).drop_duplicates("date")
    if len(one) < MIN_READINGS or one["value"].nunique() < MIN_VALUES:
        return None
    x = ((one["date"] - one["date"].iloc[0]).dt.days / 365.25).to_numpy(dtype="float64")
    y = one["value"].to_numpy(dtype="float64")
    slope, intercept = np.polyfit(x, y, 1)
    x0 = (when - one["date"].iloc[0]).days / 365.25
    n = len(x)
    resid = y - (intercept + slope * x)
    s = float(np.sqrt((resid**2).sum() / (n - 2)))
    spread = s * np.sqrt(1 + 1 / n + (x0 - x.mean()) ** 2 / ((x - x.mean()) ** 2).sum())
    from scipy import stats  # on first use: importing scipy.stats costs about 1.2 s

    t = float(stats.t.ppf(0.5 + INTERVAL / 2, n - 2))
    centre = float(intercept + slope * x0)
    return centre, centre - t * spread, centre + t * spread, n


def later_event(pledge: pd.Series, judged_on: pd.Timestamp) -> str:
    """What happened to the pledge after it was set, in words with the record row ("" when
    nothing did by ``judged_on``): shown beside the verdict, never in its place."""
    status, when = pledge.get("status", "standing"), pledge.get("status_date", pd.NaT)
    if pd.isna(status) or status == "standing" or pd.isna(when) or when > judged_on:
        return ""
    oid = pledge.get("status_outcome_id", "")
    if status == "re-dated":
        return f"deadline moved to {day_text(pledge['new_deadline'])} on {day_text(when)} ({oid})"
    if status == "re-scoped":
        return f"scope replaced on {day_text(when)} ({oid})"
    return f"programme closed on {day_text(when)} ({oid})"


def _judge(pledge: pd.Series, obs: pd.DataFrame, judged_on: pd.Timestamp) -> dict[str, object]:
    target, direction, deadline = pledge["target_value"], pledge["direction"], pledge["deadline"]
    out: dict[str, object] = {
        "assessed_date": pd.NaT,
        "assessed_value": np.nan,
        "assessed_kind": "",
        "assessed_outcome_id": "",
        "projected_value": np.nan,
        "projected_low": np.nan,
        "projected_high": np.nan,
        "newest_used": pd.NaT,
        "settled": False,
    }

    def verdict(name: str, reason: str, row: pd.Series | None = None, settled: bool = False):
        if row is not None:
            out.update(
                assessed_date=row["date"],
                assessed_value=row["value"],
                assessed_kind=row["reading_kind"],
                assessed_outcome_id=row["outcome_id"],
                newest_used=row["date"],
            )
        out.update(verdict=name, reason=reason, settled=settled)
        return out

    closed = pledge.get("status") == "programme closed" and pd.notna(pledge.get("status_date"))
    closed = closed and pledge["status_date"] <= judged_on
    start = deadline
    if closed and pd.notna(deadline) and pledge["status_date"] < deadline:
        start = pledge["status_date"]  # no reading after a closure can count for it
    passed = pd.notna(start) and start <= judged_on
    nearest = None
    if not obs.empty and pd.notna(start):
        after = obs[obs["date"] >= start]
        nearest = after.iloc[0] if not after.empty else obs.iloc[-1]
    if pledge.get("target_basis") == "inferred":
        return verdict(
            "not scored (inferred target)",
            f"no source states this target; it was inferred ({pledge['deadline_basis']})",
            nearest,
            settled=passed,
        )
    if pd.isna(target):
        return verdict("not verifiable", "no numeric target on record")
    if obs.empty:
        return verdict(
            "not verifiable",
            f"no reading in the target's unit ({pledge['unit']}) up to {day_text(judged_on)}",
        )
    latest = obs.iloc[-1]
    if pd.isna(deadline):
        if _meets(latest["value"], target, direction):
            return verdict("met", "latest reading meets the target (no deadline set)", latest)
        return verdict("not verifiable", "target not met and no deadline to judge it by", latest)
    if passed:
        by_deadline = obs[obs["date"] <= deadline]
        # only the state on the day: a share met early can fall back by the deadline
        before = obs[obs["date"] <= start]
        if not before.empty:
            last = preferred_reading(before[before["date"] == before["date"].max()], start)
            if _meets(last["value"], target, direction):
                return verdict(
                    "met", "the last reading on or before the deadline meets it", last, True
                )
        window_end = deadline + pd.Timedelta(days=GRACE_DAYS)
        candidates = obs[(obs["date"] >= start) & (obs["date"] <= window_end)]
        if not candidates.empty:
            row = preferred_reading(candidates, start)
            where = "at the closure" if start < deadline else "at or after the deadline"
            kind = f"the preferred reading {where} ({row['reading_kind']})"
            if _meets(row["value"], target, direction):
                return verdict("met", f"{kind} meets it", row, True)
            return verdict("missed", f"{kind} falls short", row, True)
        last = by_deadline.iloc[-1] if not by_deadline.empty else latest
        cannot = (
            f"the record cannot decide: the last reading before the deadline "
            f"({day_text(last['date'])}) falls short and none within {GRACE_DAYS} days after it "
        )
        if judged_on <= window_end:
            return verdict(
                "awaiting a reading", cannot + f"is on record by {day_text(judged_on)}", last
            )
        return verdict("not verifiable", cannot + "was ever recorded", last, True)
    if _meets(latest["value"], target, direction):
        return verdict("met", "already met before the deadline", latest)
    fit = projection(obs, deadline, judged_on)
    if fit is None:
        return verdict(
            "too few readings to project",
            f"deadline ahead; fewer than {MIN_READINGS} dated readings with {MIN_VALUES} "
            f"distinct values in the last {PROJECTION_YEARS} years",
            latest,
        )
    centre, low, high, n = fit
    out.update(projected_value=centre, projected_low=low, projected_high=high)
    span = (
        f"line through {n} readings gives {centre:.3g} ({INTERVAL:.0%} range {low:.3g}–{high:.3g})"
    )
    lo_ok, hi_ok = _meets(low, target, direction), _meets(high, target, direction)
    if lo_ok and hi_ok:
        return verdict("on track", f"{span}: the whole range meets the target", latest)
    if not lo_ok and not hi_ok:
        return verdict("off track", f"{span}: none of the range meets the target", latest)
    return verdict("too close to call", f"{span}: the target lies inside the range", latest)


def pledge_verdicts(
    as_of: str | date | pd.Timestamp | None = None,
    *,
    pledges: pd.DataFrame | None = None,
    observations: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Judge every pledge by the rules of this module's docstring on the readings dated on
    or before ``as_of`` (the judging date: by default the date the record runs to,
    :func:`~smartresearch.corpus.outcomes.record_through`, so the answer depends on the
    data only). Only readings in the pledge's own unit are compared. Returns
    :data:`VERDICT_COLUMNS`, one row per pledge in the pledges' order."""
    pledges = load_pledges() if pledges is None else pledges
    observations = (
        load_pledge_observations(pledges=pledges) if observations is None else observations
    )
    if as_of is None:
        from smartresearch.corpus.outcomes import record_through

        judged_on = record_through()
    else:
        judged_on = _as_timestamp(as_of)
    if "reading_kind" not in observations.columns:
        raise ValidationError(
            "pledge_verdicts: observations need a 'reading_kind' column "
            f"({list(READING_KINDS)}); load them with load_pledge_observations()."
        )
    rows = []
    for _, pledge in pledges.iterrows():
        obs = observations[
            (observations["pledge_id"] == pledge["pledge_id"])
            & (observations["unit"] == pledge["unit"])
            & (observations["date"] <= judged_on)
        ].sort_values("date")
        row = {key: pledge.get(key, "stated") for key in VERDICT_COLUMNS[:8]}
        judged = _judge(pledge, obs, judged_on)
        if judged["verdict"] in PROJECTED_VERDICTS:
            judged["newest_used"] = obs["date"].max()
        row.update(
            judged_on=judged_on,
            n_observations=len(obs),
            **judged,
            later_event=later_event(pledge, judged_on),
        )
        rows.append(row)
    frame = pd.DataFrame(rows, columns=list(VERDICT_COLUMNS))
    return frame.astype(
        {
            "target_value": "float64",
            "deadline": "datetime64[ns]",
            "judged_on": "datetime64[ns]",
            "n_observations": "int64",
            "assessed_date": "datetime64[ns]",
            "assessed_value": "float64",
            "projected_value": "float64",
            "projected_low": "float64",
            "projected_high": "float64",
            "newest_used": "datetime64[ns]",
            "settled": "bool",
        }
    )


def as_of_date(verdicts: pd.DataFrame) -> pd.Timestamp:
    """The newest reading any verdict actually used: the as-of date under every verdict
    table and chart (not the newest row of the record, which may decide nothing)."""
    if "newest_used" not in verdicts.columns:
        raise ValidationError("as_of_date: verdicts need the 'newest_used' column.")
    used = verdicts["newest_used"].dropna()
    if used.empty:
        raise ValidationError("as_of_date: no verdict used a reading, so there is no as-of date.")
    return pd.Timestamp(used.max())
