"""How fragile is a composite ranking? Re-run it under other reasonable choices.

A rank that holds whichever scale, weights or missing-data rule is used can be reported
with confidence; one that swings by ten places cannot. ``sensitivity`` runs the composite
under a set of scenarios and reports, per country and per scenario, how far ranks move
from the baseline (median and maximum absolute shift), the way the Blavatnik Index of
Public Administration publishes its robustness checks.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

import pandas as pd

from smartresearch.analysis.composite import MISSING_RULES, MissingRule, composite
from smartresearch.analysis.normalise import NORMALISATIONS, Normalisation
from smartresearch.errors import ValidationError


@dataclass(frozen=True)
class Scenario:
    """One way of building the composite."""

    name: str
    normalisation: Normalisation = "minmax"
    weights: Mapping[str, float] | None = field(default=None, hash=False)
    missing: MissingRule = "drop"
    min_coverage: float = 0.5

    def describe(self) -> str:
        weights = (
            "equal weights"
            if self.weights is None
            else "weights " + ", ".join(f"{k}={v:g}" for k, v in self.weights.items())
        )
        return (
            f"{self.normalisation}, {weights}, missing={self.missing}, "
            f"min_coverage={self.min_coverage:g}"
        )


@dataclass(frozen=True)
class SensitivityResult:
    #: scenario, iso3, country, score, rank, baseline_rank, shift (rank − baseline_rank).
    ranks: pd.DataFrame
    #: Per country: baseline_rank, best_rank, worst_rank, median_abs_shift, max_abs_shift,
    #: scenarios_ranked (out of the non-baseline scenarios).
    by_country: pd.DataFrame
    #: Per scenario: description, countries ranked, median_abs_shift, max_abs_shift, share_moved.
    by_scenario: pd.DataFrame


def default_scenarios(
    components: Iterable[str], baseline: Scenario | None = None
) -> tuple[Scenario, ...]:
    """The baseline, then each other normalisation, each other missing-data rule, and
    leave-one-component-out weights (the component's weight set to zero)."""
    base = baseline or Scenario("baseline")
    names = list(components)
    scenarios = [base]
    scenarios += [
        replace(base, name=f"normalisation={m}", normalisation=m)
        for m in NORMALISATIONS
        if m != base.normalisation
    ]
    scenarios += [
        replace(base, name=f"missing={m}", missing=m) for m in MISSING_RULES if m != base.missing
    ]
    if len(names) > 1:
        for dropped in names:
            weights = {
                n: (0.0 if n == dropped else float((base.weights or {}).get(n, 1.0))) for n in names
            }
            scenarios.append(replace(base, name=f"without {dropped}", weights=weights))
    return tuple(scenarios)


def sensitivity(
    frames: Mapping[str, pd.DataFrame],
    scenarios: Sequence[Scenario] | None = None,
    *,
    baseline: str | None = None,
    lower_is_better_indicators: Collection[str] | None = None,
) -> SensitivityResult:
    """Run the composite under every scenario and summarise the rank shifts.

    ``baseline`` names the reference scenario (default: the first). A country left out
    of a scenario (e.g. by ``require-all``) has no shift there and counts as not ranked.
    """
    runs = tuple(scenarios) if scenarios is not None else default_scenarios(frames)
    if not runs:
        raise ValidationError("sensitivity: no scenarios given")
    names = [s.name for s in runs]
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise ValidationError(f"sensitivity: scenario names must be unique; repeated: {repeated}")
    base_name = baseline or names[0]
    if base_name not in names:
        raise ValidationError(
            f"sensitivity: baseline {base_name!r} is not among the scenarios {names}"
        )

    tables = []
    for s in runs:
        table = composite(
            frames,
            s.weights,
            s.normalisation,
            s.min_coverage,
            s.missing,
            lower_is_better_indicators=lower_is_better_indicators,
        )
        tables.append(
            table.loc[table["included"], ["iso3", "country", "score", "rank"]].assign(
                scenario=s.name
            )
        )
    ranks = pd.concat(tables, ignore_index=True)
    base = ranks.loc[ranks["scenario"] == base_name].set_index("iso3")["rank"]
    ranks["baseline_rank"] = ranks["iso3"].map(base).astype("Int64")
    ranks["shift"] = (ranks["rank"] - ranks["baseline_rank"]).astype("Int64")
    ranks = ranks[["scenario", "iso3", "country", "score", "rank", "baseline_rank", "shift"]]

    others = ranks[ranks["scenario"] != base_name].copy()
    others["abs_shift"] = others["shift"].abs().astype("Float64")
    countries = ranks[["iso3", "country"]].drop_duplicates("iso3").set_index("iso3")
    grouped = others.groupby("iso3")
    by_country = pd.DataFrame(
        {
            "country": countries["country"],
            "baseline_rank": base.reindex(countries.index).astype("Int64"),
            "best_rank": ranks.groupby("iso3")["rank"]
            .min()
            .reindex(countries.index)
            .astype("Int64"),
            "worst_rank": ranks.groupby("iso3")["rank"]
            .max()
            .reindex(countries.index)
            .astype("Int64"),
            "median_abs_shift": grouped["abs_shift"]
            .median()
            .reindex(countries.index)
            .astype("float64"),
            "max_abs_shift": grouped["abs_shift"].max().reindex(countries.index).astype("float64"),
            "scenarios_ranked": grouped["rank"]
            .count()
            .reindex(countries.index)
            .fillna(0)
            .astype("int64"),
        }
    )
    by_country = (
        by_country.reset_index()
        .sort_values(["baseline_rank", "iso3"], na_position="last", kind="mergesort")
        .reset_index(drop=True)
    )

    described = {s.name: s.describe() for s in runs}
    rows = []
    for s in runs:
        if s.name == base_name:
            continue
        part = others[others["scenario"] == s.name]
        shifts = part["abs_shift"].dropna()
        rows.append(
            {
                "scenario": s.name,
                "description": described[s.name],
                "countries_ranked": len(part),
                "median_abs_shift": float(shifts.median()) if len(shifts) else float("nan"),
                "max_abs_shift": float(shifts.max()) if len(shifts) else float("nan"),
                "share_moved": float((shifts > 0).mean()) if len(shifts) else float("nan"),
            }
        )
    by_scenario = pd.DataFrame(
        rows,
        columns=[
            "scenario",
            "description",
            "countries_ranked",
            "median_abs_shift",
            "max_abs_shift",
            "share_moved",
        ],
    )
    return SensitivityResult(
        ranks=ranks.reset_index(drop=True), by_country=by_country, by_scenario=by_scenario
    )
