"""Where each pledge's target comes from (an article, the record, techUK) and how recent the
reading behind each verdict is: validated on load, checked against the articles, and shown."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from corpus_support import curated_copy, text_of

from smartresearch.chapters import pledges as chapter
from smartresearch.corpus import load_pledge_observations, load_pledges, pledge_verdicts
from smartresearch.errors import ValidationError


def _framing(pid: str) -> str:
    table = load_pledges().set_index("pledge_id")
    return str(table.loc[pid, "framing"])


def test_framing_follows_the_articles() -> None:
    # the 2017 column states the Verify and SME targets and makes techUK's two proposals
    column = text_of("2017-pse-shaping-the-smarter-state")
    assert "25 million users of Verify by 2020" in column and _framing("P01") == "article target"
    assert "33% of central government purchasing" in column and _framing("P02") == "article target"
    assert "£350m fund" in column and _framing("P04") == "industry proposal"
    assert _framing("P03") == "industry proposal"
    # the 2022 round-up quotes the 10% 'great' baseline, never the 50-of-75 or 6% targets
    round_up = text_of("2022-techuk-event-round-up")
    assert "only 10% of its services are" in round_up
    assert "top 75" not in round_up.lower() and "6%" not in round_up
    assert _framing("P05") == _framing("P06") == "record context"
    # One Login and Digital Post are named as platforms only
    write_up = text_of("2025-oxfordshire-insights")
    assert "One Login" in write_up and "exempt" not in write_up.lower()
    assert _framing("P08") == _framing("P09") == "record context"


def test_unknown_framing_is_refused_naming_file_line_and_value(tmp_path: Path) -> None:
    def edit(frame: pd.DataFrame) -> pd.DataFrame:
        frame.loc[2, "framing"] = "government pledge"
        return frame

    path = curated_copy(tmp_path, "pledges.csv", edit)
    with pytest.raises(ValidationError) as raised:
        load_pledges(path)
    message = str(raised.value)
    assert str(path) in message and "line 4 (P03)" in message
    assert "'government pledge'" in message and "column 'framing'" in message


def test_summary_line_counts_each_framing() -> None:
    table = load_pledges()
    line = chapter.uk_pledges_line(pledge_verdicts(pledges=table), table)
    uk = table[table["subject"] == "GBR"]["framing"].value_counts()
    assert f"{uk['article target']} targets the articles state" in line
    assert f"{uk['record context']} record-context targets" in line
    assert f"{uk['industry proposal']} techUK proposals" in line
    assert "targets the articles repeat" not in line
    one = pd.DataFrame({"framing": ["industry proposal"]})
    assert chapter.framing_phrase(one) == "1 techUK proposal"
    with pytest.raises(ValidationError, match="'promise'"):
        chapter.framing_phrase(pd.DataFrame({"framing": ["promise"]}))


def test_last_reading_and_its_age_at_the_as_of_date() -> None:
    verdicts = pd.DataFrame(
        {
            "pledge_id": ["A", "B"],
            "unit": ["services", "services"],
            "as_of": pd.to_datetime(["2026-01-31", "2026-01-31"]),
        }
    )
    observations = pd.DataFrame(
        {
            "pledge_id": ["A", "A", "A", "B"],
            "unit": ["services", "services", "users", "users"],
            "date": pd.to_datetime(["2025-01-31", "2025-07-31", "2025-12-31", "2025-12-31"]),
        }
    )
    last = chapter.last_readings(verdicts, observations).set_index("pledge_id")
    # the users reading is in another unit: it does not count as the verdict's last reading
    assert last.loc["A", "last_reading"] == pd.Timestamp("2025-07-31")
    assert last.loc["A", "age_months"] == 6
    assert pd.isna(last.loc["B", "last_reading"]) and pd.isna(last.loc["B", "age_months"])
    # a reading after the as-of date is not yet known
    later = verdicts.assign(as_of=pd.to_datetime(["2025-03-31", "2025-03-31"]))
    assert chapter.last_readings(later, observations).iloc[0]["age_months"] == 2


def test_verdict_table_shows_framing_and_recency() -> None:
    table = load_pledges()
    observations = load_pledge_observations(pledges=table)
    verdicts = pledge_verdicts(pledges=table, observations=observations)
    shown = chapter.verdict_table(verdicts, table, observations).set_index("ID")
    assert shown.loc["P03", "Framing"] == "industry proposal"
    assert shown.loc["P03", "Last reading"] == "none" and shown.loc["P03", "Age (months)"] == "–"
    p06 = observations[(observations["pledge_id"] == "P06") & (observations["unit"] == "services")]
    assert shown.loc["P06", "Last reading"] == f"{p06['date'].max():%b %Y}"
    assert list(shown.columns).index("Last reading") == list(shown.columns).index("Verdict") + 1


def test_re_dated_one_login_target_is_tracked_by_projection() -> None:
    table = load_pledges().set_index("pledge_id")
    successor = table[table["supersedes"] == "P08"]
    assert len(successor) == 1
    new = successor.iloc[0]
    # the record's new deadline (O67) is the one P08 was moved to
    assert new["deadline"] == table.loc["P08", "new_deadline"] == pd.Timestamp("2028-03-31")
    assert new["unit"] == table.loc["P08", "unit"] == "services"
    verdicts = pledge_verdicts().set_index("pledge_id")
    row = verdicts.loc[successor.index[0]]
    assert row["deadline"] > row["as_of"]  # still ahead, so a projection may decide
    assert row["verdict"] in {"on track", "off track"} and pd.notna(row["projected_value"])
    # P08 itself stays "re-dated", never projected
    assert verdicts.loc["P08", "verdict"] == "re-dated"
    assert pd.isna(verdicts.loc["P08", "projected_value"])
    observations = load_pledge_observations()
    shown = chapter.verdict_table(pledge_verdicts(), load_pledges(), observations).set_index("ID")
    assert shown.loc[successor.index[0], "Pledge"].endswith("(replaces P08)")


def test_supersedes_must_name_another_pledge(tmp_path: Path) -> None:
    def edit(frame: pd.DataFrame) -> pd.DataFrame:
        frame.loc[frame["supersedes"] == "P08", "supersedes"] = "P42"
        return frame

    path = curated_copy(tmp_path, "pledges.csv", edit)
    with pytest.raises(ValidationError, match=r"column 'supersedes': 'P42' is not another pledge"):
        load_pledges(path)


def test_ten_percent_digital_profession_aim_is_tracked_on_the_p05_readings() -> None:
    table = load_pledges().set_index("pledge_id")
    aim = table[table["target_outcome_id"] == "O77"]
    assert len(aim) == 1 and aim.iloc[0]["target_value"] == 10
    assert aim.iloc[0]["unit"] == table.loc["P05", "unit"]
    row = pledge_verdicts().set_index("pledge_id").loc[aim.index[0]]
    # about 5% in 2025 with a flat recent trend: a projection, short of 10% by 2030
    assert row["deadline"] > row["as_of"]
    assert row["verdict"] == "off track" and row["projected_value"] < 10
