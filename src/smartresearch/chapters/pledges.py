"""Chapter 4 (UK pledges): its verdict table, sentences and tracker panels.

The verdicts are computed by :func:`smartresearch.corpus.pledge_verdicts`; this module puts
them into words (the summary page quotes the same sentences), builds the chapter's main
table on :func:`smartresearch.chapters.pledge_tables.verdict_evidence` and chooses the
pledges the trackers draw (:func:`tracker_panels`, drawn by
:func:`smartresearch.plots.draw_pledge_trackers`).

The pledges tracked are not all government targets the articles repeat: some are techUK
proposals and some are targets stated only in the record of outcomes, so
the sentence names who pledged rather than calling them all "targets the articles repeat".
"""

from __future__ import annotations

import pandas as pd

from smartresearch._columns import require_columns
from smartresearch.chapters.pledge_tables import verdict_evidence
from smartresearch.chapters.quantities import format_quantity
from smartresearch.corpus.pledges import FRAMINGS, VERDICT_COLUMNS, VERDICTS
from smartresearch.errors import ValidationError
from smartresearch.plots.alt import join_words
from smartresearch.plots.pledge_trackers import TrackerPanel
from smartresearch.plots.pledges import pledge_points

#: How the summary names each framing (plural), in the order of FRAMINGS.
FRAMING_NAMES = {
    "article target": "targets the articles state",
    "record context": "record-context targets",
    "industry proposal": "techUK proposals",
}

#: The same names for a count of one.
FRAMING_NAMES_ONE = {
    "article target": "target the articles state",
    "record context": "record-context target",
    "industry proposal": "techUK proposal",
}

#: Average month length in days, for a reading's age at the as-of date.
_MONTH_DAYS = 365.25 / 12


def last_readings(verdicts: pd.DataFrame, observations: pd.DataFrame) -> pd.DataFrame:
    """Each pledge's newest comparable reading on or before the as-of date, and its age in
    whole months then: a verdict resting on a 2015 reading is weaker than one from last month,
    and the reader should see which is which."""
    require_columns(verdicts, ("pledge_id", "unit", "as_of"), what="last_readings (verdicts)")
    require_columns(
        observations, ("pledge_id", "unit", "date"), what="last_readings (observations)"
    )
    rows = []
    for _, v in verdicts.iterrows():
        obs = observations[
            (observations["pledge_id"] == v["pledge_id"])
            & (observations["unit"] == v["unit"])
            & (observations["date"] <= v["as_of"])
        ]
        last = obs["date"].max() if not obs.empty else pd.NaT
        age = round((v["as_of"] - last).days / _MONTH_DAYS) if pd.notna(last) else pd.NA
        rows.append({"pledge_id": v["pledge_id"], "last_reading": last, "age_months": age})
    return pd.DataFrame(rows).astype({"last_reading": "datetime64[ns]", "age_months": "Int64"})


def verdict_table(
    verdicts: pd.DataFrame, pledges: pd.DataFrame, observations: pd.DataFrame
) -> pd.DataFrame:
    """Chapter 4's verdict table: :func:`~smartresearch.chapters.pledge_tables.verdict_evidence`
    plus where each target comes from (``framing``) and how old the newest reading behind
    the verdict is."""
    require_columns(pledges, ("pledge_id", "framing"), what="verdict_table (pledges)")
    table = verdict_evidence(verdicts, pledges).reset_index(drop=True)
    framing = verdicts["pledge_id"].map(pledges.set_index("pledge_id")["framing"])
    table.insert(table.columns.get_loc("Pledged by") + 1, "Framing", framing.to_numpy())
    if "supersedes" in pledges.columns:
        # a re-dated target tracked anew says which pledge it replaces
        old = verdicts["pledge_id"].map(pledges.set_index("pledge_id")["supersedes"])
        table["Pledge"] = [
            f"{text} (replaces {was})" if isinstance(was, str) else text
            for text, was in zip(table["Pledge"], old, strict=True)
        ]
    last = last_readings(verdicts, observations).reset_index(drop=True)
    at = table.columns.get_loc("Verdict") + 1
    table.insert(
        at,
        "Last reading",
        [f"{d:%b %Y}" if pd.notna(d) else "none" for d in last["last_reading"]],
    )
    table.insert(
        at + 1,
        "Age (months)",
        ["–" if pd.isna(a) else str(int(a)) for a in last["age_months"]],
    )
    return table


def framing_phrase(pledges: pd.DataFrame) -> str:
    """ "5 targets the articles state, 4 record-context targets and 2 techUK proposals"."""
    require_columns(pledges, ("framing",), what="framing_phrase (pledges)")
    unknown = sorted(set(pledges["framing"]) - set(FRAMINGS))
    if unknown:
        raise ValidationError(
            f"framing_phrase: pledges, column 'framing': {unknown} not in {list(FRAMINGS)}."
        )
    counts = pledges["framing"].value_counts()
    parts = [
        f"{int(counts[f])} {(FRAMING_NAMES_ONE if counts[f] == 1 else FRAMING_NAMES)[f]}"
        for f in FRAMINGS
        if f in counts.index
    ]
    if not parts:
        return "no pledges"
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def verdict_counts(verdicts: pd.DataFrame) -> pd.DataFrame:
    """How many pledges got each verdict: verdict, pledges (every verdict, in rule order)."""
    require_columns(verdicts, ("verdict",), what="verdict_counts (verdicts)")
    unknown = sorted(set(verdicts["verdict"]) - set(VERDICTS))
    if unknown:
        raise ValidationError(
            f"verdict_counts: column 'verdict' has {unknown}; pledge_verdicts gives only "
            f"{list(VERDICTS)}."
        )
    counts = verdicts["verdict"].value_counts().reindex(list(VERDICTS), fill_value=0)
    return pd.DataFrame({"verdict": list(VERDICTS), "pledges": counts.to_numpy(dtype="int64")})


def verdict_phrase(verdicts: pd.DataFrame) -> str:
    """The verdicts of some pledges in words, in rule order: "2 missed, 3 off track and 3 not
    verifiable" (verdicts nobody got are left out; "no pledges" for an empty table)."""
    counts = verdict_counts(verdicts)
    parts = [f"{n} {verdict}" for verdict, n in counts.itertuples(index=False) if n]
    return join_words(parts) if parts else "no pledges"


def projection_phrase(verdicts: pd.DataFrame) -> str:
    """Each projected pledge's trend value against its target, for prose: "P05 is projected
    to reach 5.85% against a target of 6%; ..." ("" when nothing was projected)."""
    require_columns(
        verdicts,
        ("pledge_id", "projected_value", "target_value", "unit"),
        what="projection_phrase (verdicts)",
    )
    projected = verdicts[verdicts["projected_value"].notna()]
    return "; ".join(
        f"{row.pledge_id} is projected to reach "
        f"{format_quantity(row.projected_value, row.unit)} against a target of "
        f"{format_quantity(row.target_value, row.unit)}"
        for row in projected.itertuples(index=False)
    )


def tracker_panels(verdicts: pd.DataFrame, observations: pd.DataFrame) -> list[TrackerPanel]:
    """One panel per pledge with a numeric target and at least one observation in its unit.

    A pledge without a numeric target has no line to draw observations against; it is
    listed by :func:`~smartresearch.chapters.pledge_tables.unverifiable_table` instead.

    Points come from :func:`smartresearch.plots.pledge_points` (observations in the
    pledge's own unit, the target at its deadline, the projection when one was made), and
    only observations dated on or before ``as_of`` are drawn, as the verdict saw them.
    """
    require_columns(verdicts, VERDICT_COLUMNS, what="tracker_panels (verdicts)")
    require_columns(
        observations, ("pledge_id", "date", "value", "unit"), what="tracker_panels (observations)"
    )
    panels = []
    for _, row in verdicts.iterrows():
        if row["n_observations"] == 0 or pd.isna(row["target_value"]):
            continue
        seen = observations[observations["date"] <= row["as_of"]]
        panels.append(
            TrackerPanel(
                pledge_id=str(row["pledge_id"]),
                pledge=str(row["pledge"]),
                points=pledge_points(row, seen),
                verdict=str(row["verdict"]),
                unit=str(row["unit"]),
                iso3=str(row["subject"]),
            )
        )
    return panels


def uk_pledges_line(verdicts: pd.DataFrame, pledges: pd.DataFrame) -> str:
    """The summary's pledge line: where the UK pledges' targets come from (an article, the
    record, or techUK), their verdicts, and the date the record runs to."""
    require_columns(verdicts, ("pledge_id", "subject", "verdict", "as_of"), what="verdicts")
    require_columns(pledges, ("pledge_id", "framing"), what="pledges")
    uk = verdicts[verdicts["subject"] == "GBR"]
    tracked = pledges[pledges["pledge_id"].isin(uk["pledge_id"])]
    return (
        f"- **UK pledges.** Of the {len(uk)} UK pledges tracked ({framing_phrase(tracked)}), "
        f"the record shows {verdict_phrase(uk)} (record as of {uk['as_of'].max():%d %B %Y})."
    )
