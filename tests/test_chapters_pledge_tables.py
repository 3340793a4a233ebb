"""Chapter 4's verdict tables, phrases and tracker panels, and the trackers' drawing.

Small pledge and observation tables with a known answer (a missed target, one without a
number, one never observed, one off track with a reading after the as-of date), and the
real record, where every pledge must appear once.
"""

from __future__ import annotations

import math

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from smartresearch import plots  # noqa: E402
from smartresearch.chapters import pledge_tables  # noqa: E402
from smartresearch.chapters import pledges as chapter  # noqa: E402
from smartresearch.corpus import (  # noqa: E402
    load_pledge_observations,
    load_pledges,
    pledge_verdicts,
)
from smartresearch.corpus.pledge_rules import VERDICTS  # noqa: E402
from smartresearch.errors import ValidationError  # noqa: E402
from smartresearch.wording import quantity  # noqa: E402


def _pledges() -> pd.DataFrame:
    base = {
        "subject": "GBR",
        "measure": "m",
        "direction": "at least",
        "deadline_basis": "b",
        "pledged_by": "p",  # who made the pledge
        "doc_ids": "x",
        "target_basis": "stated",
        "target_outcome_id": "O01",
        "target_source_title": "Target title",
        "target_publisher": "Target publisher",
        "target_url": "https://example.org/target",
    }
    rows = [
        {"pledge_id": "P01", "pledge": "missed one", "unit": "users", "target_value": 100.0,
         "deadline": "2020-12-31"},
        {"pledge_id": "P02", "pledge": "no target", "unit": "users", "target_value": math.nan,
         "deadline": "2021-12-31", "subject": "DNK"},
        {"pledge_id": "P03", "pledge": "nothing seen", "unit": "GBP", "target_value": 5e6,
         "deadline": None},
        {"pledge_id": "P04", "pledge": "off track", "unit": "%", "target_value": 50.0,
         "deadline": "2030-12-31", "subject": "KOR"},
    ]  # fmt: skip
    frame = pd.DataFrame([base | row for row in rows])
    frame["deadline"] = pd.to_datetime(frame["deadline"])
    return frame


def _observations() -> pd.DataFrame:
    rows = [
        ("P01", "2019-06-30", "Jun 2019", 40.0, "users"),
        ("P01", "2021-01-31", "Jan 2021", 60.0, "users"),  # first reading after the deadline
        ("P01", "2021-06-30", "Jun 2021", 3.0, "services"),
        ("P02", "2021-03-31", "Mar 2021", 4.7e6, "users"),
        ("P04", "2022-12-31", "2022", 10.0, "%"),
        ("P04", "2023-12-31", "2023", 12.0, "%"),
        ("P04", "2024-12-31", "2024", 14.0, "%"),
        ("P04", "2025-03-31", "Mar 2025", 15.0, "%"),
        ("P04", "2026-12-31", "2026", 99.0, "%"),  # after as_of: must not be seen
    ]
    frame = pd.DataFrame(rows, columns=["pledge_id", "date", "period", "value", "unit"])
    frame["date"] = pd.to_datetime(frame["date"])
    frame["source_title"] = "Obs " + frame["period"]
    frame["publisher"] = "Pub " + frame["pledge_id"]
    frame["url"] = "https://example.org/" + frame["pledge_id"]
    frame["reading_kind"] = "official statistic"
    frame["outcome_id"] = "O01"
    return frame


@pytest.fixture
def verdicts() -> pd.DataFrame:
    return pledge_verdicts("2025-06-30", pledges=_pledges(), observations=_observations())


def test_verdict_counts_cover_every_verdict(verdicts: pd.DataFrame) -> None:
    counts = chapter.verdict_counts(verdicts).set_index("verdict")["pledges"]
    assert list(counts.index) == list(VERDICTS)
    assert counts.to_dict() == {
        "met": 0,
        "missed": 1,
        "on track": 0,
        "off track": 1,
        "too close to call": 0,
        "too few readings to project": 0,
        "awaiting a reading": 0,
        "not verifiable": 2,
        "not scored (inferred target)": 0,
    }
    with pytest.raises(ValidationError, match="'maybe'"):
        chapter.verdict_counts(verdicts.assign(verdict="maybe"))


def test_verdict_phrase(verdicts: pd.DataFrame) -> None:
    assert chapter.verdict_phrase(verdicts) == (
        "1 missed, 1 off track (projected, so provisional) and 2 not verifiable"
    )
    assert chapter.verdict_phrase(verdicts.iloc[:1]) == "1 missed"
    assert chapter.verdict_phrase(verdicts.iloc[:0]) == "no pledges"


def test_projection_phrase(verdicts: pd.DataFrame) -> None:
    phrase = chapter.projection_phrase(verdicts)
    row = verdicts.set_index("pledge_id").loc["P04"]
    assert phrase == (
        f"P04 is projected at {quantity(row['projected_value'], '%')} "
        f"(90% range {row['projected_low']:.3g}% to {row['projected_high']:.3g}%) "
        "by Dec 2030 against a target of 50%"
    )
    assert chapter.projection_phrase(verdicts[verdicts["pledge_id"] == "P01"]) == ""


def test_verdict_table_states_target_evidence_and_source(verdicts: pd.DataFrame) -> None:
    table = pledge_tables.verdict_evidence(verdicts, _pledges()).set_index("ID")
    assert table.loc["P01", "Target"] == "at least 100 users by Dec 2020"
    assert table.loc["P01", "Evidence"] == "60 users (Jan 2021)"
    assert table.loc["P02", "Target"] == "no numeric target on record"
    assert table.loc["P03", "Target"] == "at least £5 million"
    assert table.loc["P03", "Evidence"] == "none comparable"
    assert table.loc["P04", "Evidence"].startswith("15% (Mar 2025); the line gives ")
    assert "(90% range " in table.loc["P04", "Evidence"]
    assert table.loc["P04", "Country"] == "South Korea"
    assert (table["Pledged by"] == "p").all()
    with pytest.raises(ValidationError, match="P04"):
        pledge_tables.verdict_evidence(verdicts, _pledges().iloc[:3])


def test_verdict_sources_name_the_assessed_observation(verdicts: pd.DataFrame) -> None:
    sources = pledge_tables.verdict_sources(verdicts, _pledges(), _observations())
    assert sources["ID"].value_counts().to_dict() == {"P01": 2, "P04": 2, "P02": 1, "P03": 1}
    used = sources[(sources["ID"] == "P01") & (sources["Role"] == "assessed observation")]
    assert used["Title"].tolist() == ["Obs Jan 2021"]
    missing = _observations().drop(index=1)  # the Jan 2021 reading P01 was judged on
    with pytest.raises(ValidationError, match="P01"):
        pledge_tables.verdict_sources(verdicts, _pledges(), missing)


def test_context_and_unverifiable_tables(verdicts: pd.DataFrame) -> None:
    context = pledge_tables.context_observations(verdicts, _observations())
    assert context[["pledge_id", "unit"]].values.tolist() == [["P01", "services"]]
    table = pledge_tables.unverifiable_table(verdicts, _observations()).set_index("ID")
    assert list(table.index) == ["P02", "P03"]
    assert table.loc["P02", "On record"] == "4.7 million users (Mar 2021)"
    assert table.loc["P03", "On record"] == "nothing on record"
    assert table.loc["P02", "Why no verdict"] == "no numeric target on record"


def test_tracker_panels_need_a_target_and_an_observation(verdicts: pd.DataFrame) -> None:
    panels = chapter.tracker_panels(verdicts, _observations())
    assert [p.pledge_id for p in panels] == ["P01", "P04"]
    off_track = panels[1]
    observed = off_track.points[off_track.points["kind"] == "observed"]
    assert observed["value"].max() == 15.0  # the 2026 reading lies after as_of
    assert set(off_track.points["kind"]) == {"observed", "target", "projection"}
    assert off_track.iso3 == "KOR"


def test_draw_pledge_trackers(verdicts: pd.DataFrame) -> None:
    panels = chapter.tracker_panels(verdicts, _observations())
    with plots.style_context():
        fig = plots.draw_pledge_trackers(panels * 2, ncols=3)  # 4 panels on a 2 x 3 grid
    try:
        axes = fig.get_axes()
        assert len(axes) == 6
        assert [ax.get_visible() for ax in axes] == [True] * 4 + [False] * 2
        assert axes[0].get_title(loc="left").startswith("P01 · United Kingdom")
        alt = plots.alt_text(fig)
        assert alt.count("Pledge tracker for") == 4
        assert "verdict: off track (provisional; 90%: " in alt
    finally:
        plt.close(fig)
    with pytest.raises(ValueError, match="no panels"):
        plots.draw_pledge_trackers([])


def test_pledge_tables_on_the_record() -> None:
    pledges, observations = load_pledges(), load_pledge_observations()
    verdicts = pledge_verdicts(pledges=pledges, observations=observations)
    assert chapter.verdict_counts(verdicts)["pledges"].sum() == len(pledges)
    table = pledge_tables.verdict_evidence(verdicts, pledges)
    assert table["ID"].tolist() == pledges["pledge_id"].tolist()
    sources = pledge_tables.verdict_sources(verdicts, pledges, observations)
    assert (sources["URL"].str.startswith("http")).all()
    assert (sources["Role"] == "target").sum() == len(pledges)
    assert (sources["Role"] == "assessed observation").sum() == verdicts[
        "assessed_date"
    ].notna().sum()
    unverifiable = pledge_tables.unverifiable_table(verdicts, observations)
    unjudged = verdicts["verdict"].isin(pledge_tables.UNJUDGED_VERDICTS)
    assert unverifiable["ID"].tolist() == verdicts.loc[unjudged, "pledge_id"].tolist()
    panels = chapter.tracker_panels(verdicts, observations)
    trackable = verdicts[
        (verdicts["n_observations"] > 0)
        & verdicts["target_value"].notna()
        & (verdicts["target_basis"] == "stated")
    ]
    assert [p.pledge_id for p in panels] == trackable["pledge_id"].tolist()


def test_context_table_formats_values(verdicts: pd.DataFrame) -> None:
    table = pledge_tables.context_table(
        pledge_tables.context_observations(verdicts, _observations())
    )
    assert table.to_dict("records") == [
        {"ID": "P01", "Date": "Jun 2021", "Observed": "3 services", "Publisher": "Pub P01"}
    ]
    context = pledge_tables.context_observations(verdicts, _observations())
    picked = pd.concat([context, context]).iloc[1:]  # a selection, as the chapter makes
    assert pledge_tables.context_table(picked).index.tolist() == [0]
    renamed = pledge_tables.context_observations(verdicts, _observations()).rename(
        columns={"date": "when"}
    )
    with pytest.raises(ValidationError, match=r"missing column\(s\) \['date'\]"):
        pledge_tables.context_table(renamed)
