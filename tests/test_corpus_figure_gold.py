"""The figure gold list: complete by construction rules, anchored in the texts, and scored.

The list is meant to hold every figure a careful reader marks in the five cleaned articles
(see the docstring of smartresearch.corpus.figure_evaluation for how it was compiled). These
tests check what can be checked mechanically: every document and every kind is covered,
each row is anchored in the cleaned text it describes, anchors and descriptions are short,
and the per-kind scores are computed from the list rather than typed in.
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest
from corpus_support import corpus, curated_copy

from smartresearch.corpus import (
    load_figure_gold,
    match_figures,
    score_extraction,
    score_extraction_by_kind,
)
from smartresearch.corpus.figure_evaluation import GOLD_KINDS, MAX_ANCHOR_CHARS
from smartresearch.corpus.figures import KINDS, extract_figures
from smartresearch.errors import ValidationError


@pytest.fixture(scope="module")
def gold() -> pd.DataFrame:
    return load_figure_gold(documents=corpus())


def test_gold_list_covers_every_document_and_every_kind(gold: pd.DataFrame) -> None:
    assert set(gold["doc_id"]) == set(corpus()["doc_id"])
    assert set(gold["kind"]) == set(GOLD_KINDS)


def test_every_anchor_stands_in_its_cleaned_text(gold: pd.DataFrame) -> None:
    texts = corpus().set_index("doc_id")["text"]
    missing = [
        (row.doc_id, row.anchor)
        for row in gold.itertuples(index=False)
        if row.anchor not in texts[row.doc_id]
    ]
    assert missing == []
    assert not gold.duplicated(["doc_id", "anchor"]).any()
    assert gold["anchor"].str.len().max() <= MAX_ANCHOR_CHARS


def test_written_out_values_agree_with_their_anchor(gold: pd.DataFrame) -> None:
    # a percentage written in digits shows its value ("33%"); a year-valued row shows its year
    for row in gold.itertuples(index=False):
        if row.kind == "percentage" and any(c.isdigit() for c in row.anchor):
            assert f"{row.value:g}%" in row.anchor, row
        if row.kind in ("target_year", "date") and any(c.isdigit() for c in row.anchor[-4:]):
            assert str(int(row.value)) in row.anchor, row


def test_repeated_mentions_are_separate_rows(gold: pd.DataFrame) -> None:
    # "1,100 institutions" stands twice in the 2025 article, so it is listed twice
    text = corpus().set_index("doc_id")["text"]["2025-oxfordshire-insights"]
    rows = gold[(gold["doc_id"] == "2025-oxfordshire-insights") & (gold["value"] == 1100)]
    assert text.count("1,100 institutions") == len(rows) == 2


def test_per_kind_scores_add_up_and_follow_from_the_list(gold: pd.DataFrame) -> None:
    documents = corpus()
    by_kind = score_extraction_by_kind(documents, gold).set_index("kind")
    total = score_extraction(documents, gold).iloc[-1]
    assert by_kind["gold"].sum() == total["gold"] == len(gold)
    assert (by_kind["gold"] == gold["kind"].value_counts().reindex(by_kind.index)).all()
    for kind, row in by_kind.iterrows():
        assert row["matched"] <= min(row["gold"], row["extracted"])
        assert math.isclose(row["recall"], row["matched"] / row["gold"]), kind
    extracted_kinds = {k for text in documents["text"] for k in extract_figures(str(text))["kind"]}
    assert extracted_kinds <= set(KINDS)


def test_a_miss_is_reported_at_the_mention_really_missed() -> None:
    # two gold rows of the same kind and value: the one whose anchor holds the figure matches
    text = "In 2030 things change. Done by 2030, they say."
    gold = pd.DataFrame(
        {
            "kind": ["target_year", "target_year"],
            "value": [2030.0, 2030.0],
            "anchor": ["In 2030 things", "by 2030, they"],
            "description": ["horizon", "deadline"],
        }
    )
    pairs = match_figures(extract_figures(text), gold, text)
    assert pairs.loc[pairs["found"], "description"].tolist() == ["deadline"]
    assert pairs.loc[~pairs["found"], "description"].tolist() == ["horizon"]
    # without the text, the first row of that kind and value is taken (counts are the same)
    assert match_figures(extract_figures(text), gold)["description"].tolist() == [
        "horizon",
        "deadline",
    ]


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda f: f.assign(anchor=f["anchor"].where(f.index > 0, "y" * 60)), "column 'anchor'"),
        (lambda f: pd.concat([f, f.iloc[:1]]), "repeat"),
        (lambda f: f.assign(kind=f["kind"].replace("rank", "ordinal")), "'ordinal'"),
    ],
)
def test_broken_gold_rows_are_refused(tmp_path: Path, edit, message: str) -> None:
    path = curated_copy(tmp_path, "figure_gold.csv", edit)
    with pytest.raises(ValidationError) as error:
        load_figure_gold(path)
    assert message in str(error.value) and str(path) in str(error.value)
