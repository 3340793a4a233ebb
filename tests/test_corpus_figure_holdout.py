"""The held-out figure gold list: valid against the record, refused when broken, and scored.

The held-out score measures :func:`extract_figures` on paraphrases it was never tuned on
(see smartresearch.corpus.figure_holdout). These tests check that the gold list names real
sample rows and stands in their text, that a broken copy fails naming file, line and value,
that the scorer counts right on a made-up record, and that the real score is computed from
the list (its numbers are recorded in the module docstring, not asserted here).
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import pandas as pd
import pytest
from corpus_support import curated_copy

from smartresearch.corpus import load_figure_gold_holdout, score_holdout_by_kind
from smartresearch.corpus.figure_evaluation import GOLD_KINDS, OVERALL
from smartresearch.corpus.figure_holdout import holdout_texts, in_sample, record_year
from smartresearch.corpus.outcomes import load_outcomes
from smartresearch.errors import ValidationError

COLUMNS = ["kind", "gold", "extracted", "matched", "precision", "recall"]


@pytest.fixture(scope="module")
def gold() -> pd.DataFrame:
    return load_figure_gold_holdout()


def test_the_sample_is_every_fourth_outcome_from_the_first() -> None:
    ids = holdout_texts()["outcome_id"].tolist()
    record = load_outcomes()["outcome_id"]
    assert ids == [i for i in record if int(i[1:]) % 4 == 1]
    assert ids[:3] == ["O01", "O05", "O09"]
    assert in_sample("O97") and not in_sample("O02")


def test_the_year_is_the_latest_the_value_date_names() -> None:
    assert record_year("Feb 2017") == 2017
    assert record_year("2019 (report published Jul 2021)") == 2021
    assert record_year("FY2017-18") == 2017
    assert record_year("no date") is None


def test_gold_list_loads_and_covers_the_sample(gold: pd.DataFrame) -> None:
    texts = holdout_texts().set_index("outcome_id")["text"]
    assert set(gold["outcome_id"]) <= set(texts.index)
    assert set(gold["kind"]) <= set(GOLD_KINDS)
    assert all(row.anchor in texts[row.outcome_id] for row in gold.itertuples(index=False))
    assert not gold.duplicated(["outcome_id", "anchor"]).any()


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda f: f.assign(outcome_id=f["outcome_id"].where(f.index != 2, "O99")), "'O99'"),
        (lambda f: f.assign(outcome_id=f["outcome_id"].where(f.index != 2, "O02")), "sample"),
        (lambda f: f.assign(kind=f["kind"].where(f.index != 2, "ordinal")), "'ordinal'"),
        (lambda f: f.assign(anchor=f["anchor"].where(f.index != 2, "y" * 60)), "'yyyy"),
        (lambda f: f.assign(anchor=f["anchor"].where(f.index != 2, "not in it")), "'not in it'"),
    ],
)
def test_broken_holdout_rows_are_refused(tmp_path: Path, edit, message: str) -> None:
    path = curated_copy(tmp_path, "figure_gold_holdout.csv", edit)
    with pytest.raises(ValidationError) as error:
        load_figure_gold_holdout(path)
    text = str(error.value)
    # row 2 of the frame is line 4 of the file (the header is line 1)
    assert str(path) in text and message in text and re.search(r"\bline(\(s\))? \[?4\b", text)


def test_scorer_arithmetic_on_a_made_up_record() -> None:
    texts = pd.DataFrame(
        {
            "outcome_id": ["O01", "O05"],
            "text": ["Costs rose 12% to £3m by 2030.", "Launched in 2019, it had 40 staff."],
            "year": [2020, None],
        }
    )
    gold = pd.DataFrame(
        {
            "outcome_id": ["O01", "O01", "O01", "O05", "O05"],
            "value": [12.0, 3e6, 2031.0, 2019.0, 4.0],
            "unit": ["%", "GBP", "year", "year", "staff"],
            "kind": ["percentage", "money", "target_year", "date", "count"],
            "anchor": ["12%", "£3m", "by 2030", "in 2019", "40 staff"],
            "description": ["a", "b", "c", "d", "e"],
        }
    )
    scores = score_holdout_by_kind(texts, gold).set_index("kind")
    assert list(scores.reset_index().columns) == COLUMNS
    # extracted: 12%, £3m, by 2030, launched in 2019, 40 staff; gold has 2031 and 4 staff
    assert scores.loc["target_year", ["gold", "extracted", "matched"]].tolist() == [1, 1, 0]
    assert scores.loc["count", ["gold", "extracted", "matched"]].tolist() == [1, 1, 0]
    assert scores.loc["percentage", "matched"] == scores.loc["money", "matched"] == 1
    assert scores.loc[OVERALL, ["gold", "extracted", "matched"]].tolist() == [5, 5, 3]
    assert scores.loc[OVERALL, "precision"] == pytest.approx(0.6)
    assert scores.index[-1] == OVERALL


def test_real_holdout_score_is_computed_from_the_list(gold: pd.DataFrame) -> None:
    scores = score_holdout_by_kind(gold=gold)
    assert list(scores.columns) == COLUMNS
    assert scores["kind"].iloc[-1] == OVERALL
    by_kind = scores.set_index("kind").drop(OVERALL)
    counts = gold["kind"].value_counts()
    assert (by_kind["gold"].reindex(counts.index) == counts).all()
    assert by_kind["gold"].sum() == scores["gold"].iloc[-1] == len(gold)
    for column in ("extracted", "matched"):
        assert by_kind[column].sum() == scores[column].iloc[-1]
    for row in scores.itertuples(index=False):
        assert row.matched <= min(row.gold, row.extracted)
        for value in (row.precision, row.recall):
            assert math.isnan(value) or 0.0 <= value <= 1.0
