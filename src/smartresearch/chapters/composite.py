"""Chapter 5's answers: the like-for-like headline composite, its rank intervals over the
modelling choices on one vintage, what drives them (first- and total-order Sobol' indices),
the framework's statistical audit, the publishers' caveats and the views the intervals leave
out (change between editions, the ranking without the GTMI, the extended composite).
:func:`answer` gathers them; the summary page calls :func:`summary_line`, so the chapter and
the summary cannot disagree."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from smartresearch.analysis.audit import FrameworkAudit
from smartresearch.analysis.uncertainty import RankUncertainty
from smartresearch.chapters import composite_audit, composite_views
from smartresearch.chapters.composite_phrases import (
    RUNS,
    SEED,
    TIES_RULE,
    component_ranks,
    editions_phrase,
    fallen_countries,
    fmt_rank,
    focus_intervals,
    headline_uncertainty,
    imputed_ranks,
    interval_phrase,
    interval_table,
    not_ranked_phrase,
    order_phrase,
    rank_change_phrase,
)
from smartresearch.chapters.composite_variance import (
    CHOICE_NAMES,
    choice_name,
    dominant_choice_phrase,
    variance_phrase,
    variance_table,
)
from smartresearch.countries import FOCUS, country_name
from smartresearch.wording import ordinal, sentence_case, with_article

__all__ = [
    "CHOICE_NAMES",
    "CompositeAnswer",
    "FOCUS",
    "answer",
    "choice_name",
    "country_name",
    "dominant_choice_phrase",
    "summary_line",
    "variance_phrase",
    "variance_table",
    "RUNS",
    "SEED",
    "TIES_RULE",
    "component_ranks",
    "editions_phrase",
    "fallen_countries",
    "fmt_rank",
    "focus_intervals",
    "headline_uncertainty",
    "imputed_ranks",
    "interval_phrase",
    "interval_table",
    "not_ranked_phrase",
    "order_phrase",
    "rank_change_phrase",
]


# --------------------------------------------------------------------------- the answer


@dataclass(frozen=True)
class CompositeAnswer:
    """Chapter 5's answer: the headline composite's intervals over the method, what drives
    them, the framework's audit, the publishers' caveats and the views the intervals leave
    out. Sentences are properties; tables are methods returning frames for ``tables.table``;
    :meth:`plot_intervals` draws the range chart."""

    result: RankUncertainty
    audit: FrameworkAudit
    edition_ranks: pd.DataFrame
    edition_fields: pd.DataFrame
    extended: pd.DataFrame
    imputed: pd.DataFrame
    alone: pd.DataFrame
    tables: Mapping[str, pd.DataFrame] | None = field(default=None, repr=False, compare=False)

    # ---- sentences
    @property
    def headline(self) -> str:
        r = self.result
        low, high = r.interval
        drawn = [f"the {choice_name(r, c)}" for c in r.variance_shares["choice"]] or ["nothing"]
        choices = "; ".join(drawn[:-1]) + f"; and {drawn[-1]}" if len(drawn) > 1 else drawn[0]
        return (
            f"The headline composite combines the **{editions_phrase(r)}** (each index's latest "
            f"edition) and ranks the {len(r.ranks)} countries both assess; "
            f"{not_ranked_phrase(r, self.imputed)}. Its uncertainty analysis re-runs it "
            f"{len(r.runs) - 1:,} times on these editions (seed {r.seed}; a Saltelli design, "
            f"plus the baseline run), each run drawing {choices}. A country's interval runs "
            f"from the {ordinal(int(low))} to the {ordinal(int(high))} percentile of its ranks."
        )

    @property
    def coverage(self) -> str:
        """What the intervals cover and what they do not."""
        return (
            "**What the intervals cover.** The method only: the choices above, on one vintage "
            f"of data ({editions_phrase(self.result)}). They do not cover change between "
            "editions (shown below as change over time, not as error), measurement error in "
            "the indices (no publisher gives any), the choice of the two indices, or how the "
            "GTMI's data were collected. No missing-data rule is varied: only countries "
            "assessed by both indices are ranked, so no run has a gap to fill."
        )

    @property
    def gtmi_note(self) -> str:
        return composite_views.gtmi_note(self.result)

    @property
    def gtmi_table_note(self) -> str:
        """The GTMI caveats as one plain line, for the note under each table of ranks."""
        return composite_views.gtmi_table_note(self.result)

    @property
    def editions_table_note(self) -> str:
        """The GTMI caveats for every GTMI edition in the change-over-time table."""
        years = composite_views.gtmi_years(self.edition_ranks)
        return composite_views.gtmi_table_note(self.result, years)

    @property
    def focus(self) -> str:
        r = self.result
        phrases = "; ".join(
            f"{with_article(country_name(c))} is {interval_phrase(r, c)}" for c in FOCUS
        )
        why = "".join(
            f"{rank_change_phrase(r, c, self.tables, ties=False)}. "
            for c in fallen_countries(r, self.tables)
        )
        return f"Across the runs, {phrases}. {sentence_case(order_phrase(r))}. {why}{TIES_RULE}."

    @property
    def variance(self) -> str:
        return f"In this composite, {variance_phrase(self.result)}."

    @property
    def without_gtmi(self) -> str:
        return f"{composite_views.without_gtmi_phrase(self.result, self.tables)}."

    @property
    def over_time(self) -> str:
        return (
            f"{composite_views.edition_phrase(self.edition_ranks)}. These are changes between "
            "editions (of the countries, and of the indices' own methods), not uncertainty "
            "about this composite's method, so they are not in the intervals."
        )

    @property
    def audit_findings(self) -> str:
        ca = composite_audit
        a = self.audit
        return (
            f"{ca.coherence_phrase(a)}. {ca.information_phrase(a)}. {ca.overlap_phrase(a)}. "
            f"{ca.ranking_consequence(a, self.result)}."
        )

    @property
    def extended_phrase(self) -> str:
        ranked = self.extended[self.extended["included"]]
        return (
            f"The extended composite ranks {len(ranked)} countries; "
            f"{composite_views.extended_missing_phrase(self.extended, self.tables)}."
        )

    # ---- tables
    def interval_table(self, top: int = 10) -> pd.DataFrame:
        alone = {c: self.alone[c] for c in self.alone.columns}
        return interval_table(self.result, top=top, alone=alone)

    def variance_table(self) -> pd.DataFrame:
        return variance_table(self.result)

    def edition_table(self) -> pd.DataFrame:
        return composite_views.edition_table(self.edition_ranks)

    def extended_table(self) -> pd.DataFrame:
        return composite_views.extended_table(self.extended, self.result)

    def correlation_table(self) -> pd.DataFrame:
        return composite_audit.correlation_table(self.audit)

    def coherence_table(self) -> pd.DataFrame:
        return composite_audit.coherence_table(self.audit)

    def information_table(self) -> pd.DataFrame:
        return composite_audit.information_table(self.audit)

    def overlap_table(self) -> pd.DataFrame:
        return composite_audit.overlap_table(self.audit)

    # ---- figures
    def plot_intervals(self, ax: object = None) -> object:
        import smartresearch.plots as srp

        return srp.plot_rank_intervals(self.result, FOCUS, ax=ax)


def answer(
    tables: Mapping[str, pd.DataFrame] | None = None, *, runs: int = RUNS, seed: int = SEED
) -> CompositeAnswer:
    """Chapter 5's answer from the clean tables (or ``tables``: dataset name → tidy frame)."""
    result = headline_uncertainty(tables, runs=runs, seed=seed)
    ranks, fields = composite_views.edition_view(tables)
    return CompositeAnswer(
        result=result,
        audit=composite_audit.audit_of(result, tables),
        edition_ranks=ranks,
        edition_fields=fields,
        extended=composite_views.extended_view(tables),
        imputed=imputed_ranks(tables),
        alone=component_ranks(result, tables),
        tables=tables,
    )


def summary_line(
    tables: Mapping[str, pd.DataFrame] | None = None, result: RankUncertainty | None = None
) -> str:
    """The summary page's composite bullet: who is ranked, the intervals over the method and
    what they cover, the choice that matters most, the GTMI's caveats with the ranking
    without it, and why focus countries rank below their best single-index rank (``result``:
    the headline uncertainty when already computed)."""
    r = headline_uncertainty(tables) if result is None else result
    intervals = "; ".join(
        f"{with_article(country_name(c))} is {interval_phrase(r, c)}" for c in FOCUS
    )
    why = " ".join(
        f"{rank_change_phrase(r, c, tables, ties=False)}." for c in fallen_countries(r, tables)
    )
    gtmi = int(r.editions.set_index("component").at["GTMI", "year"])
    alone = composite_views.without_gtmi_phrase(r, tables)
    return (
        "- **A composite view.** On the two indices that cover nearly every country "
        f"({editions_phrase(r)}), the {len(r.ranks)} countries both assess are ranked, with "
        f"no regional index in the mix; {not_ranked_phrase(r)}. Across {len(r.runs) - 1:,} "
        "runs that vary the method on these editions only (normalisation, weights, "
        f"aggregation), {intervals}. The choice that matters most is "
        f"{dominant_choice_phrase(r)}. The intervals cover the method, not change between "
        "editions, measurement error or the choice of indices. The World Bank states that the "
        f"GTMI is not intended to create a ranking, and its {gtmi} data are partly "
        "self-reported by governments and partly collected from their websites; "
        f"{alone[:1].lower()}{alone[1:]}. {why} {TIES_RULE}."
    )
