"""Every target and row of the record accounted for; every figure of the articles counted.

A sceptic's test of a pledge chapter is what it leaves out. These checks fail on a dated
target in neither the pledges nor the out-of-scope list, on a record row neither cited nor
listed as unused, and on a gold figure that is neither a checked claim nor event trivia.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from corpus_support import corpus

import smartresearch as sr
from smartresearch.chapters.dgi_headlines import DGI_2023_ROW, DGI_2025_ROWS
from smartresearch.corpus import figure_coverage as fc
from smartresearch.corpus import record_coverage as rc
from smartresearch.corpus.outcomes import load_outcomes, record_dates, record_through
from smartresearch.errors import ValidationError


def _cited(targets: pd.DataFrame | None = None) -> pd.DataFrame:
    return rc.cited_rows(
        sr.corpus.load_pledges(),
        sr.corpus.load_pledge_observations(),
        sr.corpus.load_claim_evidence(),
        sr.corpus.load_claim_judgements(),
        rc.load_record_targets() if targets is None else targets,
        {"DGI": [*DGI_2025_ROWS, DGI_2023_ROW]},
    )


def test_every_dated_target_is_a_pledge_or_out_of_scope() -> None:
    outcomes, targets, pledges = load_outcomes(), rc.load_record_targets(), sr.corpus.load_pledges()
    rc.check_targets(outcomes, targets, pledges)  # passes on the shipped tables
    # the detector finds the rows a reader would: One Login's 2028 deadline, the wallet ...
    flagged = set(rc.target_rows(outcomes))
    assert {"O14", "O43", "O67", "O72", "O81", "O87", "O88"} <= flagged
    assert "O57" not in flagged  # letter volumes: no target
    # every out-of-scope target says why
    assert targets.loc[targets["disposition"] != "pledge", "reason"].str.len().gt(10).all()


def test_a_target_left_in_neither_place_fails() -> None:
    outcomes, targets, pledges = load_outcomes(), rc.load_record_targets(), sr.corpus.load_pledges()
    with pytest.raises(ValidationError, match=r"\['O87'\] hold a target"):
        rc.check_targets(outcomes, targets[targets["outcome_id"] != "O87"], pledges)
    # a pledge whose target row is not listed against it
    unlisted = targets[~((targets["outcome_id"] == "O14") & (targets["pledge_ids"] == "P14"))]
    with pytest.raises(ValidationError, match="P14's target row O14"):
        rc.check_targets(outcomes, unlisted, pledges)
    # a pledge id that does not exist
    typo = targets.copy()
    typo.loc[typo.index[0], "pledge_ids"] = "P98"
    with pytest.raises(ValidationError, match="'P98'"):
        rc.check_targets(outcomes, typo, pledges)


def test_a_pledge_disposition_names_its_pledges(tmp_path: Path) -> None:
    frame = pd.read_csv(rc.RECORD_TARGETS_SCHEMA.path(), dtype=str, keep_default_na=False)
    frame.loc[0, "pledge_ids"] = ""
    path = tmp_path / "record_targets.csv"
    frame.to_csv(path, index=False)
    with pytest.raises(ValidationError, match=r"record_targets.csv, line 2 \(O01\)"):
        rc.load_record_targets(path)


def test_every_record_row_is_cited_or_listed_with_a_reason() -> None:
    outcomes, unused = load_outcomes(), rc.load_record_unused()
    use = rc.record_use(outcomes, _cited(), unused)
    assert len(use) == len(outcomes) == 97
    assert ((use["used_in"] != "") ^ (use["reason_unused"] != "")).all()
    # the rows behind the verdicts that changed are cited
    cited = use.set_index("outcome_id")["used_in"]
    assert "pledge P12 target" in cited["O67"] and "pledge P14 target" in cited["O14"]
    with pytest.raises(ValidationError, match=r"\['O57'\] are cited nowhere"):
        rc.record_use(outcomes, _cited(), unused[unused["outcome_id"] != "O57"])
    stale = pd.concat([unused, pd.DataFrame({"outcome_id": ["O14"], "reason": ["x"]})])
    with pytest.raises(ValidationError, match=r"\['O14'\] are listed as unused"):
        rc.record_use(outcomes, _cited(), stale)


def _untrue_no_pledge_reasons(unused: pd.DataFrame, pledges: pd.DataFrame) -> list[str]:
    """Rows whose reason says "no pledge counts money" while a pledge's unit is money."""
    money = pledges["unit"].str.startswith("GBP").any()
    says = unused["reason"].str.contains(r"no pledge counts money\b", regex=True)
    return sorted(unused.loc[says, "outcome_id"]) if money else []


def test_a_reason_for_non_use_is_true_of_the_pledges() -> None:
    """O64 (the Data Dam's 2022 budget) was left out because "no pledge counts money", yet
    P04, P21 and P22 count pounds: the reason must name what no pledge counts."""
    pledges = sr.corpus.load_pledges()
    assert (pledges["unit"].str.startswith("GBP")).sum() >= 3
    wrong = pd.DataFrame({"outcome_id": ["O99"], "reason": ["no pledge counts money"]})
    assert _untrue_no_pledge_reasons(wrong, pledges) == ["O99"]  # the failing case
    assert _untrue_no_pledge_reasons(rc.load_record_unused(), pledges) == []


def test_record_runs_to_its_newest_named_day() -> None:
    outcomes = load_outcomes()
    assert record_through(outcomes) == pd.Timestamp("2026-06-15")  # O94: published 15 Jun 2026
    made = pd.DataFrame(
        {"outcome_id": ["O01", "O02", "O03"], "value_date": ["Feb 2019", "mid-2026", "3 Mar 2020"]}
    )
    dates = record_dates(made)
    assert dates["date"].tolist() == [pd.Timestamp("2019-02-28"), pd.Timestamp("2020-03-03")]
    assert record_through(made) == pd.Timestamp("2020-03-03")  # "mid-2026" names no day
    with pytest.raises(ValidationError, match="no row of the record names"):
        record_through(made.iloc[[1]])


def test_every_gold_figure_is_a_claim_or_event_trivia() -> None:
    gold, coverage = sr.corpus.load_figure_gold(), fc.load_figure_coverage()
    claims = sr.corpus.load_claims()
    counts = fc.figure_coverage(gold, coverage, claims)
    assert counts["figures"].sum() == len(gold) == 53
    assert counts["claims"].sum() + counts["event_trivia"].sum() == len(gold)
    assert counts["claims"].sum() == 37  # the other 16 are about the conference or the text
    # every claim about the world that the gold list holds is reached by some figure
    world = set(claims.loc[claims["about"] == "the world", "claim_id"])
    reached = set(coverage["claim_id"].dropna())
    assert world - reached == {"C024"}  # the "all" commitment has no single figure in the text


def test_a_gold_figure_left_out_or_mismapped_fails() -> None:
    gold, coverage = sr.corpus.load_figure_gold(), fc.load_figure_coverage()
    claims = sr.corpus.load_claims()
    with pytest.raises(ValidationError, match="'in 50 years'"):
        fc.figure_coverage(gold, coverage[coverage["anchor"] != "in 50 years"], claims)
    wrong = coverage.copy()
    wrong.loc[wrong["anchor"] == "24,000 jobs", "claim_id"] = "C023"
    with pytest.raises(ValidationError, match="'24,000 jobs'.*C023"):
        fc.figure_coverage(gold, wrong, claims)


def test_the_articles_own_inconsistencies_are_flagged() -> None:
    documents = corpus()
    flags = fc.article_inconsistencies(documents, sr.corpus.load_figure_gold())
    edition = flags[flags["doc_id"] == "2021-techuk-call-for-blogs"].iloc[0]
    assert (edition["first_anchor"], edition["second_anchor"]) == (
        "seventh edition",
        "a sixth year",
    )
    # the corpus records agree with the first: the 2021 conference was the seventh edition
    meta = documents.set_index("doc_id")
    assert int(meta.loc["2021-techuk-call-for-blogs", "edition"]) == 7


def test_a_flag_whose_passage_is_not_in_the_text_fails(tmp_path: Path) -> None:
    frame = pd.read_csv(fc.INCONSISTENCIES_SCHEMA.path(), dtype=str, keep_default_na=False)
    frame.loc[0, "second_anchor"] = "an eighth year"
    path = tmp_path / "article_inconsistencies.csv"
    frame.to_csv(path, index=False)
    with pytest.raises(ValidationError, match="'an eighth year'"):
        fc.article_inconsistencies(corpus(), sr.corpus.load_figure_gold(), path)
