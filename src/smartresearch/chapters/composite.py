"""Chapter 5's answers: the like-for-like headline composite, its rank intervals, and the
phrases that say what the intervals allow. The summary page calls the same functions, so
the chapter and the summary cannot disagree."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from smartresearch.analysis.uncertainty import RankUncertainty, rank_uncertainty, report_frames
from smartresearch.countries import FOCUS, country_name
from smartresearch.tables import MISSING
from smartresearch.wording import join_names as join_words
from smartresearch.wording import ordinal, sentence_case, with_article

#: Runs and seed of the published uncertainty analysis.
RUNS = 1000
SEED = 0


def headline_uncertainty(
    tables: Mapping[str, pd.DataFrame] | None = None, *, runs: int = RUNS, seed: int = SEED
) -> RankUncertainty:
    """The report's headline composite (EGDI + GTMI, latest editions) and its uncertainty."""
    frames, year = report_frames(tables=tables)
    return rank_uncertainty(frames, runs=runs, seed=seed, reference_year=year)


def fixed_pairing_uncertainty(
    tables: Mapping[str, pd.DataFrame] | None = None, *, runs: int = RUNS, seed: int = SEED
) -> RankUncertainty:
    """The same runs with the edition pairing fixed at the latest editions: the pairing
    explains most of the rank variance, so the intervals are also shown without it."""
    frames, year = report_frames(tables=tables)
    return rank_uncertainty(frames, runs=runs, seed=seed, reference_year=year, pairings=("latest",))


def imputed_ranks(tables: Mapping[str, pd.DataFrame] | None = None) -> pd.DataFrame:
    """A sensitivity, not the headline: the baseline configuration over every country seen,
    a missing index filled with that index's mean (``iso3, country, rank``)."""
    frames, year = report_frames(tables=tables)
    result = rank_uncertainty(
        frames,
        runs=1,
        reference_year=year,
        pairings=("latest",),
        missing_rules=("mean-impute",),
        population="any",
    )
    return result.ranks[["iso3", "country", "rank"]]


def fmt_rank(value: object) -> str:
    """A median rank as read: "5", or "5.5" when the median falls between two ranks."""
    number = float(value)  # type: ignore[arg-type]
    return f"{number:.0f}" if number == round(number) else f"{number:.1f}"


def not_ranked_phrase(result: RankUncertainty, imputed: pd.DataFrame | None = None) -> str:
    """Which countries the headline leaves out and why ("Kosovo and Taiwan are not ranked,
    not being assessed by EGDI 2024"), with, when ``imputed`` is given, where the
    mean-impute sensitivity would put them."""
    missing = result.not_ranked
    if missing.empty:
        return f"every country seen is assessed by both {editions_phrase(result)}"
    parts = []
    for reason, group in missing.groupby("reason", sort=True):
        names = sorted(group["country"])
        verb = "is" if len(names) == 1 else "are"
        parts.append(f"{join_words(names)} {verb} not ranked, {reason}")
    text = "; ".join(parts)
    if imputed is not None:
        at = imputed.set_index("iso3")["rank"]
        places = [
            f"{name} {ordinal(int(at[iso3]))}"
            for iso3, name in sorted(
                zip(missing["iso3"], missing["country"], strict=True), key=lambda p: at[p[0]]
            )
        ]
        text += (
            f". Filling the gap with the missing index's mean (a sensitivity, not the "
            f"headline) would place {join_words(places)} of {len(imputed)}"
        )
    return text


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
    result: RankUncertainty,
    countries: Sequence[str] = FOCUS,
    *,
    top: int = 10,
    fixed: RankUncertainty | None = None,
) -> pd.DataFrame:
    """The leaders (headline rank ≤ ``top``) and ``countries``: rank, median (as read:
    "5", "5.5") and interval, best headline rank first, for display; with ``fixed`` (the
    runs with the edition pairing fixed), that interval too."""
    ranks = result.ranks.dropna(subset=["rank"])
    shown = ranks[(ranks["rank"] <= top) | ranks["iso3"].isin(list(countries))]
    shown = shown.sort_values(["rank", "iso3"], kind="mergesort")
    low, high = result.interval
    return pd.DataFrame(
        {
            "Rank": shown["rank"].astype(int).to_numpy(),
            "Country": shown["country"].to_numpy(),
            "Score (0–1)": shown["score"].round(3).to_numpy(),
            "Median rank": [fmt_rank(v) for v in shown["median_rank"]],
            f"Rank in {high - low:g}% of runs": [
                f"{int(a)}–{int(b)}"
                for a, b in zip(shown["rank_low"], shown["rank_high"], strict=True)
            ],
            **(
                {}
                if fixed is None
                else {
                    f"Rank in {high - low:g}% of runs, latest editions only": [
                        _interval(fixed, c) for c in shown["iso3"]
                    ]
                }
            ),
            f"Runs in the top {top} (%)": [
                round(100 * float((result.rank_matrix[:, result.countries.index(c)] <= top).mean()))
                for c in shown["iso3"]
            ],
        }
    )


def _interval(result: RankUncertainty, iso3: str) -> str:
    row = result.country(iso3)
    return f"{int(row['rank_low'])}–{int(row['rank_high'])}"


def dominant_choice_phrase(result: RankUncertainty) -> str:
    """ "the edition pairing (55% of the rank variance)": the choice that explains most."""
    top = result.variance_shares.sort_values(["share", "choice"], ascending=[False, True]).iloc[0]
    name = CHOICE_NAMES.get(str(top["choice"]), str(top["choice"])).split(" (")[0]
    return f"the {name} ({top['share']:.0%} of the rank variance)"


def component_ranks(
    result: RankUncertainty, tables: Mapping[str, pd.DataFrame] | None = None
) -> pd.DataFrame:
    """Each ranked country's rank on each headline index alone (latest editions, among the
    ranked countries; ties share the better rank): ``iso3`` index, one column per index."""
    from smartresearch.analysis._frames import one_value_per_country
    from smartresearch.analysis.uncertainty import pick_edition

    frames, year = report_frames(tables=tables)
    ranked = pd.Index(result.countries)
    out = {}
    for name, frame in frames.items():
        latest = pick_edition(frame, "latest", year)
        values = one_value_per_country(latest, what=name).reindex(ranked)
        out[name] = values.rank(ascending=False, method="min").astype("Int64")
    return pd.DataFrame(out, index=ranked)


#: How the composite breaks ties, for the sentences that explain a rank.
TIES_RULE = (
    "Ranks use the unrounded scores; only exactly equal scores share a rank (the better one)"
)


def fallen_countries(
    result: RankUncertainty,
    tables: Mapping[str, pd.DataFrame] | None = None,
    countries: Sequence[str] = FOCUS,
) -> list[str]:
    """The ``countries`` whose composite rank is worse than their best rank on any one
    headline index, furthest fall first: the ones whose composite rank needs explaining."""
    ranks = component_ranks(result, tables)
    fall = {c: int(result.country(c)["rank"]) - int(ranks.loc[c].min()) for c in countries}
    return sorted((c for c in countries if fall[c] > 0), key=lambda c: (-fall[c], c))


def rank_change_phrase(
    result: RankUncertainty,
    iso3: str,
    tables: Mapping[str, pd.DataFrame] | None = None,
    *,
    ties: bool = True,
) -> str:
    """Why a country's composite rank differs from its rank on each index: its rank on
    each index among the ranked countries, and the unrounded scores of its neighbour above
    (scores shown to three decimals can look tied; ranks use the unrounded scores, and only
    exact ties share a rank)."""
    ranks = component_ranks(result, tables)
    name = with_article(country_name(iso3), capital=True)
    row = result.country(iso3)
    on = join_words(f"{ordinal(int(ranks.at[iso3, c]))} on the {c}" for c in ranks.columns)
    text = (
        f"{name} is {on} among the {len(result.countries)} ranked countries, so the average "
        f"puts it {ordinal(int(row['rank']))}"
    )
    table = result.ranks.dropna(subset=["rank"])
    above = table[table["score"] > row["score"]]
    if not above.empty:
        neighbour = above.iloc[-1]
        text += (
            f" (score {row['score']:.4f}; next above it, "
            f"{with_article(str(neighbour['country']))} at {neighbour['score']:.4f})"
        )
    return text + (f". {TIES_RULE}" if ties else "")


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


def extended_missing_phrase(
    extended: pd.DataFrame, tables: Mapping[str, pd.DataFrame] | None = None
) -> str:
    """Which focus countries the extended composite leaves out, and which index lacks them
    ("South Korea and the United Kingdom are not among them: the EU benchmark does not
    assess them")."""
    from smartresearch.analysis import panels
    from smartresearch.analysis.uncertainty import pick_edition

    ranked = set(extended.loc[extended["included"], "iso3"])
    out = [c for c in FOCUS if c not in ranked]
    if not out:
        return f"all {len(FOCUS)} focus countries are among them"
    frames, year = report_frames([i.label for i in panels.HEADLINE_INDICES], tables=tables)
    lacking: dict[str, list[str]] = {}
    for name, frame in frames.items():
        latest = pick_edition(frame, "latest", year)
        for c in out:
            if c not in set(latest["iso3"]):
                lacking.setdefault(c, []).append(f"the {name} {int(latest['year'].iloc[0])}")
    names = [with_article(country_name(c)) for c in out]
    verb = "is" if len(out) == 1 else "are"
    groups: dict[tuple[str, ...], list[str]] = {}
    for c in out:
        groups.setdefault(tuple(lacking.get(c, ["every index"])), []).append(c)
    why = "; ".join(
        f"{_subject(members, single=len(groups) == 1)} assessed by {join_words(indices)}"
        for indices, members in groups.items()
    )
    return f"{sentence_case(join_words(names))} {verb} not among them: {why}"


def _subject(members: Sequence[str], *, single: bool) -> str:
    """ "it is", "neither is", "none is" when one reason covers every country; else names."""
    if single:
        return {1: "it is not", 2: "neither is"}.get(len(members), "none is")
    names = join_words(with_article(country_name(c)) for c in members)
    return f"{names} {'is' if len(members) == 1 else 'are'} not"


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
                MISSING if pd.isna(head.get(c)) else str(int(head[c])) for c in shown["iso3"]
            ],
        }
    )
