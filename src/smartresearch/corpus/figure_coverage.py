"""Every figure in the articles accounted for, and the articles' own inconsistencies flagged.

The gold list (``figure_gold.csv``) holds every figure a careful reader marks in the five
articles. ``figure_coverage.csv`` says, for each of them, whether it is a **claim** the
claims table checks (naming the claim, whose value or reference year must equal the
figure) or **event trivia** (about the conference or the article itself: dates of a blog
week, a word limit, the order of sessions), with the reason. :func:`figure_coverage`
fails when a gold figure is in neither place, so a figure cannot drop out of the checks
unnoticed, and counts them.

``article_inconsistencies.csv`` lists places where one article states the same thing two
ways (an edition counted as the seventh and as the sixth); :func:`article_inconsistencies`
checks that both passages are in the article's text and among its gold figures.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from smartresearch.corpus.schema import Column, TableSchema, doc_id_column, read_table
from smartresearch.errors import ValidationError

COVERAGE_DISPOSITIONS = ("claim", "event trivia")

FIGURE_COVERAGE_SCHEMA = TableSchema(
    name="figure_coverage",
    filename="figure_coverage.csv",
    title="Every figure of the gold list: a checked claim or event trivia",
    columns=(
        doc_id_column(),
        Column("anchor", description="The gold list's anchor for the figure"),
        Column("disposition", description="claim or event trivia", allowed=COVERAGE_DISPOSITIONS),
        Column("claim_id", required=False, pattern=r"C\d{3}", description="The claim, if one"),
        Column("reason", description="Why, in our own words", pattern=r"[^\n]{1,110}"),
    ),
    key=("doc_id", "anchor"),
)

INCONSISTENCIES_SCHEMA = TableSchema(
    name="article_inconsistencies",
    filename="article_inconsistencies.csv",
    title="Places where one article states the same thing two ways",
    columns=(
        doc_id_column(),
        Column("first_anchor", description="Gold anchor of the first statement"),
        Column("second_anchor", description="Gold anchor of the second statement"),
        Column("what", description="The inconsistency, in our own words", pattern=r"[^\n]{1,110}"),
    ),
    key=("doc_id", "first_anchor", "second_anchor"),
)


def load_figure_coverage(
    path: Path | str | None = None, *, documents: pd.DataFrame | None = None
) -> pd.DataFrame:
    """``figure_coverage.csv``, validated (a claim disposition names a claim, trivia none)."""
    path = Path(path) if path is not None else FIGURE_COVERAGE_SCHEMA.path()
    frame = read_table(FIGURE_COVERAGE_SCHEMA, path, documents=documents)
    for line, row in zip(frame.index + 2, frame.itertuples(index=False), strict=True):
        if pd.notna(row.claim_id) != (row.disposition == "claim"):
            raise ValidationError(
                f"{path}, line {line} ({row.anchor!r}), column 'claim_id': {row.claim_id!r} "
                f"with disposition {row.disposition!r}; a claim names one, trivia none."
            )
    return frame


def figure_coverage(
    gold: pd.DataFrame, coverage: pd.DataFrame, claims: pd.DataFrame
) -> pd.DataFrame:
    """Count the gold figures by disposition, per article (doc_id, claims, event_trivia,
    figures), after checking that each is covered exactly once and that a claim's value or
    reference year equals the figure. Fails naming the figures left out or mismatched."""
    keys = ["doc_id", "anchor"]
    merged = gold.merge(coverage, on=keys, how="outer", indicator=True)
    missing = merged[merged["_merge"] == "left_only"]
    if not missing.empty:
        raise ValidationError(
            f"{FIGURE_COVERAGE_SCHEMA.path()}: gold figures "
            f"{list(zip(missing['doc_id'], missing['anchor'], strict=True))} are neither a "
            "claim nor event trivia; add a row for each."
        )
    stray = merged[merged["_merge"] == "right_only"]
    if not stray.empty:
        raise ValidationError(
            f"{FIGURE_COVERAGE_SCHEMA.path()}: anchors {stray['anchor'].tolist()} are not in "
            "the gold list."
        )
    by_claim = claims.set_index("claim_id")
    for row in merged[merged["disposition"] == "claim"].itertuples(index=False):
        if row.claim_id not in by_claim.index:
            raise ValidationError(
                f"{FIGURE_COVERAGE_SCHEMA.path()}: claim {row.claim_id} ({row.anchor!r}) is "
                "not in claims.csv."
            )
        claim = by_claim.loc[row.claim_id]
        values = {float(claim["value"])}
        if pd.notna(claim["ref_year"]):
            values.add(float(claim["ref_year"]))
        if claim["doc_id"] != row.doc_id or float(row.value) not in values:
            raise ValidationError(
                f"{FIGURE_COVERAGE_SCHEMA.path()}: {row.anchor!r} ({row.value:g}, {row.doc_id}) "
                f"is mapped to {row.claim_id}, which states {sorted(values)} in "
                f"{claim['doc_id']}; map it to the claim that states it."
            )
    counts = merged.groupby(["doc_id", "disposition"]).size().unstack(fill_value=0)
    counts = counts.reindex(columns=list(COVERAGE_DISPOSITIONS), fill_value=0)
    return pd.DataFrame(
        {
            "doc_id": counts.index,
            "claims": counts["claim"].to_numpy(dtype="int64"),
            "event_trivia": counts["event trivia"].to_numpy(dtype="int64"),
            "figures": counts.sum(axis=1).to_numpy(dtype="int64"),
        }
    ).reset_index(drop=True)


def article_inconsistencies(
    documents: pd.DataFrame, gold: pd.DataFrame, path: Path | str | None = None
) -> pd.DataFrame:
    """``article_inconsistencies.csv``, checked: both passages are gold figures of the
    article and occur in its cleaned text (``documents``: ``corpus.load()``)."""
    path = Path(path) if path is not None else INCONSISTENCIES_SCHEMA.path()
    frame = read_table(INCONSISTENCIES_SCHEMA, path, documents=documents)
    texts = documents.set_index("doc_id")["text"]
    anchors = set(zip(gold["doc_id"], gold["anchor"], strict=True))
    for line, row in zip(frame.index + 2, frame.itertuples(index=False), strict=True):
        for anchor in (row.first_anchor, row.second_anchor):
            if (row.doc_id, anchor) not in anchors or anchor not in str(texts[row.doc_id]):
                raise ValidationError(
                    f"{path}, line {line}: {anchor!r} is not a gold figure found in the text "
                    f"of {row.doc_id}."
                )
    return frame
