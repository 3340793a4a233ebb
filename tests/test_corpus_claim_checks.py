"""Claim checks: every rule with a passing and a failing case, bad input named, real record."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from smartresearch.corpus import claim_checks, load_claims
from smartresearch.corpus.claim_checks import (
    CLAIM_VERDICTS,
    indefinite,
    load_claim_evidence,
    load_claim_judgements,
    rule_verdict,
    stated_tolerance,
    superseded_at_publication,
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
    ("value", "record", "status", "kind", "relation", "expected"),
    [
        (28, 28.4, "observed", "", "independent", "independently confirmed"),
        (28, 28.6, "observed", "", "independent", "contradicted or misreported"),
        # the record row only repeats the article's own source: no confirmation
        (28, 28.0, "observed", "", "same source", "attributed, not independently confirmed"),
        (28, 29.0, "observed", "", "same source", "contradicted or misreported"),
        # a target confirmed is a target, whoever states it
        (33, 33, "target", "", "independent", "confirmed only as a target"),
        (33, 25, "target", "", "independent", "contradicted or misreported"),
        (70, 70, "range top", "", "independent", "independently confirmed"),
        (70, 50, "range top", "", "independent", "contradicted or misreported"),
        # the record counts a different scope: not a confirmation with a caveat
        (7, 7.5, "different scope", "", "independent", "contradicted or misreported"),
        (24000, 24000, "projection", "", "independent", "contradicted or misreported"),
        (2020, 2020, "observed", "year", "independent", "independently confirmed"),
        (2020, 2021, "observed", "year", "independent", "contradicted or misreported"),
    ],
)
def test_each_rule_passes_and_fails(value, record, status, kind, relation, expected) -> None:
    assert rule_verdict(value, record, status, kind, relation) == expected


def test_each_verdict_means_one_thing() -> None:
    # five verdicts for the world, no "confirmed" that could mean three things
    assert CLAIM_VERDICTS[:5] == (
        "independently confirmed",
        "confirmed only as a target",
        "attributed, not independently confirmed",
        "contradicted or misreported",
        "not found",
    )
    assert not any(v.endswith("with caveat") for v in CLAIM_VERDICTS)
    with pytest.raises(ValueError, match="relation='maybe'"):
        rule_verdict(1, 1, "observed", relation="maybe")


def test_rule_refuses_an_unknown_status() -> None:
    with pytest.raises(ValueError, match="status='guess'"):
        rule_verdict(1, 1, "guess")


def test_an_or_a_by_the_first_letter() -> None:
    assert indefinite("observed") == "an observed"
    assert indefinite("target") == "a target"
    assert indefinite("range top") == "a range top"
    assert indefinite("Ultimate") == "an Ultimate"


@pytest.mark.parametrize(
    ("value", "later", "later_date", "published", "expected"),
    [
        # the Jan 2025 reading (80) was on the record before a Sep 2025 article quoting 43
        (43, 80, "2025-01", "2025-09-26", True),
        # the article came out in the month of the later reading: not known to be after it
        (43, 80, "2025-01", "2025-01-15", False),
        # a bare year counts from 1 January: the Jan 2025 reading may be later than it
        (43, 80, "2025-01", "2025", False),
        # the article came out before the later reading
        (43, 80, "2025-01", "2024-09-05", False),
        # the later reading agrees with the claim (within its precision): still current
        (43, 43.4, "2025-01", "2025-09-26", False),
        # no later reading on the record
        (43, float("nan"), None, "2025-09-26", False),
    ],
)
def test_superseded_at_publication_passes_and_fails(
    value, later, later_date, published, expected
) -> None:
    assert superseded_at_publication(value, later, later_date, published) is expected


def test_superseded_needs_the_articles_date() -> None:
    with pytest.raises(ValueError, match="no 'published' date"):
        superseded_at_publication(43, 80, "2025-01", float("nan"))


def test_an_out_of_date_figure_is_flagged_beside_its_verdict() -> None:
    claims = _claims().head(2)
    claims["doc_id"] = ["late", "early"]
    evidence = _evidence(
        ("C001", "O01", 28, "%", "observed"), ("C002", "O02", 24000, "jobs", "observed")
    ).assign(record_date="2024-01", later_value=[40.0, 30000.0], later_date="2025-01")
    documents = pd.DataFrame({"doc_id": ["late", "early"], "published": ["2025-09", "2024-06"]})
    checks = claim_checks(
        claims=claims, evidence=evidence, judgements=_NO_JUDGEMENTS, documents=documents
    ).set_index("claim_id")
    assert checks.at["C001", "verdict"] == "independently confirmed"
    assert checks.at["C001", "stale_at_publication"]
    assert "out of date at publication: 40 by Jan 2025" in checks.at["C001", "note"]
    # the same later reading, but the article predates it: not flagged
    assert not checks.at["C002", "stale_at_publication"]
    assert checks.at["C002", "decided_by"] == (
        "rule: value against an observed figure (independent)"
    )


def test_later_readings_must_be_whole_later_and_on_the_record(tmp_path: Path) -> None:
    claims = _claims()
    dates = {"O01": "Jan 2024; Jan 2025", "O02": "2020"}
    good = _write(
        tmp_path / "ok.csv",
        _EVIDENCE_HEADER + "C001,O01,28,%,observed,independent,n,2024-01,40,2025-01\n",
    )
    assert load_claim_evidence(good, claims=claims, outcome_ids=IDS, outcome_dates=dates)[
        "later_value"
    ].tolist() == [40.0]
    cases = {
        "C001,O01,28,%,observed,independent,n,,40,2025-01": r"needs all three",
        "C001,O01,28,%,observed,independent,n,2025-01,40,2024-01": r"'2024-01' for C001 is not after",  # noqa: E501
        "C001,O01,28,%,observed,independent,n,2024-01,40,2025-03": r"Mar 2025 for C001 is not among the dates of record row O01",  # noqa: E501
        "C001,O02,28,%,observed,independent,n,2024-01,40,2025-01": r"Jan 2024 for C001 is not",
    }
    for i, (line, message) in enumerate(cases.items()):
        path = _write(tmp_path / f"l{i}.csv", _EVIDENCE_HEADER + line + "\n")
        with pytest.raises(ValidationError, match=rf"l{i}.csv, line 2.*{message}"):
            load_claim_evidence(path, claims=claims, outcome_ids=IDS, outcome_dates=dates)


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
        "C001": "independently confirmed",
        "C002": "contradicted or misreported",
        "C003": "not found",
        "C004": "event trivia",
    }
    assert checks.set_index("claim_id").at["C003", "decided_by"] == "judgement"
    # no evidence, no judgement: not found by rule, not silently dropped
    bare = claim_checks(claims=_claims(), evidence=evidence.head(0), judgements=_NO_JUDGEMENTS)
    assert set(bare["verdict"]) == {"not found"}


def test_evidence_and_judgement_for_one_claim_is_an_error() -> None:
    evidence = _evidence(("C001", "O01", 28, "%", "observed"))
    judgements = pd.DataFrame([("C001", "not found", "", "r")], columns=_NO_JUDGEMENTS.columns)
    with pytest.raises(ValidationError, match="C001"):
        claim_checks(claims=_claims(), evidence=evidence, judgements=judgements)


_EVIDENCE_HEADER = (
    "claim_id,outcome_id,record_value,record_unit,record_status,source_relation,note,"
    "record_date,later_value,later_date\n"
)


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_unknown_claim_outcome_and_verdict_fail_loading(tmp_path: Path) -> None:
    claims = _claims()
    header = _EVIDENCE_HEADER
    bad_claim = _write(tmp_path / "e1.csv", header + "C009,O01,28,%,observed,independent,n,,,\n")
    with pytest.raises(ValidationError, match=r"e1.csv, line 2.*'C009'"):
        load_claim_evidence(bad_claim, claims=claims, outcome_ids=IDS)
    bad_outcome = _write(tmp_path / "e2.csv", header + "C001,O77,28,%,observed,independent,n,,,\n")
    with pytest.raises(ValidationError, match=r"e2.csv, line 2.*'O77'"):
        load_claim_evidence(bad_outcome, claims=claims, outcome_ids=IDS)
    bad_unit = _write(tmp_path / "e3.csv", header + "C001,O01,28,jobs,observed,independent,n,,,\n")
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
    # the record gives the Data Dam jobs as a launch-time expectation: misreported as created
    data_dam = claims.loc[claims["measure"].str.contains("Data Dam project since"), "claim_id"]
    assert checks.at[data_dam.item(), "verdict"] == "contradicted or misreported"
    # 1,100 institutions against the 2,103 the programme published: not "confirmed"
    assert checks.at["C023", "verdict"] == "contradicted or misreported"
    # the 2017 targets are confirmed only as targets (whether met is chapter 4's question)
    assert (
        checks.at["C002", "verdict"]
        == checks.at["C004", "verdict"]
        == ("confirmed only as a target")
    )
    # the fund's own page, or a row repeating the benchmark, confirms nothing
    assert checks.at["C016", "verdict"] == "attributed, not independently confirmed"
    assert checks.at["C013", "verdict"] == "attributed, not independently confirmed"
    # 43 red-rated systems was the Jan 2024 count, dated so in the article; the Jan 2025
    # count predates the Sep 2025 article: confirmed, and flagged out of date
    red = claims.loc[claims["measure"].str.contains("critical-risk legacy"), "claim_id"].item()
    assert checks.at[red, "verdict"] == "independently confirmed"
    assert checks.at[red, "stale_at_publication"]
    # no sentence the rules generate puts "a" before a vowel
    assert not checks["decided_by"].str.contains(r"\ba [aeiou]", regex=True).any()
    # every verdict from a rule or a judgement on the world cites an outcome row
    cited = checks[checks["verdict"].isin(CLAIM_VERDICTS[:4])]
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


def test_no_independent_confirmation_rests_on_the_figures_own_origin() -> None:
    """A record row whose caveat calls it the origin of the article's figure is the source
    the article relays (O37: "Likely origin of the 50% cited by CDDO in 2022"): it can
    attribute the figure but not confirm it independently."""
    from smartresearch.corpus.outcomes import load_outcomes

    caveats = load_outcomes().set_index("outcome_id")["caveat"].fillna("")
    evidence = load_claim_evidence()
    origin = evidence["outcome_id"].map(caveats).str.contains("origin of", case=False)
    assert origin.any()  # the record does name an origin (failing case exists)
    assert (evidence.loc[origin, "source_relation"] == "same source").all()
    checks = claim_checks().set_index("claim_id")
    assert checks.at["C008", "verdict"] == "attributed, not independently confirmed"
    # passing case: the civil service statistics are not the speaker's own source
    assert checks.at["C012", "verdict"] == "independently confirmed"
