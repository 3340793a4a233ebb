"""How fragile is a composite ranking? Re-run it under other reasonable choices.

A rank that holds whichever scale, weights or missing-data rule is used can be reported
with confidence; one that swings by ten places cannot. ``sensitivity`` runs the composite
under a set of scenarios and reports, per country and per scenario, how far ranks move
from the baseline (median and maximum absolute shift, largest rise and fall, which
scenario moves whom), the way the Blavatnik Index of Public Administration publishes its
robustness checks.

A shift is a change of *order*. Some scenarios rank fewer countries than the baseline
(``require-all`` keeps only the countries every index assesses; leaving out a global
index drops the countries only it covers), and a rank among 49 countries minus a rank
among 190 mostly measures the smaller field: a country 50th of 190 would be "up 30
places" when it is 20th of the 49 left and 20th of them in the baseline too. So, for each
scenario, the scenario and the baseline are both ranked among the countries both rank
(the ``field``; ties share the best rank, as in the composite), and the shift is the
difference of those two ranks. A scenario that drops countries but keeps the order of
the rest moves nobody.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

import pandas as pd

from smartresearch.analysis.composite import MISSING_RULES, MissingRule, composite
from smartresearch.analysis.normalise import NORMALISATIONS, Normalisation
from smartresearch.errors import ValidationError
from smartresearch.ranking import rank_values

#: Columns of :attr:`SensitivityResult.ranks`.
RANK_COLUMNS: tuple[str, ...] = (
    "scenario",
    "iso3",
    "country",
    "score",
    "rank",
    "baseline_rank",
    "shift",
    "field",
)

#: Columns of :attr:`SensitivityResult.by_country`.
BY_COUNTRY_COLUMNS: tuple[str, ...] = (
    "iso3",
    "country",
    "baseline_rank",
    "scenarios_ranked",
    "largest_rise",
    "largest_fall",
    "median_abs_shift",
    "max_abs_shift",
    "most_moved_by",
)

#: Columns of :attr:`SensitivityResult.by_scenario`.
BY_SCENARIO_COLUMNS: tuple[str, ...] = (
    "scenario",
    "description",
    "countries_ranked",
    "field",
    "median_abs_shift",
    "max_abs_shift",
    "share_moved",
    "largest_mover",
)


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
    """Every scenario's ranks and how far they move from the baseline's order.

    Shifts are measured among the countries both the scenario and the baseline rank
    (see the module docstring); a negative shift is a rise.
    """

    #: One row per scenario and country it ranks: scenario, iso3, country, score,
    #: rank (1 = best, in the scenario's own field), baseline_rank (the baseline's rank
    #: among the countries both rank; missing when the baseline leaves the country out),
    #: shift (the scenario's rank among those same countries minus baseline_rank; equal
    #: to rank − baseline_rank whenever the scenario ranks no country the baseline leaves
    #: out), field (how many countries both rank). Baseline rows have shift 0.
    ranks: pd.DataFrame
    #: Per country ranked by any scenario, best baseline rank first: iso3, country,
    #: baseline_rank (in the full baseline), scenarios_ranked (non-baseline scenarios that
    #: rank it), largest_rise and largest_fall (places, ≥ 0), median_abs_shift,
    #: max_abs_shift (missing when no other scenario gives it a shift), most_moved_by (the
    #: scenario of the largest absolute shift, the earlier on a tie; "" when none moves it).
    by_country: pd.DataFrame
    #: Per non-baseline scenario, in run order: scenario, description, countries_ranked
    #: (its own field), field (countries it and the baseline both rank), median_abs_shift,
    #: max_abs_shift, share_moved (of the field), largest_mover (country name, the first
    #: by ISO3 code on a tie; "" when nobody moves).
    by_scenario: pd.DataFrame
    #: The name of the reference scenario.
    baseline: str


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


def _check_scenarios(runs: Sequence[Scenario], baseline: str | None) -> str:
    """Validate the scenario list; returns the baseline's name."""
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
    return base_name


def _ranked(
    frames: Mapping[str, pd.DataFrame],
    scenario: Scenario,
    lower_is_better_indicators: Collection[str] | None,
) -> pd.DataFrame:
    """The countries one scenario ranks: iso3, country, score, rank (best first)."""
    table = composite(
        frames,
        scenario.weights,
        scenario.normalisation,
        scenario.min_coverage,
        scenario.missing,
        lower_is_better_indicators=lower_is_better_indicators,
    )
    return table.loc[table["included"], ["iso3", "country", "score", "rank"]].reset_index(drop=True)


def _against_baseline(run: pd.DataFrame, base: pd.DataFrame) -> pd.DataFrame:
    """``run`` with baseline_rank, shift and field: both runs ranked among their common
    countries, so the shift is a change of order and not of field size."""
    base_scores = base.set_index("iso3")["score"]
    common = run["iso3"].isin(base_scores.index)
    here = rank_values(run.loc[common, "score"], ties="min")
    there = rank_values(run.loc[common, "iso3"].map(base_scores), ties="min")
    return run.assign(
        baseline_rank=there.reindex(run.index).astype("Int64"),
        shift=(here - there).reindex(run.index).astype("Int64"),
        field=int(common.sum()),
    )


def _with_abs_shift(ranks: pd.DataFrame) -> pd.DataFrame:
    """The rows that have a shift (both runs rank the country), with ``abs_shift``."""
    return ranks.dropna(subset=["shift"]).assign(
        abs_shift=lambda f: f["shift"].abs().astype("float64")
    )


def _by_country(ranks: pd.DataFrame, base_name: str) -> pd.DataFrame:
    others = ranks[ranks["scenario"] != base_name]
    moved = _with_abs_shift(others)
    countries = ranks.drop_duplicates("iso3").set_index("iso3")["country"]
    base = ranks[ranks["scenario"] == base_name].set_index("iso3")["rank"]
    grouped = moved.groupby("iso3", sort=False)
    biggest = moved.loc[grouped["abs_shift"].idxmax()].set_index("iso3")  # first on a tie
    most_moved_by = biggest["scenario"].where(biggest["abs_shift"] > 0, "")

    def per_country(values: pd.Series) -> pd.Series:
        return values.reindex(countries.index)

    table = pd.DataFrame(
        {
            "country": countries,
            "baseline_rank": per_country(base).astype("Int64"),
            "scenarios_ranked": per_country(others.groupby("iso3").size()).fillna(0),
            "largest_rise": per_country((-grouped["shift"].min()).clip(lower=0)),
            "largest_fall": per_country(grouped["shift"].max().clip(lower=0)),
            "median_abs_shift": per_country(grouped["abs_shift"].median()),
            "max_abs_shift": per_country(grouped["abs_shift"].max()),
            "most_moved_by": per_country(most_moved_by).fillna(""),
        }
    )
    table = table.astype(
        {
            "scenarios_ranked": "int64",
            "largest_rise": "Int64",
            "largest_fall": "Int64",
            "median_abs_shift": "float64",
            "max_abs_shift": "float64",
            "most_moved_by": "str",
        }
    )
    return (
        table.rename_axis("iso3")
        .reset_index()
        .sort_values(["baseline_rank", "iso3"], na_position="last", kind="mergesort")
        .reset_index(drop=True)[list(BY_COUNTRY_COLUMNS)]
    )


def _by_scenario(ranks: pd.DataFrame, runs: Sequence[Scenario], base_name: str) -> pd.DataFrame:
    rows = []
    for s in runs:
        if s.name == base_name:
            continue
        part = ranks[ranks["scenario"] == s.name]
        moved = _with_abs_shift(part)
        shifts = moved["abs_shift"]
        mover = moved.sort_values(
            ["abs_shift", "iso3"], ascending=[False, True], kind="mergesort"
        ).head(1)
        rows.append(
            {
                "scenario": s.name,
                "description": s.describe(),
                "countries_ranked": len(part),
                "field": len(moved),
                "median_abs_shift": float(shifts.median()) if len(shifts) else float("nan"),
                "max_abs_shift": float(shifts.max()) if len(shifts) else float("nan"),
                "share_moved": float((shifts > 0).mean()) if len(shifts) else float("nan"),
                "largest_mover": (
                    str(mover["country"].iloc[0])
                    if len(mover) and mover["abs_shift"].iloc[0] > 0
                    else ""
                ),
            }
        )
    return pd.DataFrame(rows, columns=list(BY_SCENARIO_COLUMNS))


def sensitivity(
    frames: Mapping[str, pd.DataFrame],
    scenarios: Sequence[Scenario] | None = None,
    *,
    baseline: str | None = None,
    lower_is_better_indicators: Collection[str] | None = None,
) -> SensitivityResult:
    """Run the composite under every scenario and summarise how the order moves.

    ``scenarios`` defaults to :func:`default_scenarios`; ``baseline`` names the reference
    scenario (default: the first). Each scenario's shifts are measured among the
    countries it and the baseline both rank (ties share the best rank), so a scenario
    that only drops countries moves nobody; a country either run leaves out has no shift
    there. Columns: :data:`RANK_COLUMNS`, :data:`BY_COUNTRY_COLUMNS`,
    :data:`BY_SCENARIO_COLUMNS` (documented on :class:`SensitivityResult`).
    """
    runs = tuple(scenarios) if scenarios is not None else default_scenarios(frames)
    base_name = _check_scenarios(runs, baseline)
    ranked = {s.name: _ranked(frames, s, lower_is_better_indicators) for s in runs}
    base = ranked[base_name]
    ranks = pd.concat(
        [_against_baseline(run, base).assign(scenario=name) for name, run in ranked.items()],
        ignore_index=True,
    )[list(RANK_COLUMNS)]
    return SensitivityResult(
        ranks=ranks,
        by_country=_by_country(ranks, base_name),
        by_scenario=_by_scenario(ranks, runs, base_name),
        baseline=base_name,
    )
