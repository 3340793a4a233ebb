"""Chapter 4's sentences: where the targets come from, the verdicts in words, and the rule.

Every sentence is built from the computed tables (:func:`smartresearch.corpus.pledge_verdicts`
and the curated pledges), so the chapter, chapter 1 and the summary page say the same thing
and no number in the prose is typed. :data:`RULE` states the verdict rule once for all of them.
"""

from __future__ import annotations

import pandas as pd

from smartresearch._columns import require_columns
from smartresearch.chapters.quantities import month
from smartresearch.corpus.pledge_rules import (
    GRACE_DAYS,
    INTERVAL,
    MIN_READINGS,
    MIN_VALUES,
    PROJECTION_YEARS,
    VERDICTS,
)
from smartresearch.corpus.pledges import FRAMINGS, READING_KINDS
from smartresearch.countries import names_for
from smartresearch.errors import ValidationError
from smartresearch.wording import join_names, quantity

#: How the summary names each framing (plural), in the order of FRAMINGS.
FRAMING_NAMES = {
    "article target": "targets the articles state",
    "record context": "related government targets from the record",
    "industry proposal": "techUK proposals",
}

#: The same names for a count of one.
FRAMING_NAMES_ONE = {
    "article target": "target the articles state",
    "record context": "related government target from the record",
    "industry proposal": "techUK proposal",
}

#: How a provisional verdict read off a projection is marked in tables and sentences.
PROJECTED_MARK = "projected, so provisional"

#: The verdict rule in one paragraph: chapter 4, chapter 1 and the summary quote it.
RULE = (
    "A pledge is judged on the target its source states for that deadline, on the day the "
    "deadline fell due: met if the last reading on or before the deadline reaches it; otherwise on "
    f"the reading at or nearest after the deadline (within {GRACE_DAYS} days), preferring "
    + " to ".join(f"{k}s" for k in READING_KINDS)
    + ". Later events (a closure, a new deadline, a new scope) are shown beside the verdict "
    "and never replace it; a re-scoped target is its own pledge with its own source. A target "
    "the project inferred (a switch-off date is not a 100% target) is not scored. A deadline "
    "still ahead gets a straight line through the readings of the last "
    f"{PROJECTION_YEARS} years with its {INTERVAL:.0%} prediction interval (on track, off "
    f"track, or too close to call), and none with fewer than {MIN_READINGS} dated readings "
    f"holding {MIN_VALUES} distinct values. Where the record cannot decide, the verdict says so."
)


def successors(pledges: pd.DataFrame) -> dict[str, str]:
    """Superseded pledge id → the id of the pledge that replaces it (``supersedes`` column),
    so a re-dated target tracked anew is not read as two separate promises."""
    if "supersedes" not in pledges.columns:
        return {}
    rows = pledges.dropna(subset=["supersedes"])
    return dict(zip(rows["supersedes"].astype(str), rows["pledge_id"].astype(str), strict=True))


def framing_intro(pledges: pd.DataFrame) -> str:
    """Chapter 4's opening sentences: how many targets are tracked and where each kind
    comes from, naming the ones the articles state and the industry proposals (the rest
    are government targets the record holds for programmes the articles name)."""
    require_columns(
        pledges, ("pledge_id", "subject", "pledge", "framing"), what="framing_intro (pledges)"
    )
    framing_phrase(pledges)  # refuses an unknown framing, naming it
    by = {f: pledges[pledges["framing"] == f] for f in FRAMINGS}

    def named(rows: pd.DataFrame) -> str:
        return join_names([f"{r.pledge} ({r.pledge_id})" for r in rows.itertuples(index=False)])

    def are(n: int, one: str, many: str) -> str:
        return f"{n} is {one}" if n == 1 else f"{n} are {many}"

    stated, record, proposed = (len(by[f]) for f in FRAMINGS)
    parts = [f"This chapter tracks {len(pledges)} targets and asks of each: **was it met?**"]
    if stated:
        parts.append(
            f"{are(stated, 'a target', 'targets').capitalize()} the articles themselves "
            f"state: {named(by['article target'])}."
        )
    if record:
        abroad = sorted(set(names_for(by["record context"]["subject"])) - {"United Kingdom"})
        owners = [f"{country}'s" for country in abroad]
        where = f", {join_names(owners)} among them" if abroad else ""
        parts.append(
            f"{are(record, 'a related government target', 'related government targets')} "
            "from the record of outcomes, for programmes the articles name while quoting "
            f"only a baseline or the platform's name{where}."
        )
    if proposed:
        parts.append(
            f"{are(proposed, 'an industry proposal', 'industry proposals')} from techUK, "
            f"asks made to government rather than targets it set: "
            f"{named(by['industry proposal'])}."
        )
    parts.append("The *Framing* column of the verdict table says which is which.")
    return " ".join(parts)


def framing_phrase(pledges: pd.DataFrame) -> str:
    """ "5 targets the articles state, 4 related government targets from the record and
    2 techUK proposals"."""
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


def verdict_phrase(verdicts: pd.DataFrame, pledges: pd.DataFrame | None = None) -> str:
    """The verdicts of some pledges in words, in rule order: "2 missed, 1 off track
    (projected, so provisional) and 3 not verifiable" (verdicts nobody got are left out;
    "no pledges" for an empty table).

    A verdict read off a trend carries :data:`PROJECTED_MARK`; with ``pledges``, a pledge
    another one replaces (``supersedes``) is named with its successor, "1 re-dated (P08,
    superseded by P12)", so the reader does not count one commitment twice."""
    counts = verdict_counts(verdicts)
    replaced_by = successors(pledges) if pledges is not None else {}
    parts = []
    for verdict, n in counts.itertuples(index=False):
        if not n:
            continue
        rows = verdicts[verdicts["verdict"] == verdict]
        notes = [
            f"{'' if n == 1 else 'among them '}{pid}, superseded by {replaced_by[pid]}"
            for pid in rows["pledge_id"]
            if pid in replaced_by
        ]
        if "projected_value" in rows.columns and rows["projected_value"].notna().all():
            notes.append(PROJECTED_MARK)
        parts.append(f"{n} {verdict}" + (f" ({'; '.join(notes)})" if notes else ""))
    return join_names(parts) if parts else "no pledges"


def projection_phrase(verdicts: pd.DataFrame) -> str:
    """Each projected pledge's line value and prediction interval against its target, for
    prose: "P13 is projected at 6.98% (90% range 4.83%–9.14%) by Mar 2030 against a target
    of 10%; ..." ("" when nothing was projected)."""
    require_columns(
        verdicts,
        ("pledge_id", "projected_value", "projected_low", "projected_high", "target_value"),
        what="projection_phrase (verdicts)",
    )
    projected = verdicts[verdicts["projected_value"].notna()]

    def bare(value: float, unit: str) -> str:
        # the range's ends without the unit's words: "4.83%", not "4.83% of civil service"
        return f"{value:.3g}%" if str(unit).startswith("%") else f"{value:,.3g}"

    return "; ".join(
        f"{row.pledge_id} is projected at {quantity(row.projected_value, row.unit)} "
        f"({INTERVAL:.0%} range {bare(row.projected_low, row.unit)} to "
        f"{bare(row.projected_high, row.unit)}) by {month(row.deadline)} against "
        f"a target of {bare(row.target_value, row.unit)}"
        for row in projected.itertuples(index=False)
    )


#: Verdicts that judge nothing (yet), each with why, in words.
_UNJUDGED = {
    "awaiting a reading": "the deadline has passed and the readings before it fall short, "
    "but none at or after it is on record yet",
    "too few readings to project": "the deadline is ahead and the readings are too few to project",
    "not scored (inferred target)": "no source states the target: the project inferred it",
}


def unjudged_phrase(verdicts: pd.DataFrame) -> str:
    """Why the pledges without a verdict have none, in words, naming them: awaiting a
    reading, too few readings to project, an inferred target, then the unverifiable ones by
    cause (no numeric target, no reading in the target's unit, the record cannot decide).
    "Every pledge on record could be judged." when none is left."""
    require_columns(
        verdicts,
        ("pledge_id", "verdict", "target_value", "n_observations", "judged_on"),
        what="unjudged_phrase (verdicts)",
    )
    parts = []
    for verdict, why in _UNJUDGED.items():
        rows = verdicts[verdicts["verdict"] == verdict]
        if len(rows):
            ids = join_names(list(rows["pledge_id"]))
            parts.append(f"{len(rows)} {verdict} ({ids}): {why}")
    unverifiable = verdicts[verdicts["verdict"] == "not verifiable"]
    no_target = unverifiable["target_value"].isna()
    unseen = ~no_target & (unverifiable["n_observations"] == 0)
    causes = [
        (unverifiable[no_target], "no numeric target"),
        (
            unverifiable[unseen],
            f"no reading in the target's unit up to {month(verdicts['judged_on'].max())}",
        ),
        (unverifiable[~no_target & ~unseen], "the record cannot decide"),
    ]
    for rows, why in causes:
        if len(rows):
            ids = join_names(list(rows["pledge_id"]))
            parts.append(f"{len(rows)} not verifiable for {why} ({ids})")
    if not parts:
        return "Every pledge on record could be judged."
    n = sum(verdicts["verdict"].isin([*_UNJUDGED, "not verifiable"]))
    return f"{n} {'pledge has' if n == 1 else 'pledges have'} no verdict: " + "; ".join(parts) + "."


def uk_pledges_line(verdicts: pd.DataFrame, pledges: pd.DataFrame) -> str:
    """The summary's pledge line: the rule in brief, where the UK pledges' targets come from
    (an article, the record, or techUK), their verdicts, and the as-of date (the newest
    reading a verdict uses) beside the date the record runs to."""
    from smartresearch.corpus.pledge_rules import as_of_date

    require_columns(
        verdicts, ("pledge_id", "subject", "verdict", "judged_on", "newest_used"), what="verdicts"
    )
    require_columns(pledges, ("pledge_id", "framing"), what="pledges")
    uk = verdicts[verdicts["subject"] == "GBR"]
    tracked = pledges[pledges["pledge_id"].isin(uk["pledge_id"])]
    return (
        f"- **UK pledges.** Each is judged on the target its source states for that deadline, "
        "on the reading at or nearest after the deadline (official statistics first), with "
        "later events shown beside the verdict, never instead of it. "
        f"Of the {len(uk)} UK pledges tracked ({framing_phrase(tracked)}), "
        f"the record shows {verdict_phrase(uk, pledges)} "
        # the summary page writes dates in full, as its other lines do
        f"(as of {as_of_date(verdicts):%-d %B %Y}, the newest reading used; the record runs "
        f"to {uk['judged_on'].max():%-d %B %Y})."
    )
