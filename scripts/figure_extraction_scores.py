"""Print the precision and recall of ``extract_figures`` against the hand-checked gold list.

Usage (from the repository root, with the mirror configured)::

    SMARTRESEARCH_MIRROR=../shared uv run python scripts/figure_extraction_scores.py

Prints one line per document and one for the whole corpus, one per kind of figure, then
every disagreement
(figures found that are not in the gold list, and gold figures not found) so that a change
to the extractor or to the gold list can be reviewed figure by figure.
"""

from __future__ import annotations

import sys

import smartresearch.corpus as corpus
from smartresearch.corpus.figure_evaluation import OVERALL, document_figures


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
    header = f"{'gold':>5} {'found':>6} {'match':>6} {'precision':>10} {'recall':>7}"
    print(f"{'kind of figure':40} {header}")
    for row in corpus.score_extraction_by_kind(documents, gold).itertuples(index=False):
        print(
            f"{row.kind:40} {row.gold:5d} {row.extracted:6d} {row.matched:6d} "
            f"{row.precision:10.3f} {row.recall:7.3f}"
        )

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
    return 0


if __name__ == "__main__":
    sys.exit(main())
