"""How far a composite rank can be trusted: the composite re-run under every modelling choice.

A composite rank is the product of choices (scale, weights, aggregation, what to do about
gaps, which editions to pair), none of which the data settle. Following the OECD/JRC
*Handbook on Constructing Composite Indicators* and the JRC's audits, :func:`rank_uncertainty`
draws every choice at random from stated ranges, re-ranks every country in each run, and
reports each country's rank interval and how much of the rank variance each choice explains
(first-order variance shares).

**Like-for-like by construction.** The *headline* composite uses only the indices that
cover (nearly) every country (:func:`headline_components`: at least ``min_share`` of the
countries any component covers; EGDI and GTMI in this report). A regional index (OECD DGI,
EU benchmark) normalised within a small strong field would otherwise reward being covered;
:func:`extended_composite` adds them, but ranks only the countries every component covers,
and is reported separately.

**Complete cases only.** A composite rank means the same thing for every country only if
every country is scored on the same components, so :func:`rank_uncertainty` ranks the
countries observed on *every* component in the latest editions (``population="complete"``,
the default); the others are listed in ``not_ranked`` with the components they lack. The
missing-data rule drawn by the runs then only decides gaps in the *other* edition pairing
(a country assessed in the latest editions but absent from an older one), so it never
brings a one-index country into the ranking. ``population="any"`` ranks every country
seen, as a sensitivity (with ``missing_rules=("mean-impute",)``: where they would rank if
their gap held the component's mean).

Runs are vectorised: the normalised matrix of each (edition pairing, normalisation) is
computed once, each discrete configuration's runs are one matrix product with their drawn
weights, and ranks come from one ``argsort`` over all runs; no Python loop per country.
Run 0 is always the baseline configuration (the first entry of each range, base weights),
so the full range of ranks always contains the headline rank.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from smartresearch.analysis._frames import lower_is_better, one_value_per_country, require_columns
from smartresearch.analysis.composite import check_weights, composite
from smartresearch.analysis.normalise import normalise_values
from smartresearch.countries import names_for
from smartresearch.errors import ValidationError

#: Normalisations drawn (``frontier`` is left out: it needs positive values everywhere).
UNCERTAINTY_NORMALISATIONS: tuple[str, ...] = ("minmax", "zscore", "percentile")
#: Aggregations drawn: weighted arithmetic mean, or weighted geometric mean of the scores
#: rescaled to [1, 100] within the ranked countries (a geometric mean needs positive values;
#: 1–100 keeps a zero from wiping out a country, as the JRC's audits do).
AGGREGATIONS: tuple[str, ...] = ("arithmetic", "geometric")
#: Missing-data rules drawn: average what is observed, or fill a gap with the component's mean.
UNCERTAINTY_MISSING: tuple[str, ...] = ("drop", "mean-impute")
#: Edition pairings drawn: each index's latest edition, or its edition nearest a reference year.
PAIRINGS: tuple[str, ...] = ("latest", "reference")
#: Who is ranked: the complete cases of the latest editions, or every country seen.
POPULATIONS: tuple[str, ...] = ("complete", "any")
#: Choices whose variance shares are reported, in this order.
CHOICES: tuple[str, ...] = ("normalisation", "weights", "aggregation", "missing", "pairing")
#: The indices of the report that cover (nearly) every country: the headline composite's.
GLOBAL_INDICES: tuple[str, ...] = ("EGDI", "GTMI")
#: A component covering at least this share of all countries seen is a headline component.
DEFAULT_MIN_SHARE = 0.9
#: Dirichlet concentration of the drawn weights (per component): 20 keeps two equal weights
#: mostly within 0.4–0.6.
DEFAULT_CONCENTRATION = 20.0
#: Number of quantile bins of the first component's weight used for the weights' share.
WEIGHT_BINS = 10


def headline_components(
    frames: Mapping[str, pd.DataFrame], min_share: float = DEFAULT_MIN_SHARE
) -> list[str]:
    """Labels of the components that cover at least ``min_share`` of every country seen."""
    if not frames:
        raise ValidationError("headline_components: no components given")
    covered = {name: set(one_value_per_country(f, what=name).index) for name, f in frames.items()}
    seen = set().union(*covered.values())
    chosen = [n for n, c in covered.items() if len(c) >= min_share * len(seen)]
    if not chosen:
        raise ValidationError(
            f"headline_components: no component covers {min_share:.0%} of the {len(seen)} "
            f"countries seen; coverage { ({n: len(c) for n, c in covered.items()}) }"
        )
    return chosen


def headline_composite(
    frames: Mapping[str, pd.DataFrame], *, min_share: float = DEFAULT_MIN_SHARE, **options: object
) -> pd.DataFrame:
    """The like-for-like composite: :func:`~smartresearch.analysis.composite.composite` over
    the headline components only, ranking the countries observed on all of them
    (``missing="require-all"`` unless ``options``, passed to ``composite``, say otherwise):
    a country scored on one index is not compared with countries scored on two."""
    chosen = headline_components(frames, min_share)
    options = {"missing": "require-all", **options}
    return composite({n: frames[n] for n in chosen}, **options)  # type: ignore[arg-type]


def extended_composite(frames: Mapping[str, pd.DataFrame], **options: object) -> pd.DataFrame:
    """Every component, ranking only the countries observed on all of them (``require-all``),
    each component normalised among those countries: one field, one comparison."""
    return composite(frames, missing="require-all", **options)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- editions


def _editions(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    require_columns(frame, ["iso3", "year", "indicator", "value"], what=f"component {name!r}")
    if frame.empty:
        raise ValidationError(f"rank_uncertainty: component {name!r} has no rows")
    return frame.dropna(subset=["value"])


def pick_edition(frame: pd.DataFrame, pairing: str, reference_year: int) -> pd.DataFrame:
    """One component's rows in its latest edition, or its edition nearest ``reference_year``
    (a tie goes to the later edition)."""
    years = sorted({int(y) for y in frame["year"]})
    if pairing == "latest":
        year = years[-1]
    else:
        year = min(years, key=lambda y: (abs(y - reference_year), -y))
    return frame[frame["year"].astype(int) == year]


def report_frames(
    indices: Sequence[str] = GLOBAL_INDICES, *, tables: Mapping[str, pd.DataFrame] | None = None
) -> tuple[dict[str, pd.DataFrame], int]:
    """The report's own inputs: every edition of each named headline index, and the
    reference year ``panels.latest_index_panel`` pairs the four indices to (``tables``:
    dataset name → tidy table, default the clean tables)."""
    from smartresearch.analysis import panels

    by_label = {i.label: i for i in panels.HEADLINE_INDICES}
    unknown = [name for name in indices if name not in by_label]
    if unknown or not indices:
        raise ValidationError(
            f"rank_uncertainty: unknown index {unknown or list(indices)}; "
            f"use labels of {list(by_label)}"
        )
    chosen = [by_label[name] for name in indices]
    tables = panels._tables(panels.HEADLINE_INDICES, tables)
    rows = panels._headline_rows_by_label(chosen, tables)
    year = panels.reference_year(panels.index_editions(tables=tables))
    return {name: rows[name] for name in indices}, year


# --------------------------------------------------------------------------- result


@dataclass(frozen=True)
class RankUncertainty:
    """Ranks under many drawn configurations.

    ``ranks``: one row per ranked country, best headline rank first: ``iso3, country,
    score, rank`` (headline: run 0), ``median_rank, rank_low, rank_high`` (the ``interval``
    percentiles over runs), ``best_rank, worst_rank``, ``top10_share`` (share of runs in
    the top 10), ``n_observed``. ``variance_shares``: ``choice, share``. ``runs``: the
    configuration of every run (``run, normalisation, aggregation, missing, pairing`` and
    one ``weight_<component>`` column). ``editions``: ``pairing, component, year``.
    ``not_ranked``: countries seen but left out (``iso3, country, missing, reason``;
    empty with ``population="any"``).
    ``rank_matrix``: runs × countries (columns of ``ranks.iso3`` in ``countries`` order).
    """

    ranks: pd.DataFrame
    variance_shares: pd.DataFrame
    runs: pd.DataFrame
    editions: pd.DataFrame
    interval: tuple[float, float]
    seed: int
    countries: tuple[str, ...]
    rank_matrix: np.ndarray
    not_ranked: pd.DataFrame

    def country(self, iso3: str) -> dict[str, object]:
        """One country's row of ``ranks`` as a dict (ValidationError if not ranked)."""
        row = self.ranks[self.ranks["iso3"] == iso3]
        if row.empty:
            raise ValidationError(f"rank_uncertainty: {iso3!r} is not among the ranked countries")
        return row.iloc[0].to_dict()


# --------------------------------------------------------------------------- checks


def _check_args(
    runs: object,
    seed: object,
    interval: tuple[float, float],
    ranges: Mapping[str, Sequence[str]],
    allowed: Mapping[str, Sequence[str]],
) -> None:
    if isinstance(runs, bool) or not isinstance(runs, int | np.integer) or runs < 1:
        raise ValidationError(f"rank_uncertainty: runs must be an integer >= 1, got {runs!r}")
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
        raise ValidationError(f"rank_uncertainty: seed must be an integer >= 0, got {seed!r}")
    low, high = interval
    if not 0 <= low <= high <= 100:
        raise ValidationError(
            f"rank_uncertainty: interval must be percentiles 0 <= low <= high <= 100, "
            f"got {interval!r}"
        )
    for choice, values in ranges.items():
        bad = [v for v in values if v not in allowed[choice]]
        if bad or not values:
            raise ValidationError(
                f"rank_uncertainty: {choice} range {list(values)} is empty or holds unknown "
                f"values {bad}; use some of {list(allowed[choice])}"
            )


def _check_base_weights(names: Sequence[str], weights: Mapping[str, float] | None) -> np.ndarray:
    """The base weights the Dirichlet draws centre on: :func:`composite.check_weights`'s
    contract (the components' names, finite and non-negative), plus what a Dirichlet mean
    needs: every weight positive and the weights summing to 1."""
    if weights is None:
        return np.full(len(names), 1.0 / len(names))
    if not all(np.isfinite(float(v)) and float(v) > 0 for v in weights.values()):
        raise ValidationError(f"rank_uncertainty: weights must be positive; got {dict(weights)}")
    try:
        checked = check_weights(names, weights)
    except ValidationError as error:
        raise ValidationError(f"rank_uncertainty: {error}") from None
    w = np.array([checked[n] for n in names])
    if abs(w.sum() - 1.0) > 1e-9:
        raise ValidationError(
            f"rank_uncertainty: weights must sum to 1; {dict(weights)} sums to {w.sum():.6g}"
        )
    return w


# --------------------------------------------------------------------------- computation


def _matrix(
    frames: Mapping[str, pd.DataFrame],
    names: Sequence[str],
    population: pd.Index,
    method: str,
    lower: Collection[str] | None,
) -> np.ndarray:
    """Normalised scores (countries × components) among the population countries observed."""
    columns = []
    for name in names:
        frame = frames[name]
        series = one_value_per_country(frame, what=f"component {name!r}")
        series = series[series.index.isin(population)]
        higher = not lower_is_better(str(frame["indicator"].iloc[0]), lower)
        scored = normalise_values(series.rename(name), method, higher_is_better=higher)  # type: ignore[arg-type]
        columns.append(scored.reindex(population).to_numpy(dtype="float64"))
    return np.column_stack(columns)


def _aggregable(matrix: np.ndarray, missing: str, aggregation: str) -> np.ndarray:
    """The matrix a run multiplies by its weights: gaps filled (or kept NaN) by ``missing``;
    for ``geometric``, rescaled to [1, 100] per component and logged."""
    m = matrix.copy()
    if missing == "mean-impute":
        means = np.nanmean(m, axis=0)
        m = np.where(np.isnan(m), means, m)
    if aggregation == "geometric":
        lo, hi = np.nanmin(m, axis=0), np.nanmax(m, axis=0)
        span = np.where(hi > lo, hi - lo, 1.0)
        m = np.log(1.0 + 99.0 * (m - lo) / span)
    return m


def aggregate(matrix: np.ndarray, weights: np.ndarray, aggregation: str) -> np.ndarray:
    """Scores of every country in every run: ``matrix`` is countries × components (NaN where
    not observed; logged for ``geometric``), ``weights`` runs × components; gaps drop out and
    the weights re-scale over what is observed. Returns runs × countries."""
    observed = ~np.isnan(matrix)
    total = np.nan_to_num(matrix) @ weights.T
    weight_observed = observed.astype("float64") @ weights.T
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(weight_observed > 0, total / weight_observed, np.nan)
    out = np.exp(mean) if aggregation == "geometric" else mean
    return out.T


def rank_rows(scores: np.ndarray) -> np.ndarray:
    """Rank each row (higher score = better = rank 1; ties share the best rank; NaN stays NaN)."""
    key = np.where(np.isnan(scores), np.inf, -scores)
    order = np.argsort(key, axis=1, kind="stable")
    ordered = np.take_along_axis(key, order, axis=1)
    n = scores.shape[1]
    new = np.ones_like(ordered, dtype=bool)
    new[:, 1:] = ordered[:, 1:] != ordered[:, :-1]
    first = np.maximum.accumulate(np.where(new, np.arange(n), 0), axis=1)
    ranks = np.empty_like(scores)
    np.put_along_axis(ranks, order, (first + 1).astype("float64"), axis=1)
    return np.where(np.isnan(scores), np.nan, ranks)


def first_order_share(ranks: np.ndarray, codes: np.ndarray) -> float:
    """Var(E[rank | choice]) / Var(rank), averaged over countries whose rank varies.

    ``ranks`` is runs × countries (countries with a NaN rank in any run are left out),
    ``codes`` the level of the choice in each run. For a discrete choice this is the exact
    first-order (main-effect) share of the empirical distribution.
    """
    keep = ~np.isnan(ranks).any(axis=0)
    r = ranks[:, keep]
    total = r.var(axis=0)
    varies = total > 1e-12
    if not varies.any():
        return 0.0
    levels, inverse = np.unique(codes, return_inverse=True)
    onehot = np.zeros((len(levels), len(codes)))
    onehot[inverse, np.arange(len(codes))] = 1.0
    counts = onehot.sum(axis=1, keepdims=True)
    means = (onehot @ r) / counts
    between = (counts * (means - r.mean(axis=0)) ** 2).sum(axis=0) / len(codes)
    return float(np.mean(between[varies] / total[varies]))


def rank_uncertainty(
    frames: Mapping[str, pd.DataFrame] | None = None,
    runs: int = 1000,
    seed: int = 0,
    *,
    weights: Mapping[str, float] | None = None,
    weight_concentration: float | None = DEFAULT_CONCENTRATION,
    normalisations: Sequence[str] = UNCERTAINTY_NORMALISATIONS,
    aggregations: Sequence[str] = AGGREGATIONS,
    missing_rules: Sequence[str] = UNCERTAINTY_MISSING,
    pairings: Sequence[str] = PAIRINGS,
    reference_year: int | None = None,
    interval: tuple[float, float] = (5.0, 95.0),
    lower_is_better_indicators: Collection[str] | None = None,
    population: str = "complete",
) -> RankUncertainty:
    """Re-run the composite ``runs`` times, each run drawing every modelling choice.

    ``frames``: component label → tidy rows of one indicator (one or several editions);
    ``None`` uses the report's headline indices (:data:`GLOBAL_INDICES`, every edition) and
    its reference year. Each run draws a normalisation, an aggregation, a missing-data rule
    and an edition pairing uniformly from the given ranges, and weights from a Dirichlet
    centred on ``weights`` (equal by default) with concentration ``weight_concentration``
    per component (``None``: fixed weights). The first entry of each range and the base
    weights make the baseline, which is run 0. Ranked countries (``population``):
    ``"complete"``, those observed on every component in the latest editions (the rest go
    to ``not_ranked``); ``"any"``, every country observed on at least one, provided some
    country is observed on all of them.
    """
    allowed = {
        "normalisations": UNCERTAINTY_NORMALISATIONS,
        "aggregations": AGGREGATIONS,
        "missing_rules": UNCERTAINTY_MISSING,
        "pairings": PAIRINGS,
    }
    ranges = {
        "normalisations": tuple(normalisations),
        "aggregations": tuple(aggregations),
        "missing_rules": tuple(missing_rules),
        "pairings": tuple(pairings),
    }
    _check_args(runs, seed, interval, ranges, allowed)
    if population not in POPULATIONS:
        raise ValidationError(
            f"rank_uncertainty: population={population!r} is not one of {list(POPULATIONS)}"
        )
    if weight_concentration is not None and not (
        np.isfinite(weight_concentration) and weight_concentration > 0
    ):
        raise ValidationError(
            f"rank_uncertainty: weight_concentration must be positive or None, "
            f"got {weight_concentration!r}"
        )
    if frames is None:
        frames, default_year = report_frames()
        reference_year = default_year if reference_year is None else reference_year
    if not frames:
        raise ValidationError("rank_uncertainty: no components given")
    names = list(frames)
    base = _check_base_weights(names, weights)
    all_editions = {name: _editions(frames[name], name) for name in names}
    if reference_year is None:
        from smartresearch.analysis import panels

        table = pd.DataFrame(
            [
                {"index_name": n, "year": int(y)}
                for n, f in all_editions.items()
                for y in sorted(set(f["year"]))
            ]
        )
        reference_year = panels.reference_year(table)
    picked = {
        p: {n: pick_edition(all_editions[n], p, int(reference_year)) for n in names}
        for p in ranges["pairings"]
    }
    latest = {n: pick_edition(all_editions[n], "latest", int(reference_year)) for n in names}
    covered = [set(one_value_per_country(f, what=n).index) for n, f in latest.items()]
    overlap = set.intersection(*covered)
    if not overlap:
        raise ValidationError(
            f"rank_uncertainty: components {names} have no country in common "
            "(empty overlap) in their latest editions"
        )
    seen = set().union(*covered)
    chosen = overlap if population == "complete" else seen
    population = pd.Index(sorted(chosen), name="iso3")
    left_out = sorted(seen - chosen)
    lacking = [
        [
            f"{n} {int(latest[n]['year'].iloc[0])}"
            for n, c in zip(names, covered, strict=True)
            if iso3 not in c
        ]
        for iso3 in left_out
    ]
    not_ranked = pd.DataFrame(
        {
            "iso3": pd.Series(left_out, dtype="object"),
            "country": pd.Series(names_for(pd.Index(left_out)) if left_out else [], dtype="object"),
            "missing": pd.Series([", ".join(m) for m in lacking], dtype="object"),
            "reason": pd.Series(
                [f"not assessed by {' or '.join(m)}" for m in lacking], dtype="object"
            ),
        }
    )

    rng = np.random.default_rng(int(seed))
    draws = {
        key: np.concatenate([[0], rng.integers(0, len(vals), size=runs - 1)])
        for key, vals in ranges.items()
    }
    if weight_concentration is None:
        w = np.tile(base, (runs, 1))
    else:
        w = rng.dirichlet(weight_concentration * len(names) * base, size=runs)
        w[0] = base

    scores = np.full((runs, len(population)), np.nan)
    cache: dict[tuple[str, str], np.ndarray] = {}
    for pi, pairing in enumerate(ranges["pairings"]):
        for ni, method in enumerate(ranges["normalisations"]):
            in_pair = (draws["pairings"] == pi) & (draws["normalisations"] == ni)
            if not in_pair.any():
                continue
            key = (pairing, method)
            if key not in cache:
                cache[key] = _matrix(
                    picked[pairing], names, population, method, lower_is_better_indicators
                )
            for ai, agg in enumerate(ranges["aggregations"]):
                for mi, miss in enumerate(ranges["missing_rules"]):
                    rows = in_pair & (draws["aggregations"] == ai) & (draws["missing_rules"] == mi)
                    if rows.any():
                        matrix = _aggregable(cache[key], miss, agg)
                        scores[rows] = aggregate(matrix, w[rows], agg)
    ranks = rank_rows(scores)

    low, high = interval
    ranked = ~np.isnan(ranks)
    with np.errstate(invalid="ignore"):
        table = pd.DataFrame(
            {
                "iso3": population.astype(str),
                "country": names_for(population),
                "score": scores[0],
                "rank": ranks[0],
                "median_rank": np.nanmedian(ranks, axis=0),
                "rank_low": np.nanpercentile(ranks, low, axis=0, method="lower"),
                "rank_high": np.nanpercentile(ranks, high, axis=0, method="higher"),
                "best_rank": np.nanmin(ranks, axis=0),
                "worst_rank": np.nanmax(ranks, axis=0),
                "top10_share": (np.nan_to_num(ranks, nan=np.inf) <= 10).sum(axis=0)
                / ranked.sum(axis=0),
                "n_observed": np.column_stack([population.isin(list(c)) for c in covered]).sum(
                    axis=1
                ),
            }
        )
    for column in ("rank", "median_rank", "rank_low", "rank_high", "best_rank", "worst_rank"):
        table[column] = table[column].astype("Float64")
    table = table.sort_values(["rank", "iso3"], na_position="last", kind="mergesort")
    table = table.reset_index(drop=True)

    weight_bins = np.searchsorted(
        np.quantile(w[:, 0], np.linspace(0, 1, WEIGHT_BINS + 1)[1:-1]), w[:, 0], side="right"
    )
    codes = {
        "normalisation": draws["normalisations"],
        "weights": weight_bins,
        "aggregation": draws["aggregations"],
        "missing": draws["missing_rules"],
        "pairing": draws["pairings"],
    }
    shares = pd.DataFrame(
        {"choice": list(CHOICES), "share": [first_order_share(ranks, codes[c]) for c in CHOICES]}
    )
    runs_table = pd.DataFrame(
        {
            "run": np.arange(runs),
            "normalisation": np.array(ranges["normalisations"])[draws["normalisations"]],
            "aggregation": np.array(ranges["aggregations"])[draws["aggregations"]],
            "missing": np.array(ranges["missing_rules"])[draws["missing_rules"]],
            "pairing": np.array(ranges["pairings"])[draws["pairings"]],
            **{f"weight_{n}": w[:, j] for j, n in enumerate(names)},
        }
    )
    editions = pd.DataFrame(
        [
            {"pairing": p, "component": n, "year": int(picked[p][n]["year"].iloc[0])}
            for p in ranges["pairings"]
            for n in names
        ]
    )
    return RankUncertainty(
        ranks=table,
        variance_shares=shares,
        runs=runs_table,
        editions=editions,
        interval=(float(low), float(high)),
        seed=int(seed),
        countries=tuple(population.astype(str)),
        rank_matrix=ranks,
        not_ranked=not_ranked,
    )
