"""Chapter 5's answers: the like-for-like headline composite, its rank intervals, and the
phrases that say what the intervals allow. The summary page calls the same functions, so
the chapter and the summary cannot disagree."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from smartresearch.analysis.uncertainty import RankUncertainty, rank_uncertainty, report_frames
from smartresearch.countries import FOCUS

#: Runs and seed of the published uncertainty analysis.
RUNS = 1000
SEED = 0


def headline_uncertainty(
    tables: Mapping[str, pd.DataFrame] | None = None, *, runs: int = RUNS, seed: int = SEED
) -> RankUncertainty:
    """The report's headline composite (EGDI + GTMI, latest editions) and its uncertainty."""
    frames, year = report_frames(tables=tables)
    return rank_uncertainty(frames, runs=runs, seed=seed, reference_year=year)


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def interval_phrase(result: RankUncertainty, iso3: str) -> str:
    """ "between 2nd and 6th in 90% of runs" (or "2nd in 90% of runs" when they agree)."""
    row = result.country(iso3)
    low, high = int(row["rank_low"]), int(row["rank_high"])
    share = f"{result.interval[1] - result.interval[0]:g}% of runs"
    if low == high:
        return f"{ordinal(low)} in {share}"
    return f"between {ordinal(low)} and {ordinal(high)} in {share}"


def focus_intervals(result: RankUncertainty, countries: Sequence[str] = FOCUS) -> pd.DataFrame:
    """One row per focus country: ``iso3, country, rank, rank_low, rank_high, phrase``."""
    rows = result.ranks.set_index("iso3").loc[list(countries)].reset_index()
    rows = rows[["iso3", "country", "rank", "median_rank", "rank_low", "rank_high"]]
    return rows.assign(phrase=[interval_phrase(result, c) for c in rows["iso3"]])


def editions_phrase(result: RankUncertainty) -> str:
    """ "EGDI 2024 and GTMI 2025": the editions of the headline composite."""
    latest = result.editions[result.editions["pairing"] == "latest"]
    return " and ".join(f"{r.component} {r.year}" for r in latest.itertuples(index=False))
