"""Claim checks: every rule with a passing and a failing case, bad input named, real record."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from smartresearch.corpus import claim_checks, load_claims
from smartresearch.corpus.claim_checks import (
    CLAIM_VERDICTS,
    load_claim_evidence,
    load_claim_judgements,
    rule_verdict,
    stated_tolerance,
    verdict_tally,
)
from smartresearch.errors import ValidationError

IDS = frozenset({"O01", "O02"})


def _claims(**about: str) -> pd.DataFrame:
    rows = [
        ("C001", 28.0, "%", "percentage"),
        ("C002", 24000.0, "jobs", "count"),
        ("C003", 2020.0, "year", "year"),
        ("C004", 5.0, "%", "percentage"),
    ]
    frame = pd.DataFrame(rows, columns=["claim_id", "value", "unit", "kind"])
    frame["doc_id"] = "d"
    frame["about"] = [about.get(c, "the world") for c in frame["claim_id"]]
    return frame


def _evidence(*rows: tuple[str, str, float, str, str]) -> pd.DataFrame:
    frame = pd.DataFrame(
        rows, columns=["claim_id", "outcome_id", "record_value", "record_unit", "record_status"]
    )
    frame["note"] = "n"
    return frame


_NO_JUDGEMENTS = pd.DataFrame(columns=["claim_id", "verdict", "outcome_ids", "reasoning"])


def test_tolerance_is_the_claims_own_precision() -> None:
    assert stated_tolerance(28) == 0.5
    assert stated_tolerance(24000) == 500
    assert stated_tolerance(5170000) == 5000
    assert stated_tolerance(4.2) == pytest.approx(0.05)
    assert stated_tolerance(2020, "year") == 0


@pytest.mark.parametrize(
    ("value", "record", "status", "kind", "expected"),
    [
        (28, 28.4, "observed", "", "confirmed"),
        (28, 28.6, "observed", "", "contradicted"),
        (33, 33, "target", "", "confirmed"),
        (33, 25, "target", "", "contradicted"),
        (70, 70, "range top", "", "confirmed with caveat"),
        (70, 50, "range top", "", "contradicted"),
        (7, 7.5, "different scope", "", "confirmed with caveat"),
        (7, 8, "different scope", "", "contradicted"),
        (24000, 24000, "projection", "", "misreported"),
        (24000, 30000, "projection", "", "contradicted"),
        (2020, 2020, "observed", "year", "confirmed"),
        (2020, 2021, "observed", "year", "contradicted"),
    ],
)
def test_each_rule_passes_and_fails(value, record, status, kind, expected) -> None:
    assert rule_verdict(value, record, status, kind) == expected


def test_rule_refuses_an_unknown_status() -> None:
    with pytest.raises(ValueError, match="status='guess'"):
        rule_verdict(1, 1, "guess")


def test_claim_checks_apply_rules_in_order() -> None:
    claims = _claims(C004="the event")
    evidence = _evidence(
        ("C001", "O01", 28, "%", "observed"), ("C002", "O02", 24000, "jobs", "projection")
    )
    judgements = pd.DataFrame(
        [("C003", "not found", "O01", "no date in the record")], columns=_NO_JUDGEMENTS.columns
    )
    checks = claim_checks(claims=claims, evidence=evidence, judgements=judgements)
    got = dict(zip(checks["claim_id"], checks["verdict"], strict=True))
    assert got == {
        "C001": "confirmed",
        "C002": "misreported",
        "C003": "not found",
        "C004": "event trivia",
    }
    assert checks.set_index("claim_id").at["C003", "decided_by"] == "judgement"
    # no evidence, no judgement: not found by rule, not silently dropped
    bare = claim_checks(claims=_claims(), evidence=evidence.head(0), judgements=_NO_JUDGEMENTS)
    assert set(bare["verdict"]) == {"not found"}


def test_evidence_and_judgement_for_one_claim_is_an_error() -> None:
    evidence = _evidence(("C001", "O01", 28, "%", "observed"))
    judgements = pd.DataFrame([("C001", "confirmed", "", "r")], columns=_NO_JUDGEMENTS.columns)
    with pytest.raises(ValidationError, match="C001"):
        claim_checks(claims=_claims(), evidence=evidence, judgements=judgements)


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_unknown_claim_outcome_and_verdict_fail_loading(tmp_path: Path) -> None:
    claims = _claims()
    header = "claim_id,outcome_id,record_value,record_unit,record_status,note\n"
    bad_claim = _write(tmp_path / "e1.csv", header + "C009,O01,28,%,observed,n\n")
    with pytest.raises(ValidationError, match=r"e1.csv, line 2.*'C009'"):
        load_claim_evidence(bad_claim, claims=claims, outcome_ids=IDS)
    bad_outcome = _write(tmp_path / "e2.csv", header + "C001,O77,28,%,observed,n\n")
    with pytest.raises(ValidationError, match=r"e2.csv, line 2.*'O77'"):
        load_claim_evidence(bad_outcome, claims=claims, outcome_ids=IDS)
    bad_unit = _write(tmp_path / "e3.csv", header + "C001,O01,28,jobs,observed,n\n")
    with pytest.raises(ValidationError, match=r"e3.csv, line 2.*'jobs'"):
        load_claim_evidence(bad_unit, claims=claims, outcome_ids=IDS)
    jheader = "claim_id,verdict,outcome_ids,reasoning\n"
    bad_verdict = _write(tmp_path / "j.csv", jheader + "C001,probably true,O01,r\n")
    with pytest.raises(ValidationError, match=r"j.csv, column 'verdict'.*'probably true'"):
        load_claim_judgements(bad_verdict, claims=claims, outcome_ids=IDS)
    bad_ids = _write(tmp_path / "j2.csv", jheader + "C001,not found,O01;O99,r\n")
    with pytest.raises(ValidationError, match=r"j2.csv, line 2.*'O99'"):
        load_claim_judgements(bad_ids, claims=claims, outcome_ids=IDS)


def test_real_checks_cover_every_claim_with_known_verdicts() -> None:
    claims = load_claims()
    checks = claim_checks().set_index("claim_id")
    assert list(checks.index) == list(claims["claim_id"])
    assert set(checks["verdict"]) <= set(CLAIM_VERDICTS)
    # the record gives the Data Dam jobs as a launch-time expectation, police 70% as a range top
    data_dam = claims.loc[claims["measure"].str.contains("Data Dam project since"), "claim_id"]
    assert checks.at[data_dam.item(), "verdict"] == "misreported"
    police = claims.loc[claims["measure"].str.contains("police"), "claim_id"].item()
    assert checks.at[police, "verdict"] == "confirmed with caveat"
    # every verdict from a rule or a judgement on the world cites an outcome row
    cited = checks[checks["verdict"].isin(["confirmed", "confirmed with caveat", "misreported"])]
    assert (cited["outcome_ids"] != "").all()
    tally = verdict_tally(checks.reset_index())
    assert tally["claims"].sum() == len(claims)


def test_extraction_scores_per_kind_add_up_to_the_corpus_score() -> None:
    from smartresearch.corpus import score_extraction, score_extraction_by_kind
    from smartresearch.corpus.figure_evaluation import match_figures

    by_kind = score_extraction_by_kind()
    total = score_extraction().iloc[-1]
    assert by_kind["gold"].sum() == total["gold"]
    assert by_kind["extracted"].sum() == total["extracted"]
    assert by_kind["matched"].sum() == total["matched"]
    # a miss and a false positive move recall and precision of their own kind only
    gold = pd.DataFrame(
        {"doc_id": "d", "value": [5.0, 3.0], "unit": "%", "kind": ["percentage", "count"]}
    )
    found = pd.DataFrame({"value": [5.0, 9.0], "kind": ["percentage", "money"], "text": "x"})
    pairs = match_figures(found, gold.assign(description="g"))
    assert pairs[pairs["kind"] == "count"]["found"].tolist() == [False]
    assert pairs[pairs["kind"] == "money"]["expected"].tolist() == [False]
