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


def test_supersedes_must_name_another_pledge(tmp_path: Path) -> None:
    def edit(frame: pd.DataFrame) -> pd.DataFrame:
        frame.loc[frame["supersedes"] == "P08", "supersedes"] = "P42"
        return frame

    path = curated_copy(tmp_path, "pledges.csv", edit)
    with pytest.raises(ValidationError, match=r"column 'supersedes': 'P42' is not another pledge"):
        load_pledges(path)


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
        assert "(provisional; 90%: " in panels[pledge_id], panels[pledge_id]
    # NemID's inferred 100% is not drawn as a target
    assert "P10" not in panels
    settled = verdicts.loc[verdicts["projected_value"].isna(), "pledge_id"]
    assert not any("provisional" in panels[p] for p in settled if p in panels)
    assert PROJECTED_MARK == "projected, so provisional"  # the tables' mark


def test_summary_line_states_the_rule_names_the_superseded_target_and_dates() -> None:
    table = load_pledges()
    verdicts = pledge_verdicts(pledges=table)
    line = chapter.uk_pledges_line(verdicts, table)
    assert "judged on the target its source states for that deadline" in line
    assert "later events shown beside the verdict, never instead of it" in line
    assert "among them P08, superseded by P12" in line
    assert "1 off track (projected, so provisional)" in line
    # the as-of date is the newest reading used, beside the date the record runs to
    assert (
        "(as of 14 August 2025, the newest reading used; the record runs to 15 June 2026)" in line
    )
    # without the successor relation (no supersedes column), nothing is annotated
    uk = verdicts[verdicts["subject"] == "GBR"]
    assert "superseded" not in chapter.verdict_phrase(uk, table.drop(columns="supersedes"))


def test_verdict_table_shows_the_deciding_reading_and_the_later_event() -> None:
    table = load_pledges()
    verdicts = pledge_verdicts(pledges=table)
    shown = chapter.verdict_table(verdicts, table).set_index("ID")
    assert shown.loc["P03", "Framing"] == "industry proposal"
    assert shown.loc["P03", "Deciding reading"] == "none"
    # the reading that decided it, with its kind and record row (P09: Dec 2015, not Apr 2025)
    assert shown.loc["P09", "Deciding reading"] == "Dec 2015, official statistic, O55"
    assert shown.loc["P15", "Deciding reading"] == "Feb 2019, official statistic, O02"
    # a verdict the record cannot decide names the nearest reading but no deciding one
    assert shown.loc["P05", "Deciding reading"].startswith("none (nearest: Mar 2025")
    # NemID: the target is marked inferred and not scored
    assert shown.loc["P10", "Target"].endswith("(inferred, not stated)")
    assert shown.loc["P10", "Verdict"] == "not scored (inferred target)"
    # later events beside the verdict, never in it
    assert shown.loc["P08", "Verdict"] == "awaiting a reading"
    assert shown.loc["P08", "Later event"].startswith("deadline moved to 31 Mar 2028")
    assert shown.loc["P02", "Later event"] == "–"
    # the re-dated target and its successor name each other
    assert shown.loc["P12", "Pledge"].endswith("(replaces P08)")
    assert shown.loc["P08", "Pledge"].endswith("(superseded by P12)")
    assert shown.loc["P13", "Verdict"] == "off track (projected, so provisional)"
    assert not shown.astype(str).apply(lambda c: c.str.contains(r"\d{4}-\d{2}-\d{2}")).any().any()


def test_unjudged_phrase_gives_each_cause_and_names_the_pledges() -> None:
    verdicts = pledge_verdicts()
    phrase = chapter.unjudged_phrase(verdicts)
    assert "3 awaiting a reading (P05, P08 and P14)" in phrase
    assert "1 not scored (inferred target) (P10)" in phrase
    assert "2 not verifiable for no numeric target (P18 and P20)" in phrase
    assert "1 not verifiable for the record cannot decide (P01)" in phrase
    assert "up to Jun 2026" in phrase
    settled = verdicts.assign(verdict="met")
    assert chapter.unjudged_phrase(settled) == "Every pledge on record could be judged."


def test_one_login_2028_target_is_all_services_and_145_is_its_own_pledge() -> None:
    table = load_pledges().set_index("pledge_id")
    p12 = table.loc["P12"]
    assert p12["supersedes"] == "P08" and p12["target_outcome_id"] == "O67"
    assert p12["deadline"] == table.loc["P08", "new_deadline"] == pd.Timestamp("2028-03-31")
    assert p12["unit"] == "% of central government services"
    scope = table.loc["P14"]
    assert (scope["target_value"], scope["target_outcome_id"]) == (145, "O14")
    assert scope["deadline"] == pd.Timestamp("2025-12-31")


def test_the_answer_object_holds_the_chapter() -> None:
    answer = chapter.answer()
    assert answer.as_of == pd.Timestamp("2025-08-14")
    assert "As of 14 Aug 2025" in answer.as_of_note and "15 Jun 2026" in answer.as_of_note
    assert answer.headline.startswith("Of the 23 pledges, the UK's 20 break down as 1 met")
    assert "P13 is projected at" in answer.headline and "90% range" in answer.headline
    assert "Of the record's 97 rows" in answer.coverage
    assert len(answer.verdict_table()) == 23
    assert set(answer.unused_table()["Row"]) == set(
        answer.record_use.loc[answer.record_use["reason_unused"] != "", "outcome_id"]
    )
    assert "reverses the 2023 order of Denmark and the United Kingdom" in answer.dgi_note
    assert answer.rule.startswith("A pledge is judged on the target its source states")
