"""Which themes the later articles talk about more, or less, than the earlier ones.

Computed from :func:`smartresearch.corpus.themes_by_document` (or any frame with its
columns), so a user who adds articles or edits the lexicon gets the same comparison. The
numbers only: chapter 1 (:mod:`smartresearch.chapters.conversation`) words and tabulates
them. A theme's direction is read from its *share* of all mentions, not its rate, because
rates rise together when later articles simply use the lexicon's vocabulary more densely
(:func:`mention_density` measures that).
"""

from __future__ import annotations

import pandas as pd

from smartresearch._columns import require_columns
from smartresearch.errors import ValidationError

#: A theme's share of all theme mentions must move by at least this many percentage points
#: between the earlier and the later articles to count as rising or falling.
MIN_CHANGE = 1.0
#: Columns of :func:`theme_shifts`.
SHIFT_COLUMNS: tuple[str, ...] = (
    "theme",
    "label",
    "early_rate",
    "late_rate",
    "rate_change",
    "early_share",
    "late_share",
    "share_change",
    "direction",
    "peak_year",
    "years_mentioned",
)
#: How :func:`theme_shifts` combines the documents of a period (see its docstring).
POOLINGS: tuple[str, ...] = ("mentions", "years")
#: Directions :func:`theme_shifts` assigns, in display order.
DIRECTIONS: tuple[str, ...] = ("rising", "steady", "falling")


def _require(frame: pd.DataFrame, columns: tuple[str, ...], what: str) -> None:
    """Fail early, naming the table and the missing columns, instead of a KeyError later."""
    require_columns(
        frame,
        columns,
        what=what,
        hint="Pass corpus.themes_by_document() unchanged (was a column renamed?).",
    )


def yearly_rates(themes: pd.DataFrame) -> pd.DataFrame:
    """Mentions per 1,000 words of each theme in each year with documents: theme, label,
    event_year, rate.

    A year pools its documents (``1000 * sum(hits) / sum(words)``), so a long article weighs
    more than a short one; documents without a year or without words (no rate) are left
    out. This is the rate the theme strip (:func:`smartresearch.plots.plot_theme_strip`)
    draws, computed here so that the corpus layer does not depend on the drawing one.
    """
    _require(
        themes,
        ("event_year", "theme", "label", "hits", "words", "rate_per_1000"),
        "yearly_rates (themes)",
    )
    frame = themes[themes["event_year"].notna() & themes["rate_per_1000"].notna()].copy()
    frame["theme"] = frame["theme"].astype(str)
    frame["event_year"] = frame["event_year"].astype("int64")
    grouped = frame.groupby(["theme", "event_year"], sort=True)
    out = grouped.agg(
        label=("label", "first"),
        hits=("hits", "sum"),
        words=("words", "sum"),
        mean_rate=("rate_per_1000", "mean"),
    ).reset_index()
    pooled = 1000 * out["hits"] / out["words"].where(out["words"] > 0)
    out["rate"] = pooled.fillna(out["mean_rate"]).astype("float64")
    return out[["theme", "label", "event_year", "rate"]]


def theme_periods(
    themes: pd.DataFrame, split_year: int | None = None
) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The years with documents, split into the earlier and the later articles.

    Earlier means ``event_year <= split_year``. By default ``split_year`` is the lower
    median of the years that have documents, so that with an odd number of years the
    earlier period holds one more (with five years: three earlier, two later). A split
    that leaves either period empty is an error: there would be nothing to compare.
    """
    _require(themes, ("event_year",), "theme_periods (themes)")
    years = sorted({int(y) for y in themes["event_year"].dropna()})
    if len(years) < 2:
        raise ValidationError(
            f"theme_periods: column 'event_year' has documents in {years}; comparing earlier "
            "and later articles needs documents in at least two years."
        )
    split = years[(len(years) - 1) // 2] if split_year is None else int(split_year)
    early = tuple(y for y in years if y <= split)
    late = tuple(y for y in years if y > split)
    if not early or not late:
        raise ValidationError(
            f"theme_periods: split_year={split_year} leaves no documents on one side "
            f"(years with documents: {years}); choose a year from {years[0]} to {years[-2]}."
        )
    return early, late


def theme_shifts(
    themes: pd.DataFrame,
    *,
    split_year: int | None = None,
    min_change: float = MIN_CHANGE,
    pooling: str = "mentions",
) -> pd.DataFrame:
    """Which themes take a larger, or smaller, part of the later articles than the earlier.

    ``pooling`` says how the documents of a period are combined, an explicit choice:
    ``"mentions"`` (the default) pools every mention and every word of the period, so a
    248-mention article weighs 20 times a 12-mention one, as its evidence does;
    ``"years"`` averages the years' own rates and shares (with one article a year, the
    per-article view), the sensitivity :func:`shift_robustness` compares against.

    ``themes`` is :func:`smartresearch.corpus.themes_by_document` (or the same columns).
    Two measures per theme, each averaged over the years of a period (so that one long
    article does not stand for a whole period; periods from :func:`theme_periods`):

    * the **rate**, mentions per 1,000 words, each year pooling its documents
      (``1000 * hits / words``, :func:`yearly_rates`, the definition the theme strip
      draws);
    * the **share**, the theme's per cent of all theme mentions that year.

    Rates rise together when later articles simply use the lexicon's vocabulary more
    densely (see :func:`mention_density`); shares do not, so the **direction** is read
    from the share: "rising" / "falling" when it moves by at least ``min_change``
    percentage points, else "steady".

    Returns one row per theme, largest share rise first: theme, label, early_rate,
    late_rate, rate_change, early_share, late_share, share_change (percentage points),
    direction, peak_year (year of the highest rate, the earliest on ties; missing for a
    theme never mentioned) and years_mentioned (years whose documents mention it at all).
    """
    _require(
        themes,
        ("doc_id", "event_year", "theme", "label", "hits", "words", "rate_per_1000"),
        "theme_shifts (themes)",
    )
    if min_change < 0:
        raise ValueError(f"theme_shifts: min_change={min_change} must be zero or more")
    if pooling not in POOLINGS:
        raise ValueError(f"theme_shifts: pooling={pooling!r}; use one of {list(POOLINGS)}")
    early, late = theme_periods(themes, split_year)
    rates = yearly_rates(themes)
    dated = themes[themes["event_year"].notna()]
    hits = dated.groupby(["theme", "event_year"])["hits"].sum()
    all_hits = dated.groupby("event_year")["hits"].sum()
    words = dated.drop_duplicates("doc_id").groupby("event_year")["words"].sum()

    def pooled(theme_hits: pd.Series, years: tuple[int, ...]) -> tuple[float, float]:
        """(rate per 1,000 words, share %) of a period, pooling all its mentions."""
        own = float(theme_hits.reindex(years, fill_value=0).sum())
        total = float(all_hits.reindex(years, fill_value=0).sum())
        n_words = float(words.reindex(years, fill_value=0).sum())
        rate = 1000 * own / n_words if n_words else float("nan")
        return rate, (100 * own / total if total else float("nan"))

    rows = []
    for theme, group in rates.groupby("theme", sort=True):
        by_year = group.set_index("event_year")["rate"].sort_index()
        share = 100 * hits.loc[theme] / all_hits.where(all_hits > 0)
        share.index = share.index.astype("int64")
        mentioned = by_year[by_year > 0]
        row = {
            "theme": theme,
            "label": group["label"].iloc[0],
            "early_rate": float(by_year.reindex(early).mean()),
            "late_rate": float(by_year.reindex(late).mean()),
            "early_share": float(share.reindex(early).mean()),
            "late_share": float(share.reindex(late).mean()),
            "peak_year": int(by_year.idxmax()) if len(mentioned) else pd.NA,
            "years_mentioned": len(mentioned),
        }
        if pooling == "mentions":
            theme_hits = hits.loc[theme].copy()
            theme_hits.index = theme_hits.index.astype("int64")
            row["early_rate"], row["early_share"] = pooled(theme_hits, early)
            row["late_rate"], row["late_share"] = pooled(theme_hits, late)
        row["rate_change"] = row["late_rate"] - row["early_rate"]
        row["share_change"] = row["late_share"] - row["early_share"]
        if row["share_change"] >= min_change and row["share_change"] > 0:
            row["direction"] = "rising"
        elif row["share_change"] <= -min_change and row["share_change"] < 0:
            row["direction"] = "falling"
        else:
            row["direction"] = "steady"
        rows.append(row)
    frame = pd.DataFrame(rows, columns=list(SHIFT_COLUMNS))
    frame = frame.sort_values(["share_change", "theme"], ascending=[False, True], ignore_index=True)
    return frame.astype({"peak_year": "Int64", "years_mentioned": "int64"})


def shift_robustness(
    themes: pd.DataFrame, *, split_year: int | None = None, min_change: float = MIN_CHANGE
) -> pd.DataFrame:
    """Each theme's direction pooled over mentions and averaged per article (year), and
    whether a rise or fall survives both: theme, label, share_change_mentions,
    share_change_articles, direction_mentions, direction_articles, survives (bool: the same
    non-steady direction in both views). Ordered as the mention-weighted shifts."""
    by_mentions = theme_shifts(themes, split_year=split_year, min_change=min_change)
    by_years = theme_shifts(
        themes, split_year=split_year, min_change=min_change, pooling="years"
    ).set_index("theme")
    out = pd.DataFrame(
        {
            "theme": by_mentions["theme"],
            "label": by_mentions["label"],
            "share_change_mentions": by_mentions["share_change"],
            "share_change_articles": by_mentions["theme"].map(by_years["share_change"]),
            "direction_mentions": by_mentions["direction"],
            "direction_articles": by_mentions["theme"].map(by_years["direction"]),
        }
    )
    out["survives"] = (out["direction_mentions"] == out["direction_articles"]) & (
        out["direction_mentions"] != "steady"
    )
    return out.reset_index(drop=True)


def mention_density(themes: pd.DataFrame) -> pd.DataFrame:
    """All theme mentions per 1,000 words, year by year: event_year, documents, words, hits,
    rate_per_1000.

    A year whose articles use the lexicon's vocabulary densely raises every theme's rate at
    once; this is the yardstick for reading :func:`theme_shifts`. Words are counted once per
    document (``themes`` repeats them on every theme's row).
    """
    _require(themes, ("doc_id", "event_year", "hits", "words"), "mention_density (themes)")
    dated = themes[themes["event_year"].notna()]
    per_doc = dated.groupby("doc_id", sort=False).agg(
        event_year=("event_year", "first"), words=("words", "first"), hits=("hits", "sum")
    )
    per_year = per_doc.groupby("event_year", sort=True).agg(
        documents=("words", "size"), words=("words", "sum"), hits=("hits", "sum")
    )
    per_year["rate_per_1000"] = (
        1000 * per_year["hits"] / per_year["words"].where(per_year["words"] > 0)
    )
    out = per_year.reset_index()
    return out.astype(
        {"event_year": "int64", "documents": "int64", "words": "int64", "hits": "int64"}
    )
