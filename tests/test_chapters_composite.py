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
