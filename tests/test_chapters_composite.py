"""Chapter 5's phrases say exactly what the computed intervals say."""

from __future__ import annotations

import pandas as pd

from smartresearch.analysis import rank_uncertainty
from smartresearch.chapters import composite as chapter


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
    return rank_uncertainty(frames, runs=300, seed=0)


def test_interval_phrase_reads_the_computed_interval() -> None:
    result = small()
    for iso3 in ("DNK", "KOR", "GBR", "FRA"):
        row = result.country(iso3)
        low, high = int(row["rank_low"]), int(row["rank_high"])
        phrase = chapter.interval_phrase(result, iso3)
        assert phrase.endswith("in 90% of runs")
        assert chapter.ordinal(low) in phrase and chapter.ordinal(high) in phrase
    assert [chapter.ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22)] == [
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
    assert chapter.editions_phrase(result) == " and ".join(
        f"{r.component} {r.year}" for r in result.editions.query("pairing == 'latest'").itertuples()
    )


def test_interval_table_shows_leaders_and_focus_with_their_computed_intervals() -> None:
    result = small()
    shown = chapter.interval_table(result, ["FRA"], top=2)
    assert list(shown["Rank"]) == sorted(shown["Rank"])
    assert list(shown["Country"]) == ["South Korea", "Denmark", "France"]
    ranks = result.ranks.set_index("country")
    for row in shown.itertuples(index=False):
        low, high = int(ranks.at[row.Country, "rank_low"]), int(ranks.at[row.Country, "rank_high"])
        assert row[4] == f"{low}–{high}"
        column = result.countries.index(ranks.at[row.Country, "iso3"])
        assert row[5] == round(100 * float((result.rank_matrix[:, column] <= 2).mean()))


def test_variance_table_and_phrase_follow_the_shares() -> None:
    result = small()
    shown = chapter.variance_table(result)
    shares = result.variance_shares.sort_values("share", ascending=False)
    assert len(shown) == len(shares)
    assert list(shown["Share of rank variance (%)"]) == list((100 * shares["share"]).round(1))
    phrase = chapter.variance_phrase(result)
    first = shares.iloc[0]
    assert phrase.startswith(f"the {chapter.CHOICE_NAMES[first['choice']].split(' (')[0]} ")
    assert f"({first['share']:.0%})" in phrase


def test_order_phrase_counts_the_runs_that_keep_the_headline_order() -> None:
    result = small()
    cols = [result.countries.index(c) for c in ("KOR", "DNK")]
    headline = result.ranks.set_index("iso3")["rank"]
    first, second = cols if headline["KOR"] <= headline["DNK"] else cols[::-1]
    kept = (result.rank_matrix[:, first] < result.rank_matrix[:, second]).mean()
    phrase = chapter.order_phrase(result, ["KOR", "DNK"])
    assert phrase.endswith(f"holds in {kept:.0%} of the {len(result.runs):,} runs")


def test_with_article_only_where_the_name_takes_one() -> None:
    assert chapter.with_article("United Kingdom") == "the United Kingdom"
    assert chapter.with_article("Netherlands", capital=True) == "The Netherlands"
    assert chapter.with_article("Denmark") == "Denmark"


def test_extended_view_ranks_only_countries_every_index_covers() -> None:
    extended = chapter.extended_view()
    ranked = extended[extended["included"]]
    assert (ranked["n_observed"] == ranked["n_components"]).all()
    assert "KOR" not in set(ranked["iso3"])  # not assessed by the EU benchmark
    shown = chapter.extended_table(extended, chapter.headline_uncertainty(runs=50))
    assert list(shown["Extended rank"]) == sorted(shown["Extended rank"])


def test_sentence_case_keeps_country_names() -> None:
    from smartresearch.chapters.composite import sentence_case

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


def test_interval_table_with_the_pairing_fixed_shows_that_interval() -> None:
    result = small()
    fixed = rank_uncertainty(
        {"a": _frame("a", 0), "b": _frame("b", 1)}, runs=50, seed=0, pairings=("latest",)
    )
    shown = chapter.interval_table(result, ["FRA"], top=2, fixed=fixed)
    column = "Rank in 90% of runs, latest editions only"
    for row in shown.itertuples(index=False):
        iso3 = result.ranks.set_index("country").at[row.Country, "iso3"]
        got = fixed.country(iso3)
        assert row[5] == f"{int(got['rank_low'])}–{int(got['rank_high'])}"
    assert column in shown.columns


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


def test_not_ranked_phrase_names_each_left_out_country_and_its_missing_index() -> None:
    result = chapter.headline_uncertainty(runs=20)
    phrase = chapter.not_ranked_phrase(result, chapter.imputed_ranks())
    for row in result.not_ranked.itertuples(index=False):
        assert row.country in phrase and row.missing in phrase
        assert row.iso3 not in set(result.ranks["iso3"])
    assert ", and " not in phrase and " are not ranked" in phrase


def test_rank_change_phrase_gives_the_component_ranks_and_the_neighbour() -> None:
    result = chapter.headline_uncertainty(runs=20)
    ranks = chapter.component_ranks(result)
    for iso3 in chapter.fallen_countries(result):
        phrase = chapter.rank_change_phrase(result, iso3)
        for index in ranks.columns:
            assert f"{chapter.ordinal(int(ranks.at[iso3, index]))} on the {index}" in phrase
        assert f"puts it {chapter.ordinal(int(result.country(iso3)['rank']))}" in phrase
        assert phrase.endswith(chapter.TIES_RULE)
        assert int(result.country(iso3)["rank"]) > int(ranks.loc[iso3].min())
    # a country at its best single-index rank is not called fallen
    for iso3 in set(chapter.FOCUS) - set(chapter.fallen_countries(result)):
        assert int(result.country(iso3)["rank"]) <= int(ranks.loc[iso3].min())


def test_extended_missing_phrase_names_the_index_that_lacks_each_focus_country() -> None:
    extended = chapter.extended_view()
    phrase = chapter.extended_missing_phrase(extended)
    ranked = set(extended.loc[extended["included"], "iso3"])
    out = [c for c in chapter.FOCUS if c not in ranked]
    for c in out:
        assert chapter.with_article(chapter.country_name(c)) in phrase
    if len(out) > 1:
        assert " and " in phrase.split(" not among them")[0]
        assert ", " not in phrase.split(" not among them")[0] or len(out) > 2
    assert "EU benchmark" in phrase  # the index that assesses neither South Korea nor the UK
