"""Pledges, their cited observations, and verdicts computed from the data."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from corpus_support import curated_copy, policy_outcomes

from smartresearch.corpus import load_pledge_observations, load_pledges, pledge_verdicts
from smartresearch.corpus.pledges import (
    GRACE_DAYS,
    PROJECTED_VERDICTS,
    SETTLED_VERDICTS,
    VERDICT_COLUMNS,
    VERDICTS,
    day_text,
)
from smartresearch.errors import ValidationError


def test_shipped_pledges_and_observations_are_cited() -> None:
    pledges = load_pledges()
    observations = load_pledge_observations()
    assert pledges["pledge_id"].is_unique
    assert {"GBR", "DNK", "KOR"} == set(pledges["subject"])
    assert pledges["target_url"].str.startswith("http").all()
    assert observations["url"].str.startswith("http").all()
    assert (observations["source_title"].str.len() > 0).all()
    assert set(observations["pledge_id"]) <= set(pledges["pledge_id"])


def test_observations_match_the_policy_outcomes_they_cite() -> None:
    outcomes = policy_outcomes()
    observations = load_pledge_observations()
    cited = observations.dropna(subset=["outcome_id"])
    assert len(cited) == len(observations)
    for row in cited.itertuples(index=False):
        source = outcomes.loc[row.outcome_id]
        assert row.url == source["url"], row.outcome_id
        assert row.publisher == source["publisher"], row.outcome_id


def test_verdicts_on_the_record() -> None:
    verdicts = pledge_verdicts().set_index("pledge_id")
    assert tuple(pledge_verdicts().columns) == VERDICT_COLUMNS
    assert set(verdicts["verdict"]) <= set(VERDICTS)
    # default as_of: the newest observation, so the answer depends on the data only
    assert verdicts["as_of"].iloc[0] == load_pledge_observations()["date"].max()
    # 25m Verify users by 2020: 3.9m in March 2019, then Verify closed in 2023 (O06)
    assert verdicts.loc["P01", "verdict"] == "closed short of target"
    assert verdicts.loc["P01", "assessed_value"] == 3_900_000
    # 33% of spend with SMEs by 2022: 26.5% in 2021-22
    assert verdicts.loc["P02", ["verdict", "assessed_value"]].tolist() == ["missed", 26.5]
    # no observation in the target's unit: never guessed
    for pledge_id in ("P03", "P04", "P07", "P11"):
        assert verdicts.loc[pledge_id, "verdict"] == "not verifiable", pledge_id
        assert verdicts.loc[pledge_id, "n_observations"] == 0, pledge_id
    # NemID closed on 31 Oct 2023 with 98% of over-15s moved to MitID (O60): short of all
    assert verdicts.loc["P10", ["verdict", "assessed_value"]].tolist() == ["missed", 98]
    assert verdicts.loc["P10", "assessed_date"] == pd.Timestamp("2023-10-31")
    # the record runs past the end of 2025: those deadlines are never projected; the 6%
    # aim has readings before its deadline (5% in Mar 2025) but none for the deadline yet
    assert verdicts["as_of"].iloc[0] > pd.Timestamp("2025-12-31")
    assert verdicts.loc["P05", "verdict"] == "awaiting a reading"
    assert verdicts.loc["P05", "assessed_date"] < verdicts.loc["P05", "deadline"]
    passed = verdicts["deadline"] <= verdicts["as_of"]
    assert verdicts.loc[passed | verdicts["deadline"].isna(), "projected_value"].isna().all()
    # only a deadline still ahead (One Login's 2028 successor target) may be projected
    assert set(verdicts.index[verdicts["projected_value"].notna()]) <= set(
        verdicts.index[~passed & verdicts["deadline"].notna()]
    )
    # the Top 75 programme closed at 29 of 50 (O47); One Login's deadline moved to 2028 (O67)
    assert verdicts.loc["P06", ["verdict", "assessed_value"]].tolist() == [
        "closed short of target",
        29,
    ]
    assert verdicts.loc["P08", "verdict"] == "re-dated"
    assert "31 Mar 2028" in verdicts.loc["P08", "reason"]
    # no ISO date in a reason: the chapter writes dates in words
    assert not verdicts["reason"].str.contains(r"\d{4}-\d{2}-\d{2}").any()
    # settled: always for a miss, a closure or a re-dating; never for a projection
    assert verdicts.loc[verdicts["verdict"].isin(SETTLED_VERDICTS), "settled"].all()
    assert not verdicts.loc[verdicts["verdict"].isin(PROJECTED_VERDICTS), "settled"].any()
    assert verdicts.loc["P09", "settled"] and not verdicts.loc["P05", "settled"]


def test_day_text() -> None:
    assert day_text(pd.Timestamp("2025-03-09")) == "9 Mar 2025"
    assert day_text("2026-01-19") == "19 Jan 2026"
    assert day_text(pd.NaT) == "" and day_text(None) == ""


def test_as_of_limits_the_evidence() -> None:
    early = pledge_verdicts(as_of="2021-06-30").set_index("pledge_id")
    assert early.loc["P02", "verdict"] == "off track"  # deadline still ahead, trend short of 33%
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
        "target_outcome_id": None,
        "target_source_title": "t",
        "target_publisher": "p",
        "target_url": "https://example.org",
    }
    return base | overrides


def _obs(*points: tuple[str, float], unit: str = "%") -> pd.DataFrame:
    return pd.DataFrame(
        {
            "pledge_id": "P99",
            "date": pd.to_datetime([d for d, _ in points]),
            "value": [v for _, v in points],
            "unit": unit,
        }
    )


def _verdict(as_of: str, observations: pd.DataFrame, **overrides) -> pd.Series:
    frame = pledge_verdicts(
        as_of, pledges=pd.DataFrame([_pledge(**overrides)]), observations=observations
    )
    return frame.iloc[0]


@pytest.mark.parametrize(
    ("as_of", "points", "overrides", "verdict"),
    [
        ("2025-06-30", [("2023-12-31", 40), ("2024-12-31", 55)], {}, "met"),
        ("2025-06-30", [("2023-12-31", 40), ("2024-12-31", 45), ("2025-03-31", 60)], {}, "missed"),
        ("2024-06-30", [("2022-12-31", 30), ("2023-12-31", 40)], {}, "on track"),
        ("2024-06-30", [("2022-12-31", 30), ("2023-12-31", 32)], {}, "off track"),
        ("2024-06-30", [("2023-12-31", 55)], {}, "met"),
        ("2024-06-30", [("2023-12-31", 40)], {}, "not verifiable"),
        ("2025-06-30", [], {}, "not verifiable"),
        ("2025-06-30", [("2024-01-31", 60)], {"target_value": float("nan")}, "not verifiable"),
        ("2025-06-30", [("2024-01-31", 60)], {"deadline": pd.NaT}, "met"),
        ("2025-06-30", [("2024-01-31", 40)], {"deadline": pd.NaT}, "not verifiable"),
        ("2025-06-30", [("2024-06-30", 12)], {"direction": "at most", "target_value": 20.0}, "met"),
        (  # a passed deadline is judged at or after it: an earlier miss alone decides nothing
            "2025-06-30",
            [("2024-06-30", 22)],
            {"direction": "at most", "target_value": 20.0},
            "awaiting a reading",
        ),
        (
            "2025-06-30",
            [("2024-06-30", 22), ("2025-01-31", 21)],
            {"direction": "at most", "target_value": 20.0},
            "missed",
        ),
        ("2026-12-31", [("2025-06-30", 60)], {}, "met"),  # late reading within the grace period
        ("2030-12-31", [("2029-06-30", 60)], {}, "not verifiable"),  # too late to count
    ],
)
def test_verdict_rules(as_of: str, points, overrides, verdict: str) -> None:
    assert _verdict(as_of, _obs(*points), **overrides)["verdict"] == verdict


_CLOSED = {"status": "programme closed", "status_date": pd.Timestamp("2024-06-30")}
_CLOSED_AT = _CLOSED | {"status_outcome_id": "O47"}
_REDATED = {
    "status": "re-dated",
    "status_date": pd.Timestamp("2024-06-30"),
    "status_outcome_id": "O67",
    "new_deadline": pd.Timestamp("2028-03-31"),
}


@pytest.mark.parametrize(
    ("as_of", "points", "overrides", "verdict"),
    [
        # a closed programme short of its target, before or after the deadline
        (
            "2024-09-30",
            [("2023-12-31", 30), ("2024-05-31", 35)],
            _CLOSED_AT,
            "closed short of target",
        ),
        ("2025-06-30", [("2023-12-31", 30)], _CLOSED_AT, "closed short of target"),
        # ... but one that met its target by the deadline is met
        ("2025-06-30", [("2023-12-31", 30), ("2024-05-31", 55)], _CLOSED_AT, "met"),
        # closure not yet known on as_of: the usual rules
        ("2024-03-31", [("2023-06-30", 30), ("2023-12-31", 32)], _CLOSED_AT, "off track"),
        # a re-dated pledge gets its own verdict once the re-dating is on record
        ("2025-06-30", [("2023-12-31", 30)], _REDATED, "re-dated"),
        ("2024-03-31", [("2023-06-30", 30), ("2023-12-31", 45)], _REDATED, "on track"),
        # passed deadline with only earlier readings short of it: no projection, no verdict
        ("2025-06-30", [("2023-06-30", 30), ("2023-12-31", 45)], {}, "awaiting a reading"),
    ],
)
def test_status_rules(as_of: str, points, overrides, verdict: str) -> None:
    result = _verdict(as_of, _obs(*points), **overrides)
    assert result["verdict"] == verdict
    if verdict in {"closed short of target", "re-dated", "not verifiable", "awaiting a reading"}:
        assert pd.isna(result["projected_value"])


def test_awaiting_a_reading_only_while_one_could_still_count() -> None:
    short = _obs(("2024-06-30", 40))  # before the 31 Dec 2024 deadline, short of 50
    awaiting = _verdict("2025-06-30", short)
    assert awaiting["verdict"] == "awaiting a reading" and not awaiting["settled"]
    assert awaiting["assessed_date"] == pd.Timestamp("2024-06-30")
    assert "31 Dec 2024" in awaiting["reason"] and "30 Jun 2025" in awaiting["reason"]
    # once the grace window after the deadline has closed empty, no reading can decide it
    late = (pd.Timestamp("2024-12-31") + pd.Timedelta(days=GRACE_DAYS + 1)).date().isoformat()
    assert _verdict(late, short)["verdict"] == "not verifiable"
    # nothing comparable at all is "not verifiable", not "awaiting a reading"
    assert _verdict("2025-06-30", _obs())["verdict"] == "not verifiable"
    # a reading after the deadline decides it: the wait is over
    assert _verdict("2025-06-30", _obs(("2024-06-30", 40), ("2025-03-31", 45)))["verdict"] == (
        "missed"
    )


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


def test_only_observations_in_the_target_unit_count() -> None:
    other_unit = _obs(("2024-06-30", 90), unit="users")
    assert _verdict("2025-06-30", other_unit)["verdict"] == "not verifiable"


def test_observations_after_as_of_are_ignored() -> None:
    obs = _obs(("2024-06-30", 40), ("2025-03-31", 70))
    early = _verdict("2024-09-30", obs)
    assert early["verdict"] == "not verifiable"  # one reading before as_of: no trend
    assert early["n_observations"] == 1
    # deadline passed: the first reading at or after it (70, Mar 2025) decides
    assert _verdict("2025-06-30", obs)["verdict"] == "met"
    assert _verdict("2025-06-30", obs)["assessed_value"] == 70


def test_late_reading_counts_only_within_the_grace_period() -> None:
    deadline = pd.Timestamp("2024-12-31")
    inside = (deadline + pd.Timedelta(days=GRACE_DAYS)).date().isoformat()
    outside = (deadline + pd.Timedelta(days=GRACE_DAYS + 1)).date().isoformat()
    assert _verdict("2030-01-01", _obs((inside, 60)))["verdict"] == "met"
    assert _verdict("2030-01-01", _obs((outside, 60)))["verdict"] == "not verifiable"


def test_trend_uses_the_recent_pace() -> None:
    # slow for years, then fast: the last three readings reach the target, the whole series not
    obs = _obs(
        ("2010-12-31", 10),
        ("2015-12-31", 11),
        ("2020-12-31", 12),
        ("2021-12-31", 30),
        ("2022-12-31", 40),
    )
    result = _verdict("2023-01-01", obs, target_value=60.0)
    assert result["verdict"] == "on track"
    assert result["projected_value"] > 60


def _edit_cell(column: str, value: str, row: int = 0):
    def edit(frame: pd.DataFrame) -> pd.DataFrame:
        frame.loc[row, column] = value
        return frame

    return edit


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


def test_observation_for_an_unknown_pledge_is_refused(tmp_path: Path) -> None:
    path = curated_copy(tmp_path, "pledge_observations.csv", _edit_cell("pledge_id", "P77"))
    with pytest.raises(ValidationError, match=r"\['P77'\] are not in pledges.csv"):
        load_pledge_observations(path)
