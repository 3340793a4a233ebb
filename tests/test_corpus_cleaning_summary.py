"""What the cleaner took out of each article, checked against the removal report."""

from __future__ import annotations

import pandas as pd
import pytest
from corpus_support import corpus

from smartresearch.chapters import conversation
from smartresearch.corpus import removal_report
from smartresearch.corpus.documents import MAIN_KINDS, cleaning_summary
from smartresearch.errors import ValidationError


@pytest.fixture(scope="module")
def documents() -> pd.DataFrame:
    return corpus()


def test_cleaning_summary_on_the_corpus(documents: pd.DataFrame) -> None:
    removals = removal_report()
    summary = cleaning_summary(documents, removals)
    assert list(summary["doc_id"]) == list(documents["doc_id"])
    assert (summary["removed_share"] == summary["removed_chars"] / summary["raw_chars"]).all()
    assert summary["removed_share"].between(0, 1).all()
    for row in summary.itertuples(index=False):
        own = removals[removals["doc_id"] == row.doc_id]
        largest = own.sort_values("chars", ascending=False)["kind"].iloc[0]
        assert row.main_kinds.split(", ")[0] == largest.replace("_", " ")
        assert len(row.main_kinds.split(", ")) == min(len(own), MAIN_KINDS)
    table = conversation.cleaning_table(summary)
    assert table["% removed"].between(0, 100).all()


def test_cleaning_summary_refuses_a_report_of_another_corpus(documents: pd.DataFrame) -> None:
    removals = removal_report()
    altered = removals.copy()
    altered.loc[0, "chars"] += 1
    with pytest.raises(ValidationError, match=str(altered.loc[0, "doc_id"])):
        cleaning_summary(documents, altered)
    stranger = pd.concat(
        [
            removals,
            pd.DataFrame([{"doc_id": "not-here", "kind": "advert", "blocks": 1, "chars": 9}]),
        ]
    )
    with pytest.raises(ValidationError, match="not-here"):
        cleaning_summary(documents, stranger)
    with pytest.raises(ValidationError, match=r"missing column\(s\) \['chars'\]"):
        cleaning_summary(documents, removals.rename(columns={"chars": "characters"}))
