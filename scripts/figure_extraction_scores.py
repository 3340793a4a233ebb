"""Print the precision and recall of ``extract_figures`` against the hand-checked gold list.

Usage (from the repository root, with the mirror configured)::

    SMARTRESEARCH_MIRROR=../shared uv run python scripts/figure_extraction_scores.py

Prints one line per document and one for the whole corpus, one per kind of figure, then
every disagreement
(figures found that are not in the gold list, and gold figures not found) so that a change
to the extractor or to the gold list can be reviewed figure by figure. A last section does
the same out of sample: on the held-out paraphrases of the record of outcomes
(``smartresearch.corpus.figure_holdout``), per kind and overall, with every disagreement.
"""

from __future__ import annotations

import sys

import pandas as pd

import smartresearch.corpus as corpus
from smartresearch.corpus.figure_evaluation import OVERALL, document_figures
from smartresearch.corpus.figure_holdout import holdout_pairs, holdout_texts


def main() -> int:
    documents = corpus.load()
    gold = corpus.load_figure_gold(documents=documents)
    scores = corpus.score_extraction(documents, gold)

    print(f"{'document':40} {'gold':>5} {'found':>6} {'match':>6} {'precision':>10} {'recall':>7}")
    for row in scores.itertuples(index=False):
        if row.doc_id == OVERALL:
            print("-" * 79)
        print(
            f"{row.doc_id:40} {row.gold:5d} {row.extracted:6d} {row.matched:6d} "
            f"{row.precision:10.3f} {row.recall:7.3f}"
        )

    print()
    print_by_kind("kind of figure", corpus.score_extraction_by_kind(documents, gold))

    disagreements = 0
    for doc in documents.itertuples(index=False):
        pairs = corpus.match_figures(
            document_figures(doc), gold[gold["doc_id"] == doc.doc_id], doc.text
        )
        for pair in pairs[pairs["found"] != pairs["expected"]].itertuples(index=False):
            label = "not in gold" if pair.found else "missed"
            shown = pair.text if pair.found else pair.description
            print(f"  {doc.doc_id}: {label}: {pair.kind} {pair.value:g} ({shown})")
            disagreements += 1
    if not disagreements:
        print("Every extracted figure is in the gold list and every gold figure was found.")

    texts = holdout_texts()
    holdout_gold = corpus.load_figure_gold_holdout()
    print()
    print(f"Held out: {len(texts)} paraphrases of the record of outcomes, never tuned on")
    print_by_kind("kind of figure (held out)", corpus.score_holdout_by_kind(texts, holdout_gold))
    pairs = holdout_pairs(texts, holdout_gold)
    for pair in pairs[pairs["found"] != pairs["expected"]].itertuples(index=False):
        label = "not in gold" if pair.found else "missed"
        shown = pair.text if pair.found else pair.description
        print(f"  {pair.outcome_id}: {label}: {pair.kind} {pair.value:g} ({shown})")
    return 0


def print_by_kind(title: str, scores: pd.DataFrame) -> None:
    """One line per kind (and the overall row, if any): gold, found, matched, P and R."""
    header = f"{'gold':>5} {'found':>6} {'match':>6} {'precision':>10} {'recall':>7}"
    print(f"{title:40} {header}")
    for row in scores.itertuples(index=False):
        if row.kind == OVERALL:
            print("-" * 79)
        print(
            f"{row.kind:40} {row.gold:5d} {row.extracted:6d} {row.matched:6d} "
            f"{row.precision:10.3f} {row.recall:7.3f}"
        )


if __name__ == "__main__":
    sys.exit(main())
