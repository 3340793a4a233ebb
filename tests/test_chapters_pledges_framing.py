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
    assert f"{uk['record context']} related government targets from the record" in line
    assert f"{uk['industry proposal']} techUK proposals" in line
    assert "targets the articles repeat" not in line
    one = pd.DataFrame({"framing": ["industry proposal"]})
    assert chapter.framing_phrase(one) == "1 techUK proposal"
    with pytest.raises(ValidationError, match="'promise'"):
        chapter.framing_phrase(pd.DataFrame({"framing": ["promise"]}))


def test_summary_line_names_the_superseded_target_and_marks_projections() -> None:
    table = load_pledges()
    verdicts = pledge_verdicts(pledges=table)
    line = chapter.uk_pledges_line(verdicts, table)
    old, new = "P08", table.loc[table["supersedes"] == "P08", "pledge_id"].iloc[0]
    assert f"1 re-dated ({old}, superseded by {new})" in line
    uk = verdicts[verdicts["subject"] == "GBR"]
    for verdict in uk.loc[uk["projected_value"].notna(), "verdict"]:
        assert f"{verdict} (projected, so provisional)" in line
    assert "awaiting a reading" in line
    assert "(record as of 19 January 2026)" in line
    # without the successor relation (no supersedes column), nothing is annotated
    plain = chapter.verdict_phrase(uk, table.drop(columns="supersedes"))
    assert "superseded" not in plain and "1 re-dated," in plain


def test_framing_intro_counts_and_names_each_framing() -> None:
    table = load_pledges()
    intro = chapter.framing_intro(table)
    counts = table["framing"].value_counts()
    assert f"tracks {len(table)} targets" in intro
    assert f"{counts['article target']} are targets the articles themselves state" in intro
    assert f"{counts['record context']} are related government targets from the record" in intro
    assert f"{counts['industry proposal']} are industry proposals from techUK" in intro
    for row in table[table["framing"] != "record context"].itertuples(index=False):
        assert f"{row.pledge} ({row.pledge_id})" in intro
    assert "Denmark's and South Korea's among them" in intro
    # the stated targets are not all the tracked ones: the intro must not say so
    assert "articles repeat" not in intro
    single = table[table["pledge_id"].isin(["P01", "P03"])]
    assert "1 is a target the articles themselves state" in chapter.framing_intro(single)
    with pytest.raises(ValidationError, match="'promise'"):
        chapter.framing_intro(table.assign(framing="promise"))


def test_shipped_schema_title_does_not_call_every_target_an_article_one() -> None:
    from smartresearch.config import data_dir
    from smartresearch.corpus.pledges import PLEDGES_SCHEMA

    assert "mentioned in the Smarter State articles" not in PLEDGES_SCHEMA.title
    assert "record" in PLEDGES_SCHEMA.title and "proposals" in PLEDGES_SCHEMA.title
    descriptor = (data_dir() / "datapackage.json").read_text(encoding="utf-8")
    assert PLEDGES_SCHEMA.title in descriptor


def test_reading_ages_left_empty_for_settled_verdicts() -> None:
    verdicts = pd.DataFrame(
        {
            "pledge_id": ["A", "B", "C"],
            "as_of": pd.to_datetime(["2026-01-31"] * 3),
            "assessed_date": pd.to_datetime(["2025-07-31", "2015-12-31", None]),
            "settled": [False, True, False],
        }
    )
    ages = chapter.reading_ages(verdicts).set_index("pledge_id")
    assert ages.loc["A", "age_months"] == 6
    # a settled verdict keeps its deciding reading's date but shows no age
    assert ages.loc["B", "reading"] == pd.Timestamp("2015-12-31")
    assert pd.isna(ages.loc["B", "age_months"])
    assert pd.isna(ages.loc["C", "reading"]) and pd.isna(ages.loc["C", "age_months"])
    with pytest.raises(ValidationError, match="settled"):
        chapter.reading_ages(verdicts.drop(columns="settled"))


def test_verdict_table_shows_framing_and_the_deciding_reading() -> None:
    table = load_pledges()
    observations = load_pledge_observations(pledges=table)
    verdicts = pledge_verdicts(pledges=table, observations=observations)
    shown = chapter.verdict_table(verdicts, table, observations).set_index("ID")
    by_id = verdicts.set_index("pledge_id")
    assert shown.loc["P03", "Framing"] == "industry proposal"
    assert shown.loc["P03", "Deciding reading"] == "none"
    assert shown.loc["P03", "Age (months)"] == "–"
    # the reading shown is the one the verdict rests on, not merely the newest (P09: an
    # Apr 2025 reading exists, but Dec 2015 decided it) and, being settled, has no age
    assert shown.loc["P09", "Deciding reading"] == f"{by_id.loc['P09', 'assessed_date']:%b %Y}"
    assert shown.loc["P09", "Deciding reading"] == "Dec 2015"
    assert shown.loc["P09", "Age (months)"] == "–"
    # P10's deciding reading is the 98% at NemID's closure, not the Oct 2022 user count
    assert shown.loc["P10", "Deciding reading"] == "Oct 2023"
    assert shown.loc["P10", "Target"] == "at least 100% of Danes over 15 migrated by Oct 2023"
    # a provisional verdict shows its reading's age, and says it is projected
    assert shown.loc["P12", "Verdict"] == "on track (projected, so provisional)"
    assert shown.loc["P12", "Age (months)"] == "5"
    assert shown.loc["P05", "Verdict"] == "awaiting a reading"
    assert shown.loc["P05", "Age (months)"] != "–"
    for pid in by_id.index[by_id["settled"]]:
        assert shown.loc[pid, "Age (months)"] == "–", pid
    # the date is not repeated in the evidence, and no ISO date appears anywhere
    assert "(" not in shown.loc["P02", "Evidence"]
    assert not shown.astype(str).apply(lambda c: c.str.contains(r"\d{4}-\d{2}-\d{2}")).any().any()
    assert list(shown.columns).index("Deciding reading") == list(shown.columns).index("Verdict") + 1


def test_unjudged_phrase_gives_each_cause() -> None:
    verdicts = pledge_verdicts()
    phrase = chapter.unjudged_phrase(verdicts)
    awaiting = verdicts[verdicts["verdict"] == "awaiting a reading"]
    unverifiable = verdicts[verdicts["verdict"] == "not verifiable"]
    assert phrase.startswith(f"{len(awaiting) + len(unverifiable)} pledges have no verdict yet")
    assert f"1 is awaiting a reading ({awaiting['pledge_id'].iloc[0]})" in phrase
    # one cause for all four: stated once, not counted twice ("4 are not verifiable, 4 ...")
    assert f"{len(unverifiable)} are not verifiable because no reading" in phrase
    assert "numeric target" not in phrase  # every pledge now has one
    assert "up to Jan 2026" in phrase
    settled = verdicts.assign(verdict="met")
    assert chapter.unjudged_phrase(settled) == "Every pledge on record could be judged."


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
    assert shown.loc["P08", "Pledge"].endswith(f"(superseded by {successor.index[0]})")


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


def test_chapter_tables_write_dates_in_one_style() -> None:
    from smartresearch.chapters import pledge_tables

    pledges = load_pledges()
    observations = load_pledge_observations(pledges=pledges)
    verdicts = pledge_verdicts(pledges=pledges, observations=observations)
    month_style = r"^(|[A-Z][a-z]{2} \d{4})$"
    sources = pledge_tables.verdict_sources(verdicts, pledges, observations)
    assert sources["Date"].str.match(month_style).all()
    context = pledge_tables.context_table(
        pledge_tables.context_observations(verdicts, observations)
    )
    # the sources' own wording ("start 2022", "end of FY2022-23") gives way to the month
    assert context["Date"].str.match(month_style).all()
    unjudged = pledge_tables.unverifiable_table(verdicts, observations)
    for column in unjudged.columns:
        assert not unjudged[column].astype(str).str.contains(r"\d{4}-\d{2}-\d{2}").any(), column
    assert not unjudged["On record"].str.contains("FY|start|end of|cumulative|before").any()


def test_tracker_badges_say_a_projected_verdict_is_provisional():
    from smartresearch.chapters.pledges import PROJECTED_MARK, tracker_panels
    from smartresearch.corpus import load_pledge_observations, pledge_verdicts

    verdicts = pledge_verdicts()
    panels = {p.pledge_id: p.verdict for p in tracker_panels(verdicts, load_pledge_observations())}
    projected = verdicts.loc[verdicts["projected_value"].notna(), "pledge_id"]
    assert len(projected) > 0
    for pledge_id in projected:
        assert panels[pledge_id].endswith(f"({PROJECTED_MARK})"), panels[pledge_id]
    settled = verdicts.loc[verdicts["projected_value"].isna(), "pledge_id"]
    assert not any(PROJECTED_MARK in panels[p] for p in settled if p in panels)
