"""One country's record beyond its standing: rank history, comparisons, coverage, caveats.

Split from :mod:`smartresearch.analysis.profiles` (which computes where a country stands
among its peers) so each module stays readable alone. These answer the questions a
profile and chapter 2 ask about one country: its best published rank and who overtook it
since (:func:`fall_from_peak`), where it falls in each pairwise comparison of the indices
(:func:`concordance_position`), which editions assessed it (:func:`country_coverage`) and
which of the publishers' caveats mention a word or its code (:func:`caveats_mentioning`).
Frames and dataclasses in and out, as in every ``analysis`` module: who assessed the
country is a pair of booleans and its editions are years, not sentences; the profile
chapter (:mod:`smartresearch.chapters.profile`) words them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from smartresearch.analysis.concordance import concordance
from smartresearch.analysis.profiles import HEADLINE_INDICATORS, _checked, _choose
from smartresearch.countries import country_name, resolve_country
from smartresearch.errors import ValidationError


@dataclass(frozen=True)
class RankFall:
    """A country's best published rank and where it stands now."""

    iso3: str
    country: str
    indicator: str
    best_rank: int
    best_years: tuple[int, ...]
    peak_year: int  # the last edition at the best rank
    latest_year: int
    latest_rank: int
    #: Countries ranked above it in the latest edition that were below it at the peak.
    overtaken_by: tuple[str, ...]
    #: year, rank, ranked_first: the country's published rank in every edition that
    #: ranked it, and who was ranked first that year (a tuple of ISO3 codes, by code;
    #: empty when no country is ranked first in that edition's rows).
    history: pd.DataFrame

    @property
    def places_lost(self) -> int:
        return self.latest_rank - self.best_rank


def fall_from_peak(
    frame: pd.DataFrame, iso3: str, *, rank_indicator: str = "egdi_rank"
) -> RankFall:
    """``iso3``'s best published rank, when it held it last, and its latest rank.

    Reads the publisher's rank (``rank_indicator``) rather than re-ranking scores, because
    "first in 2016" is a statement about the printed ranking.
    """
    iso3 = resolve_country(iso3, argument="fall_from_peak: iso3")
    what = f"fall_from_peak({iso3!r}, rank_indicator={rank_indicator!r})"
    rows = _checked(frame, what)
    ranks = rows[rows["indicator"] == rank_indicator]
    if ranks.empty:
        raise ValidationError(
            f"{what}: no rows of {rank_indicator!r} in column 'indicator'; available: "
            f"{sorted(set(rows['indicator']))}"
        )
    own = ranks[ranks["iso3"] == iso3].sort_values("year")
    if own.empty:
        raise ValidationError(f"{what}: {iso3} has no {rank_indicator} in any edition")
    firsts = ranks[ranks["value"] == 1].sort_values("iso3").groupby("year")["iso3"]
    leaders = {int(year): tuple(codes) for year, codes in firsts}
    history = pd.DataFrame(
        {
            "year": own["year"].to_numpy(),
            "rank": own["value"].astype("int64").to_numpy(),
            "ranked_first": pd.Series(
                [leaders.get(int(y), ()) for y in own["year"]], dtype="object"
            ).to_numpy(),
        }
    )
    best = int(history["rank"].min())
    best_years = tuple(int(y) for y in history.loc[history["rank"] == best, "year"])
    latest_year = int(ranks["year"].max())
    latest = history[history["year"] == latest_year]
    if latest.empty:
        raise ValidationError(f"{what}: {iso3} is not ranked in the latest edition, {latest_year}")
    latest_rank = int(latest["rank"].iloc[0])
    peak = best_years[-1]
    at_peak = ranks[ranks["year"] == peak].set_index("iso3")["value"]
    now = ranks[ranks["year"] == latest_year].set_index("iso3")["value"]
    above_now = now[now < latest_rank].index
    overtook = sorted(
        (c for c in above_now if c in at_peak.index and at_peak[c] > best),
        key=lambda c: (now[c], c),
    )
    return RankFall(
        iso3=iso3,
        country=country_name(iso3),
        indicator=rank_indicator,
        best_rank=best,
        best_years=best_years,
        peak_year=peak,
        latest_year=latest_year,
        latest_rank=latest_rank,
        overtaken_by=tuple(overtook),
        history=history,
    )


#: Columns of :func:`concordance_position`.
POSITION_COLUMNS: tuple[str, ...] = (
    *("a", "b", "n", "spearman", "rank_a", "rank_b", "rank_shift"),
    *("assessed_a", "assessed_b"),
)

#: Columns of :func:`country_coverage`.
COVERAGE_COLUMNS: tuple[str, ...] = (
    *("dataset", "indicator", "editions", "assessed_in", "not_assessed_in"),
    *("n_editions", "n_assessed", "share"),
)


def concordance_position(components: Mapping[str, pd.DataFrame], iso3: str) -> pd.DataFrame:
    """Where ``iso3`` falls in each pairwise comparison of several indices.

    ``components`` maps a label to a tidy frame of one indicator in one edition (e.g.
    ``latest_edition(egdi, "egdi")``). One row per pair: ``a, b, n`` (countries both
    assessed), ``spearman``, the country's rank in each among those ``n`` countries and the
    shift (``rank_b - rank_a``; positive: ``b`` places it lower), and ``assessed_a`` and
    ``assessed_b`` saying whether each index assessed the country at all (the ranks are
    missing unless both did).
    """
    iso3 = resolve_country(iso3, argument="concordance_position: iso3")
    labels = list(components)
    rows = []
    for i, a in enumerate(labels):
        for b in labels[i + 1 :]:
            result = concordance(components[a], components[b], labels=(a, b))
            table = result.disagreements.set_index("iso3")
            row: dict[str, object] = {"a": a, "b": b, "n": result.n, "spearman": result.spearman}
            if iso3 in table.index:
                found = table.loc[iso3]
                row.update(
                    rank_a=found["rank_a"],
                    rank_b=found["rank_b"],
                    rank_shift=found["rank_shift"],
                    assessed_a=True,
                    assessed_b=True,
                )
            else:
                row.update(
                    rank_a=pd.NA,
                    rank_b=pd.NA,
                    rank_shift=pd.NA,
                    assessed_a=iso3 in result.only_in_a,
                    assessed_b=iso3 in result.only_in_b,
                )
            rows.append(row)
    out = pd.DataFrame(rows, columns=list(POSITION_COLUMNS))
    for column in ("rank_a", "rank_b", "rank_shift"):
        out[column] = pd.to_numeric(out[column]).astype("Int64")
    out["spearman"] = out["spearman"].astype("float64")
    for column in ("assessed_a", "assessed_b"):
        out[column] = out[column].astype("bool")
    return out


def country_coverage(
    frames: Mapping[str, pd.DataFrame],
    iso3: str,
    *,
    indicators: Mapping[str, Sequence[str]] | None = None,
) -> pd.DataFrame:
    """Which editions of each index assessed ``iso3``.

    One row per dataset and headline indicator (or ``indicators``): ``editions`` the index
    published, ``assessed_in`` and ``not_assessed_in`` (tuples of years, ascending; empty
    when none), ``n_editions``, ``n_assessed`` and their ``share``.
    """
    iso3 = resolve_country(iso3, argument="country_coverage: iso3")
    rows = []
    for dataset, frame in frames.items():
        checked = _checked(frame, f"coverage of {dataset!r}")
        chosen = (indicators or {}).get(dataset) or HEADLINE_INDICATORS.get(dataset)
        for indicator in _choose(checked, chosen, f"coverage of {dataset!r}"):
            own = checked[checked["indicator"] == indicator]
            editions = sorted(int(y) for y in own["year"].unique())
            assessed = sorted(int(y) for y in own.loc[own["iso3"] == iso3, "year"].unique())
            missing = [y for y in editions if y not in assessed]
            rows.append(
                {
                    "dataset": dataset,
                    "indicator": indicator,
                    "editions": tuple(editions),
                    "assessed_in": tuple(assessed),
                    "not_assessed_in": tuple(missing),
                    "n_editions": len(editions),
                    "n_assessed": len(assessed),
                    "share": len(assessed) / len(editions) if editions else float("nan"),
                }
            )
    return pd.DataFrame(rows, columns=list(COVERAGE_COLUMNS))


def caveats_mentioning(
    dataset: str, words: Iterable[str] = (), *, codes: Iterable[str] = ()
) -> tuple[str, ...]:
    """The data caveats of ``dataset`` (from ``describe``) that mention any word or code.

    ``words`` match case-insensitively at the start of a word, so ``"compar"`` finds
    "comparable" and "comparison"; ``codes`` match case-sensitively as whole words, so the
    code ``"ARE"`` (United Arab Emirates) does not match the verb "are". Lets a notebook
    show the caveats that bear on its question without retyping them.
    """
    patterns = [re.compile(rf"\b{re.escape(w.strip())}", re.IGNORECASE) for w in words if w.strip()]
    patterns += [re.compile(rf"\b{re.escape(c.strip())}\b") for c in codes if c.strip()]
    if not patterns:
        raise ValueError("caveats_mentioning: give at least one non-empty word or code")
    from smartresearch.datasets import describe

    caveats = describe(dataset).caveats
    return tuple(c for c in caveats if any(p.search(c) for p in patterns))
