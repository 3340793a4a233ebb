"""Answers the report's corpus chapters need, computed once and tested, so notebooks stay thin.

The chapters on the conversation (what the Smarter State articles talked about, and the
figures they leaned on) and on the UK's pledges ask questions of the corpus module's tidy
tables. The answers live here rather than in the notebooks so that each is a typed,
tested function, and so that no number in the report is typed by hand.

Three layers:

* **computations** return tidy frames with snake_case columns, for further analysis and
  for prose: :func:`theme_periods`, :func:`theme_shifts`, :func:`mention_density`,
  :func:`cleaning_summary`, :func:`claim_attribution`, :func:`verdict_counts`,
  :func:`context_observations`, :func:`tracker_panels`;
* **display tables** (``*_table``) turn them into small frames with readable column names
  and rounded or formatted values, ready to show under a ``tbl-`` label, and **phrases**
  (:func:`shift_phrase`, :func:`verdict_phrase`, :func:`projection_phrase`,
  :func:`format_quantity`) put computed
  values into the chapters' prose;
* **two drawings** built from ``smartresearch.plots``' public helpers and house style,
  each recording a computed alt text: :func:`plot_claim_attribution` and
  :func:`draw_pledge_trackers`.

``smartresearch.plots`` (and with it matplotlib) is imported inside the functions that use
it (theme pooling, pledge points and the drawings), so importing this module stays light.

Inputs are the corpus module's own outputs (``themes_by_document()``, ``load()``,
``removal_report()``, ``load_claims()``, ``score_extraction()``, ``pledge_verdicts()``,
``load_pledges()``, ``load_pledge_observations()``), or any frame with the same columns,
so a user who adds articles or pledges gets the same summaries. A frame missing a column
raises :class:`~smartresearch.errors.ValidationError` naming the table and the column.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from smartresearch._columns import require_columns
from smartresearch.corpus.figure_evaluation import OVERALL
from smartresearch.corpus.pledges import VERDICT_COLUMNS, VERDICTS
from smartresearch.countries import known_iso3, names_for
from smartresearch.errors import ValidationError

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

#: How claims.csv marks a figure the article does not credit to anyone.
UNATTRIBUTED = "unattributed"
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
#: Currency codes printed as symbols by :func:`format_quantity`.
CURRENCY_SYMBOLS: dict[str, str] = {"GBP": "£", "USD": "$", "EUR": "€"}
#: How many kinds of furniture :func:`cleaning_summary` names per document.
MAIN_KINDS = 3


#: Columns of :func:`cleaning_summary`, in order (:func:`cleaning_table` needs all but the id).
CLEANING_SUMMARY_COLUMNS: tuple[str, ...] = (
    "doc_id",
    "event_year",
    "raw_chars",
    "removed_chars",
    "removed_share",
    "removed_blocks",
    "words",
    "main_kinds",
)


def _require(frame: pd.DataFrame, columns: Iterable[str], what: str) -> None:
    """Fail early, naming the table and the missing columns, instead of a KeyError later."""
    require_columns(
        frame,
        columns,
        what=what,
        hint="Pass the corpus module's table unchanged (was a column renamed?).",
    )


# --------------------------------------------------------------------------- formatting


def _number(value: float) -> str:
    """25000000 -> '25 million', 5170000 -> '5.17 million', 3827 -> '3,827', 27.1 -> '27.1'."""
    magnitude = abs(value)
    for threshold, word in ((1e9, "billion"), (1e6, "million")):
        if magnitude >= threshold:
            return f"{value / threshold:.3g} {word}"
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.3g}" if magnitude >= 1 else f"{value:.3g}"


def format_quantity(value: float, unit: str) -> str:
    """A figure with its unit as a reader would write it.

    ``(33, "% of central government purchasing")`` -> ``"33% of central government
    purchasing"``; ``(350000000, "GBP")`` -> ``"£350 million"``; ``(25000000, "users")`` ->
    ``"25 million users"``. A missing value gives ``"no value"``.
    """
    if value is None or (isinstance(value, float) and math.isnan(value)) or pd.isna(value):
        return "no value"
    unit = str(unit).strip()
    number = _number(float(value))
    if unit.startswith("%"):
        return f"{number}{unit}"
    if unit in CURRENCY_SYMBOLS:
        return f"{CURRENCY_SYMBOLS[unit]}{number}"
    return f"{number} {unit}".strip()


def _month(stamp: object) -> str:
    """'Apr 2020' for a date, '' for a missing one."""
    return "" if pd.isna(stamp) else pd.Timestamp(stamp).strftime("%b %Y")


def _subject_name(subject: str) -> str:
    """A country's display name for an ISO3 code; an organisation's name unchanged."""
    return names_for([subject])[0] if subject in known_iso3() else subject


# ------------------------------------------------------------------------------ themes


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
      (``1000 * hits / words``, the definition the theme strip draws, from
      :func:`smartresearch.plots.theme_rates`);
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
    from smartresearch.plots.themes import theme_rates

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
    rates = theme_rates(themes)
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


def period_name(years: Sequence[int]) -> str:
    """'2017' for one year, '2017–2022' for several (en dash, as in the report)."""
    return str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"


def shift_phrase(shifts: pd.DataFrame, direction: str, *, top: int = 3) -> str:
    """The ``top`` largest moves in one direction, for prose: "AI (0.5% → 8.8% of
    mentions) and Cloud (...)"; largest first; "none" when no theme moved that way."""
    from smartresearch.plots.alt import join_words

    _require(shifts, SHIFT_COLUMNS, "shift_phrase (shifts)")
    if direction not in DIRECTIONS:
        raise ValueError(f"shift_phrase: direction={direction!r}; use one of {list(DIRECTIONS)}")
    moved = shifts[shifts["direction"] == direction]
    moved = moved.reindex(moved["share_change"].abs().sort_values(ascending=False).index)
    parts = [
        f"{row.label} ({row.early_share:.1f}% → {row.late_share:.1f}% of mentions)"
        for row in moved.head(top).itertuples(index=False)
    ]
    return join_words(parts) if parts else "none"


def theme_shift_table(
    shifts: pd.DataFrame,
    early: Sequence[int],
    late: Sequence[int],
    *,
    decimals: int = 1,
) -> pd.DataFrame:
    """:func:`theme_shifts` for display: rates and shares headed with their periods, rounded."""
    _require(shifts, SHIFT_COLUMNS, "theme_shift_table (shifts)")
    first, second = period_name(early), period_name(late)
    return pd.DataFrame(
        {
            "Theme": shifts["label"],
            f"Per 1,000 words, {first}": shifts["early_rate"].round(decimals),
            f"Per 1,000 words, {second}": shifts["late_rate"].round(decimals),
            f"% of mentions, {first}": shifts["early_share"].round(decimals),
            f"% of mentions, {second}": shifts["late_share"].round(decimals),
            "Change (points)": shifts["share_change"].round(decimals),
            "Direction": shifts["direction"],
        }
    )


# ---------------------------------------------------------------------------- cleaning


def cleaning_summary(documents: pd.DataFrame, removals: pd.DataFrame) -> pd.DataFrame:
    """What the cleaner took out of each document, beside what it kept.

    ``documents`` is :func:`smartresearch.corpus.load`, ``removals`` is
    :func:`smartresearch.corpus.removal_report` for the same corpus. The two are checked
    against each other (characters removed per document must agree), so a report from a
    different corpus cannot be paired by mistake.

    Returns one row per document, in the documents' order: doc_id, event_year, raw_chars,
    removed_chars, removed_share (0-1), removed_blocks, words (kept, cleaned text) and
    main_kinds (up to :data:`MAIN_KINDS` kinds of furniture, largest first by characters).
    """
    _require(
        documents,
        ("doc_id", "event_year", "raw_chars", "removed_chars", "removed_blocks", "words"),
        "cleaning_summary (documents)",
    )
    _require(removals, ("doc_id", "kind", "blocks", "chars"), "cleaning_summary (removals)")
    unknown = sorted(set(removals["doc_id"]) - set(documents["doc_id"]))
    if unknown:
        raise ValidationError(
            f"cleaning_summary: removal report, column 'doc_id': {unknown} are not in the "
            "documents; pass the removal report of the same corpus."
        )
    totals = removals.groupby("doc_id")["chars"].sum()
    reported = documents.set_index("doc_id")["removed_chars"]
    stated = totals.reindex(reported.index, fill_value=0)
    disagree = sorted(stated.index[stated != reported])
    if disagree:
        raise ValidationError(
            f"cleaning_summary: column 'removed_chars' of the documents disagrees with the "
            f"removal report's 'chars' for {disagree}; were they loaded from different corpora?"
        )
    main: dict[str, str] = {}
    for doc_id, group in removals.groupby("doc_id", sort=False):
        top = group.sort_values(["chars", "kind"], ascending=[False, True]).head(MAIN_KINDS)
        main[str(doc_id)] = ", ".join(k.replace("_", " ") for k in top["kind"])
    frame = documents[
        ["doc_id", "event_year", "raw_chars", "removed_chars", "removed_blocks", "words"]
    ].copy()
    frame["removed_share"] = frame["removed_chars"] / frame["raw_chars"]
    frame["main_kinds"] = [main.get(str(d), "") for d in frame["doc_id"]]
    frame = frame[list(CLEANING_SUMMARY_COLUMNS)]
    return frame.astype({"main_kinds": "str"}).reset_index(drop=True)


def cleaning_table(summary: pd.DataFrame) -> pd.DataFrame:
    """:func:`cleaning_summary` for display (per cent removed rounded to whole numbers)."""
    _require(summary, CLEANING_SUMMARY_COLUMNS[1:], "cleaning_table (summary)")
    return pd.DataFrame(
        {
            "Year": summary["event_year"],
            "Characters captured": summary["raw_chars"],
            "Characters removed": summary["removed_chars"],
            "% removed": (summary["removed_share"] * 100).round(0).astype("int64"),
            "Blocks removed": summary["removed_blocks"],
            "Words kept": summary["words"],
            "Main furniture removed": summary["main_kinds"],
        }
    )


# ------------------------------------------------------------------------------ claims


def _with_years(claims: pd.DataFrame, documents: pd.DataFrame | None, what: str) -> pd.DataFrame:
    if documents is None:
        raise ValueError(f"{what}: pass documents= (corpus.load()) to place claims in years")
    _require(documents, ("doc_id", "event_year"), f"{what} (documents)")
    years = documents.set_index("doc_id")["event_year"]
    unknown = sorted(set(claims["doc_id"]) - set(years.index))
    if unknown:
        raise ValidationError(
            f"{what}: claims, column 'doc_id': {unknown} are not in the documents passed."
        )
    return claims.assign(event_year=claims["doc_id"].map(years).astype("Int64"))


def is_attributed(sources: pd.Series) -> pd.Series:
    """True where an article credits its figure to someone (claims' ``attributed_source``)."""
    return sources.astype("str").str.strip().str.lower() != UNATTRIBUTED


def claim_attribution(
    claims: pd.DataFrame, by: str, *, documents: pd.DataFrame | None = None
) -> pd.DataFrame:
    """How many quoted figures each group holds, and how many the article credits to a source.

    ``claims`` is :func:`smartresearch.corpus.load_claims`. ``by`` is a claims column
    (``"subject"``, ``"kind"``, ``"doc_id"``...) or ``"event_year"`` (which needs
    ``documents`` to date each claim). Subjects that are ISO3 codes are shown by country
    name. Returns ``by``, claims, attributed, unattributed, share_attributed (0-1), sorted
    by ``by``.
    """
    _require(claims, ("doc_id", "attributed_source"), "claim_attribution (claims)")
    if by == "event_year":
        claims = _with_years(claims, documents, "claim_attribution")
    elif by not in claims.columns:
        raise ValidationError(
            f"claim_attribution: by={by!r} is not a column of the claims table "
            f"({list(claims.columns)}) nor 'event_year'."
        )
    keys = claims[by]
    if by == "subject":
        keys = keys.astype("str").map(_subject_name)
    frame = pd.DataFrame({by: keys, "attributed": is_attributed(claims["attributed_source"])})
    grouped = frame.groupby(by, sort=True)["attributed"]
    out = pd.DataFrame(
        {"claims": grouped.size(), "attributed": grouped.sum().astype("int64")}
    ).reset_index()
    out["unattributed"] = out["claims"] - out["attributed"]
    out["share_attributed"] = out["attributed"] / out["claims"]
    return out.astype({"claims": "int64", "unattributed": "int64"})


def attribution_alt_text(counts: pd.DataFrame, by: str, what: str) -> str:
    """One sentence describing a stacked bar chart of :func:`claim_attribution`.

    ``what`` names the groups as the chart does ("year", "subject").
    """
    _require(counts, (by, "claims", "attributed", "unattributed"), "attribution_alt_text")
    total, credited = int(counts["claims"].sum()), int(counts["attributed"].sum())
    text = (
        f"Stacked bar chart of the {total} figures quoted in the corpus by {what}: "
        f"{credited} credited to a named source, {total - credited} unattributed"
    )
    if len(counts):
        top = counts.sort_values(["unattributed", by], ascending=[False, True]).index[0]
        if counts.at[top, "unattributed"] > 0:
            text += (
                f"; the most unattributed figures ({int(counts.at[top, 'unattributed'])} of "
                f"{int(counts.at[top, 'claims'])}) are in {counts.at[top, by]}"
            )
    return text + "."


def attribution_table(counts: pd.DataFrame, by: str, heading: str) -> pd.DataFrame:
    """:func:`claim_attribution` for display; ``heading`` names the ``by`` column."""
    _require(
        counts,
        (by, "claims", "attributed", "unattributed", "share_attributed"),
        "attribution_table (counts)",
    )
    return pd.DataFrame(
        {
            heading: counts[by],
            "Figures quoted": counts["claims"],
            "Credited to a source": counts["attributed"],
            "Unattributed": counts["unattributed"],
            "% credited": (100 * counts["share_attributed"]).round(0).astype("int64"),
        }
    )


def plot_claim_attribution(
    counts: pd.DataFrame, by: str, *, what: str, ax: Axes | None = None
) -> Axes:
    """Horizontal stacked bars of :func:`claim_attribution`: credited figures in the first
    series colour, unattributed ones in peer grey (no source: in the background).

    Groups run top to bottom in the table's order; the computed alt text
    (:func:`attribution_alt_text`) is recorded for ``smartresearch.plots.alt_text``.
    """
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    from smartresearch.plots import PEER_GREY, set_alt_text
    from smartresearch.plots.palette import series_colour

    _require(counts, (by, "claims", "attributed", "unattributed"), "plot_claim_attribution")
    if ax is None:
        _, ax = plt.subplots(figsize=(7.0, 0.45 * len(counts) + 1.6))
    labels = [str(v) for v in counts[by]]
    positions = range(len(labels))
    ax.barh(positions, counts["attributed"], color=series_colour(0), label="credited to a source")
    unattributed = ax.barh(
        positions,
        counts["unattributed"],
        left=counts["attributed"],
        color=PEER_GREY,
        label="unattributed",
    )
    ax.bar_label(
        unattributed,
        labels=[
            f"{a} of {n} credited"
            for a, n in zip(counts["attributed"], counts["claims"], strict=True)
        ],
        padding=4,
        fontsize=8,
    )
    ax.set_yticks(list(positions), labels)
    ax.invert_yaxis()
    # room on the right for the bar labels and the legend, so neither covers a bar
    ax.set_xlim(0, max(int(counts["claims"].max()), 1) * 1.55)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("Figures quoted")
    ax.grid(axis="x")
    ax.grid(axis="y", visible=False)
    # the legend goes beside whichever end bar (top or bottom) is shorter
    top_row, bottom_row = counts["claims"].iloc[0], counts["claims"].iloc[-1]
    ax.legend(loc="upper right" if top_row <= bottom_row else "lower right")
    set_alt_text(ax, attribution_alt_text(counts, by, what))
    return ax


def claims_table(claims: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Every quoted figure for display: year, subject, figure with its unit, what it
    measures and whom the article credits, in order of year and claim id."""
    _require(
        claims,
        ("claim_id", "doc_id", "value", "unit", "measure", "subject", "attributed_source"),
        "claims_table (claims)",
    )
    dated = _with_years(claims, documents, "claims_table").sort_values(
        ["event_year", "claim_id"], ignore_index=True
    )
    return pd.DataFrame(
        {
            "Year": dated["event_year"],
            "About": dated["subject"].astype("str").map(_subject_name),
            "Figure": [
                format_quantity(v, u) for v, u in zip(dated["value"], dated["unit"], strict=True)
            ],
            "What it measures": dated["measure"],
            "Credited to": dated["attributed_source"],
        }
    )


def extraction_table(scores: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """:func:`smartresearch.corpus.score_extraction` for display, documents named by year.

    The corpus-wide row (``doc_id == "ALL"``) is shown as "All documents".
    """
    _require(
        scores,
        ("doc_id", "gold", "extracted", "matched", "precision", "recall"),
        "extraction_table (scores)",
    )
    _require(documents, ("doc_id", "event_year", "kind"), "extraction_table (documents)")
    names = {
        str(row.doc_id): f"{row.event_year} {row.kind}" for row in documents.itertuples(index=False)
    }
    names[OVERALL] = "All documents"
    unknown = sorted(set(scores["doc_id"]) - set(names))
    if unknown:
        raise ValidationError(
            f"extraction_table: scores, column 'doc_id': {unknown} are not in the documents."
        )
    return pd.DataFrame(
        {
            "Document": scores["doc_id"].map(names),
            "Figures in gold list": scores["gold"],
            "Figures extracted": scores["extracted"],
            "Matched": scores["matched"],
            "Precision": scores["precision"].round(3),
            "Recall": scores["recall"].round(3),
        }
    )


# ----------------------------------------------------------------------------- pledges

#: What the pledge summaries need from ``pledge_verdicts()``: its published columns.
_VERDICT_COLUMNS = VERDICT_COLUMNS


def verdict_counts(verdicts: pd.DataFrame) -> pd.DataFrame:
    """How many pledges got each verdict: verdict, pledges (every verdict, in rule order)."""
    _require(verdicts, ("verdict",), "verdict_counts (verdicts)")
    unknown = sorted(set(verdicts["verdict"]) - set(VERDICTS))
    if unknown:
        raise ValidationError(
            f"verdict_counts: column 'verdict' has {unknown}; pledge_verdicts gives only "
            f"{list(VERDICTS)}."
        )
    counts = verdicts["verdict"].value_counts().reindex(list(VERDICTS), fill_value=0)
    return pd.DataFrame({"verdict": list(VERDICTS), "pledges": counts.to_numpy(dtype="int64")})


def verdict_phrase(verdicts: pd.DataFrame) -> str:
    """The verdicts of some pledges in words, in rule order: "2 missed, 3 off track and 3 not
    verifiable" (verdicts nobody got are left out; "no pledges" for an empty table)."""
    from smartresearch.plots.alt import join_words

    counts = verdict_counts(verdicts)
    parts = [f"{n} {verdict}" for verdict, n in counts.itertuples(index=False) if n]
    return join_words(parts) if parts else "no pledges"


def projection_phrase(verdicts: pd.DataFrame) -> str:
    """Each projected pledge's trend value against its target, for prose: "P05 is projected
    to reach 5.85% against a target of 6%; ..." ("" when nothing was projected)."""
    _require(
        verdicts,
        ("pledge_id", "projected_value", "target_value", "unit"),
        "projection_phrase (verdicts)",
    )
    projected = verdicts[verdicts["projected_value"].notna()]
    return "; ".join(
        f"{row.pledge_id} is projected to reach "
        f"{format_quantity(row.projected_value, row.unit)} against a target of "
        f"{format_quantity(row.target_value, row.unit)}"
        for row in projected.itertuples(index=False)
    )


def _target_text(row: pd.Series) -> str:
    if pd.isna(row["target_value"]):
        return "no numeric target on record"
    text = f"{row['direction']} {format_quantity(row['target_value'], row['unit'])}"
    return f"{text} by {_month(row['deadline'])}" if pd.notna(row["deadline"]) else text


def _evidence_text(row: pd.Series) -> str:
    if pd.isna(row["assessed_value"]):
        return "none comparable"
    text = f"{format_quantity(row['assessed_value'], row['unit'])} ({_month(row['assessed_date'])})"
    if pd.notna(row["projected_value"]):
        text += (
            f"; trend gives {format_quantity(row['projected_value'], row['unit'])} "
            f"by {_month(row['deadline'])}"
        )
    return text


def verdict_table(verdicts: pd.DataFrame, pledges: pd.DataFrame) -> pd.DataFrame:
    """One row per pledge for display: country, pledge, who made it, the target, the
    verdict, the evidence it rests on and the rule that decided it.

    ``verdicts`` is :func:`smartresearch.corpus.pledge_verdicts`; ``pledges`` is
    :func:`smartresearch.corpus.load_pledges` (for who pledged: a government's commitment
    and an industry body's proposal are not the same kind of promise). The sources are
    listed by :func:`verdict_sources`.
    """
    _require(verdicts, _VERDICT_COLUMNS, "verdict_table (verdicts)")
    _require(pledges, ("pledge_id", "pledged_by"), "verdict_table (pledges)")
    pledged_by = pledges.set_index("pledge_id")["pledged_by"]
    unknown = sorted(set(verdicts["pledge_id"]) - set(pledged_by.index))
    if unknown:
        raise ValidationError(
            f"verdict_table: verdicts, column 'pledge_id': {unknown} are not in the pledges."
        )
    return pd.DataFrame(
        {
            "ID": verdicts["pledge_id"],
            "Country": names_for(verdicts["subject"]),
            "Pledge": verdicts["pledge"],
            "Pledged by": verdicts["pledge_id"].map(pledged_by),
            "Target": [_target_text(row) for _, row in verdicts.iterrows()],
            "Verdict": verdicts["verdict"],
            "Evidence": [_evidence_text(row) for _, row in verdicts.iterrows()],
            "Rule applied": verdicts["reason"],
        }
    )


def verdict_sources(
    verdicts: pd.DataFrame, pledges: pd.DataFrame, observations: pd.DataFrame
) -> pd.DataFrame:
    """The sources each verdict rests on: the target's source and the assessed observation's.

    Returns ID, Role ("target" / "assessed observation"), Period, Publisher, Title, URL,
    ordered by pledge; pledges without an assessed observation list only their target.
    """
    _require(verdicts, ("pledge_id", "unit", "assessed_date"), "verdict_sources (verdicts)")
    _require(
        pledges,
        ("pledge_id", "target_source_title", "target_publisher", "target_url"),
        "verdict_sources (pledges)",
    )
    _require(
        observations,
        ("pledge_id", "date", "unit", "period", "source_title", "publisher", "url"),
        "verdict_sources (observations)",
    )
    targets = pledges.set_index("pledge_id")
    rows: list[dict[str, object]] = []
    for row in verdicts.itertuples(index=False):
        pledge = targets.loc[row.pledge_id]
        rows.append(
            {
                "ID": row.pledge_id,
                "Role": "target",
                "Period": "",
                "Publisher": pledge["target_publisher"],
                "Title": pledge["target_source_title"],
                "URL": pledge["target_url"],
            }
        )
        if pd.isna(row.assessed_date):
            continue
        used = observations[
            (observations["pledge_id"] == row.pledge_id)
            & (observations["unit"] == row.unit)
            & (observations["date"] == row.assessed_date)
        ]
        if len(used) != 1:
            raise ValidationError(
                f"verdict_sources: observations hold {len(used)} rows for pledge "
                f"{row.pledge_id!r} on {_month(row.assessed_date)} in unit {row.unit!r}; "
                "pass the observations the verdicts were computed from."
            )
        obs = used.iloc[0]
        rows.append(
            {
                "ID": row.pledge_id,
                "Role": "assessed observation",
                "Period": obs["period"],
                "Publisher": obs["publisher"],
                "Title": obs["source_title"],
                "URL": obs["url"],
            }
        )
    return pd.DataFrame(rows, columns=["ID", "Role", "Period", "Publisher", "Title", "URL"])


def context_observations(verdicts: pd.DataFrame, observations: pd.DataFrame) -> pd.DataFrame:
    """Observations recorded for a pledge in another unit than its target's.

    They cannot decide a verdict (users are not services), but they are what is known;
    for a pledge judged "not verifiable" they are often all there is. Only observations
    dated on or before the verdicts' ``as_of`` are kept. Returns pledge_id, date, period,
    value, unit, publisher, in the observations' order.
    """
    _require(verdicts, ("pledge_id", "unit", "as_of"), "context_observations (verdicts)")
    _require(
        observations,
        ("pledge_id", "date", "period", "value", "unit", "publisher"),
        "context_observations (observations)",
    )
    own = verdicts.set_index("pledge_id")
    known = observations["pledge_id"].isin(own.index)
    pledge_unit = observations["pledge_id"].map(own["unit"])
    as_of = observations["pledge_id"].map(own["as_of"])
    other = known & (observations["unit"] != pledge_unit) & (observations["date"] <= as_of)
    columns = ["pledge_id", "date", "period", "value", "unit", "publisher"]
    return observations.loc[other, columns].reset_index(drop=True)


def context_table(context: pd.DataFrame) -> pd.DataFrame:
    """:func:`context_observations` for display: pledge, period, value with unit, publisher."""
    _require(
        context,
        ("pledge_id", "period", "value", "unit", "publisher"),
        "context_table (context)",
    )
    return pd.DataFrame(
        {
            "ID": context["pledge_id"],
            "Period": context["period"],
            "Observed": [
                format_quantity(v, u)
                for v, u in zip(context["value"], context["unit"], strict=True)
            ],
            "Publisher": context["publisher"],
        }
    )


def unverifiable_table(verdicts: pd.DataFrame, observations: pd.DataFrame) -> pd.DataFrame:
    """The pledges no verdict can be given for, why, and everything observed for them.

    "On record" lists every observation of the pledge dated on or before ``as_of``, in
    whatever unit: for these pledges that is all that is known.
    """
    _require(
        verdicts,
        ("pledge_id", "subject", "pledge", "verdict", "reason", "as_of"),
        "unverifiable_table (verdicts)",
    )
    _require(
        observations,
        ("pledge_id", "date", "period", "value", "unit"),
        "unverifiable_table (observations)",
    )
    rows = verdicts[verdicts["verdict"] == "not verifiable"]
    on_record = []
    for row in rows.itertuples(index=False):
        seen = observations[
            (observations["pledge_id"] == row.pledge_id) & (observations["date"] <= row.as_of)
        ].sort_values(["date", "unit"])
        on_record.append(
            "; ".join(
                f"{format_quantity(obs.value, obs.unit)} ({obs.period})"
                for obs in seen.itertuples(index=False)
            )
            or "nothing on record"
        )
    return pd.DataFrame(
        {
            "ID": rows["pledge_id"],
            "Country": names_for(rows["subject"]),
            "Pledge": rows["pledge"],
            "Why no verdict": rows["reason"],
            "On record": on_record,
        }
    ).reset_index(drop=True)


@dataclass(frozen=True)
class TrackerPanel:
    """Everything :func:`smartresearch.plots.plot_pledge_tracker` needs for one pledge."""

    pledge_id: str
    pledge: str
    points: pd.DataFrame
    verdict: str
    unit: str
    iso3: str


def tracker_panels(verdicts: pd.DataFrame, observations: pd.DataFrame) -> list[TrackerPanel]:
    """One panel per pledge with a numeric target and at least one observation in its unit.

    A pledge without a numeric target has no line to draw observations against; it is
    listed by :func:`unverifiable_table` instead.

    Points come from :func:`smartresearch.plots.pledge_points` (observations in the
    pledge's own unit, the target at its deadline, the projection when one was made), and
    only observations dated on or before ``as_of`` are drawn, as the verdict saw them.
    """
    from smartresearch.plots import pledge_points

    _require(verdicts, _VERDICT_COLUMNS, "tracker_panels (verdicts)")
    _require(observations, ("pledge_id", "date", "value", "unit"), "tracker_panels (observations)")
    panels = []
    for _, row in verdicts.iterrows():
        if row["n_observations"] == 0 or pd.isna(row["target_value"]):
            continue
        seen = observations[observations["date"] <= row["as_of"]]
        panels.append(
            TrackerPanel(
                pledge_id=str(row["pledge_id"]),
                pledge=str(row["pledge"]),
                points=pledge_points(row, seen),
                verdict=str(row["verdict"]),
                unit=str(row["unit"]),
                iso3=str(row["subject"]),
            )
        )
    return panels


def draw_pledge_trackers(
    panels: Sequence[TrackerPanel],
    *,
    ncols: int = 2,
    panel_size: tuple[float, float] = (4.6, 3.0),
    title_width: int = 52,
) -> Figure:
    """Small multiples: one :func:`smartresearch.plots.plot_pledge_tracker` per panel.

    Each panel is titled with its pledge id, country and pledge; spare cells of the grid
    are hidden. The figure's alt text (``smartresearch.plots.alt_text(fig)``) joins the
    panels' own, each computed from what it drew.
    """
    import matplotlib.pyplot as plt

    from smartresearch.plots import plot_pledge_tracker

    if not panels:
        raise ValueError("draw_pledge_trackers: no panels to draw (no pledge has observations)")
    if ncols < 1:
        raise ValueError(f"draw_pledge_trackers: ncols={ncols} must be at least 1")
    ncols = min(ncols, len(panels))
    nrows = -(-len(panels) // ncols)
    fig, axes = plt.subplots(
        nrows, ncols, figsize=(panel_size[0] * ncols, panel_size[1] * nrows), squeeze=False
    )
    for ax, panel in zip(axes.flat, panels, strict=False):  # spare cells stay empty
        plot_pledge_tracker(
            panel.points,
            verdict=panel.verdict,
            pledge=panel.pledge,
            unit=panel.unit,
            iso3=panel.iso3,
            ax=ax,
        )
        heading = f"{panel.pledge_id} · {_subject_name(panel.iso3)}: {panel.pledge}"
        ax.set_title(textwrap.fill(heading, title_width), loc="left", fontsize=8.5)
    for ax in axes.flat[len(panels) :]:
        ax.set_visible(False)
    return fig
