"""Chapter 5's phrases say exactly what the computed intervals, Sobol' indices, audit and
caveats say."""

from __future__ import annotations

import pandas as pd
import pytest

from smartresearch.analysis import rank_uncertainty
from smartresearch.chapters import composite as chapter
from smartresearch.chapters import composite_audit, composite_views
from smartresearch.wording import ordinal, sentence_case, with_article


def small():
    rows = {"DNK": [0.9, 0.3], "KOR": [0.8, 0.9], "GBR": [0.5, 0.6], "FRA": [0.3, 0.2]}
    frames = {
        name: pd.DataFrame(
            {
                "iso3": list(rows),
                "country": list(rows),
                "year": 2024,
                "indicator": name,
                "value": [v[j] for v in rows.values()],
            }
        )
        for j, name in enumerate(("a", "b"))
    }
    return rank_uncertainty(frames, runs=600, seed=0, bootstrap=50)


def test_interval_phrase_reads_the_computed_interval() -> None:
    result = small()
    for iso3 in ("DNK", "KOR", "GBR", "FRA"):
        row = result.country(iso3)
        low, high = int(row["rank_low"]), int(row["rank_high"])
        phrase = chapter.interval_phrase(result, iso3)
        assert phrase.endswith("in 90% of runs")
        assert ordinal(low) in phrase and ordinal(high) in phrase
    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22)] == [
        "1st",
        "2nd",
        "3rd",
        "4th",
        "11th",
        "12th",
        "13th",
        "21st",
        "22nd",
    ]


def test_focus_intervals_and_editions_of_the_report() -> None:
    result = chapter.headline_uncertainty(runs=100)
    focus = chapter.focus_intervals(result)
    assert list(focus["iso3"]) == ["DNK", "KOR", "GBR"]
    assert (focus["rank_low"] <= focus["rank_high"]).all()
    assert chapter.editions_phrase(result) == "EGDI 2024 and GTMI 2025"


def test_interval_table_shows_leaders_and_focus_with_their_computed_intervals() -> None:
    result = small()
    shown = chapter.interval_table(result, ["FRA"], top=2)
    assert list(shown["Rank"]) == sorted(shown["Rank"])
    assert list(shown["Country"]) == ["South Korea", "Denmark", "France"]
    ranks = result.ranks.set_index("country")
    for row in shown.itertuples(index=False):
        low, high = int(ranks.at[row.Country, "rank_low"]), int(ranks.at[row.Country, "rank_high"])
        assert row[4] == (f"{low}" if low == high else f"{low}–{high}")
        column = result.countries.index(ranks.at[row.Country, "iso3"])
        assert row[5] == round(100 * float((result.rank_matrix[:, column] <= 2).mean()))


def test_variance_table_and_phrase_follow_the_shares() -> None:
    result = small()
    shown = chapter.variance_table(result)
    shares = result.variance_shares.sort_values("first_order", ascending=False)
    assert len(shown) == len(shares) + 1  # and one row for the interactions
    assert list(shown["First order (%)"])[:-1] == list((100 * shares["first_order"]).round(1))
    assert list(shown["Total order (%)"])[:-1] == list((100 * shares["total_order"]).round(1))
    assert shown["First order (%)"].iloc[-1] == round(100 * result.interaction_share, 1)
    assert shown["First order (%)"].sum() == pytest.approx(100, abs=0.5)
    phrase = chapter.variance_phrase(result)
    first = shares.iloc[0]
    assert phrase.startswith(f"the {chapter.CHOICE_NAMES[first['choice']]} ")
    assert f"{first['first_order']:.0%} of the rank variance on their own" in phrase
    assert f"({first['total_order']:.0%} counting their interactions)" in phrase
    assert f"{result.interaction_share:.0%} comes only from choices acting together" in phrase


def test_variance_phrase_names_an_inert_choice() -> None:
    rows = {"DNK": 3.0, "KOR": 2.0, "FRA": 1.0}
    frames = {n: _frame_of(n, rows) for n in ("a", "b")}
    result = rank_uncertainty(
        frames, runs=100, aggregations=("arithmetic",), normalisations=("minmax", "zscore")
    )
    assert result.variance_shares.empty
    assert chapter.variance_phrase(result) == (
        "no choice moved any rank: the normalisation and weights were varied and moved none"
    )


def test_order_phrase_counts_the_runs_that_keep_the_headline_order() -> None:
    result = small()
    cols = [result.countries.index(c) for c in ("KOR", "DNK")]
    headline = result.ranks.set_index("iso3")["rank"]
    first, second = cols if headline["KOR"] <= headline["DNK"] else cols[::-1]
    kept = (result.rank_matrix[:, first] < result.rank_matrix[:, second]).mean()
    phrase = chapter.order_phrase(result, ["KOR", "DNK"])
    assert phrase.endswith(f"holds in {kept:.0%} of the {len(result.runs):,} runs")


def test_with_article_only_where_the_name_takes_one() -> None:
    assert with_article("United Kingdom") == "the United Kingdom"
    assert with_article("Netherlands", capital=True) == "The Netherlands"
    assert with_article("Denmark") == "Denmark"


def test_extended_view_ranks_only_countries_every_index_covers() -> None:
    extended = composite_views.extended_view()
    ranked = extended[extended["included"]]
    assert (ranked["n_observed"] == ranked["n_components"]).all()
    assert "KOR" not in set(ranked["iso3"])  # not assessed by the EU benchmark
    shown = composite_views.extended_table(extended, chapter.headline_uncertainty(runs=50))
    assert list(shown["Extended rank"]) == sorted(shown["Extended rank"])


def test_sentence_case_keeps_country_names() -> None:
    assert sentence_case("the headline order (South Korea, Denmark)") == (
        "The headline order (South Korea, Denmark)"
    )
    assert sentence_case("") == ""


def test_median_rank_reads_as_a_rank() -> None:
    assert [chapter.fmt_rank(v) for v in (1.0, 13.0, 5.5, 10.0)] == ["1", "13", "5.5", "10"]
    shown = chapter.interval_table(small())
    medians = chapter.interval_table(small())["Median rank"]
    assert all(isinstance(m, str) and not m.endswith(".0") for m in medians)
    assert len(shown) == len(medians)


def test_interval_table_shows_each_index_alone_beside_the_composite() -> None:
    a = chapter.answer(runs=100)
    shown = a.interval_table()
    alone = chapter.component_ranks(a.result)
    by_name = a.result.ranks.set_index("country")["iso3"]
    for row in shown.itertuples(index=False):
        iso3 = by_name[row.Country]
        assert row[6] == str(int(alone.at[iso3, "EGDI"]))
        assert row[7] == str(int(alone.at[iso3, "GTMI"]))
    assert list(shown.columns[-2:]) == ["Rank on the EGDI alone", "Rank on the GTMI alone"]


def _frame_of(name: str, values: dict[str, float]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "iso3": list(values),
            "country": list(values),
            "year": 2024,
            "indicator": name,
            "value": list(values.values()),
        }
    )


def _frame(name: str, j: int) -> pd.DataFrame:
    rows = {"DNK": [0.9, 0.3], "KOR": [0.8, 0.9], "GBR": [0.5, 0.6], "FRA": [0.3, 0.2]}
    return pd.DataFrame(
        {
            "iso3": list(rows),
            "country": list(rows),
            "year": 2024,
            "indicator": name,
            "value": [v[j] for v in rows.values()],
        }
    )


def test_rank_change_phrase_gives_the_component_ranks_and_the_neighbour() -> None:
    result = chapter.headline_uncertainty(runs=20)
    ranks = chapter.component_ranks(result)
    for iso3 in chapter.fallen_countries(result):
        phrase = chapter.rank_change_phrase(result, iso3)
        for index in ranks.columns:
            assert f"{ordinal(int(ranks.at[iso3, index]))} on the {index}" in phrase
        assert f"puts it {ordinal(int(result.country(iso3)['rank']))}" in phrase
        assert phrase.endswith(chapter.TIES_RULE)
        assert int(result.country(iso3)["rank"]) > int(ranks.loc[iso3].min())
    # a country at its best single-index rank is not called fallen
    for iso3 in set(chapter.FOCUS) - set(chapter.fallen_countries(result)):
        assert int(result.country(iso3)["rank"]) <= int(ranks.loc[iso3].min())


def test_extended_missing_phrase_names_the_index_that_lacks_each_focus_country() -> None:
    extended = composite_views.extended_view()
    phrase = composite_views.extended_missing_phrase(extended)
    ranked = set(extended.loc[extended["included"], "iso3"])
    out = [c for c in chapter.FOCUS if c not in ranked]
    for c in out:
        assert with_article(chapter.country_name(c)) in phrase
    if len(out) > 1:
        assert " and " in phrase.split(" not among them")[0]
        assert ", " not in phrase.split(" not among them")[0] or len(out) > 2
    assert "EU benchmark" in phrase  # the index that assesses neither South Korea nor the UK


@pytest.fixture(scope="module")
def report_answer():
    return chapter.answer(runs=500)


def test_answer_says_what_the_intervals_cover(report_answer) -> None:
    a = report_answer
    assert "on one vintage of data (EGDI 2024 and GTMI 2025)" in a.coverage
    assert "do not cover change between editions" in a.coverage
    assert "measurement error" in a.coverage
    assert f"re-runs it {len(a.result.runs) - 1:,} times on these editions" in a.headline
    assert "each nominal weight ±25%" in a.headline and "Hazen percentile" in a.headline
    assert "pairing" not in a.headline and "missing-data rule" not in a.headline


def test_gtmi_caveat_stands_beside_every_rank_table(report_answer) -> None:
    a = report_answer
    mode = composite_views.collection_mode(2025)
    assert "not intended to create a ranking" in a.gtmi_note
    assert f"{mode.self_reported} of the {mode.economies}" in a.gtmi_note
    for note in (a.gtmi_table_note, a.editions_table_note):
        assert "not intended to create a ranking" in note
        assert "<" not in note and "*" not in note  # plain text for table notes
    for year in composite_views.gtmi_years(a.edition_ranks):
        assert f"{year}:" in a.editions_table_note
    assert "2020: all 198 economies collected from websites" in a.editions_table_note


def test_collection_records_match_the_economies_in_the_data() -> None:
    from smartresearch import datasets

    gtmi = datasets.load("gtmi")
    scored = gtmi[gtmi["indicator"] == "gtmi"].dropna(subset=["value"])
    for mode in composite_views.GTMI_COLLECTION:
        assert mode.self_reported + mode.remote == mode.economies
        assert mode.source.startswith("https://")
        held = scored.loc[scored["year"] == mode.edition, "iso3"].nunique()
        assert held == mode.economies, (mode.edition, held)


def test_without_gtmi_phrase_reads_the_egdi_alone_ranks(report_answer) -> None:
    a = report_answer
    alone = a.alone["EGDI"]
    for iso3 in chapter.FOCUS:
        name = with_article(chapter.country_name(iso3))
        head = int(a.result.country(iso3)["rank"])
        assert f"{name}{' would be' if iso3 == chapter.FOCUS[0] else ''} " in a.without_gtmi
        assert f"{ordinal(int(alone[iso3]))} ({ordinal(head)})" in a.without_gtmi
    head = a.result.ranks.set_index("iso3")["rank"].astype(float)
    kept = int(((head <= 10) & (alone.astype(float).reindex(head.index) <= 10)).sum())
    assert f"{kept} of the composite's top 10 stay in the top 10" in a.without_gtmi


def test_change_over_time_is_a_separate_view(report_answer) -> None:
    a = report_answer
    pairs = [c for c in a.edition_ranks.columns if c not in ("iso3", "country")]
    assert pairs[-1] == "EGDI 2024 + GTMI 2025" and len(pairs) == 3
    by = a.edition_ranks.set_index("iso3")
    for iso3 in chapter.FOCUS:
        path = ", ".join(ordinal(int(by.at[iso3, p])) for p in pairs)
        assert path in a.over_time
    # the latest pair's ranks are the headline ranks
    head = a.result.ranks.set_index("iso3")["rank"]
    assert all(int(by.at[c, pairs[-1]]) == int(head[c]) for c in chapter.FOCUS)
    assert "not uncertainty" in a.over_time
    table = a.edition_table()
    assert list(table.columns) == ["Country", *pairs]


def test_audit_sentences_read_the_audit(report_answer) -> None:
    a = report_answer
    r = a.audit.r("EGDI", "GTMI")
    row = a.audit.coherence.iloc[0]
    text = a.audit_findings
    assert f"correlate at r = {r:.2f}" in text and f"α is {row['alpha']:.2f}" in text
    assert f"{1 - r**2:.0%} of each index's variance is not shared" in text
    for pair in a.audit.overlap.itertuples(index=False):
        assert f"at r = {pair.r:.2f}" in text
    info = a.information_table()
    assert info["Effective weight (%)"].iloc[:7].sum() == pytest.approx(100, abs=0.2)


def test_coherence_wording_changes_when_the_indices_disagree() -> None:
    tables = {
        "egdi": _audit_table("egdi", ["osi", "hci", "tii"], 2024, seed=1),
        "gtmi": _audit_table("gtmi", ["cgsi", "psdi", "dcei", "gtei"], 2025, seed=2),
    }
    iso = [f"C{i:02d}" for i in range(30)]
    score = pd.Series(range(30), index=pd.Index(iso, name="iso3"), dtype=float)
    got = composite_audit.framework_audit(score, {"EGDI": 2024, "GTMI": 2025}, tables=tables)
    phrase = composite_audit.coherence_phrase(got)
    assert "below 0.7" in phrase and "hides the disagreement" in phrase
    result = small()
    assert "disagree enough" in composite_audit.ranking_consequence(got, result)


def _audit_table(index: str, pillars: list[str], year: int, seed: int) -> pd.DataFrame:
    import numpy as np

    rng = np.random.default_rng(seed)
    iso = [f"C{i:02d}" for i in range(30)]
    values = {p: rng.uniform(size=30) for p in pillars}
    values[index] = sum(values.values()) / len(pillars)
    return pd.DataFrame(
        [
            {"iso3": c, "country": c, "year": year, "indicator": k, "value": v[i]}
            for k, v in values.items()
            for i, c in enumerate(iso)
        ]
    )


def test_summary_line_is_the_chapters_wording(report_answer) -> None:
    line = chapter.summary_line(result=report_answer.result)
    for iso3 in chapter.FOCUS:
        assert chapter.interval_phrase(report_answer.result, iso3) in line
    assert chapter.dominant_choice_phrase(report_answer.result) in line
    assert "not intended to create a ranking" in line
    assert "without the GTMI" in line
    assert "not change between editions" in line


def test_methods_page_states_the_rule_the_code_applies() -> None:
    from pathlib import Path

    from smartresearch.analysis import audit
    from smartresearch.analysis import uncertainty as u

    text = " ".join((Path(__file__).parents[1] / "report" / "methods.qmd").read_text().split())
    assert f"{chapter.RUNS:,} times (seed {chapter.SEED})" in text
    assert chapter.RUNS == u.DEFAULT_RUNS and chapter.SEED == 0
    assert f"±{u.DEFAULT_WEIGHT_RANGE:.0%} of its value" in text
    low = 0.5 * (1 - u.DEFAULT_WEIGHT_RANGE)
    assert f"between {low:.1%} and {1 - low:.1%}" in text
    assert f"({u.DEFAULT_BOOTSTRAP} resamples)" in text
    assert f"{audit.ALPHA_COHERENT:g} as the rule of thumb" in text
    assert f"above {audit.REDUNDANT_R:g} as possible double counting" in text
    assert "**not** change between editions" in text
