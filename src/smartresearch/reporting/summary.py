"""The executive summary's headline numbers, computed from the clean and curated tables.

Every number in the summary comes from here, so the prose in ``report/index.qmd`` never
holds a typed-in figure: the build writes ``report/_build/summary.md`` and the page
includes it. The computations call the very helpers the chapters call (the UK's rank
history of chapter 2, the edition pairing and composite of chapters 3 and 5, the pledge
verdicts of chapter 4), so the summary and the chapters cannot disagree.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from smartresearch.analysis import panels, profiles
from smartresearch.book import chapter
from smartresearch.chapters import agreement as agreement_chapter
from smartresearch.chapters import composite as composite_chapter
from smartresearch.countries import FOCUS, country_name
from smartresearch.errors import ValidationError
from smartresearch.reporting.crossrefs import safe_markdown

#: The clean tables the summary reads.
SUMMARY_DATASETS: tuple[str, ...] = tuple(dict.fromkeys(i.dataset for i in panels.HEADLINE_INDICES))


def latest(frame: pd.DataFrame, indicator: str, *, what: str) -> pd.DataFrame:
    """Rows of ``indicator`` in its latest edition."""
    rows = frame[frame["indicator"] == indicator]
    if rows.empty:
        found = sorted(frame["indicator"].unique())[:12]
        raise ValidationError(f"{what}: no indicator {indicator!r}; found {found}")
    return rows[rows["year"] == rows["year"].max()]


def headline_markdown(
    tables: Mapping[str, pd.DataFrame],
    verdicts: pd.DataFrame | None = None,
    checks: pd.DataFrame | None = None,
) -> str:
    """The summary's Markdown from the clean tables (dataset name → tidy frame) and,
    when given, the pledge verdicts (``smartresearch.corpus.pledge_verdicts()``) with the
    claim checks (``smartresearch.corpus.claim_checks()``, loaded when not passed)."""
    missing = [name for name in SUMMARY_DATASETS if name not in tables]
    if missing:
        raise ValidationError(f"summary: tables missing for datasets {missing}")
    egdi = latest(tables["egdi"], "egdi", what="dataset 'egdi'")
    ranks = latest(tables["egdi"], "egdi_rank", what="dataset 'egdi'")
    year = int(egdi["year"].iloc[0])
    leader = egdi.loc[egdi["value"].idxmax()]
    fall = profiles.fall_from_peak(tables["egdi"], "GBR")
    panel = panels.latest_index_panel(tables=tables)
    agreement = panels.agreement_table(panel).dropna(subset=["spearman"])
    headline = composite_chapter.headline_uncertainty(tables)

    lines = [
        f"- **{year} E-Government Survey.** {country_name(str(leader['iso3']))} leads the "
        f"{len(egdi)} assessed countries with an EGDI of {leader['value']:.3f}; the United "
        f"Kingdom, first in {fall.peak_year}, is {_ordinal(fall.latest_rank)} in "
        f"{fall.latest_year}, overtaken by {len(fall.overtaken_by)} countries.",
        "- **Do the indices agree?** Rank agreement (Spearman ρ over the countries both "
        "assess) depends on the field: "
        f"{agreement_chapter.field_ranges_phrase(agreement)}.",
        _composite_line(tables, headline),
    ]
    if verdicts is not None:
        from smartresearch import corpus
        from smartresearch.chapters.conversation import claim_tally_phrase
        from smartresearch.chapters.pledges import uk_pledges_line

        lines.append(uk_pledges_line(verdicts, corpus.load_pledges()))
        checks = corpus.claim_checks() if checks is None else checks
        lines.append(
            "- **The articles' figures against the record.** "
            f"{claim_tally_phrase(checks).capitalize()}."
        )
    lines += ["", *_focus_table(tables["egdi"], ranks, headline), ""]
    # country and index names come from data: any markup or script link in them is text
    return safe_markdown("\n".join(lines))


def _composite_line(tables: Mapping[str, pd.DataFrame], headline: object) -> str:
    """The composite bullet: who is ranked (complete cases only), the intervals with every
    choice varied, the choice that dominates, the intervals with the editions fixed, and
    why the focus countries ranked below their best single-index rank fall."""
    fixed = composite_chapter.fixed_pairing_uncertainty(tables)
    result = headline  # a RankUncertainty

    def intervals(r: object) -> str:
        return "; ".join(
            f"{composite_chapter.with_article(country_name(iso3))} is "
            f"{composite_chapter.interval_phrase(r, iso3)}"  # type: ignore[arg-type]
            for iso3 in FOCUS
        )

    why = " ".join(
        f"{composite_chapter.rank_change_phrase(result, c, tables, ties=False)}."  # type: ignore[arg-type]
        for c in composite_chapter.fallen_countries(result, tables)  # type: ignore[arg-type]
    )
    return (
        "- **A composite view.** On the two indices that cover nearly every country "
        f"({composite_chapter.editions_phrase(result)}), the {len(result.ranks)} countries "  # type: ignore[arg-type]
        "both assess are ranked, with no regional index in the mix; "
        f"{composite_chapter.not_ranked_phrase(result)}. Across {len(result.runs):,} runs "  # type: ignore[arg-type, attr-defined]
        "that vary five modelling choices (normalisation, weights, aggregation, missing-data "
        f"rule, edition pairing), {intervals(result)}. The choice that matters most is "
        f"{composite_chapter.dominant_choice_phrase(result)}; with the editions fixed at the "
        f"latest, {intervals(fixed)}. {why} {composite_chapter.TIES_RULE}."
    )


def _focus_table(egdi_table: pd.DataFrame, ranks: pd.DataFrame, headline: object) -> list[str]:
    year = int(ranks["year"].iloc[0])
    egdi = latest(egdi_table, "egdi", what="dataset 'egdi'").set_index("iso3")["value"]
    rank_of = ranks.set_index("iso3")["value"]
    focus = composite_chapter.focus_intervals(headline).set_index("iso3")  # type: ignore[arg-type]
    low, high = headline.interval  # type: ignore[attr-defined]
    header = [
        "Country",
        f"EGDI rank {year}",
        f"EGDI {year}",
        "Composite rank",
        f"Composite rank, {high - low:g}% of runs",
    ]
    rows = []
    for iso3 in FOCUS:
        rows.append(
            [
                country_name(iso3),
                _fmt(rank_of.get(iso3), "{:.0f}"),
                _fmt(egdi.get(iso3), "{:.3f}"),
                _fmt(focus.at[iso3, "rank"], "{:.0f}"),
                f"{int(focus.at[iso3, 'rank_low'])}–{int(focus.at[iso3, 'rank_high'])}",
            ]
        )
    return [
        "| " + " | ".join(header) + " |",
        "|" + "---|" * len(header),
        *("| " + " | ".join(row) + " |" for row in rows),
        "",
        ": The three focus countries: published EGDI rank, rank on the like-for-like "
        "composite of the EGDI and the GTMI (latest editions, "
        f"{chapter('05-composite-sensitivity')}'s headline; the GTMI "
        "is published as groups, so its rank is this project's construction), and the range "
        "of that rank across the uncertainty runs. {#tbl-summary-focus}",
    ]


def _rank(ranked: pd.DataFrame, iso3: str) -> int | None:
    row = ranked[ranked["iso3"] == iso3]
    return int(row["rank"].iloc[0]) if len(row) else None


def _ordinal(n: int | None) -> str:
    if n is None:
        return "unranked"
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _fmt(value: object, pattern: str) -> str:
    if value is None or pd.isna(value):
        return "–"
    return pattern.format(float(value))


def load_tables() -> dict[str, pd.DataFrame]:
    from smartresearch import datasets

    return {name: datasets.load(name) for name in SUMMARY_DATASETS}


def load_verdicts() -> pd.DataFrame:
    from smartresearch import corpus

    return corpus.pledge_verdicts()
