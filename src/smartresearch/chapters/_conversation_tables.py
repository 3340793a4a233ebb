"""Chapter 1's display tables: the corpus layer's frames with readable column names and
rounded or worded values (:mod:`smartresearch.chapters.conversation` hands them to
``tables.table``; the summary and tests call them directly)."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from smartresearch._columns import require_columns
from smartresearch.corpus.attribution import with_years
from smartresearch.corpus.claim_checks import CHECK_COLUMNS, CLAIM_VERDICTS
from smartresearch.corpus.documents import CLEANING_SUMMARY_COLUMNS
from smartresearch.corpus.figure_evaluation import OVERALL
from smartresearch.corpus.theme_shifts import SHIFT_COLUMNS
from smartresearch.countries import subject_name
from smartresearch.errors import ValidationError
from smartresearch.wording import quantity


def _require(frame: pd.DataFrame, columns: Sequence[str], what: str) -> None:
    """Fail early, naming the table and the missing columns, instead of a KeyError later."""
    require_columns(
        frame, columns, what=what, hint="Pass the corpus layer's table unchanged (renamed?)."
    )


def claim_check_table(checks: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """Every claim with the figure as stated, its verdict, how it was decided and the record
    rows cited, ordered by verdict (vocabulary order) then claim id; notes are shown whole
    (no truncation). The claim id and the figure link each row to :func:`claims_table`."""
    _require(checks, CHECK_COLUMNS, "claim_check_table (checks)")
    require_columns(claims, ("claim_id", "measure"), what="claim_check_table (claims)")
    measure = claims.set_index("claim_id")["measure"]
    order = {v: i for i, v in enumerate(CLAIM_VERDICTS)}
    ranked = checks.assign(_order=checks["verdict"].map(order)).sort_values(
        ["_order", "claim_id"], kind="stable"
    )
    return pd.DataFrame(
        {
            "Claim": ranked["claim_id"],
            "Figure": [
                quantity(v, u) for v, u in zip(ranked["value"], ranked["unit"], strict=True)
            ],
            "What it measures": ranked["claim_id"].map(measure),
            "Verdict": ranked["verdict"],
            "Decided by": ranked["decided_by"],
            "Record rows": ranked["outcome_ids"].replace("", "none"),
            "Out of date when published": ranked["stale_at_publication"].map(
                {True: "yes", False: "–"}
            ),
            "Note": ranked["note"].replace("", "–"),
        }
    ).reset_index(drop=True)


def period_name(years: Sequence[int]) -> str:
    """'2017' for one year, '2017–2022' for several (en dash, as in the report)."""
    return str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"


def theme_shift_table(
    shifts: pd.DataFrame,
    early: Sequence[int],
    late: Sequence[int],
    *,
    decimals: int = 1,
) -> pd.DataFrame:
    """:func:`~smartresearch.corpus.theme_shifts.theme_shifts` for display: rates and
    shares headed with their periods, rounded."""
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


def cleaning_table(summary: pd.DataFrame) -> pd.DataFrame:
    """:func:`~smartresearch.corpus.documents.cleaning_summary` for display (per cent
    removed rounded to whole numbers)."""
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


def attribution_table(counts: pd.DataFrame, by: str, heading: str) -> pd.DataFrame:
    """:func:`~smartresearch.corpus.attribution.claim_attribution` for display;
    ``heading`` names the ``by`` column."""
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


def claims_table(claims: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Every quoted figure for display: claim id (the key of :func:`claim_check_table`),
    year, subject, figure with its unit, what it measures and whom the article credits, in
    order of year and claim id."""
    _require(
        claims,
        ("claim_id", "doc_id", "value", "unit", "measure", "subject", "attributed_source"),
        "claims_table (claims)",
    )
    dated = with_years(claims, documents, "claims_table").sort_values(
        ["event_year", "claim_id"], ignore_index=True
    )
    return pd.DataFrame(
        {
            "Claim": dated["claim_id"],
            "Year": dated["event_year"],
            "About": dated["subject"].astype("str").map(subject_name),
            "Figure": [quantity(v, u) for v, u in zip(dated["value"], dated["unit"], strict=True)],
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
    return pd.DataFrame({"Document": scores["doc_id"].map(names), **_score_columns(scores)})


#: Score columns of a per-kind extraction table (in-sample or held-out).
KIND_SCORE_COLUMNS: tuple[str, ...] = (
    "kind",
    "gold",
    "extracted",
    "matched",
    "precision",
    "recall",
)


def _score_columns(scores: pd.DataFrame) -> dict[str, pd.Series]:
    """The counts and scores of an extraction table under their display headers (one
    wording for the per-document and the per-kind tables)."""
    return {
        "Figures in gold list": scores["gold"],
        "Figures extracted": scores["extracted"],
        "Matched": scores["matched"],
        "Precision": scores["precision"].round(3),
        "Recall": scores["recall"].round(3),
    }


def kind_name(kind: str) -> str:
    """A kind of figure as a reader writes it: "target_year" -> "target year", the overall
    row -> "all kinds"."""
    return "all kinds" if kind == OVERALL else str(kind).replace("_", " ")


def extraction_kind_table(by_kind: pd.DataFrame) -> pd.DataFrame:
    """:func:`~smartresearch.corpus.score_extraction_by_kind` for display: readable kind
    names and the headers of :func:`extraction_table`, rounded to 3 decimals."""
    _require(by_kind, KIND_SCORE_COLUMNS, "extraction_kind_table (by_kind)")
    return pd.DataFrame(
        {"Kind of figure": by_kind["kind"].map(kind_name), **_score_columns(by_kind)}
    ).reset_index(drop=True)


def extraction_comparison(in_sample: pd.DataFrame, held_out: pd.DataFrame) -> pd.DataFrame:
    """Recall and precision per kind of figure on the articles (in-sample) beside the same on
    held-out text, so a reader sees where the in-sample score flatters the extractor.

    ``in_sample`` is :func:`~smartresearch.corpus.score_extraction_by_kind` (no overall row;
    one is added from its counts), ``held_out`` :func:`~smartresearch.corpus.score_holdout_by_kind`
    (its last row is the overall ``ALL``). Kinds follow the held-out table's order."""
    _require(in_sample, KIND_SCORE_COLUMNS, "extraction_comparison (in_sample)")
    _require(held_out, KIND_SCORE_COLUMNS, "extraction_comparison (held_out)")
    own = in_sample[in_sample["kind"] != OVERALL]
    counts = own[["gold", "extracted", "matched"]].sum()
    overall = {
        "kind": OVERALL,
        **counts.to_dict(),
        "precision": counts["matched"] / counts["extracted"]
        if counts["extracted"]
        else float("nan"),
        "recall": counts["matched"] / counts["gold"] if counts["gold"] else float("nan"),
    }
    inside = pd.concat([own, pd.DataFrame([overall])], ignore_index=True).set_index("kind")
    outside = held_out.set_index("kind")
    kinds = list(outside.index) + [k for k in inside.index if k not in outside.index]
    frame = pd.DataFrame(
        {
            "Kind of figure": [kind_name(k) for k in kinds],
            "Articles: gold": inside["gold"].reindex(kinds).to_numpy(),
            "Articles: recall": inside["recall"].reindex(kinds).to_numpy(),
            "Held out: gold": outside["gold"].reindex(kinds).to_numpy(),
            "Held out: precision": outside["precision"].reindex(kinds).to_numpy(),
            "Held out: recall": outside["recall"].reindex(kinds).to_numpy(),
        }
    )
    return frame


def figure_coverage_table(counts: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """:func:`~smartresearch.corpus.figure_coverage.figure_coverage` for display: each
    article by year, its gold figures, how many the claims table checks and how many are
    event trivia, with a total row."""
    _require(counts, ("doc_id", "claims", "event_trivia", "figures"), "figure_coverage_table")
    years = documents.set_index("doc_id")["event_year"]
    frame = pd.DataFrame(
        {
            "Article": counts["doc_id"].map(years).astype("str"),
            "Figures in the gold list": counts["figures"],
            "Checked as claims": counts["claims"],
            "Event trivia": counts["event_trivia"],
        }
    )
    total = pd.DataFrame(
        [["All", *frame.iloc[:, 1:].sum().astype("int64").tolist()]], columns=frame.columns
    )
    return pd.concat([frame, total], ignore_index=True)


def inconsistencies_table(flags: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """:func:`~smartresearch.corpus.figure_coverage.article_inconsistencies` for display."""
    _require(flags, ("doc_id", "first_anchor", "second_anchor", "what"), "inconsistencies_table")
    years = documents.set_index("doc_id")["event_year"]
    return pd.DataFrame(
        {
            "Article": flags["doc_id"].map(years).astype("str"),
            "First passage": flags["first_anchor"],
            "Second passage": flags["second_anchor"],
            "The inconsistency": flags["what"],
        }
    ).reset_index(drop=True)
