"""Chapter 3's answers: the agreement table with intervals on rho, and a comparison of the
closest and weakest pairs that only calls one closer when the intervals allow it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd


def correlation_table(agreement: pd.DataFrame) -> pd.DataFrame:
    """``panels.agreement_table`` for display: editions, n, rho with its 95% interval, tau
    (a negative bound with the typographic minus the house table prints for numbers)."""
    interval = [
        "–" if pd.isna(lo) else f"{lo:.2f} to {hi:.2f}".replace("-", "\u2212")
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


def overlap(a: pd.Series, b: pd.Series) -> bool:
    """Whether two pairs' 95% intervals on rho overlap (then they cannot be told apart)."""
    return bool(a["spearman_low"] <= b["spearman_high"] and b["spearman_low"] <= a["spearman_high"])


def closest_and_weakest(agreement: pd.DataFrame, labels: Mapping[str, str]) -> str:
    """The sentence comparing the highest and lowest rho, worded by whether intervals overlap."""
    rows = agreement.dropna(subset=["spearman"])
    best = rows.loc[rows["spearman"].idxmax()]
    worst = rows.loc[rows["spearman"].idxmin()]

    def describe(row: pd.Series) -> str:
        return (
            f"**{labels[row['a']]}** and **{labels[row['b']]}** (ρ = {row['spearman']:.2f}, "
            f"95% interval {row['spearman_low']:.2f} to {row['spearman_high']:.2f}, "
            f"n = {row['n']})"
        )

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
        f" The closest pair cannot be told apart from {', '.join(tied_with_best)}, whose "
        "intervals overlap its own."
        if tied_with_best
        else ""
    )
    return (
        f"The closest agreement is between {describe(best)}; the weakest between "
        f"{describe(worst)}, and the two intervals do not overlap.{extra}"
    )


#: Words that pick, from each dataset's caveats, the ones about where its numbers come
#: from (PROVENANCE.md): the 2024 UN re-save, the DGI extracted from PDFs, the GTMI's groups.
PROVENANCE_KEYWORDS: tuple[str, ...] = ("not publisher", "pdf", "not ranks")


def provenance_markdown(panel: pd.DataFrame, indices: Sequence[str] | None = None) -> str:
    """The provenance caveats of the panel's indices (or only ``indices``, by label) as a
    Markdown list, for chapters 3 and 5 to print beside the numbers they qualify; taken from
    the dataset specs via ``panels.edition_caveats``, so the wording has one source."""
    from smartresearch.analysis import panels

    caveats = panels.edition_caveats(panel, PROVENANCE_KEYWORDS)
    if indices is not None:
        caveats = caveats[caveats["index_name"].isin(list(indices))]
    return "\n".join(f"- **{r.index_name}**: {r.caveat}" for r in caveats.itertuples(index=False))


def _span(rows: pd.DataFrame) -> str:
    def one(row: pd.Series) -> str:
        return f"{row['spearman']:.2f} ({row['a']} against {row['b']}, n = {row['n']})"

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
        parts.append(
            f"on the regional fields (n = {n}), where an OECD or EU index is one of the two, "
            f"{_span(regional)}"
        )
    if is_world.any():
        parts.append(f"on the world field, {_span(rows[is_world])}")
    return "; ".join(parts)
