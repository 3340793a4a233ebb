"""Chapter 4 (UK pledges): one answer object holding the verdicts, the tables and the charts.

:func:`answer` gathers what the chapter shows: the verdicts computed by
:func:`smartresearch.corpus.pledge_verdicts` under one stated rule
(:data:`~smartresearch.chapters.pledge_words.RULE`), every target in the record and what
became of it, every record row the report does not use and why, and the OECD DGI editions.
The notebook only displays it: ``a = pledges.answer()``, ``Markdown(a.headline)``,
``table(a.verdict_table(), note=a.as_of_note)``, ``_ = a.plot_trackers()``. The sentences
live in :mod:`smartresearch.chapters.pledge_words`, the evidence tables in
:mod:`smartresearch.chapters.pledge_tables`.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from smartresearch._columns import require_columns
from smartresearch.chapters import pledge_tables
from smartresearch.chapters.pledge_words import (  # noqa: F401  (the summary imports these here)
    FRAMING_NAMES,
    PROJECTED_MARK,
    RULE,
    framing_intro,
    framing_phrase,
    projection_phrase,
    successors,
    uk_pledges_line,
    unjudged_phrase,
    verdict_counts,
    verdict_phrase,
)
from smartresearch.chapters.quantities import month
from smartresearch.corpus.pledge_rules import (
    INTERVAL,
    PROJECTED_VERDICTS,
    VERDICT_COLUMNS,
    as_of_date,
)
from smartresearch.corpus.pledges import day_text
from smartresearch.countries import names_for
from smartresearch.plots.pledge_trackers import TrackerPanel
from smartresearch.plots.pledges import pledge_points
from smartresearch.wording import join_names


def verdict_label(verdict: str, projected: bool) -> str:
    """A verdict as shown to a reader: "off track (projected, so provisional)" when it was
    read off a projection, the verdict itself otherwise."""
    return f"{verdict} ({PROJECTED_MARK})" if projected else verdict


def verdict_table(verdicts: pd.DataFrame, pledges: pd.DataFrame) -> pd.DataFrame:
    """Chapter 4's verdict table: :func:`~smartresearch.chapters.pledge_tables.verdict_evidence`
    plus where each target comes from (``framing``), which pledge replaces which, a mark on
    projected verdicts, the deciding reading (month, kind, record row) and the later event
    shown beside the verdict."""
    require_columns(pledges, ("pledge_id", "framing"), what="verdict_table (pledges)")
    table = pledge_tables.verdict_evidence(verdicts, pledges, dated=False).reset_index(drop=True)
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
    table["Verdict"] = [verdict_label(v, v in PROJECTED_VERDICTS) for v in verdicts["verdict"]]
    at = table.columns.get_loc("Verdict") + 1
    decided = verdicts["verdict"].isin(("met", "missed", *PROJECTED_VERDICTS))
    readings = [
        f"{month(d)}, {k}, {o}" if pd.notna(d) else ""
        for d, k, o in zip(
            verdicts["assessed_date"],
            verdicts["assessed_kind"],
            verdicts["assessed_outcome_id"],
            strict=True,
        )
    ]
    table.insert(
        at,
        "Deciding reading",
        [
            text if ok else (f"none (nearest: {text})" if text else "none")
            for text, ok in zip(readings, decided, strict=True)
        ],
    )
    table.insert(at + 1, "Later event", verdicts["later_event"].replace("", "–").to_numpy())
    return table


def tracker_panels(verdicts: pd.DataFrame, observations: pd.DataFrame) -> list[TrackerPanel]:
    """One panel per pledge with a stated numeric target and at least one reading in its
    unit, the readings as the verdict saw them (dated on or before the judging date). An
    inferred target is not drawn as a target (its pledge is listed among those with no
    verdict); a projected verdict's badge carries the projection's interval."""
    require_columns(verdicts, VERDICT_COLUMNS, what="tracker_panels (verdicts)")
    require_columns(
        observations, ("pledge_id", "date", "value", "unit"), what="tracker_panels (observations)"
    )
    panels = []
    for _, row in verdicts.iterrows():
        if row["n_observations"] == 0 or pd.isna(row["target_value"]):
            continue
        if row["target_basis"] == "inferred":
            continue  # no source states that target: it is not drawn as one
        verdict = str(row["verdict"])
        if verdict in PROJECTED_VERDICTS:
            # short enough for a badge: "off track (provisional; 90%: 4.8–9.1%)"
            low, high = (f"{row[c]:.2g}" for c in ("projected_low", "projected_high"))
            unit = "%" if str(row["unit"]).startswith("%") else ""
            verdict = f"{verdict} (provisional; {INTERVAL:.0%}: {low}–{high}{unit})"
        seen = observations[observations["date"] <= row["judged_on"]]
        panels.append(
            TrackerPanel(
                pledge_id=str(row["pledge_id"]),
                pledge=str(row["pledge"]),
                points=pledge_points(row, seen),
                verdict=verdict,
                unit=str(row["unit"]),
                iso3=str(row["subject"]),
            )
        )
    return panels


@dataclass(frozen=True)
class PledgesAnswer:
    """Chapter 4's answer: was each target met at its deadline, by the stated rule?"""

    pledges: pd.DataFrame
    observations: pd.DataFrame
    verdicts: pd.DataFrame
    record_targets: pd.DataFrame
    record_use: pd.DataFrame
    dgi_note: str
    dgi_table: pd.DataFrame

    @property
    def as_of(self) -> pd.Timestamp:
        """The newest reading any verdict uses."""
        return as_of_date(self.verdicts)

    @property
    def judged_on(self) -> pd.Timestamp:
        """The date the record runs to: deadlines up to it have passed."""
        return pd.Timestamp(self.verdicts["judged_on"].max())

    @property
    def as_of_note(self) -> str:
        """The line under every verdict table and chart."""
        return (
            f"As of {day_text(self.as_of)}, the newest reading any verdict uses; deadlines "
            f"judged against the record as it runs to {day_text(self.judged_on)}"
        )

    @property
    def rule(self) -> str:
        return RULE

    @property
    def intro(self) -> str:
        return framing_intro(self.pledges)

    @property
    def headline(self) -> str:
        """The verdicts in words, the UK's first, with what the projections rest on."""
        v = self.verdicts
        uk, others = v[v["subject"] == "GBR"], v[v["subject"] != "GBR"]
        countries = join_names(sorted(set(names_for(others["subject"]))))
        ahead = v[v["deadline"] > self.judged_on]
        text = (
            f"Of the {len(v)} pledges, the UK's {len(uk)} break down as "
            f"{verdict_phrase(uk, self.pledges)}; the {len(others)} from {countries} as "
            f"{verdict_phrase(others)}. {len(ahead)} of the deadlines fall after "
            f"{month(self.judged_on)}, where the record ends, so their outcome cannot be known."
        )
        projected = projection_phrase(v)
        if projected:
            text += f" Projected: {projected}."
        return text

    @property
    def unjudged(self) -> str:
        return unjudged_phrase(self.verdicts)

    @property
    def coverage(self) -> str:
        """How the record's targets and rows are accounted for."""
        t, use = self.record_targets, self.record_use
        counts = t["disposition"].value_counts()
        unused = int((use["reason_unused"] != "").sum())
        return (
            f"The record holds {len(t)} targets or target-like statements in "
            f"{t['outcome_id'].nunique()} rows: {counts.get('pledge', 0)} are tracked as "
            f"pledges, {counts.get('out of scope', 0)} are out of scope and "
            f"{counts.get('no dated target', 0)} turn out to date a reading rather than a "
            f"target, each with its reason below. Of the record's {len(use)} rows, "
            f"{len(use) - unused} are cited in this report and {unused} are not used, each "
            "with its reason."
        )

    def verdict_table(self) -> pd.DataFrame:
        return verdict_table(self.verdicts, self.pledges)

    def sources_table(self) -> pd.DataFrame:
        return pledge_tables.verdict_sources(self.verdicts, self.pledges, self.observations)

    def unjudged_table(self) -> pd.DataFrame:
        return pledge_tables.unverifiable_table(self.verdicts, self.observations)

    def context_table(self) -> pd.DataFrame:
        context = pledge_tables.context_observations(self.verdicts, self.observations)
        return pledge_tables.context_table(context)

    def targets_table(self) -> pd.DataFrame:
        return pledge_tables.record_targets_table(self.record_targets)

    def unused_table(self) -> pd.DataFrame:
        use = self.record_use[self.record_use["reason_unused"] != ""]
        return pd.DataFrame(
            {"Row": use["outcome_id"], "Topic": use["topic"], "Why not used": use["reason_unused"]}
        ).reset_index(drop=True)

    def plot_trackers(self):  # noqa: ANN201  (a Figure)
        import smartresearch.plots as srp

        fig = srp.draw_pledge_trackers(tracker_panels(self.verdicts, self.observations))
        srp.add_titles(
            fig,
            "Pledges against the record",
            f"Readings in each target's own unit; as of {day_text(self.as_of)}",
            note="Sources: as cited in data/curated/pledges.csv and pledge_observations.csv",
        )
        return fig


def answer(as_of: object = None) -> PledgesAnswer:
    """Chapter 4's answer on the shipped tables and the mirror's record."""
    import smartresearch as sr
    from smartresearch.chapters.dgi_headlines import (
        DGI_2023_ROW,
        DGI_2025_ROWS,
        dgi_2025_headlines,
        dgi_editions_table,
        standing_phrase,
    )
    from smartresearch.corpus import record_coverage as rc
    from smartresearch.corpus.outcomes import load_outcomes
    from smartresearch.countries import FOCUS

    outcomes = load_outcomes()
    pledges = sr.corpus.load_pledges()
    observations = sr.corpus.load_pledge_observations(pledges=pledges)
    verdicts = sr.corpus.pledge_verdicts(as_of, pledges=pledges, observations=observations)
    targets = rc.load_record_targets()
    rc.check_targets(outcomes, targets, pledges)
    cited = rc.cited_rows(
        pledges,
        observations,
        sr.corpus.load_claim_evidence(),
        sr.corpus.load_claim_judgements(),
        targets,
        {"OECD DGI editions": [*DGI_2025_ROWS, DGI_2023_ROW]},
    )
    use = rc.record_use(outcomes, cited, rc.load_record_unused())
    dgi = sr.datasets.load("oecd_dgi")
    return PledgesAnswer(
        pledges=pledges,
        observations=observations,
        verdicts=verdicts,
        record_targets=targets,
        record_use=use,
        dgi_note=standing_phrase(dgi, outcomes, list(FOCUS)),
        dgi_table=dgi_editions_table(dgi, dgi_2025_headlines(outcomes)),
    )
