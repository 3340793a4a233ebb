"""Chapter 3 calls one pair closer than another only when the intervals on rho allow it."""

from __future__ import annotations

import pandas as pd

from smartresearch.analysis.concordance import spearman_interval
from smartresearch.chapters import agreement


def table(pairs: list[tuple[str, str, float, int]]) -> pd.DataFrame:
    rows = []
    for a, b, rho, n in pairs:
        low, high = spearman_interval(rho, n)
        rows.append(
            {
                "a": a,
                "b": b,
                "year_a": 2022,
                "year_b": 2022,
                "n": n,
                "spearman": rho,
                "spearman_low": low,
                "spearman_high": high,
                "kendall": rho * 0.7,
            }
        )
    return pd.DataFrame(rows)


LABELS = {"A": "A 2022", "B": "B 2022", "C": "C 2022"}


def test_overlapping_intervals_are_not_ranked() -> None:
    sentence = agreement.closest_and_weakest(
        table([("A", "B", 0.6, 24), ("A", "C", 0.5, 24)]), LABELS
    )
    assert "overlap" in sentence and "closest agreement" not in sentence


def test_separate_intervals_name_the_closest_and_weakest() -> None:
    frame = table([("A", "B", 0.95, 190), ("A", "C", 0.2, 190), ("B", "C", 0.94, 190)])
    sentence = agreement.closest_and_weakest(frame, LABELS)
    assert sentence.startswith("The closest agreement is between **A 2022** and **B 2022**")
    assert "cannot be told apart from B 2022–C 2022" in sentence
    shown = agreement.correlation_table(frame)
    assert shown["ρ, 95% interval"].iloc[0] == (
        f"{frame['spearman_low'].iloc[0]:.2f} to {frame['spearman_high'].iloc[0]:.2f}"
    )


def test_provenance_markdown_names_the_three_provenance_caveats() -> None:
    from smartresearch.analysis import panels
    from smartresearch.chapters import agreement as chapter

    panel = panels.latest_index_panel()
    text = chapter.provenance_markdown(panel)
    lines = text.splitlines()
    assert {line.split("**")[1] for line in lines} == {"EGDI", "OECD DGI", "GTMI"}
    assert "third-party re-save" in text and "PDF" in text and "not ranks" in text
    only = chapter.provenance_markdown(panel, ["GTMI"])
    assert only.startswith("- **GTMI**: ") and len(only.splitlines()) == 1


def test_field_ranges_phrase_keeps_world_and_regional_pairs_apart():
    import pandas as pd

    from smartresearch.chapters.agreement import field_ranges_phrase

    rows = pd.DataFrame(
        {
            "a": ["EGDI", "EGDI", "OECD DGI", "EGDI"],
            "b": ["GTMI", "OECD DGI", "EU benchmark", "EU benchmark"],
            "n": [193, 38, 24, 35],
            "spearman": [0.75, 0.38, 0.51, float("nan")],
        }
    )
    phrase = field_ranges_phrase(rows)
    regional, world = phrase.split("; on the world field, ")
    assert "n = 24–38" in regional and "0.38 (EGDI against OECD DGI, n = 38)" in regional
    assert "to 0.51 (OECD DGI against EU benchmark, n = 24)" in regional
    assert "0.75" not in regional and world == "ρ = 0.75 (EGDI against GTMI, n = 193)"
    only_world = field_ranges_phrase(rows.iloc[:1])
    assert only_world == "on the world field, ρ = 0.75 (EGDI against GTMI, n = 193)"


def test_correlation_table_interval_uses_the_typographic_minus():
    rows = table([("A", "B", 0.05, 20)])
    shown = agreement.correlation_table(rows)
    interval = shown["ρ, 95% interval"].iloc[0]
    assert interval.startswith("\u2212") and "-" not in interval
