"""Chapter 3's sentences and display table, as functions of the frames the answer holds.

Kept apart from :mod:`smartresearch.chapters.agreement` (the answer object) so each
sentence is a plain function of small frames: a test builds the frame a sceptic would
(a tie, an index that assesses nobody twice, one pair only) and reads the words.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from smartresearch.wording import count, join_names, sentence_case

#: The typographic minus the house table prints for negative numbers.
MINUS = "\u2212"


def correlation_table(agreement: pd.DataFrame) -> pd.DataFrame:
    """``panel_agreement.agreement_table`` for display: editions, n, rho with its 95% interval, tau
    (a negative bound with the typographic minus the house table prints for numbers)."""
    interval = [
        "–" if pd.isna(lo) else f"{lo:.2f} to {hi:.2f}".replace("-", MINUS)
        for lo, hi in zip(agreement["spearman_low"], agreement["spearman_high"], strict=True)
    ]
    return pd.DataFrame(
        {
            "Index A": agreement["a"],
            "Index B": agreement["b"],
            "Editions": agreement["year_a"].astype(str) + " / " + agreement["year_b"].astype(str),
            "Countries in both (n)": agreement["n"],
            "Spearman ρ": agreement["spearman"].round(2),
            "ρ, 95% interval": interval,
            "Kendall τ": agreement["kendall"].round(2),
        }
    )


def editions_sentence(editions: pd.DataFrame, year: int, chosen: pd.DataFrame) -> str:
    """The reference year, the widest gap to it, and how far apart the latest editions
    would lie; a panel whose editions all fall in the reference year says so."""
    latest = editions.groupby("index_name", sort=False)["year"].max()
    widest = int(chosen["gap"].abs().max())
    spread = int(latest.max() - latest.min())
    listed = join_names(f"{name} {edition}" for name, edition in latest.items())
    if widest == 0:
        within = f"Every index has an edition in {year} itself."
    else:
        furthest = chosen.loc[chosen["gap"].abs().idxmax()]
        within = (
            f"Every index has an edition within {count(widest, 'year')} of it (the furthest "
            f"is {furthest['index_name']} {furthest['year']})."
        )
    span = (
        "would all be from the same year" if spread == 0 else f"would span {count(spread, 'year')}"
    )
    return f"The reference year is **{year}**. {within} The latest editions ({listed}) {span}."


def overlap(a: pd.Series, b: pd.Series) -> bool:
    """Whether two pairs' 95% intervals on rho overlap (then they cannot be told apart)."""
    return bool(a["spearman_low"] <= b["spearman_high"] and b["spearman_low"] <= a["spearman_high"])


def closest_and_weakest(agreement: pd.DataFrame, labels: Mapping[str, str]) -> str:
    """The sentence comparing the highest and lowest rho, worded by whether intervals overlap."""
    rows = agreement.dropna(subset=["spearman"])
    if rows.empty:
        return "No pair of indices has enough countries in common for a rank correlation."

    def describe(row: pd.Series) -> str:
        return (
            f"**{labels[row['a']]}** and **{labels[row['b']]}** (ρ = {row['spearman']:.2f}, "
            f"95% interval {row['spearman_low']:.2f} to {row['spearman_high']:.2f}, "
            f"n = {row['n']})"
        )

    best = rows.loc[rows["spearman"].idxmax()]
    worst = rows.loc[rows["spearman"].idxmin()]
    if len(rows) == 1:
        return f"Only one pair can be compared: {describe(best)}."
    if overlap(best, worst):
        return (
            f"The highest correlation is between {describe(best)} and the lowest between "
            f"{describe(worst)}, but their intervals overlap: on these numbers of countries "
            "no pair can be said to agree more closely than another."
        )
    tied_with_best = [
        f"{labels[r['a']]}–{labels[r['b']]}"
        for _, r in rows.iterrows()
        if r.name != best.name and overlap(r, best)
    ]
    extra = (
        f" The closest pair cannot be told apart from {join_names(tied_with_best)}, whose "
        f"interval{'s overlap' if len(tied_with_best) > 1 else ' overlaps'} its own."
        if tied_with_best
        else ""
    )
    return (
        f"The closest agreement is between {describe(best)}; the weakest between "
        f"{describe(worst)}, and the two intervals do not overlap.{extra}"
    )


def field_sizes_phrase(agreement: pd.DataFrame) -> str:
    """How many countries the pairs rest on, largest and smallest field."""
    largest = agreement.loc[agreement["n"].idxmax()]
    smallest = agreement.loc[agreement["n"].idxmin()]
    if largest["n"] == smallest["n"]:
        return f"Every pair rests on the same {largest['n']} countries."
    return (
        f"The pairs rest on very different fields: from {largest['n']} countries "
        f"({largest['a']} and {largest['b']}) down to {smallest['n']} ({smallest['a']} and "
        f"{smallest['b']})."
    )


def _span(rows: pd.DataFrame) -> str:
    def one(row: pd.Series) -> str:
        return f"{row['spearman']:.2f} ({row['a']} against {row['b']}, {row['n']} countries)"

    low, high = rows.loc[rows["spearman"].idxmin()], rows.loc[rows["spearman"].idxmax()]
    if low.name == high.name:
        return f"ρ = {one(low)}"
    return f"ρ runs from {one(low)} to {one(high)}"


def field_ranges_phrase(agreement: pd.DataFrame, world: Sequence[str] | None = None) -> str:
    """Rank agreement within comparable fields: the pairs of two world indices (``world``,
    default ``analysis.uncertainty.GLOBAL_INDICES``) apart from the pairs that involve a
    regional index (a few dozen mostly European countries), because a correlation over a
    small, strong field is not comparable with one over every country."""
    from smartresearch.analysis.uncertainty import GLOBAL_INDICES

    rows = agreement.dropna(subset=["spearman"])
    world = list(GLOBAL_INDICES if world is None else world)
    is_world = rows["a"].isin(world) & rows["b"].isin(world)
    parts = []
    regional = rows[~is_world]
    if not regional.empty:
        n = f"{regional['n'].min()}–{regional['n'].max()}"
        if regional["n"].min() == regional["n"].max():
            n = str(regional["n"].min())
        parts.append(
            f"on the regional fields ({n} countries), where an OECD or EU index is one of the "
            f"two, "
            f"{_span(regional)}"
        )
    if is_world.any():
        parts.append(f"on the world field, {_span(rows[is_world])}")
    return "; ".join(parts)


def agreement_headline(agreement: pd.DataFrame, *, n_indices: int) -> str:
    """The summary's sentence: rank agreement depends on the field it is measured over."""
    ranges = field_ranges_phrase(agreement)
    if not ranges:
        return f"No pair of the {n_indices} indices shares enough countries for a rank correlation."
    return (
        f"How closely the {n_indices} indices agree (Spearman's rank correlation ρ over the "
        f"countries both assess: 1 is the same order, 0 no relation) depends on the field: "
        f"{ranges}."
    )


def sharpest_disagreement(gaps: pd.DataFrame, labels: Mapping[str, str]) -> str:
    """The largest rank gap relative to its field, and the countries among the largest gaps
    of more than one pair; ties on the share are named together."""
    if gaps.empty:
        return "Every pair of indices ranks the countries they share in the same order."
    top = gaps[gaps["gap_share"] == gaps["gap_share"].max()]
    first = top.iloc[0]
    text = (
        f"The sharpest disagreement, relative to the size of the field, is over "
        f"**{first['country']}**: it ranks {first['rank_a']} of {first['n']} on "
        f"{labels[first['a']]} but {first['rank_b']} on {labels[first['b']]}, a gap of "
        f"{count(int(first['gap']), 'place')} ({first['gap_share']:.0%} of the field)."
    )
    if len(top) > 1:
        others = join_names(f"**{c}**" for c in top["country"].iloc[1:])
        text += f" {others} {'is' if len(top) == 2 else 'are'} as far apart."
    recurring = gaps["country"].value_counts()
    recurring = recurring[recurring > 1]
    if len(recurring):
        listed = join_names(f"{name} ({n} pairs)" for name, n in recurring.items())
        return text + f" Countries among the largest gaps of more than one pair: {listed}."
    return text + " No country is among the largest gaps of more than one pair."


def combination(labels: Sequence[str]) -> str:
    """A combination of indices as the coverage table and sentence name it: "EGDI + GTMI"."""
    return " + ".join(labels)


def coverage_sentence(matrix: pd.DataFrame, patterns: pd.DataFrame, *, n_indices: int) -> str:
    """How many countries every index assesses, the most common combination, and which
    indices assess fewer than half the panel (their agreement speaks to that field only)."""
    full = int((matrix["n_indices"] == n_indices).sum())
    if full == len(matrix):
        return (
            f"Every one of the {len(matrix)} countries in the panel is assessed by all "
            f"{n_indices} indices."
        )
    top = patterns.iloc[0]
    text = (
        f"Of the {len(matrix)} countries in the panel, {full} "
        f"{'is' if full == 1 else 'are'} assessed by all {n_indices} indices, while the most "
        f"common combination is {combination(top['indices'])} "
        f"({count(int(top['countries']), 'country', 'countries')})."
    )
    labels = [c for c in matrix.columns if c not in ("country", "n_indices")]
    sizes = {label: int(matrix[label].sum()) for label in labels}
    small = [label for label in labels if sizes[label] < len(matrix) / 2]
    if not small:
        return text
    many = len(small) > 1
    return (
        f"{text} {sentence_case(join_names(f'the {label}' for label in small))} therefore "
        f"speak{'' if many else 's'} to a small field "
        f"({join_names(str(sizes[label]) for label in small)} countries), and any statement "
        f"about agreement with {'them' if many else 'it'} is a statement about that field only."
    )
