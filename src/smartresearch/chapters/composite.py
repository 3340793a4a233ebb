"""Chapter 5's answers: the like-for-like headline composite, its rank intervals, and the
phrases that say what the intervals allow. The summary page calls the same functions, so
the chapter and the summary cannot disagree."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from smartresearch.analysis.uncertainty import RankUncertainty, rank_uncertainty, report_frames
from smartresearch.countries import FOCUS, country_name

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


#: Display names of the modelling choices of ``rank_uncertainty``.
CHOICE_NAMES: dict[str, str] = {
    "normalisation": "normalisation (min–max, z-score, percentile)",
    "weights": "weights (drawn around equal)",
    "aggregation": "aggregation (arithmetic or geometric mean)",
    "missing": "missing-data rule (average what is observed, or impute the mean)",
    "pairing": "edition pairing (latest editions, or those nearest the reference year)",
}


def interval_table(
    result: RankUncertainty, countries: Sequence[str] = FOCUS, *, top: int = 10
) -> pd.DataFrame:
    """The leaders (headline rank ≤ ``top``) and ``countries``: rank, median and interval,
    best headline rank first, for display."""
    ranks = result.ranks.dropna(subset=["rank"])
    shown = ranks[(ranks["rank"] <= top) | ranks["iso3"].isin(list(countries))]
    shown = shown.sort_values(["rank", "iso3"], kind="mergesort")
    low, high = result.interval
    return pd.DataFrame(
        {
            "Rank": shown["rank"].astype(int).to_numpy(),
            "Country": shown["country"].to_numpy(),
            "Score (0–1)": shown["score"].round(3).to_numpy(),
            "Median rank": shown["median_rank"].to_numpy(),
            f"Rank in {high - low:g}% of runs": [
                f"{int(a)}–{int(b)}"
                for a, b in zip(shown["rank_low"], shown["rank_high"], strict=True)
            ],
            f"Runs in the top {top} (%)": [
                round(100 * float((result.rank_matrix[:, result.countries.index(c)] <= top).mean()))
                for c in shown["iso3"]
            ],
        }
    )


def variance_table(result: RankUncertainty) -> pd.DataFrame:
    """One row per modelling choice, largest share first: what it varies and its
    first-order share of the rank variance (%)."""
    shares = result.variance_shares.sort_values(["share", "choice"], ascending=[False, True])
    return pd.DataFrame(
        {
            "Choice": [CHOICE_NAMES.get(c, c) for c in shares["choice"]],
            "Share of rank variance (%)": (100 * shares["share"]).round(1).to_numpy(),
        }
    )


def variance_phrase(result: RankUncertainty) -> str:
    """ "the edition pairing explains most of the rank variance (55%), then the weights
    (20%)": the two choices with the largest first-order shares, and what is left."""
    shares = result.variance_shares.sort_values(["share", "choice"], ascending=[False, True])
    first, second = shares.iloc[0], shares.iloc[1]
    rest = 1.0 - float(shares["share"].sum())
    name = {c: CHOICE_NAMES[c].split(" (")[0] for c in CHOICE_NAMES}
    return (
        f"the {name.get(first['choice'], first['choice'])} explains the largest share of the "
        f"rank variance ({first['share']:.0%}), then the "
        f"{name.get(second['choice'], second['choice'])} ({second['share']:.0%}); "
        f"{max(rest, 0.0):.0%} is left to interactions between choices"
    )


def sentence_case(phrase: str) -> str:
    """``phrase`` with its first letter upper-case and the rest untouched (``str.capitalize``
    would lower-case the country names inside it)."""
    return phrase[:1].upper() + phrase[1:]


def order_phrase(result: RankUncertainty, countries: Sequence[str] = FOCUS) -> str:
    """How often ``countries`` keep their headline order across the runs (computed from the
    rank matrix, not from one scenario)."""
    codes = list(countries)
    headline = result.ranks.set_index("iso3").loc[codes, "rank"].to_numpy()
    order = [codes[i] for i in headline.argsort(kind="mergesort")]
    cols = [result.countries.index(c) for c in order]
    ranks = result.rank_matrix[:, cols]
    kept = float((ranks[:, :-1] < ranks[:, 1:]).all(axis=1).mean()) if len(cols) > 1 else 1.0
    return (
        f"the headline order ({', '.join(country_name(c) for c in order)}) holds in "
        f"{kept:.0%} of the {len(result.runs):,} runs"
    )


def extended_view(tables: Mapping[str, pd.DataFrame] | None = None) -> pd.DataFrame:
    """The extended composite: all four indices in their latest editions, ranking only the
    countries every index covers (``analysis.uncertainty.extended_composite``)."""
    from smartresearch.analysis import panels
    from smartresearch.analysis.uncertainty import extended_composite, pick_edition

    frames, year = report_frames([i.label for i in panels.HEADLINE_INDICES], tables=tables)
    latest = {name: pick_edition(frame, "latest", year) for name, frame in frames.items()}
    return extended_composite(latest)


def extended_table(
    extended: pd.DataFrame, headline: RankUncertainty, *, top: int = 10
) -> pd.DataFrame:
    """The extended composite's leaders and focus countries beside their headline rank."""
    ranked = extended[extended["included"]].sort_values(["rank", "iso3"], kind="mergesort")
    shown = ranked[(ranked["rank"] <= top) | ranked["iso3"].isin(FOCUS)]
    head = headline.ranks.set_index("iso3")["rank"]
    return pd.DataFrame(
        {
            "Extended rank": shown["rank"].astype(int).to_numpy(),
            "Country": shown["country"].to_numpy(),
            "Score (0–1)": shown["score"].round(3).to_numpy(),
            "Headline rank": [
                "–" if pd.isna(head.get(c)) else str(int(head[c])) for c in shown["iso3"]
            ],
        }
    )


#: Country names that read with "the" in running text.
_WITH_ARTICLE = frozenset(
    {
        "United Kingdom",
        "United States",
        "Netherlands",
        "United Arab Emirates",
        "Philippines",
        "Czech Republic",
        "Russian Federation",
    }
)


def with_article(name: str, *, capital: bool = False) -> str:
    """ "the United Kingdom" for names that take an article in running prose, else the name."""
    if name in _WITH_ARTICLE:
        return f"{'The' if capital else 'the'} {name}"
    return name
