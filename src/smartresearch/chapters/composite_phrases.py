"""Chapter 5's phrases and tables about the headline composite's ranks: who is ranked and
who is not, each country's interval in words, why a focus country ranks below its best
single-index rank, how often the headline order holds. :mod:`smartresearch.chapters.composite`
gathers them into the chapter's answer."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from smartresearch.analysis.editions import report_frames
from smartresearch.analysis.uncertainty import RankUncertainty, rank_uncertainty
from smartresearch.countries import FOCUS, country_name
from smartresearch.ranking import rank_values
from smartresearch.tables import MISSING
from smartresearch.wording import join_names, ordinal, with_article

#: Sampled runs and seed of the published uncertainty analysis (plus the baseline run 0).
RUNS = 10_000
SEED = 0


def headline_uncertainty(
    tables: Mapping[str, pd.DataFrame] | None = None, *, runs: int = RUNS, seed: int = SEED
) -> RankUncertainty:
    """The report's headline composite (EGDI + GTMI, latest editions) and its uncertainty
    over the modelling choices on those editions."""
    frames, _year = report_frames(tables=tables)
    return rank_uncertainty(frames, runs=runs, seed=seed)


def imputed_ranks(tables: Mapping[str, pd.DataFrame] | None = None) -> pd.DataFrame:
    """A sensitivity, not the headline: the baseline configuration over every country seen,
    a missing index filled with that index's mean (``iso3, country, rank``)."""
    frames, _year = report_frames(tables=tables)
    result = rank_uncertainty(
        frames,
        runs=1,
        weight_range=0.0,
        normalisations=("minmax",),
        aggregations=("arithmetic",),
        missing="mean-impute",
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
    reasons = missing["missing"].map(lambda lacking: not_assessed_phrase(result, lacking))
    parts = []
    for reason, group in missing.groupby(reasons, sort=True):
        names = sorted(group["country"])
        verb = "is" if len(names) == 1 else "are"
        parts.append(f"{join_names(names)} {verb} not ranked, {reason}")
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
            f"headline) would place {join_names(places)} of {len(imputed)}"
        )
    return text


def not_assessed_phrase(result: RankUncertainty, lacking: Sequence[str]) -> str:
    """Why a country is not ranked, from the components that do not assess it
    (``not_ranked.missing``): "not assessed by EGDI 2024", "not assessed by EGDI 2024 or GTMI
    2025", each index named with the edition the headline used."""
    year = dict(zip(result.editions["component"], result.editions["year"], strict=True))
    return "not assessed by " + join_names((f"{c} {int(year[c])}" for c in lacking), "or")


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
    return " and ".join(f"{r.component} {r.year}" for r in result.editions.itertuples(index=False))


def interval_table(
    result: RankUncertainty,
    countries: Sequence[str] = FOCUS,
    *,
    top: int = 10,
    alone: Mapping[str, pd.Series] | None = None,
) -> pd.DataFrame:
    """The leaders (headline rank ≤ ``top``) and ``countries``: rank, median (as read:
    "5", "5.5"), interval and share of runs in the top ``top``, best headline rank first;
    with ``alone`` (index label → rank on that index alone among the same countries), one
    column per index beside them."""
    ranks = result.ranks.dropna(subset=["rank"])
    shown = ranks[(ranks["rank"] <= top) | ranks["iso3"].isin(list(countries))]
    shown = shown.sort_values(["rank", "iso3"], kind="mergesort")
    low, high = result.interval
    table = pd.DataFrame(
        {
            "Rank": shown["rank"].astype(int).to_numpy(),
            "Country": shown["country"].to_numpy(),
            "Score (0–1)": shown["score"].round(3).to_numpy(),
            "Median rank": [fmt_rank(v) for v in shown["median_rank"]],
            f"Rank in {high - low:g}% of runs": [
                f"{int(a)}" if a == b else f"{int(a)}–{int(b)}"
                for a, b in zip(shown["rank_low"], shown["rank_high"], strict=True)
            ],
            f"Runs in the top {top} (%)": [
                round(100 * float((result.rank_matrix[:, result.countries.index(c)] <= top).mean()))
                for c in shown["iso3"]
            ],
        }
    )
    for label, series in (alone or {}).items():
        table[f"Rank on the {label} alone"] = [
            MISSING if pd.isna(series.get(c)) else str(int(series[c])) for c in shown["iso3"]
        ]
    return table


def component_ranks(
    result: RankUncertainty, tables: Mapping[str, pd.DataFrame] | None = None
) -> pd.DataFrame:
    """Each ranked country's rank on each headline index alone (the editions ``result``
    used, among the ranked countries; ties share the better rank): ``iso3`` index, one column
    per index. The column of the EGDI is the ranking without the GTMI, and vice versa."""
    from smartresearch.analysis._frames import one_value_per_country
    from smartresearch.analysis.editions import choose_editions

    frames, _year = report_frames(tables=tables)
    used = dict(zip(result.editions["component"], result.editions["year"], strict=True))
    picked = choose_editions(frames, {n: int(y) for n, y in used.items() if n in frames})
    ranked = pd.Index(result.countries)
    out = {}
    for name, latest in picked.items():
        values = one_value_per_country(latest, what=name).reindex(ranked)
        out[name] = rank_values(values, ties="min")
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
    on = join_names(f"{ordinal(int(ranks.at[iso3, c]))} on the {c}" for c in ranks.columns)
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
