"""The corpus summaries behind the conversation and pledge chapters.

Each summary is checked two ways: on the real corpus and curated tables (properties that
must hold whatever the numbers: shares sum to 100, counts add up, every pledge appears
once), and on small frames built to have a known answer or to be broken in the ways a
user's own tables break (a renamed column, a report from another corpus, a stray space
in "unattributed ").
"""

from __future__ import annotations

import math

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from corpus_support import corpus  # noqa: E402

from smartresearch import plots  # noqa: E402
from smartresearch.corpus import (  # noqa: E402
    load_claims,
    load_pledge_observations,
    load_pledges,
    pledge_verdicts,
    removal_report,
    score_extraction,
    themes_by_document,
)
from smartresearch.corpus import summaries as s  # noqa: E402
from smartresearch.corpus.pledges import VERDICTS  # noqa: E402
from smartresearch.errors import ValidationError  # noqa: E402


@pytest.fixture(scope="module")
def documents() -> pd.DataFrame:
    return corpus()


@pytest.fixture(scope="module")
def themes(documents: pd.DataFrame) -> pd.DataFrame:
    return themes_by_document(documents)


# ------------------------------------------------------------------------ formatting


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (33.0, "% of central government purchasing", "33% of central government purchasing"),
        (26.5, "%", "26.5%"),
        (350_000_000.0, "GBP", "£350 million"),
        (7_400_000.0, "GBP", "£7.4 million"),
        (25_000_000.0, "users", "25 million users"),
        (5_170_000.0, "citizens", "5.17 million citizens"),
        (2.5e9, "USD", "$2.5 billion"),
        (3827.0, "vacancies", "3,827 vacancies"),
        (0.0, "services", "0 services"),
        (89.72183, "services", "89.7 services"),
        (float("nan"), "users", "no value"),
    ],
)
def test_format_quantity(value: float, unit: str, expected: str) -> None:
    assert s.format_quantity(value, unit) == expected


# ---------------------------------------------------------------------------- themes


def _themes(rows: list[tuple[str, int | None, str, int, int]]) -> pd.DataFrame:
    """A themes_by_document-like frame from (doc_id, year, theme, hits, words) rows."""
    frame = pd.DataFrame(rows, columns=["doc_id", "event_year", "theme", "hits", "words"])
    frame["label"] = frame["theme"].str.upper()
    frame["rate_per_1000"] = 1000 * frame["hits"] / frame["words"]
    return frame.astype({"event_year": "Int64"})


def test_theme_periods_split_at_the_lower_median(themes: pd.DataFrame) -> None:
    years = sorted(themes["event_year"].dropna().astype(int).unique())
    early, late = s.theme_periods(themes)
    assert list(early) + list(late) == years
    assert len(early) - len(late) in (0, 1)
    assert s.theme_periods(themes, split_year=years[0]) == ((years[0],), tuple(years[1:]))


def test_theme_periods_refuse_a_split_with_nothing_to_compare() -> None:
    one_year = _themes([("a", 2020, "x", 1, 100), ("b", 2020, "x", 2, 100)])
    with pytest.raises(ValidationError, match=r"event_year.*\[2020\]"):
        s.theme_periods(one_year)
    two_years = _themes([("a", 2020, "x", 1, 100), ("b", 2022, "x", 2, 100)])
    with pytest.raises(ValidationError, match="split_year=2022 leaves no documents"):
        s.theme_periods(two_years, split_year=2022)
    with pytest.raises(ValidationError, match=r"missing column\(s\) \['event_year'\]"):
        s.theme_periods(two_years.rename(columns={"event_year": "year"}))


def test_theme_shifts_read_direction_from_the_share_not_the_rate() -> None:
    # The later article mentions everything five times as often (a denser genre): every
    # rate rises, but only "b" takes a larger part of the conversation.
    frame = _themes(
        [
            ("early", 2020, "a", 6, 1000),
            ("early", 2020, "b", 2, 1000),
            ("early", 2020, "c", 2, 1000),
            ("late", 2024, "a", 10, 500),
            ("late", 2024, "b", 10, 500),
            ("late", 2024, "c", 5, 500),
        ]
    )
    shifts = s.theme_shifts(frame).set_index("theme")
    assert (shifts["rate_change"] > 0).all()
    assert shifts.loc["a", "early_share"] == pytest.approx(60.0)
    assert shifts.loc["a", "late_share"] == pytest.approx(40.0)
    assert shifts.loc["b", "share_change"] == pytest.approx(20.0)
    assert shifts.loc["c", "share_change"] == pytest.approx(0.0)
    assert shifts["direction"].to_dict() == {"a": "falling", "b": "rising", "c": "steady"}
    assert shifts.loc["b", "early_rate"] == pytest.approx(2.0)
    assert shifts.loc["b", "late_rate"] == pytest.approx(20.0)
    assert list(shifts.index) == ["b", "c", "a"]  # largest share rise first


def test_shift_phrase_lists_the_largest_moves_first() -> None:
    frame = _themes(
        [("e", 2020, t, h, 100) for t, h in (("a", 6), ("b", 2), ("c", 2))]
        + [("l", 2024, t, h, 100) for t, h in (("a", 2), ("b", 5), ("c", 3))]
    )
    shifts = s.theme_shifts(frame)
    assert s.shift_phrase(shifts, "rising") == (
        "B (20.0% → 50.0% of mentions) and C (20.0% → 30.0% of mentions)"
    )
    assert s.shift_phrase(shifts, "rising", top=1) == "B (20.0% → 50.0% of mentions)"
    assert s.shift_phrase(shifts, "falling") == "A (60.0% → 20.0% of mentions)"
    assert s.shift_phrase(shifts, "steady") == "none"
    with pytest.raises(ValueError, match="'up'"):
        s.shift_phrase(shifts, "up")


def test_theme_shifts_pool_documents_of_a_year_and_average_the_years() -> None:
    frame = _themes(
        [
            ("long", 2020, "a", 10, 4000),  # pooled 2020 rate: (10 + 2) / 5000 words
            ("short", 2020, "a", 2, 1000),
            ("other", 2021, "a", 0, 1000),
            ("late", 2023, "a", 3, 1000),
            ("undated", None, "a", 50, 100),  # no year: cannot be placed, left out
        ]
    )
    shift = s.theme_shifts(frame, split_year=2021, pooling="years").iloc[0]
    assert shift["early_rate"] == pytest.approx((2.4 + 0.0) / 2)
    assert shift["late_rate"] == pytest.approx(3.0)
    assert shift["peak_year"] == 2023
    assert shift["years_mentioned"] == 2


def test_theme_shifts_pool_mentions_by_default_and_report_what_survives() -> None:
    # a long early article and a short one disagree; pooled, the long one weighs more
    frame = _themes(
        [
            ("long", 2019, "a", 90, 9000),
            ("long", 2019, "b", 10, 9000),
            ("short", 2020, "a", 1, 100),
            ("short", 2020, "b", 9, 100),
            ("late", 2024, "a", 50, 1000),
            ("late", 2024, "b", 50, 1000),
        ]
    )
    pooled = s.theme_shifts(frame, split_year=2020).set_index("theme")
    assert pooled.loc["a", "early_share"] == pytest.approx(100 * 91 / 110)
    assert pooled.loc["a", "early_rate"] == pytest.approx(1000 * 91 / 9100)
    per_year = s.theme_shifts(frame, split_year=2020, pooling="years").set_index("theme")
    assert per_year.loc["a", "early_share"] == pytest.approx((90 + 10) / 2)
    robust = s.shift_robustness(frame, split_year=2020).set_index("theme")
    # pooled, "a" falls from 82.7% to 50%; per year it stays at 50%: it does not survive
    assert robust.loc["a", "direction_mentions"] == "falling"
    assert robust.loc["a", "direction_articles"] == "steady"
    assert not robust["survives"].any()
    with pytest.raises(ValueError, match="'words'"):
        s.theme_shifts(frame, pooling="words")


def test_theme_shifts_threshold_and_bad_input() -> None:
    frame = _themes(
        [("e", 2020, "a", 1, 100), ("e", 2020, "b", 1, 100), ("l", 2021, "a", 11, 100)]
        + [("l", 2021, "b", 9, 100)]
    )
    assert set(s.theme_shifts(frame, min_change=6.0)["direction"]) == {"steady"}  # moves 5 points
    assert set(s.theme_shifts(frame, min_change=1.0)["direction"]) == {"rising", "falling"}
    with pytest.raises(ValueError, match="min_change"):
        s.theme_shifts(frame, min_change=-1)
    with pytest.raises(ValidationError, match=r"missing column\(s\) \['hits'\]"):
        s.theme_shifts(frame.drop(columns="hits"))


def test_theme_shifts_on_the_corpus(themes: pd.DataFrame) -> None:
    shifts = s.theme_shifts(themes)
    assert sorted(shifts["theme"]) == sorted(themes["theme"].unique())
    # each year's shares sum to 100, so each period's mean shares do too
    assert shifts["early_share"].sum() == pytest.approx(100.0)
    assert shifts["late_share"].sum() == pytest.approx(100.0)
    assert shifts["share_change"].is_monotonic_decreasing
    assert set(shifts["direction"]) <= set(s.DIRECTIONS)
    table = s.theme_shift_table(shifts, *s.theme_periods(themes))
    assert len(table) == len(shifts)
    assert table.columns[0] == "Theme"
    assert any("% of mentions" in c for c in table.columns)


def test_mention_density_counts_words_once_per_document(
    themes: pd.DataFrame, documents: pd.DataFrame
) -> None:
    density = s.mention_density(themes)
    words = documents.groupby("event_year")["words"].sum()
    assert density.set_index("event_year")["words"].to_dict() == words.astype(int).to_dict()
    assert density["hits"].sum() == themes["hits"].sum()
    assert density["documents"].sum() == len(documents)
    with pytest.raises(ValidationError, match=r"missing column\(s\) \['words'\]"):
        s.mention_density(themes.drop(columns="words"))


# -------------------------------------------------------------------------- cleaning


def test_cleaning_summary_on_the_corpus(documents: pd.DataFrame) -> None:
    removals = removal_report()
    summary = s.cleaning_summary(documents, removals)
    assert list(summary["doc_id"]) == list(documents["doc_id"])
    assert (summary["removed_share"] == summary["removed_chars"] / summary["raw_chars"]).all()
    assert summary["removed_share"].between(0, 1).all()
    for row in summary.itertuples(index=False):
        own = removals[removals["doc_id"] == row.doc_id]
        largest = own.sort_values("chars", ascending=False)["kind"].iloc[0]
        assert row.main_kinds.split(", ")[0] == largest.replace("_", " ")
        assert len(row.main_kinds.split(", ")) == min(len(own), s.MAIN_KINDS)
    table = s.cleaning_table(summary)
    assert table["% removed"].between(0, 100).all()


def test_cleaning_summary_refuses_a_report_of_another_corpus(documents: pd.DataFrame) -> None:
    removals = removal_report()
    altered = removals.copy()
    altered.loc[0, "chars"] += 1
    with pytest.raises(ValidationError, match=str(altered.loc[0, "doc_id"])):
        s.cleaning_summary(documents, altered)
    stranger = pd.concat(
        [
            removals,
            pd.DataFrame([{"doc_id": "not-here", "kind": "advert", "blocks": 1, "chars": 9}]),
        ]
    )
    with pytest.raises(ValidationError, match="not-here"):
        s.cleaning_summary(documents, stranger)
    with pytest.raises(ValidationError, match=r"missing column\(s\) \['chars'\]"):
        s.cleaning_summary(documents, removals.rename(columns={"chars": "characters"}))


# ---------------------------------------------------------------------------- claims


def _claims() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "claim_id": ["C001", "C002", "C003", "C004"],
            "doc_id": ["d2", "d1", "d1", "d2"],
            "value": [25e6, 33.0, 7.4e6, 2.0],
            "unit": ["users", "%", "GBP", "times"],
            "kind": ["count", "percentage", "money", "multiple"],
            "measure": ["m1", "m2", "m3", "m4"],
            "subject": ["GBR", "GBR", "techUK", "DNK"],
            "attributed_source": ["NAO", " Unattributed ", "unattributed", "Netcompany"],
        }
    )


def _docs() -> pd.DataFrame:
    return pd.DataFrame({"doc_id": ["d1", "d2"], "event_year": [2017, 2025], "kind": ["a", "b"]})


def test_claim_attribution_by_subject_names_countries_and_reads_messy_labels() -> None:
    counts = s.claim_attribution(_claims(), "subject").set_index("subject")
    assert counts.loc["United Kingdom", ["claims", "attributed", "unattributed"]].tolist() == [
        2,
        1,
        1,
    ]
    assert counts.loc["Denmark", "share_attributed"] == 1.0
    assert counts.loc["techUK", "unattributed"] == 1


def test_claim_attribution_by_year_needs_the_documents() -> None:
    counts = s.claim_attribution(_claims(), "event_year", documents=_docs())
    assert counts["event_year"].tolist() == [2017, 2025]
    assert counts["unattributed"].tolist() == [2, 0]
    with pytest.raises(ValueError, match="documents="):
        s.claim_attribution(_claims(), "event_year")
    with pytest.raises(ValidationError, match="d2"):
        s.claim_attribution(_claims(), "event_year", documents=_docs().iloc[:1])
    with pytest.raises(ValidationError, match="'topic' is not a column"):
        s.claim_attribution(_claims(), "topic")


def test_claim_attribution_on_the_record(documents: pd.DataFrame) -> None:
    claims = load_claims()
    for by in ("subject", "kind", "doc_id", "event_year"):
        counts = s.claim_attribution(claims, by, documents=documents)
        assert counts["claims"].sum() == len(claims)
        assert (counts["attributed"] + counts["unattributed"] == counts["claims"]).all()
    by_year = s.claim_attribution(claims, "event_year", documents=documents)
    alt = s.attribution_alt_text(by_year, "event_year", "year")
    unattributed = int((claims["attributed_source"] == s.UNATTRIBUTED).sum())
    assert f"the {len(claims)} figures" in alt
    assert f"{unattributed} unattributed" in alt


def test_claims_table_orders_by_year_and_formats_figures() -> None:
    table = s.claims_table(_claims(), _docs())
    assert table["Year"].tolist() == [2017, 2017, 2025, 2025]
    assert table["Figure"].tolist() == ["33%", "£7.4 million", "25 million users", "2 times"]
    assert table["About"].tolist() == ["United Kingdom", "techUK", "United Kingdom", "Denmark"]
    with pytest.raises(ValidationError, match=r"missing column\(s\) \['measure'\]"):
        s.claims_table(_claims().drop(columns="measure"), _docs())


def test_extraction_table_names_documents_by_year(documents: pd.DataFrame) -> None:
    scores = score_extraction(documents)
    table = s.extraction_table(scores, documents)
    assert table["Document"].iloc[-1] == "All documents"
    assert table["Document"].iloc[:-1].str.match(r"\d{4} ").all()
    assert table["Matched"].iloc[-1] == table["Matched"].iloc[:-1].sum()
    with pytest.raises(ValidationError, match="elsewhere"):
        s.extraction_table(
            pd.concat([scores, scores.iloc[:1].assign(doc_id="elsewhere")]), documents
        )


# --------------------------------------------------------------------------- pledges


def _pledges() -> pd.DataFrame:
    base = {
        "subject": "GBR",
        "measure": "m",
        "direction": "at least",
        "deadline_basis": "b",
        "pledged_by": "p",  # who made the pledge
        "doc_ids": "x",
        "target_outcome_id": None,
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
        ("P04", "2026-12-31", "2026", 99.0, "%"),  # after as_of: must not be seen
    ]
    frame = pd.DataFrame(rows, columns=["pledge_id", "date", "period", "value", "unit"])
    frame["date"] = pd.to_datetime(frame["date"])
    frame["source_title"] = "Obs " + frame["period"]
    frame["publisher"] = "Pub " + frame["pledge_id"]
    frame["url"] = "https://example.org/" + frame["pledge_id"]
    return frame


@pytest.fixture
def verdicts() -> pd.DataFrame:
    return pledge_verdicts("2025-06-30", pledges=_pledges(), observations=_observations())


def test_verdict_counts_cover_every_verdict(verdicts: pd.DataFrame) -> None:
    counts = s.verdict_counts(verdicts).set_index("verdict")["pledges"]
    assert list(counts.index) == list(VERDICTS)
    assert counts.to_dict() == {
        "met": 0,
        "missed": 1,
        "closed short of target": 0,
        "re-dated": 0,
        "on track": 0,
        "off track": 1,
        "not verifiable": 2,
    }
    with pytest.raises(ValidationError, match="'maybe'"):
        s.verdict_counts(verdicts.assign(verdict="maybe"))


def test_verdict_phrase(verdicts: pd.DataFrame) -> None:
    assert s.verdict_phrase(verdicts) == "1 missed, 1 off track and 2 not verifiable"
    assert s.verdict_phrase(verdicts.iloc[:1]) == "1 missed"
    assert s.verdict_phrase(verdicts.iloc[:0]) == "no pledges"


def test_projection_phrase(verdicts: pd.DataFrame) -> None:
    phrase = s.projection_phrase(verdicts)
    projected = verdicts.set_index("pledge_id").loc["P04", "projected_value"]
    assert (
        phrase
        == f"P04 is projected to reach {s.format_quantity(projected, '%')} against a target of 50%"
    )
    assert s.projection_phrase(verdicts[verdicts["pledge_id"] == "P01"]) == ""


def test_verdict_table_states_target_evidence_and_source(verdicts: pd.DataFrame) -> None:
    table = s.verdict_table(verdicts, _pledges()).set_index("ID")
    assert table.loc["P01", "Target"] == "at least 100 users by Dec 2020"
    assert table.loc["P01", "Evidence"] == "60 users (Jan 2021)"
    assert table.loc["P02", "Target"] == "no numeric target on record"
    assert table.loc["P03", "Target"] == "at least £5 million"
    assert table.loc["P03", "Evidence"] == "none comparable"
    assert table.loc["P04", "Evidence"].startswith("14% (Dec 2024); trend gives ")
    assert table.loc["P04", "Country"] == "South Korea"
    assert (table["Pledged by"] == "p").all()
    with pytest.raises(ValidationError, match="P04"):
        s.verdict_table(verdicts, _pledges().iloc[:3])


def test_verdict_sources_name_the_assessed_observation(verdicts: pd.DataFrame) -> None:
    sources = s.verdict_sources(verdicts, _pledges(), _observations())
    assert sources["ID"].value_counts().to_dict() == {"P01": 2, "P04": 2, "P02": 1, "P03": 1}
    used = sources[(sources["ID"] == "P01") & (sources["Role"] == "assessed observation")]
    assert used["Title"].tolist() == ["Obs Jan 2021"]
    missing = _observations().drop(index=1)  # the Jan 2021 reading P01 was judged on
    with pytest.raises(ValidationError, match="P01"):
        s.verdict_sources(verdicts, _pledges(), missing)


def test_context_and_unverifiable_tables(verdicts: pd.DataFrame) -> None:
    context = s.context_observations(verdicts, _observations())
    assert context[["pledge_id", "unit"]].values.tolist() == [["P01", "services"]]
    table = s.unverifiable_table(verdicts, _observations()).set_index("ID")
    assert list(table.index) == ["P02", "P03"]
    assert table.loc["P02", "On record"] == "4.7 million users (Mar 2021)"
    assert table.loc["P03", "On record"] == "nothing on record"
    assert table.loc["P02", "Why no verdict"] == "no numeric target on record"


def test_tracker_panels_need_a_target_and_an_observation(verdicts: pd.DataFrame) -> None:
    panels = s.tracker_panels(verdicts, _observations())
    assert [p.pledge_id for p in panels] == ["P01", "P04"]
    off_track = panels[1]
    observed = off_track.points[off_track.points["kind"] == "observed"]
    assert observed["value"].max() == 14.0  # the 2026 reading lies after as_of
    assert set(off_track.points["kind"]) == {"observed", "target", "projection"}
    assert off_track.iso3 == "KOR"


def test_draw_pledge_trackers(verdicts: pd.DataFrame) -> None:
    panels = s.tracker_panels(verdicts, _observations())
    with plots.style_context():
        fig = s.draw_pledge_trackers(panels * 2, ncols=3)  # 4 panels on a 2 x 3 grid
    try:
        axes = fig.get_axes()
        assert len(axes) == 6
        assert [ax.get_visible() for ax in axes] == [True] * 4 + [False] * 2
        assert axes[0].get_title(loc="left").startswith("P01 · United Kingdom")
        alt = plots.alt_text(fig)
        assert alt.count("Pledge tracker for") == 4
        assert "verdict: off track" in alt
    finally:
        plt.close(fig)
    with pytest.raises(ValueError, match="no panels"):
        s.draw_pledge_trackers([])


def test_pledge_summaries_on_the_record() -> None:
    pledges, observations = load_pledges(), load_pledge_observations()
    verdicts = pledge_verdicts(pledges=pledges, observations=observations)
    assert s.verdict_counts(verdicts)["pledges"].sum() == len(pledges)
    table = s.verdict_table(verdicts, pledges)
    assert table["ID"].tolist() == pledges["pledge_id"].tolist()
    sources = s.verdict_sources(verdicts, pledges, observations)
    assert (sources["URL"].str.startswith("http")).all()
    assert (sources["Role"] == "target").sum() == len(pledges)
    assert (sources["Role"] == "assessed observation").sum() == verdicts[
        "assessed_date"
    ].notna().sum()
    unverifiable = s.unverifiable_table(verdicts, observations)
    assert len(unverifiable) == (verdicts["verdict"] == "not verifiable").sum()
    panels = s.tracker_panels(verdicts, observations)
    trackable = verdicts[(verdicts["n_observations"] > 0) & verdicts["target_value"].notna()]
    assert [p.pledge_id for p in panels] == trackable["pledge_id"].tolist()


def test_attribution_table_and_chart() -> None:
    counts = s.claim_attribution(_claims(), "event_year", documents=_docs())
    table = s.attribution_table(counts, "event_year", "Year")
    assert table.columns.tolist()[0] == "Year"
    assert table["% credited"].tolist() == [0, 100]
    with plots.style_context():
        ax = s.plot_claim_attribution(counts, "event_year", what="year")
    try:
        assert [t.get_text() for t in ax.get_yticklabels()] == ["2017", "2025"]
        widths = [patch.get_width() for patch in ax.patches]
        assert widths == [0, 2, 2, 0]  # credited bars first, then unattributed
        alt = plots.alt_text(ax)
        assert alt.startswith("Stacked bar chart of the 4 figures quoted in the corpus by year")
        assert "(2 of 2) are in 2017" in alt
    finally:
        plt.close(ax.figure)
    with pytest.raises(ValidationError, match=r"missing column\(s\) \['unattributed'\]"):
        s.plot_claim_attribution(counts.drop(columns="unattributed"), "event_year", what="year")


def test_context_table_formats_values(verdicts: pd.DataFrame) -> None:
    table = s.context_table(s.context_observations(verdicts, _observations()))
    assert table.to_dict("records") == [
        {"ID": "P01", "Period": "Jun 2021", "Observed": "3 services", "Publisher": "Pub P01"}
    ]
    renamed = s.context_observations(verdicts, _observations()).rename(columns={"period": "when"})
    with pytest.raises(ValidationError, match=r"missing column\(s\) \['period'\]"):
        s.context_table(renamed)
