"""Chapter 4 (UK pledges): its verdict table, sentences and tracker panels.

The verdicts are computed by :func:`smartresearch.corpus.pledge_verdicts`; this module puts
them into words (the summary page quotes the same sentences), builds the chapter's main
table on :func:`smartresearch.chapters.pledge_tables.verdict_evidence` and chooses the
pledges the trackers draw (:func:`tracker_panels`, drawn by
:func:`smartresearch.plots.draw_pledge_trackers`).

The pledges tracked are not all government targets the articles state: some are techUK
proposals and some are targets stated only in the record of outcomes, so the chapter's
opening (:func:`framing_intro`) and the summary's line (:func:`uk_pledges_line`) count each
kind rather than calling them all "targets the articles repeat". A verdict read off a trend
is marked provisional, and a pledge another replaces is named with its successor, so one
commitment is not read as two.
"""

from __future__ import annotations

import pandas as pd

from smartresearch._columns import require_columns
from smartresearch.chapters.pledge_tables import verdict_evidence
from smartresearch.chapters.quantities import format_quantity, month
from smartresearch.corpus.pledges import FRAMINGS, VERDICT_COLUMNS, VERDICTS
from smartresearch.countries import names_for
from smartresearch.errors import ValidationError
from smartresearch.plots.pledge_trackers import TrackerPanel
from smartresearch.plots.pledges import pledge_points
from smartresearch.wording import join_names as join_words

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

#: Average month length in days, for a reading's age at the as-of date.
_MONTH_DAYS = 365.25 / 12

#: How a provisional verdict read off a trend is marked in tables and sentences.
PROJECTED_MARK = "projected, so provisional"


def successors(pledges: pd.DataFrame) -> dict[str, str]:
    """Superseded pledge id → the id of the pledge that replaces it (``supersedes`` column),
    so a re-dated target tracked anew is not read as two separate promises."""
    if "supersedes" not in pledges.columns:
        return {}
    rows = pledges.dropna(subset=["supersedes"])
    return dict(zip(rows["supersedes"].astype(str), rows["pledge_id"].astype(str), strict=True))


def reading_ages(verdicts: pd.DataFrame) -> pd.DataFrame:
    """The reading each verdict rests on (``assessed_date``) and its age in whole months at
    the as-of date. The age is left empty for a settled verdict (the deadline has passed,
    the programme closed or its deadline moved): a newer reading could not change it, so
    its age says nothing; for a provisional verdict an old reading is a weaker one."""
    require_columns(
        verdicts, ("pledge_id", "as_of", "assessed_date", "settled"), what="reading_ages (verdicts)"
    )
    ages = [
        pd.NA if settled or pd.isna(when) else round((as_of - when).days / _MONTH_DAYS)
        for when, as_of, settled in zip(
            verdicts["assessed_date"], verdicts["as_of"], verdicts["settled"], strict=True
        )
    ]
    return pd.DataFrame(
        {
            "pledge_id": verdicts["pledge_id"].to_numpy(),
            "reading": verdicts["assessed_date"].to_numpy(),
            "age_months": ages,
        }
    ).astype({"reading": "datetime64[ns]", "age_months": "Int64"})


def verdict_label(verdict: str, projected: bool) -> str:
    """A verdict as shown to a reader: "on track (projected, so provisional)" when it was
    read off a trend line, the verdict itself otherwise."""
    return f"{verdict} ({PROJECTED_MARK})" if projected else verdict


def verdict_table(
    verdicts: pd.DataFrame, pledges: pd.DataFrame, observations: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Chapter 4's verdict table: :func:`~smartresearch.chapters.pledge_tables.verdict_evidence`
    plus where each target comes from (``framing``), which pledge replaces which, a mark on
    projected (provisional) verdicts, and the date and age of the reading that decided each
    verdict (:func:`reading_ages`).

    ``observations`` is accepted for compatibility and not needed: the deciding reading is
    the verdicts' own ``assessed_date``."""
    require_columns(pledges, ("pledge_id", "framing"), what="verdict_table (pledges)")
    table = verdict_evidence(verdicts, pledges, dated=False).reset_index(drop=True)
    framing = verdicts["pledge_id"].map(pledges.set_index("pledge_id")["framing"])
    table.insert(table.columns.get_loc("Pledged by") + 1, "Framing", framing.to_numpy())
    replaced_by = successors(pledges)
    replaces = {new: old for old, new in replaced_by.items()}
    notes = []
    for pid, text in zip(verdicts["pledge_id"], table["Pledge"], strict=True):
        if pid in replaces:
            text = f"{text} (replaces {replaces[pid]})"
        if pid in replaced_by:
            text = f"{text} (superseded by {replaced_by[pid]})"
        notes.append(text)
    table["Pledge"] = notes
    table["Verdict"] = [
        verdict_label(v, pd.notna(p))
        for v, p in zip(verdicts["verdict"], verdicts["projected_value"], strict=True)
    ]
    ages = reading_ages(verdicts).reset_index(drop=True)
    at = table.columns.get_loc("Verdict") + 1
    table.insert(
        at, "Deciding reading", [month(d) if pd.notna(d) else "none" for d in ages["reading"]]
    )
    table.insert(
        at + 1,
        "Age (months)",
        ["–" if pd.isna(a) else str(int(a)) for a in ages["age_months"]],
    )
    return table


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
        return join_words([f"{r.pledge} ({r.pledge_id})" for r in rows.itertuples(index=False)])

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
        where = f", {join_words(owners)} among them" if abroad else ""
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
            f"{pid}, superseded by {replaced_by[pid]}"
            for pid in rows["pledge_id"]
            if pid in replaced_by
        ]
        if "projected_value" in rows.columns and rows["projected_value"].notna().all():
            notes.append(PROJECTED_MARK)
        parts.append(f"{n} {verdict}" + (f" ({'; '.join(notes)})" if notes else ""))
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


def unjudged_phrase(verdicts: pd.DataFrame) -> str:
    """Why the pledges without a verdict have none, in words: those awaiting a reading at or
    after a passed deadline, then the unverifiable ones by cause (no numeric target, no
    reading in the target's unit, too little to judge by). "Every pledge on record could be
    judged." when none is left."""
    require_columns(
        verdicts,
        ("pledge_id", "verdict", "target_value", "n_observations", "as_of"),
        what="unjudged_phrase (verdicts)",
    )
    awaiting = verdicts[verdicts["verdict"] == "awaiting a reading"]
    unverifiable = verdicts[verdicts["verdict"] == "not verifiable"]
    if awaiting.empty and unverifiable.empty:
        return "Every pledge on record could be judged."
    no_target = unverifiable["target_value"].isna()
    unseen = ~no_target & (unverifiable["n_observations"] == 0)
    causes = [
        (int(no_target.sum()), "for want of a numeric target"),
        (
            int(unseen.sum()),
            f"because no reading in the target's unit has been found up to "
            f"{month(verdicts['as_of'].max())}",
        ),
        (int((~no_target & ~unseen).sum()), "because the readings are too few to judge by"),
    ]
    parts = []
    if len(awaiting):
        ids = join_words(list(awaiting["pledge_id"]))
        parts.append(
            f"{len(awaiting)} {'is' if len(awaiting) == 1 else 'are'} awaiting a reading "
            f"({ids}): the deadline has passed, the readings before it fall short, and "
            "none taken at or after it has been published yet"
        )
    if len(unverifiable):
        found = [(n, cause) for n, cause in causes if n]
        # one cause for all: say it once; several: count each
        why = found[0][1] if len(found) == 1 else join_words([f"{n} {c}" for n, c in found])
        sep = " " if len(found) == 1 else ": "
        verb = "is" if len(unverifiable) == 1 else "are"
        parts.append(f"{len(unverifiable)} {verb} not verifiable{sep}{why}")
    n = len(awaiting) + len(unverifiable)
    return f"{n} {'pledge has' if n == 1 else 'pledges have'} no verdict yet: " + (
        "; ".join(parts) + "."
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
                # as in the table: a verdict read off a trend says it is provisional
                verdict=verdict_label(str(row["verdict"]), pd.notna(row["projected_value"])),
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
        f"the record shows {verdict_phrase(uk, pledges)} "
        # the summary page writes dates in full, as its other lines do
        f"(record as of {uk['as_of'].max():%-d %B %Y})."
    )
