"""How far a composite rank can be trusted: the composite re-run under every modelling choice.

A composite rank is the product of choices (scale, weights, aggregation) that the data do
not settle. Following the OECD/JRC *Handbook on Constructing Composite Indicators* (2008,
step 7, "uncertainty and sensitivity analysis") and the JRC's statistical audits,
:func:`rank_uncertainty` draws every choice from a stated range, re-ranks every country in
each run, reports each country's rank interval, and splits the rank variance among the
choices with first- and total-order Sobol' indices (:mod:`smartresearch.analysis.sobol`).

**What the intervals cover.** Only the method, on one vintage of data: each index in one
edition (its latest unless ``editions`` says otherwise). Swapping editions is change over
time, not uncertainty about the method; it has its own view
(:func:`smartresearch.analysis.editions.edition_ranks`). The intervals do not cover
measurement error in the indices (no publisher gives any) nor the choice of indices.

**The choices and their ranges** (each drawn uniformly, independently):

* normalisation: min–max, z-score or Hazen percentile (``normalisations``);
* aggregation: weighted arithmetic mean, or weighted geometric mean of the scores rescaled
  to [1, 100] within the ranked countries (a geometric mean needs positive values; 1–100
  keeps a zero from wiping out a country, as the JRC's audits do) (``aggregations``);
* weights: each nominal weight (equal by default) moved by up to ±``weight_range`` of its
  value (default 25%), then the weights rescaled to sum to 1: COINr's ``get_noisy_weights``
  and the JRC's audits perturb weights by ±25% of their nominal values. With two equal
  weights each index's weight then lies between 37.5% and 62.5%.

A choice with a single option is fixed and not an input. The missing-data rule is not a
choice here: the headline ranks only the countries observed on every component
(``population="complete"``), so no run could fill a gap. ``population="any"`` ranks every
country seen, as a sensitivity, with gaps handled by ``missing``.

**Like-for-like by construction.** The *headline* composite uses only the indices that
cover (nearly) every country (:func:`headline_components`: at least ``min_share`` of the
countries any component covers; EGDI and GTMI in this report). A regional index (OECD DGI,
EU benchmark) normalised within a small strong field would otherwise reward being covered;
:func:`extended_composite` adds them, but ranks only the countries every component covers.

Runs are vectorised: the normalised matrix of each normalisation is computed once, each
(normalisation, aggregation) pair's runs are one matrix product with their drawn weights,
and ranks come from one ``argsort`` over all runs. Run 0 is the baseline configuration (the
first option of each choice, nominal weights), so the full range of ranks always contains
the headline rank; the ``n (k + 2)`` runs after it are the Saltelli design.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from smartresearch.analysis._frames import lower_is_better, one_value_per_country
from smartresearch.analysis.composite import check_weights, composite
from smartresearch.analysis.editions import (
    GLOBAL_INDICES,
    choose_editions,
    pick_edition,
    report_frames,
)
from smartresearch.analysis.runs import (
    aggregable,
    aggregate,
    choice_shares,
    normalised_matrix,
    option_levels,
    perturbed_weights,
    rank_rows,
    rank_summary,
    ranked_population,
    weight_bounds,
)
from smartresearch.analysis.sobol import saltelli_design
from smartresearch.errors import ValidationError

__all__ = [
    "AGGREGATIONS",
    "CHOICES",
    "GLOBAL_INDICES",
    "RankUncertainty",
    "UNCERTAINTY_NORMALISATIONS",
    "aggregate",
    "extended_composite",
    "headline_components",
    "headline_composite",
    "pick_edition",
    "rank_rows",
    "rank_uncertainty",
    "report_frames",
]

#: Normalisations drawn (``frontier`` is left out: it needs positive values everywhere).
UNCERTAINTY_NORMALISATIONS: tuple[str, ...] = ("minmax", "zscore", "percentile")
#: Aggregations drawn.
AGGREGATIONS: tuple[str, ...] = ("arithmetic", "geometric")
#: Gap rules for ``population="any"`` (the headline's complete cases have no gaps).
MISSING_RULES: tuple[str, ...] = ("drop", "mean-impute")
#: Who is ranked: the complete cases, or every country seen.
POPULATIONS: tuple[str, ...] = ("complete", "any")
#: The modelling choices an analysis can vary, in reporting order.
CHOICES: tuple[str, ...] = ("normalisation", "weights", "aggregation")
#: Default ± share of each nominal weight (COINr's ``NoiseFactor``; the JRC's audits' 25%).
DEFAULT_WEIGHT_RANGE = 0.25
#: A component covering at least this share of all countries seen is a headline component.
DEFAULT_MIN_SHARE = 0.9
#: Default number of sampled runs (plus the baseline run 0).
DEFAULT_RUNS = 10_000
#: Bounds on the runs and the seed (numpy's seeds are unbounded; a report's need not be).
MAX_RUNS = 1_000_000
MAX_SEED = 2**32 - 1
#: Bootstrap resamples behind the confidence intervals of the Sobol' indices.
DEFAULT_BOOTSTRAP = 200


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


# --------------------------------------------------------------------------- result


@dataclass(frozen=True)
class RankUncertainty:
    """Ranks under many drawn configurations, and what drives their spread.

    ``ranks``: one row per ranked country, best headline rank first: ``iso3, country,
    score, rank`` (headline: run 0), ``median_rank, rank_low, rank_high`` (the ``interval``
    percentiles over all runs), ``best_rank, worst_rank``, ``top10_share`` (share of runs in
    the top 10), ``n_observed``. ``variance_shares``: one row per choice that varies and
    can move a rank: ``choice, first_order, first_low, first_high, total_order, total_low,
    total_high`` (Sobol' indices of the ranks and their bootstrap 95% intervals).
    ``inert``: the choices varied that moved no rank in any run (not listed as choices).
    ``runs``: every run's configuration (``run, block, normalisation, aggregation`` and one
    ``weight_<component>`` column; ``block`` is ``baseline``, ``A``, ``B`` or ``AB:<choice>``).
    ``editions``: ``component, year`` (the one vintage used). ``ranges``: the options each
    of ``normalisation`` and ``aggregation`` drew from, in order. ``weight_bounds``:
    ``component, nominal, low, high``, the range each weight was drawn from (±
    ``weight_range`` of its nominal value, rescaled). ``not_ranked``: countries seen but left
    out (``iso3, country, missing``: ``missing`` is the tuple of components that do not
    assess it; empty with ``population="any"``). ``rank_matrix``: runs × countries (columns
    of ``ranks.iso3`` in ``countries`` order). Data only: the chapters word it.
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
    ranges: Mapping[str, tuple[str, ...]]
    weight_bounds: pd.DataFrame
    weight_range: float
    inert: tuple[str, ...] = ()

    def country(self, iso3: str) -> dict[str, object]:
        """One country's row of ``ranks`` as a dict (ValidationError if not ranked)."""
        row = self.ranks[self.ranks["iso3"] == iso3]
        if row.empty:
            raise ValidationError(f"rank_uncertainty: {iso3!r} is not among the ranked countries")
        return row.iloc[0].to_dict()

    @property
    def interaction_share(self) -> float:
        """The share of the rank variance no choice explains on its own (1 − Σ first order)."""
        if self.variance_shares.empty:
            return 0.0
        return max(0.0, 1.0 - float(self.variance_shares["first_order"].sum()))


# --------------------------------------------------------------------------- checks


def _check_int(name: str, value: object, low: int, high: int) -> int:
    if (
        isinstance(value, bool)
        or not isinstance(value, int | np.integer)
        or not (low <= value <= high)
    ):
        raise ValidationError(
            f"rank_uncertainty: {name} must be an integer from {low:,} to {high:,}, got {value!r}"
        )
    return int(value)


def _check_args(
    interval: tuple[float, float],
    ranges: Mapping[str, Sequence[str]],
    allowed: Mapping[str, Sequence[str]],
    weight_range: object,
) -> None:
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
                f"rank_uncertainty: {choice} {list(values)} is empty or holds unknown "
                f"values {bad}; use some of {list(allowed[choice])}"
            )
    if (
        isinstance(weight_range, bool)
        or not isinstance(weight_range, int | float)
        or not 0 <= weight_range < 1
    ):
        raise ValidationError(
            f"rank_uncertainty: weight_range={weight_range!r} does not exist: it is the ± share "
            "of each nominal weight, a number from 0 (fixed weights) up to, not including, 1"
        )


def _check_base_weights(names: Sequence[str], weights: Mapping[str, float] | None) -> np.ndarray:
    """The nominal weights the runs perturb: :func:`composite.check_weights`'s contract (the
    components' names, finite and non-negative), plus every weight positive (a zero weight
    drops a component, which is another composite) and the weights summing to 1."""
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


# --------------------------------------------------------------------------- runs


def rank_uncertainty(
    frames: Mapping[str, pd.DataFrame] | None = None,
    runs: int = DEFAULT_RUNS,
    seed: int = 0,
    *,
    weights: Mapping[str, float] | None = None,
    weight_range: float = DEFAULT_WEIGHT_RANGE,
    normalisations: Sequence[str] = UNCERTAINTY_NORMALISATIONS,
    aggregations: Sequence[str] = AGGREGATIONS,
    editions: Mapping[str, int] | None = None,
    interval: tuple[float, float] = (5.0, 95.0),
    lower_is_better_indicators: Collection[str] | None = None,
    population: str = "complete",
    missing: str = "drop",
    bootstrap: int = DEFAULT_BOOTSTRAP,
) -> RankUncertainty:
    """Re-run the composite about ``runs`` times on one vintage, drawing every modelling
    choice, and split the rank variance among the choices (see the module docstring).

    ``frames``: component label → tidy rows of one indicator (one or several editions);
    ``None`` uses the report's headline indices (:data:`GLOBAL_INDICES`). ``editions``:
    component → edition year (default: each one's latest). The choices that vary (``k``: a
    range of more than one option; the weights unless ``weight_range`` is 0) form a Saltelli
    design of ``n = runs // (k + 2)`` base rows, ``n (k + 2)`` runs after the baseline run 0.
    ``population``: ``"complete"`` ranks the countries observed on every component (the
    rest go to ``not_ranked``); ``"any"`` every country seen, gaps handled by ``missing``.
    """
    runs = _check_int("runs", runs, 1, MAX_RUNS)
    seed = _check_int("seed", seed, 0, MAX_SEED)
    bootstrap = _check_int("bootstrap", bootstrap, 0, 10_000)
    allowed = {"normalisations": UNCERTAINTY_NORMALISATIONS, "aggregations": AGGREGATIONS}
    ranges = {"normalisations": tuple(normalisations), "aggregations": tuple(aggregations)}
    _check_args(interval, ranges, allowed, weight_range)
    if population not in POPULATIONS:
        raise ValidationError(
            f"rank_uncertainty: population={population!r} is not one of {list(POPULATIONS)}"
        )
    if missing not in MISSING_RULES:
        raise ValidationError(
            f"rank_uncertainty: missing={missing!r} is not one of {list(MISSING_RULES)}"
        )
    if frames is None:
        frames, _year = report_frames()
    if not frames:
        raise ValidationError("rank_uncertainty: no components given")
    names = list(frames)
    base = _check_base_weights(names, weights)
    picked = choose_editions(frames, editions)
    people, not_ranked, covered = ranked_population(picked, population)

    varied = [
        choice
        for choice, count in (
            ("normalisation", len(ranges["normalisations"])),
            ("weights", 2 if weight_range > 0 and len(names) > 1 else 1),
            ("aggregation", len(ranges["aggregations"])),
        )
        if count > 1
    ]
    n = runs // (len(varied) + 2) if varied else 0
    if varied and n < 2:
        raise ValidationError(
            f"rank_uncertainty: runs={runs} is too few for {len(varied)} varied choices; "
            f"a Saltelli design needs at least {2 * (len(varied) + 2)}"
        )
    widths = {c: (len(names) if c == "weights" else 1) for c in varied}
    rng = np.random.default_rng(seed)
    design = saltelli_design(widths, n, rng) if varied else None
    inputs = design.stacked() if design is not None else np.empty((0, 0))
    total = 1 + len(inputs)
    columns = {name: cols for name, cols in (design.groups if design is not None else ())}

    def level(choice: str, count: int) -> np.ndarray:
        drawn = option_levels(inputs[:, columns[choice][0]], count) if choice in columns else None
        return np.concatenate([[0], drawn if drawn is not None else np.zeros(total - 1, int)])

    norm = level("normalisation", len(ranges["normalisations"]))
    agg = level("aggregation", len(ranges["aggregations"]))
    w = np.tile(base, (total, 1))
    if "weights" in columns:
        w[1:] = perturbed_weights(inputs[:, list(columns["weights"])], base, float(weight_range))

    series = {c: one_value_per_country(picked[c], what=f"component {c!r}") for c in names}
    higher = {
        c: not lower_is_better(str(picked[c]["indicator"].iloc[0]), lower_is_better_indicators)
        for c in names
    }
    scores = np.full((total, len(people)), np.nan)
    for ni, method in enumerate(ranges["normalisations"]):
        if not (norm == ni).any():
            continue
        matrix = normalised_matrix(series, higher, people, method)
        for ai, how in enumerate(ranges["aggregations"]):
            rows = (norm == ni) & (agg == ai)
            if rows.any():
                scores[rows] = aggregate(aggregable(matrix, missing, how), w[rows], how)
    ranks = rank_rows(scores)
    shares, inert = choice_shares(ranks, varied, n, seed, bootstrap)

    blocks = ["baseline"] + (
        ["A"] * n + ["B"] * n + [f"AB:{c}" for c in varied for _ in range(n)] if varied else []
    )
    runs_table = pd.DataFrame(
        {
            "run": np.arange(total),
            "block": blocks,
            "normalisation": np.array(ranges["normalisations"])[norm],
            "aggregation": np.array(ranges["aggregations"])[agg],
            **{f"weight_{c}": w[:, j] for j, c in enumerate(names)},
        }
    )
    span = (float(interval[0]), float(interval[1]))
    return RankUncertainty(
        ranks=rank_summary(
            people, scores, ranks, (float(interval[0]), float(interval[1])), covered
        ),
        variance_shares=shares,
        runs=runs_table,
        editions=pd.DataFrame(
            [{"component": c, "year": int(picked[c]["year"].iloc[0])} for c in names]
        ),
        interval=span,
        seed=seed,
        countries=tuple(people.astype(str)),
        rank_matrix=ranks,
        not_ranked=not_ranked,
        ranges={"normalisation": ranges["normalisations"], "aggregation": ranges["aggregations"]},
        weight_bounds=weight_bounds(names, base, float(weight_range)),
        weight_range=float(weight_range),
        inert=inert,
    )
