"""A held-out score for :func:`extract_figures`: text its rules were never tuned on.

The gold list of the five articles (:mod:`smartresearch.corpus.figure_evaluation`) scores the
extractor in-sample: its date and rank rules were written after seeing the misses on those
texts. This module scores it on other prose about the same subject: the ``paraphrase`` field
of the mirror's record of outcomes (``research/policy_outcomes.csv``, read through
:func:`~smartresearch.corpus.outcomes.load_outcomes`, never copied into the repository).

**Sample.** Fixed on 2 December 2026, before any paraphrase was read (first commit of this
module): every row whose numeric id is 1 modulo 4 (O01, O05, O09, ..., O97: 25 of 97 rows).

**Gold list** (``data/curated/figure_gold_holdout.csv``, 130 rows). Each selected paraphrase
was read and marked by the rules of the article gold list (same kinds, value conventions,
exclusions, one row per mention, an anchor of at most 40 characters, a description in our own
words), before the extractor was run on any of them; the file was committed before the first
score (git history: the gold commit precedes the "scored" commit). Where those rules did not
settle a case, we decided as follows:

* A mention with a day, month or quarter is a ``date`` whatever it dates, deadlines included
  ("by April 2020"), as the article list marks "Thursday 9 September" (a deadline) and "by Q3
  2023". A bare year is a ``target_year`` when it is a deadline, horizon or planned year ("by
  2025", "projects to 2066-67", "restart ... in 2026") and a ``date`` when it says when
  something happened, also as an adjective or in brackets ("a 2015 trial", "the 2025 DGI",
  "47.9m (2014)", "through 2022").
* A financial year is a ``date`` valued at its first calendar year ("2017/18" is 2017; "FY23"
  is 2022-23 here, the record's value date being March 2023, so 2022). A span of years is its
  low end, as for any range ("the 2025-2030 roadmap": a plan's span, ``target_year`` 2025).
* Percentage points ("+1.2 pts", "40 pts higher") are ``percentage`` (unit "pts").
* Index scores ("scored 0.83", "up 0.02") are ``count`` (unit "score"): the kinds are a closed
  list, and a number of some unit that is no other kind is a count.
* "thousands of systems" is a count of 1000 (the least it can mean, as "over 200" is 200);
  "from 4.4m to 1.8m" is two figures (a change, not a range); "1.2-2.4%" is one (low end).
* "9 in 10" is 90%, "nearly half of" 50%; "first-year support" is a rank (1).
* Not figures: the age-group label "over-15s" (a label with digits), "a year" in "£14.5bn a
  year" (the unit of a rate), "by year-end" (no number).

**Year.** :func:`extract_figures` takes the year of the text (a dateless "22 September" is
read in it; "in 2030" is a horizon only if later). A paraphrase has no publication date, so
its year is that of its ``value_date`` ("Feb 2017": 2017); a value date naming several years
("2019 (report published Jul 2021)", "2014 -> 2015") gives the latest, the earliest the
paraphrase can have been written, as an article's year is when it was published.

**Measured on 2 December 2026** (first run of the extractor on these texts; neither it nor
the gold list changed afterwards): precision 0.972 (106 of 109), recall 0.815 (106 of 130),
against 1.000 / 0.981 in-sample. Per kind, precision / recall: percentage 1.000 / 0.914
(32 of 35), money 1.000 / 1.000 (19), count 0.925 / 0.974 (37 of 38; 40 extracted), duration
and multiple 1.000 / 1.000 (2 and 1), target_year 1.000 / 0.250 (1 of 4), date 1.000 / 0.448
(13 of 29), rank 1.000 / 0.500 (1 of 2). Dates written with a day, month or quarter were all
found; the misses are what the rules leave out:

* date (16): a bare year after "in" that is not after a verb of happening ("went to SMEs in
  2023", 7 times), in brackets ("47.9m (2014)", 2), as an adjective ("a 2015 trial", "the 2020
  supplementary budget", "the 2025 DGI", 3), after "on" or "through" (2), and financial years
  ("2017/18", "FY23", 2), which the extractor masks on purpose;
* target_year (3): "2066-67" and "the 2025-2030 roadmap" (masked as year ranges) and "in 2026"
  in a text of 2026 (a horizon must be later than the text's year);
* percentage (3): percentage points ("+1.2 pts", "40 pts", "101 pts"), extracted as counts of
  "pts" instead: these are the three false positives, all count;
* count (1): "thousands of" (a number word the extractor has no value for);
* rank (1): "first-year support" (no determiner before the ordinal).

``scripts/figure_extraction_scores.py`` prints the current table and every disagreement.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from smartresearch.corpus.figure_evaluation import (
    GOLD_SCHEMA,
    OVERALL,
    match_figures,
    scores_by_kind,
)
from smartresearch.corpus.figures import extract_figures
from smartresearch.corpus.outcomes import OUTCOMES_RELPATH, load_outcomes
from smartresearch.corpus.schema import Column, TableSchema, read_table
from smartresearch.errors import ValidationError

#: The sample: outcome ids whose number is ``SAMPLE_REMAINDER`` modulo ``SAMPLE_MODULUS``.
SAMPLE_MODULUS = 4
SAMPLE_REMAINDER = 1

HOLDOUT_SCHEMA = TableSchema(
    name="figure_gold_holdout",
    filename="figure_gold_holdout.csv",
    key=("outcome_id", "anchor"),
    title="Hand-checked figures in a held-out sample of the record's paraphrases",
    columns=(
        Column(
            "outcome_id",
            pattern=r"O\d{2}",
            description=f"Row of {OUTCOMES_RELPATH} whose paraphrase holds the figure",
        ),
        # value, unit, kind, anchor, description: exactly as in the article gold list
        *GOLD_SCHEMA.columns[1:],
    ),
)


def in_sample(outcome_id: str) -> bool:
    """Whether an outcome id ("O05") belongs to the held-out sample (its number is 1 mod 4)."""
    return int(outcome_id[1:]) % SAMPLE_MODULUS == SAMPLE_REMAINDER


def record_year(value_date: str) -> int | None:
    """The year a paraphrase is read in: the latest year its value date names, if any."""
    years = [int(y) for y in re.findall(r"(?<!\d)(?:19|20)\d{2}(?!\d)", str(value_date))]
    return max(years) if years else None


def holdout_texts(outcomes: pd.DataFrame | None = None) -> pd.DataFrame:
    """The held-out texts: outcome_id, text (the paraphrase) and year, for the sample rows."""
    outcomes = load_outcomes() if outcomes is None else outcomes
    sample = outcomes[outcomes["outcome_id"].map(in_sample)]
    return pd.DataFrame(
        {
            "outcome_id": sample["outcome_id"].to_numpy(),
            "text": sample["paraphrase"].to_numpy(),
            "year": [record_year(d) for d in sample["value_date"]],
        }
    )


def load_figure_gold_holdout(
    path: Path | str | None = None, *, outcomes: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The held-out gold list, validated against its schema and against the record.

    Besides the schema, every row must name a sample row of the record of outcomes, and its
    anchor must stand in that row's paraphrase; a failure names the file, line and value.
    """
    path = Path(path) if path is not None else HOLDOUT_SCHEMA.path()
    gold = read_table(HOLDOUT_SCHEMA, path)
    outcomes = load_outcomes() if outcomes is None else outcomes
    texts = holdout_texts(outcomes).set_index("outcome_id")["text"]
    for line, row in zip(gold.index + 2, gold.itertuples(index=False), strict=True):
        if row.outcome_id not in texts.index:
            what = (
                f"outside the sample (ids {SAMPLE_REMAINDER} mod {SAMPLE_MODULUS})"
                if row.outcome_id in set(outcomes["outcome_id"])
                else f"not a row of {OUTCOMES_RELPATH}"
            )
            raise ValidationError(
                f"{path}, line {line}, column 'outcome_id': {row.outcome_id!r} is {what}. "
                "Correct the id."
            )
        if row.anchor not in texts[row.outcome_id]:
            raise ValidationError(
                f"{path}, line {line}, column 'anchor': {row.anchor!r} does not stand in the "
                f"paraphrase of {row.outcome_id}. Copy the words exactly."
            )
    return gold


def holdout_pairs(
    texts: pd.DataFrame | None = None, gold: pd.DataFrame | None = None
) -> pd.DataFrame:
    """:func:`match_figures` on every held-out text, with its ``outcome_id`` first."""
    texts = holdout_texts() if texts is None else texts
    gold = load_figure_gold_holdout() if gold is None else gold
    frames = []
    for row in texts.itertuples(index=False):
        year = None if pd.isna(row.year) else int(row.year)
        pairs = match_figures(
            extract_figures(str(row.text), year=year),
            gold[gold["outcome_id"] == row.outcome_id],
            str(row.text),
        )
        frames.append(pairs.assign(outcome_id=row.outcome_id))
    pairs = pd.concat(frames, ignore_index=True)
    return pairs[["outcome_id", *[c for c in pairs.columns if c != "outcome_id"]]]


def score_holdout_by_kind(
    texts: pd.DataFrame | None = None, gold: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Held-out precision and recall of :func:`extract_figures`, per kind and overall.

    Same columns as :func:`~smartresearch.corpus.score_extraction_by_kind` (kind, gold,
    extracted, matched, precision, recall), plus a last row ``ALL`` over every kind.
    ``texts`` (outcome_id, text, year) defaults to :func:`holdout_texts`, ``gold`` to the
    held-out gold list.
    """
    return scores_by_kind(holdout_pairs(texts, gold), overall=OVERALL)
