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
