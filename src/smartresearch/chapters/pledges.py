"""Chapter 4 (UK pledges): the sentences the summary page shares with the chapter.

The verdicts are computed by :func:`smartresearch.corpus.pledge_verdicts`; this module puts
them into words. The pledges tracked are not all government targets the articles repeat:
some are techUK proposals and some are targets stated only in the record of outcomes, so
the sentence names who pledged rather than calling them all "targets the articles repeat".
"""

from __future__ import annotations

import pandas as pd

from smartresearch._columns import require_columns
from smartresearch.corpus import summaries
from smartresearch.corpus.pledges import FRAMINGS, VERDICTS
from smartresearch.errors import ValidationError

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
    """Chapter 4's verdict table: :func:`summaries.verdict_table` plus where each target
    comes from (``framing``) and how old the newest reading behind the verdict is."""
    require_columns(pledges, ("pledge_id", "framing"), what="verdict_table (pledges)")
    table = summaries.verdict_table(verdicts, pledges).reset_index(drop=True)
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


def verdict_phrase(verdicts: pd.DataFrame) -> str:
    """ "2 missed, 3 off track and 3 not verifiable" (verdicts nobody got left out)."""
    require_columns(verdicts, ("verdict",), what="verdict_phrase (verdicts)")
    counts = verdicts["verdict"].value_counts()
    parts = [f"{int(counts[v])} {v}" for v in VERDICTS if v in counts.index]
    if not parts:
        return "no pledges"
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


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
