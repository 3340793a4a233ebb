"""Chapter 5's variance shares: which modelling choice moves the composite's ranks, as
first- and total-order Sobol' indices (``RankUncertainty.variance_shares``), in a table and
in words."""

from __future__ import annotations

import pandas as pd

from smartresearch.analysis.uncertainty import RankUncertainty
from smartresearch.wording import join_names

#: Display names of the modelling choices of ``rank_uncertainty``.
CHOICE_NAMES: dict[str, str] = {
    "normalisation": "normalisation",
    "weights": "weights",
    "aggregation": "aggregation",
}


#: How each option of a choice reads in a sentence.
OPTION_WORDS: dict[str, str] = {
    "minmax": "min–max",
    "zscore": "z-score",
    "percentile": "Hazen percentile",
    "arithmetic": "arithmetic mean",
    "geometric": "geometric mean",
}


def range_phrase(result: RankUncertainty, choice: str) -> str:
    """What ``choice`` drew from, as read: "min–max, z-score or Hazen percentile", "each
    nominal weight ±25%, rescaled to sum to 1: EGDI 37.5%–62.5%, GTMI 37.5%–62.5%", "fixed at
    EGDI 50%, GTMI 50%"; "" for a choice the result does not know."""
    if choice == "weights":
        bounds = result.weight_bounds.itertuples(index=False)
        if result.weight_range == 0 or len(result.weight_bounds) < 2:
            return "fixed at " + ", ".join(f"{b.component} {b.nominal:.0%}" for b in bounds)
        drawn = ", ".join(f"{b.component} {b.low:.1%}–{b.high:.1%}" for b in bounds)
        return f"each nominal weight ±{result.weight_range:.0%}, rescaled to sum to 1: {drawn}"
    return join_names((OPTION_WORDS.get(v, v) for v in result.ranges.get(choice, ())), "or")


def choice_name(result: RankUncertainty, choice: str) -> str:
    """ "weights (each nominal weight ±25%, …)": a choice and the range it was drawn from."""
    return f"{CHOICE_NAMES.get(choice, choice)} ({range_phrase(result, choice)})"


def _by_share(result: RankUncertainty) -> pd.DataFrame:
    return result.variance_shares.sort_values(
        ["first_order", "choice"], ascending=[False, True], kind="mergesort"
    )


def dominant_choice_phrase(result: RankUncertainty) -> str:
    """ "the weights (56% of the rank variance on their own, 63% with interactions)"."""
    if result.variance_shares.empty:
        return "no modelling choice (none was varied)"
    top = _by_share(result).iloc[0]
    return (
        f"the {CHOICE_NAMES.get(str(top['choice']), str(top['choice']))} "
        f"({top['first_order']:.0%} of the rank variance on their own, "
        f"{top['total_order']:.0%} with interactions)"
    )


def variance_table(result: RankUncertainty) -> pd.DataFrame:
    """One row per modelling choice that can move a rank, largest first-order share first:
    the range it was drawn from, its first-order and total-order Sobol' index (% of the rank
    variance) with their bootstrap 95% intervals; then one row for interactions."""

    def pct(value: float) -> float:
        return round(100 * float(value), 1)

    rows = [
        {
            "Choice": CHOICE_NAMES.get(r.choice, r.choice),
            "Range drawn": range_phrase(result, r.choice),
            "First order (%)": pct(r.first_order),
            "First order, 95% CI": f"{pct(r.first_low):.1f}–{pct(r.first_high):.1f}",
            "Total order (%)": pct(r.total_order),
            "Total order, 95% CI": f"{pct(r.total_low):.1f}–{pct(r.total_high):.1f}",
        }
        for r in _by_share(result).itertuples(index=False)
    ]
    rows.append(
        {
            "Choice": "interactions (no choice alone)",
            "Range drawn": "",
            "First order (%)": pct(result.interaction_share),
            "First order, 95% CI": "",
            "Total order (%)": float("nan"),
            "Total order, 95% CI": "",
        }
    )
    return pd.DataFrame(rows)


def variance_phrase(result: RankUncertainty) -> str:
    """ "the weights explain 56% of the rank variance on their own (63% counting their
    interactions), then the aggregation (19%; 27%) and the normalisation (16%; 23%); 10%
    comes only from choices acting together"."""
    shares = _by_share(result)
    if shares.empty:
        if result.inert:
            names = join_names(CHOICE_NAMES.get(c, c) for c in result.inert)
            return f"no choice moved any rank: the {names} were varied and moved none"
        return "no modelling choice was varied, so no rank moves"
    first = shares.iloc[0]
    name = CHOICE_NAMES.get(first["choice"], first["choice"])
    text = (
        f"the {name} {'explain' if name.endswith('s') else 'explains'} "
        f"{first['first_order']:.0%} of the rank variance on their own "
        f"({first['total_order']:.0%} counting their interactions)"
    )
    rest = [
        f"the {CHOICE_NAMES.get(r.choice, r.choice)} ({r.first_order:.0%}; {r.total_order:.0%})"
        for r in shares.iloc[1:].itertuples(index=False)
    ]
    if rest:
        text += f", then {join_names(rest)}"
    text += f"; {result.interaction_share:.0%} comes only from choices acting together"
    if result.inert:
        names = join_names(CHOICE_NAMES.get(c, c) for c in result.inert)
        text += f". The {names} moved no rank in any run and is not counted as a choice"
    return text
