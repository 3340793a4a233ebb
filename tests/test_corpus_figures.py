"""extract_figures: each kind of figure, what is not a figure, and precision/recall.

Precision and recall are measured twice: on the five articles against the committed gold
list (the extractor was developed on them), and on a held-out set of 68 figures in 15
paraphrases of research/policy_outcomes.csv, annotated by hand before the extractor was
first run on them (first run: precision 0.970, recall 0.941; after making "c." and "FY23"
generic: 1.000 and 0.971; still missed: "almost a quarter red", "near double in a year").
That held-out set was annotated before dates and ranks were kinds of figure, so it is scored
on the other kinds; the dates now found in it were all real dates when inspected afterwards.
The corpus score is reported (scripts/figure_extraction_scores.py), not asserted.
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest
from corpus_support import corpus, curated_copy, policy_outcomes

from smartresearch.corpus import extract_figures, load_figure_gold, match_figures, score_extraction
from smartresearch.corpus.figure_evaluation import OVERALL
from smartresearch.corpus.figures import FIGURE_COLUMNS
from smartresearch.errors import ValidationError


def _figures(text: str) -> list[tuple[str, float, str]]:
    return [(f.kind, f.value, f.unit) for f in extract_figures(text).itertuples(index=False)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Only 4% of staff, against 8 per cent elsewhere.",
            [("percentage", 4, "%"), ("percentage", 8, "%")],
        ),
        ("Spend fell by 10-70% in places.", [("percentage", 10, "%")]),
        ("A £350m fund and £2.6bn for cyber.", [("money", 350e6, "GBP"), ("money", 2.6e9, "GBP")]),
        ("It cost $5 million and €40m.", [("money", 5e6, "USD"), ("money", 40e6, "EUR")]),
        ("Korea spent KRW 499.1bn.", [("money", 499.1e9, "KRW")]),
        ("25 million users of Verify", [("count", 25e6, "users")]),
        ("3.6m had signed up", [("count", 3.6e6, "")]),
        ("with 3827 vacancies across", [("count", 3827, "vacancies")]),
        ("over 1,100 institutions, and", [("count", 1100, "institutions")]),
        ("three key areas that matter", [("count", 3, "key areas")]),
        ("in 50 years", [("duration", 50, "years")]),
        ("the next five to ten years", [("duration", 5, "years")]),
        (
            "a three times increase and a 2x gain",
            [("multiple", 3, "times"), ("multiple", 2, "times")],
        ),
        ("by doubling the number of buyers", [("multiple", 2, "times")]),
        ("25 million users by 2020", [("count", 25e6, "users"), ("target_year", 2020, "year")]),
        ("two-thirds of services", [("percentage", pytest.approx(200 / 3), "%")]),
        ("one in four systems", [("percentage", 25, "%")]),
        ("c.3.5m people", [("count", 3.5e6, "people")]),
    ],
)
def test_each_kind_of_figure(text: str, expected: list[tuple[str, float, str]]) -> None:
    assert _figures(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Building the Smarter State 2022 and the Voices of 2030 report.",
        "At first, it was slow. First, we looked at the risks; for the first time too.",
        "You may 2 minds change; in May we met.",
        "Mission 6 and (Mission 5) of the strategy; 3rd party resources.",
        "The impact of COVID-19 and nationwide 5G.",
        "1. Interoperability\n2. Shared platforms",
        "Phone: 020 7331 2015 or see https://example.org/report-2024 or [email]",
        "Sidebar 23/02/2018 and FY2013-14 to FY2017-18, 2016-17.",
        "This has the double benefit of improving productivity; buy once, use many times.",
        "One Login works for everyone, one of the key aims.",
    ],
)
def test_what_is_not_a_figure(text: str) -> None:
    assert extract_figures(text).empty


def test_a_future_year_after_in_or_for_is_a_horizon() -> None:
    text = "Plans for 2040 were drafted in 2019; what will cities be like in 2040?"
    assert _figures(text) == []  # without the document's year, a bare year is not a figure
    found = extract_figures(text, year=2020)
    assert found[["kind", "value"]].values.tolist() == [["target_year", 2040.0]] * 2


@pytest.mark.parametrize(
    ("text", "year", "expected"),
    [
        ("The fair opened on 3 March 2019 in Leeds.", None, [("date", 2019, "date")]),
        ("Bids close on Friday 14 June.", 2030, [("date", 2030, "date")]),
        ("Bids close on Friday 14 June.", None, [("date", math.nan, "date")]),
        ("A workshop ran 4 – 6 May, another on June 21, 2018.", 2018, [("date", 2018, "date")] * 2),
        ("By Q2 2019 the backlog had cleared.", None, [("date", 2019, "quarter")]),
        (
            "The agency was founded in 1997 and has grown since 2005.",
            None,
            [("date", 1997, "date"), ("date", 2005, "date")],
        ),
        (
            "As of March 2022, 12 clinics were open.",
            None,
            [("date", 2022, "date"), ("count", 12, "clinics")],
        ),
        ("It was the club's third annual dinner.", None, [("rank", 3, "annual dinner")]),
        (
            "Our second pilot failed; the 21st report was late.",
            None,
            [("rank", 2, "pilot"), ("rank", 21, "report")],
        ),
    ],
)
def test_dates_and_ranks(text: str, year: int | None, expected: list) -> None:
    found = extract_figures(text, year=year)
    assert len(found) == len(expected)
    for row, (kind, value, unit) in zip(found.itertuples(index=False), expected, strict=True):
        assert (row.kind, row.unit) == (kind, unit)
        assert (math.isnan(row.value) and math.isnan(value)) or row.value == value


def test_positions_and_sentences() -> None:
    text = "Costs are rising. Only 10% of services are great.\nAnother line with £4m."
    figures = extract_figures(text)
    assert list(figures.columns) == list(FIGURE_COLUMNS)
    for row in figures.itertuples(index=False):
        assert text[row.start : row.end] == row.text
    assert figures["sentence"].tolist() == [
        "Only 10% of services are great.",
        "Another line with £4m.",
    ]
    assert figures["value_high"].isna().all()
    assert extract_figures("400-600 words")["value_high"].tolist() == [600.0]


def test_corpus_scores_are_computed_from_the_gold_list() -> None:
    # The corpus score is reported, not asserted above a threshold: the gold list was
    # compiled by reading, independently of the extractor (see figure_evaluation).
    documents = corpus()
    scores = score_extraction(documents).set_index("doc_id")
    overall = scores.loc[OVERALL]
    assert overall["gold"] == len(load_figure_gold(documents=documents))
    per_doc = scores.drop(index=OVERALL)
    for column in ("gold", "extracted", "matched"):
        assert overall[column] == per_doc[column].sum()
    assert (per_doc["matched"] <= per_doc[["gold", "extracted"]].min(axis=1)).all()
    assert math.isclose(overall["recall"], overall["matched"] / overall["gold"])
    assert math.isclose(overall["precision"], overall["matched"] / overall["extracted"])


#: Held-out: figures in paraphrases from research/policy_outcomes.csv, annotated by hand.
HELD_OUT: dict[str, list[tuple[str, float]]] = {
    "O05": [("count", 5), ("money", 4.1e6)],
    "O09": [
        ("count", 819000),
        ("count", 1.51e6),
        ("count", 2.15e6),
        ("count", 8),
        ("percentage", 81),
    ],
    "O14": [
        ("count", 7.8e6),
        ("count", 80),
        ("count", 100),
        ("count", 145),
        ("target_year", 2025),
        ("money", 329e6),
        ("money", 115e6),
    ],
    "O16": [
        ("count", 3.5e6),
        ("percentage", 7.5),
        ("percentage", 2),
        ("percentage", 4),
        ("count", 2.1e6),
    ],
    "O22": [
        ("money", 15.54e9),
        ("money", 58.24e9),
        ("percentage", 26.7),
        ("percentage", 11.3),
        ("percentage", 11.6),
        ("percentage", 15.4),
    ],
    "O25": [
        ("percentage", 20),
        ("money", 194.8e9),
        ("percentage", 18),
        ("percentage", 11),
        ("percentage", 34),
    ],
    "O28": [
        ("percentage", 64.2),
        ("percentage", 68.2),
        ("percentage", 69.5),
        ("percentage", 69.4),
        ("percentage", 67.8),
    ],
    "O30": [
        ("count", 43),
        ("count", 11),
        ("count", 319),
        ("count", 29),
        ("percentage", 25),
        ("count", 80),
        ("multiple", 2),
        ("count", 16),
        ("count", 30),
    ],
    "O34": [("money", 26e9), ("count", 100000)],
    "O41": [("percentage", 19.5), ("count", 26530), ("count", 23155)],
    "O44": [("percentage", 5.4), ("percentage", 88), ("percentage", 6), ("percentage", 8)],
    "O56": [
        ("count", 4.42e6),
        ("percentage", 91),
        ("count", 680000),
        ("count", 141e6),
        ("percentage", 82),
        ("count", 4.3e6),
        ("percentage", 89),
    ],
    "O60": [("percentage", 98), ("count", 31149), ("duration", 6)],
    "O64": [("money", 129.8e9)],
    "O65": [("money", 7.4e6), ("money", 6.4e6), ("percentage", 50), ("money", 37.5e6)],
}


def test_precision_and_recall_on_held_out_text() -> None:
    paraphrases = policy_outcomes()["paraphrase"]
    extracted = matched = expected = 0
    for outcome_id, figures in HELD_OUT.items():
        gold = pd.DataFrame(figures, columns=["kind", "value"]).assign(description=outcome_id)
        found = extract_figures(paraphrases[outcome_id])
        # annotated before dates and ranks were figures: score the kinds annotated then
        # (the 9 dates it now finds there, e.g. "1 April 2022", are all real dates)
        found = found[~found["kind"].isin(["date", "rank"])]
        pairs = match_figures(found, gold)
        extracted += int(pairs["found"].sum())
        expected += int(pairs["expected"].sum())
        matched += int((pairs["found"] & pairs["expected"]).sum())
    assert expected == 68
    assert matched / extracted >= 0.95  # measured 1.000
    assert matched / expected >= 0.94  # measured 0.971 (two misses)


def test_match_figures_is_one_to_one() -> None:
    gold = pd.DataFrame(
        {"kind": ["count", "count"], "value": [1100.0, 1100.0], "description": ["a", "b"]}
    )
    pairs = match_figures(extract_figures("over 1,100 institutions"), gold)
    assert pairs["found"].tolist() == [True, False]
    assert pairs["expected"].tolist() == [True, True]
    assert math.isclose(pairs["value"].iloc[1], 1100.0)


def test_gold_list_is_valid_and_paraphrased() -> None:
    gold = load_figure_gold()
    assert set(gold["doc_id"]) == set(corpus()["doc_id"])
    assert gold["description"].str.len().max() <= 110


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda f: f.assign(kind=f["kind"].replace("count", "tally")), "'tally'"),
        (
            lambda f: f.assign(
                doc_id=f["doc_id"].replace("2021-techuk-call-for-blogs", "2021-blog")
            ),
            "not in the corpus",
        ),
        (lambda f: f.assign(value=f["value"].replace("234", "234%")), "not a number"),
        (
            lambda f: f.assign(description=f["description"].where(f.index > 0, "x" * 150)),
            "column 'description'",
        ),
    ],
)
def test_broken_gold_list_is_refused(tmp_path: Path, edit, message: str) -> None:
    path = curated_copy(tmp_path, "figure_gold.csv", edit)
    with pytest.raises(ValidationError) as error:
        load_figure_gold(path)
    assert message in str(error.value) and str(path) in str(error.value)
