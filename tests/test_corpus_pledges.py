"""Pledges, their cited readings, and verdicts computed by one stated rule.

Every rule of :mod:`smartresearch.corpus.pledge_rules` has a case it passes and a case
that breaks it, on constructed pledges; the shipped verdicts are checked against the
record rows that decide them.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from corpus_support import curated_copy, policy_outcomes

from smartresearch.corpus import as_of_date, load_pledge_observations, load_pledges, pledge_verdicts
from smartresearch.corpus.pledge_rules import (
    GRACE_DAYS,
    PROJECTED_VERDICTS,
    VERDICT_COLUMNS,
    VERDICTS,
    preferred_reading,
    projection,
)
from smartresearch.corpus.pledges import READING_KINDS, day_text
from smartresearch.errors import ValidationError


def test_shipped_pledges_and_observations_are_cited() -> None:
    pledges = load_pledges()
    observations = load_pledge_observations()
    assert pledges["pledge_id"].is_unique
    assert {"GBR", "DNK", "KOR"} == set(pledges["subject"])
    assert pledges["target_url"].str.startswith("http").all()
    assert observations["url"].str.startswith("http").all()
    assert set(observations["reading_kind"]) <= set(READING_KINDS)
    assert set(observations["pledge_id"]) <= set(pledges["pledge_id"])


def test_observations_match_the_policy_outcomes_they_cite() -> None:
    outcomes = policy_outcomes()
    observations = load_pledge_observations()
    assert observations["outcome_id"].notna().all()
    for row in observations.itertuples(index=False):
        source = outcomes.loc[row.outcome_id]
        assert row.url == source["url"], row.outcome_id
        assert row.publisher == source["publisher"], row.outcome_id


def _published(title: str) -> pd.Timestamp:
    """The publication day a record title gives in brackets, e.g. "(14 Aug 2025, ...)"."""
    import re

    found = re.search(r"\((\d{1,2} [A-Z][a-z]{2,8} \d{4})", title)
    return pd.Timestamp(found.group(1)) if found else pd.NaT


def test_no_reading_is_dated_after_its_source_was_published() -> None:
    """A month-only reading ("Aug 2025") is dated to its month's end unless its source came
    out earlier in that month: a reading cannot postdate its report (O14 is dated 14 Aug
    2025, so 80 services cannot be "as of 31 Aug 2025")."""
    assert _published("Investigation (14 Aug 2025, summarising X)") == pd.Timestamp("2025-08-14")
    assert pd.isna(_published("Sales information (G-Cloud)"))
    titles = policy_outcomes()["source_title"]
    observations = load_pledge_observations()
    published = observations["outcome_id"].map(titles).map(_published)
    late = observations[observations["date"] > published]
    assert late.empty, late[["pledge_id", "outcome_id", "date"]].to_string()


def test_every_target_is_the_one_its_record_row_states() -> None:
    """A target taken from the record: the row's text holds the target value and the
    deadline's year, so no pledge is built from a number the row does not give for that
    deadline (an article's own targets are its claims, checked in chapter 1)."""
    outcomes = policy_outcomes()
    words = {2500: "2,500", 24000: "24,000", 7500000000: "7.5bn", 7400000000: "7.4bn"}
    for p in load_pledges().dropna(subset=["target_outcome_id", "target_value"]).itertuples():
        if p.target_basis == "inferred" or p.framing != "record context":
            continue
        row = outcomes.loc[p.target_outcome_id]
        text = f"{row['value']} {row['paraphrase']}"
        value = int(p.target_value)
        shown = words.get(value, str(value))
        stated = shown in text or (value == 100 and ("all" in text or "every" in text))
        assert stated, (p.pledge_id, p.target_outcome_id, shown)
        if pd.notna(p.deadline):
            assert str(p.deadline.year) in text or str(p.deadline.year) in p.deadline_basis


def _unstated_years(basis: str, outcomes: pd.DataFrame, shown: str) -> list[str]:
    """Years a deadline basis says a row gives ("by 2015 (O18)") that the row's clause
    holding the target (its paraphrase split at ';') does not give."""
    import re

    wrong = []
    pattern = r"by (?:the end of |end-)?(?:[A-Z][a-z]+ )?(\d{4})[^;()]*\((O\d\d)\)"
    for year, oid in re.findall(pattern, basis):
        clauses = str(outcomes.loc[oid, "paraphrase"]).split(";")
        holding = [c for c in clauses if shown in c] or clauses
        if not any(year in c for c in holding):
            wrong.append(f"{year} ({oid})")
    return wrong


def test_a_deadline_basis_cites_only_years_its_row_gives_for_that_target() -> None:
    """O18 gives the 2010 aspiration of 25% no year (its "2015" dates the 33% that replaced
    it), so P23's basis may not say "25% by 2015 (O18)"; it says the year is read."""
    outcomes = policy_outcomes()
    assert _unstated_years("25% by 2015 (O18)", outcomes, "25") == ["2015 (O18)"]
    assert _unstated_years("46 services expected by March 2018 (O02)", outcomes, "46") == []
    words = {2500: "2,500", 7500000000: "7.5bn", 7400000000: "7.4bn", 100: "every"}
    for p in load_pledges().itertuples():
        shown = "" if pd.isna(p.target_value) else words.get(int(p.target_value), "")
        shown = shown or ("" if pd.isna(p.target_value) else str(int(p.target_value)))
        assert _unstated_years(str(p.deadline_basis), outcomes, shown) == [], p.pledge_id


def test_verdicts_on_the_record() -> None:
    verdicts = pledge_verdicts().set_index("pledge_id")
    assert tuple(pledge_verdicts().columns) == VERDICT_COLUMNS
    assert set(verdicts["verdict"]) <= set(VERDICTS)
    # judged against the date the record runs to (O94, 15 Jun 2026), not the newest reading
    assert verdicts["judged_on"].iloc[0] == pd.Timestamp("2026-06-15")
    # the as-of date shown is the newest reading a verdict uses (80 services, O14, published
    # 14 Aug 2025: the reading cannot be dated after its report)
    assert as_of_date(pledge_verdicts()) == pd.Timestamp("2025-08-14")
    # One Login (P12): all central government services by 31 Mar 2028 (O67); the record
    # counts no such total, so no reading is in its unit and nothing is projected
    assert verdicts.loc["P12", ["target_value", "unit"]].tolist() == [
        100,
        "% of central government services",
    ]
    assert verdicts.loc["P12", "verdict"] == "not verifiable"
    assert pd.isna(verdicts.loc["P12", "projected_value"])
    # the 145-service scope is its own pledge (P14, O14), due by 2025; 80 in Aug 2025 falls
    # short and nothing is on record at or after the deadline: the record cannot decide yet
    assert verdicts.loc["P14", ["target_value", "verdict"]].tolist() == [145, "awaiting a reading"]
    assert "scope replaced" in verdicts.loc["P14", "later_event"]
    # P08's re-dating is shown beside its verdict, not as its verdict
    assert verdicts.loc["P08", "verdict"] == "awaiting a reading"
    assert "31 Mar 2028" in verdicts.loc["P08", "later_event"]
    # Verify: 46 services expected by Mar 2018, 19 in Feb 2019 (NAO, O02): missed
    assert verdicts.loc["P15", ["verdict", "assessed_value", "assessed_outcome_id"]].tolist() == [
        "missed",
        19,
        "O02",
    ]
    assert verdicts.loc["P15", "assessed_kind"] == "official statistic"
    # 25m Verify users by Apr 2020: no user count after Mar 2019 exists (O03's caveat)
    assert verdicts.loc["P01", "verdict"] == "not verifiable"
    assert "cannot decide" in verdicts.loc["P01", "reason"]
    assert "closed" in verdicts.loc["P01", "later_event"]
    # 33% of spend with SMEs by 2022: 26.5% in 2021-22; 25% by 2015: 26% in 2013-14 (NAO)
    assert verdicts.loc["P02", ["verdict", "assessed_value"]].tolist() == ["missed", 26.5]
    # 25% by 2015 is judged on FY2014-15 (27.1%), the reading at the deadline, not 2013-14's
    assert verdicts.loc["P23", ["verdict", "assessed_value"]].tolist() == ["met", 27.1]
    # the Top 75 programme closed before its deadline at 29 of 50 (O47): missed at closure
    assert verdicts.loc["P06", ["verdict", "assessed_value"]].tolist() == ["missed", 29]
    # NemID's switch-off is not a 100% target: shown, not scored
    assert verdicts.loc["P10", "verdict"] == "not scored (inferred target)"
    # a deadline ahead with enough readings: a line with its interval, which misses 10%
    assert verdicts.loc["P13", "verdict"] == "off track"
    low, high = verdicts.loc["P13", ["projected_low", "projected_high"]]
    assert low < verdicts.loc["P13", "projected_value"] < high < 10
    # no ISO date in a reason: the chapter writes dates in words
    assert not verdicts["reason"].str.contains(r"\d{4}-\d{2}-\d{2}").any()
    passed = verdicts["deadline"] <= verdicts["judged_on"]
    assert verdicts.loc[passed, "projected_value"].isna().all()
    assert not verdicts.loc[verdicts["verdict"].isin(PROJECTED_VERDICTS), "settled"].any()


def test_day_text() -> None:
    assert day_text(pd.Timestamp("2025-03-09")) == "9 Mar 2025"
    assert day_text("2026-01-19") == "19 Jan 2026"
    assert day_text(pd.NaT) == "" and day_text(None) == ""


def test_as_of_limits_the_evidence() -> None:
    early = pledge_verdicts(as_of="2021-06-30").set_index("pledge_id")
    # deadline ahead then, readings all distinct: a projection with its interval
    assert early.loc["P02", "verdict"] in PROJECTED_VERDICTS
    assert early.loc["P02", "n_observations"] == 8
    assert early.loc["P06", "verdict"] == "not verifiable"  # nothing observed yet
    with pytest.raises(ValueError, match="not a date"):
        pledge_verdicts(as_of="next spring")


def _pledge(**overrides) -> dict[str, object]:
    base = {
        "pledge_id": "P99",
        "subject": "GBR",
        "pledge": "demo",
        "measure": "demo",
        "unit": "%",
        "direction": "at least",
        "target_value": 50.0,
        "deadline": pd.Timestamp("2024-12-31"),
        "deadline_basis": "demo",
        "pledged_by": "demo",
        "doc_ids": "x",
        "target_basis": "stated",
        "target_outcome_id": "O01",
        "target_source_title": "t",
        "target_publisher": "p",
        "target_url": "https://example.org",
        "status": "standing",
        "status_date": pd.NaT,
    }
    return base | overrides


def _obs(*points: tuple, unit: str = "%") -> pd.DataFrame:
    """Readings (date, value[, kind]): a secondary report unless a kind is given."""
    return pd.DataFrame(
        {
            "pledge_id": "P99",
            "date": pd.to_datetime([p[0] for p in points]),
            "value": [p[1] for p in points],
            "unit": unit,
            "reading_kind": [p[2] if len(p) > 2 else "secondary report" for p in points],
            "outcome_id": [f"O{i + 10}" for i in range(len(points))],
        }
    )


def _verdict(as_of: str, observations: pd.DataFrame, **overrides) -> pd.Series:
    frame = pledge_verdicts(
        as_of, pledges=pd.DataFrame([_pledge(**overrides)]), observations=observations
    )
    return frame.iloc[0]


_RISING = [("2020-12-31", 20), ("2021-12-31", 30), ("2022-12-31", 41), ("2023-12-31", 50)]
_SLOW = [("2020-12-31", 20), ("2021-12-31", 21), ("2022-12-31", 23), ("2023-12-31", 24)]
_NOISY = [("2020-12-31", 20), ("2021-12-31", 40), ("2022-12-31", 25), ("2023-12-31", 45)]


@pytest.mark.parametrize(
    ("as_of", "points", "overrides", "verdict"),
    [
        # passed deadline: met by a reading on or before it; else the reading after it decides
        ("2025-06-30", [("2023-12-31", 40), ("2024-12-31", 55)], {}, "met"),
        ("2025-06-30", [("2023-12-31", 40), ("2025-03-31", 45)], {}, "missed"),
        ("2025-06-30", [("2023-12-31", 40), ("2025-03-31", 60)], {}, "met"),
        # a share that met the target a year early but had fallen back by the deadline was
        # not met on the day it fell due: only the last reading on or before it counts
        ("2025-06-30", [("2023-06-30", 55), ("2024-12-31", 45)], {}, "missed"),
        ("2025-06-30", [("2023-06-30", 45), ("2024-12-31", 55)], {}, "met"),
        # no reading at or after it: the record cannot decide, and says so
        ("2025-06-30", [("2024-06-30", 40)], {}, "awaiting a reading"),
        ("2030-12-31", [("2024-06-30", 40)], {}, "not verifiable"),
        ("2026-12-31", [("2025-06-30", 60)], {}, "met"),  # within the grace period
        ("2030-12-31", [("2029-06-30", 60)], {}, "not verifiable"),  # too late to count
        # deadline ahead: the line and its interval decide, or there are too few readings
        (
            "2024-03-31",
            _RISING,
            {"deadline": pd.Timestamp("2026-12-31"), "target_value": 60.0},
            "on track",
        ),
        (
            "2024-03-31",
            _SLOW,
            {"deadline": pd.Timestamp("2026-12-31"), "target_value": 60.0},
            "off track",
        ),
        (
            "2024-03-31",
            _NOISY,
            {"deadline": pd.Timestamp("2026-12-31"), "target_value": 60.0},
            "too close to call",
        ),
        ("2024-06-30", [("2022-12-31", 30), ("2023-12-31", 40)], {}, "too few readings to project"),
        ("2024-06-30", [("2023-12-31", 55)], {}, "met"),
        # no target, no reading, no deadline
        ("2025-06-30", [], {}, "not verifiable"),
        ("2025-06-30", [("2024-01-31", 60)], {"target_value": float("nan")}, "not verifiable"),
        ("2025-06-30", [("2024-01-31", 60)], {"deadline": pd.NaT}, "met"),
        ("2025-06-30", [("2024-01-31", 40)], {"deadline": pd.NaT}, "not verifiable"),
        # a ceiling
        ("2025-06-30", [("2024-06-30", 12)], {"direction": "at most", "target_value": 20.0}, "met"),
        (
            "2025-06-30",
            [("2024-06-30", 22), ("2025-01-31", 21)],
            {"direction": "at most", "target_value": 20.0},
            "missed",
        ),
    ],
)
def test_verdict_rules(as_of: str, points, overrides, verdict: str) -> None:
    assert _verdict(as_of, _obs(*points), **overrides)["verdict"] == verdict


def test_no_line_through_identical_points() -> None:
    """Three readings, two of them the same (One Login's 8, 8, 80 services): too few
    distinct readings to project, where a straight line would have called it on track."""
    flat = _obs(("2023-03-31", 8), ("2023-07-31", 8), ("2025-08-31", 80))
    result = _verdict("2026-01-31", flat, deadline=pd.Timestamp("2028-03-31"), target_value=145.0)
    assert result["verdict"] == "too few readings to project"
    assert pd.isna(result["projected_value"])
    # the same count of readings but distinct values and one more date: projected
    rising = _obs(("2022-03-31", 4), ("2023-03-31", 30), ("2024-07-31", 60), ("2025-08-31", 80))
    projected = _verdict(
        "2026-01-31", rising, deadline=pd.Timestamp("2028-03-31"), target_value=145.0
    )
    assert projected["verdict"] in PROJECTED_VERDICTS
    assert projected["projected_low"] < projected["projected_value"] < projected["projected_high"]
    assert projection(flat, pd.Timestamp("2028-03-31"), pd.Timestamp("2026-01-31")) is None


def test_projection_interval_is_the_fits_own() -> None:
    # readings exactly on a line: the interval collapses onto it; noisy readings widen it
    exact = _obs(("2020-12-31", 10), ("2021-12-31", 20), ("2022-12-31", 30), ("2023-12-31", 40))
    centre, low, high, n = projection(exact, pd.Timestamp("2025-12-31"), pd.Timestamp("2024-01-01"))
    assert n == 4 and centre == pytest.approx(60, abs=0.1) and high - low < 1e-6
    noisy = projection(_obs(*_NOISY), pd.Timestamp("2025-12-31"), pd.Timestamp("2024-01-01"))
    assert noisy is not None and noisy[2] - noisy[1] > 10


def test_readings_are_preferred_by_kind_then_by_nearness() -> None:
    """Two readings after a deadline: an official statistic decides over a nearer trade-press
    summary, so the verdict cannot flip on which one the chapter happened to pick."""
    points = [
        ("2025-01-31", 55, "secondary report"),  # nearer, would call it met
        ("2025-03-31", 45, "official statistic"),  # official: decides
    ]
    result = _verdict("2025-06-30", _obs(*points))
    assert result["verdict"] == "missed"
    assert result["assessed_kind"] == "official statistic" and result["assessed_value"] == 45
    # with only the secondary reading, it decides
    assert _verdict("2025-06-30", _obs(points[0]))["verdict"] == "met"
    # within one kind, the nearest to the deadline
    same = _obs(("2025-01-31", 45), ("2025-06-30", 55))
    assert _verdict("2025-12-31", same)["assessed_value"] == 45


def test_reading_kind_outside_the_order_is_refused() -> None:
    bad = _obs(("2025-01-31", 55, "blog post"))
    with pytest.raises(ValidationError, match="'blog post'"):
        preferred_reading(bad, pd.Timestamp("2024-12-31"))
    assert preferred_reading(_obs(("2025-01-31", 55)), pd.Timestamp("2024-12-31"))["value"] == 55


_CLOSED = {
    "status": "programme closed",
    "status_date": pd.Timestamp("2024-06-30"),
    "status_outcome_id": "O47",
}
_REDATED = {
    "status": "re-dated",
    "status_date": pd.Timestamp("2024-06-30"),
    "status_outcome_id": "O67",
    "new_deadline": pd.Timestamp("2028-03-31"),
}


def test_later_events_are_shown_beside_the_verdict_never_instead() -> None:
    points = _obs(("2023-12-31", 30), ("2025-03-31", 40))
    plain = _verdict("2025-06-30", points)
    redated = _verdict("2025-06-30", points, **_REDATED)
    assert plain["verdict"] == redated["verdict"] == "missed"
    assert plain["later_event"] == "" and "31 Mar 2028" in redated["later_event"]
    assert "O67" in redated["later_event"]
    # an event after the judging date is not known yet
    assert _verdict("2024-03-31", points, **_REDATED)["later_event"] == ""


def test_a_closure_before_the_deadline_is_judged_at_the_closure() -> None:
    # closed in Jun 2024 at 35 of 50: the final reading stands for the deadline
    closed = _verdict("2025-06-30", _obs(("2023-12-31", 30), ("2024-07-31", 35)), **_CLOSED)
    assert closed["verdict"] == "missed" and closed["assessed_value"] == 35
    assert "programme closed" in closed["later_event"]
    # the same readings without the closure: nothing at or after the deadline, no verdict yet
    assert _verdict("2025-06-30", _obs(("2023-12-31", 30), ("2024-07-31", 35)))["verdict"] == (
        "awaiting a reading"
    )


def test_an_inferred_target_is_shown_and_not_scored() -> None:
    points = _obs(("2023-10-31", 98))
    inferred = _verdict(
        "2024-06-30",
        points,
        target_value=100.0,
        target_basis="inferred",
        deadline=pd.Timestamp("2023-10-31"),
    )
    assert inferred["verdict"] == "not scored (inferred target)"
    assert inferred["assessed_value"] == 98  # the reading is still shown
    stated = _verdict("2024-06-30", points, target_value=100.0, deadline=pd.Timestamp("2023-10-31"))
    assert stated["verdict"] == "missed"


def test_only_observations_in_the_target_unit_count() -> None:
    other_unit = _obs(("2024-06-30", 90), unit="users")
    assert _verdict("2025-06-30", other_unit)["verdict"] == "not verifiable"


def test_observations_after_the_judging_date_are_ignored() -> None:
    obs = _obs(("2024-06-30", 40), ("2025-03-31", 70))
    early = _verdict("2024-09-30", obs)
    assert early["verdict"] == "too few readings to project" and early["n_observations"] == 1
    assert _verdict("2025-06-30", obs)["assessed_value"] == 70


def test_late_reading_counts_only_within_the_grace_period() -> None:
    deadline = pd.Timestamp("2024-12-31")
    inside = (deadline + pd.Timedelta(days=GRACE_DAYS)).date().isoformat()
    outside = (deadline + pd.Timedelta(days=GRACE_DAYS + 1)).date().isoformat()
    assert _verdict("2030-01-01", _obs((inside, 60)))["verdict"] == "met"
    assert _verdict("2030-01-01", _obs((outside, 60)))["verdict"] == "not verifiable"


def test_as_of_date_is_the_newest_reading_used() -> None:
    pledges = pd.DataFrame([_pledge(), _pledge(pledge_id="P98", unit="users")])
    obs = pd.concat([_obs(("2025-03-31", 60)), _obs(("2026-01-31", 9), unit="users")])
    verdicts = pledge_verdicts("2026-06-30", pledges=pledges, observations=obs)
    # the 'users' reading is P99's, in another unit than its target: no verdict uses it
    assert as_of_date(verdicts) == pd.Timestamp("2025-03-31")
    with pytest.raises(ValidationError, match="no verdict used a reading"):
        as_of_date(verdicts.assign(newest_used=pd.NaT))


def _edit_cell(column: str, value: str, row: int = 0):
    def edit(frame: pd.DataFrame) -> pd.DataFrame:
        frame.loc[row, column] = value
        return frame

    return edit


def _line_of(pledge_id: str) -> int:
    return int(load_pledges().index[load_pledges()["pledge_id"] == pledge_id][0]) + 2


@pytest.mark.parametrize(
    ("name", "edit", "message"),
    [
        ("pledges.csv", _edit_cell("direction", "more than"), "column 'direction'"),
        ("pledges.csv", _edit_cell("deadline", "by 2020"), "not an ISO date"),
        (
            "pledges.csv",
            _edit_cell("doc_ids", "2017-pse-shaping-the-smarter-state;2019-blog"),
            "'2019-blog'",
        ),
        ("pledges.csv", _edit_cell("target_url", ""), "column 'target_url': empty"),
        # a target with no record row stating it
        (
            "pledges.csv",
            _edit_cell("target_outcome_id", "", row=1),
            "line 3 (P02), column 'target_outcome_id': empty for target 33",
        ),
        # a deadline without a date
        (
            "pledges.csv",
            _edit_cell("deadline", "", row=1),
            "line 3 (P02), column 'deadline': empty",
        ),
        ("pledges.csv", _edit_cell("target_basis", "guessed"), "'guessed'"),
        # a reading preference outside the stated order
        (
            "pledge_observations.csv",
            _edit_cell("reading_kind", "blog post", row=3),
            "['blog post'] on line(s) [5]",
        ),
        ("pledge_observations.csv", _edit_cell("value", "3.9 million"), "not a number"),
        ("pledge_observations.csv", _edit_cell("url", "see NAO report"), "column 'url'"),
        ("pledge_observations.csv", _edit_cell("source_title", ""), "column 'source_title': empty"),
        ("pledge_observations.csv", _edit_cell("date", "Feb 2017"), "not an ISO date"),
    ],
)
def test_broken_pledge_tables_are_refused(tmp_path: Path, name: str, edit, message: str) -> None:
    path = curated_copy(tmp_path, name, edit)
    loader = load_pledges if name == "pledges.csv" else load_pledge_observations
    with pytest.raises(ValidationError) as raised:
        loader(path)
    assert message in str(raised.value) and str(path) in str(raised.value)


def test_shipped_tables_pass_the_same_checks() -> None:
    # the passing case of each refusal above: the shipped tables load
    assert load_pledges()["target_basis"].isin(["stated", "inferred"]).all()
    undated = load_pledges()[load_pledges()["deadline"].isna()]
    assert undated["deadline_basis"].str.startswith("no date").all() and len(undated) == 3


def test_a_proposal_may_cite_its_article_for_the_target(tmp_path: Path) -> None:
    # P04 (a techUK proposal) without a record row still loads: its article states it
    path = curated_copy(tmp_path, "pledges.csv", _edit_cell("target_outcome_id", "", row=3))
    assert load_pledges(path).loc[3, "framing"] == "industry proposal"


def test_pledge_dates_out_of_order_fail_loading(tmp_path) -> None:
    from smartresearch.corpus.schema import curated_dir

    text = (curated_dir() / "pledges.csv").read_text(encoding="utf-8")
    broken = tmp_path / "pledges.csv"
    broken.write_text(text.replace(",2025-08-14,O67,2028-03-31", ",2025-08-14,O67,2024-03-31"))
    with pytest.raises(ValidationError, match=r"pledges.csv, line 9 \(P08\).*out of order"):
        load_pledges(broken)
    missing = tmp_path / "p2.csv"
    missing.write_text(text.replace(",programme closed,2025-02-14,O47,", ",programme closed,,,"))
    with pytest.raises(ValidationError, match=r"p2.csv, line 7 \(P06\).*status_date"):
        load_pledges(missing)


def test_observation_for_an_unknown_pledge_is_refused(tmp_path: Path) -> None:
    path = curated_copy(tmp_path, "pledge_observations.csv", _edit_cell("pledge_id", "P77"))
    with pytest.raises(ValidationError, match=r"\['P77'\] are not in pledges.csv"):
        load_pledge_observations(path)
