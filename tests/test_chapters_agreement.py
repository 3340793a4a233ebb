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
    assert "regional fields (24–38 countries)" in regional
    assert "0.38 (EGDI against OECD DGI, 38 countries)" in regional
    assert "to 0.51 (OECD DGI against EU benchmark, 24 countries)" in regional
    assert "0.75" not in regional and world == "ρ = 0.75 (EGDI against GTMI, 193 countries)"
    only_world = field_ranges_phrase(rows.iloc[:1])
    assert only_world == "on the world field, ρ = 0.75 (EGDI against GTMI, 193 countries)"


def test_correlation_table_interval_uses_the_typographic_minus():
    rows = table([("A", "B", 0.05, 20)])
    shown = agreement.correlation_table(rows)
    interval = shown["ρ, 95% interval"].iloc[0]
    assert interval.startswith("\u2212") and "-" not in interval


# --- the answer: every sentence on the real panel and on a case that changes its words ---

import dataclasses  # noqa: E402

import pytest  # noqa: E402

from smartresearch.analysis import panels as panels_module  # noqa: E402
from smartresearch.chapters import _agreement_text as text  # noqa: E402


@pytest.fixture(scope="module")
def real():
    return agreement.answer()


def test_editions_sentence_on_the_panel_and_when_every_edition_is_the_same_year(real) -> None:
    sentence = real.editions_sentence
    assert sentence.startswith(f"The reference year is **{real.reference_year}**.")
    widest = int(real.chosen["gap"].abs().max())
    assert f"within {widest} year" in sentence
    same = real.chosen.assign(gap=0, year=2022)
    editions = same[["index_name", "year"]]
    flat = text.editions_sentence(editions, 2022, same)
    assert "Every index has an edition in 2022 itself." in flat
    assert flat.endswith("would all be from the same year.")


def test_closeness_when_one_pair_or_none_can_be_compared(real) -> None:
    assert real.closeness.startswith(("The closest agreement", "The highest correlation"))
    assert "The pairs rest on very different fields" in real.closeness
    one = table([("A", "B", 0.6, 24)])
    assert text.closest_and_weakest(one, LABELS).startswith("Only one pair can be compared")
    assert text.field_sizes_phrase(one) == "Every pair rests on the same 24 countries."
    none = one.assign(spearman=float("nan"))
    assert text.closest_and_weakest(none, LABELS).startswith("No pair of indices")
    assert text.agreement_headline(none, n_indices=2).startswith("No pair of the 2 indices")


def test_headline_and_detail_quote_the_agreement_table(real) -> None:
    world = real.agreement[(real.agreement["a"] == "EGDI") & (real.agreement["b"] == "GTMI")]
    assert f"ρ = {world['spearman'].iloc[0]:.2f}" in real.headline
    assert real.headline.startswith(f"How closely the {len(real.info)} indices agree")
    # a policy reader gets the scale of ρ and a count of countries, not "n ="
    assert "1 is the same order, 0 no relation" in real.headline
    assert "n = " not in real.headline
    assert f"{world['n'].iloc[0]} countries)" in real.headline
    assert real.headline_detail.startswith(text.closest_and_weakest(real.agreement, real.labels))


def test_sharpest_disagreement_ties_and_no_recurring_country(real) -> None:
    top = real.disagreements.loc[real.disagreements["gap_share"].idxmax()]
    assert f"over **{top['country']}**" in real.sharpest
    gaps = pd.DataFrame(
        {
            "a": ["A", "A"],
            "b": ["B", "C"],
            "n": [10, 10],
            "country": ["Chile", "Peru"],
            "rank_a": [1, 2],
            "rank_b": [10, 10],
            "gap": [9, 8],
            "gap_share": [1.0, 1.0],
        }
    )
    tied = text.sharpest_disagreement(gaps, LABELS)
    assert "over **Chile**" in tied and "**Peru** is as far apart." in tied
    assert tied.endswith("No country is among the largest gaps of more than one pair.")
    assert "a gap of 9 places" in tied
    agree = text.sharpest_disagreement(gaps.iloc[0:0], LABELS)
    assert agree == "Every pair of indices ranks the countries they share in the same order."


def test_coverage_sentence_names_the_small_fields(real) -> None:
    sentence = real.coverage_sentence
    full = int((real.matrix["n_indices"] == len(real.info)).sum())
    assert f"Of the {len(real.matrix)} countries in the panel, {full} are assessed" in sentence
    assert "The OECD DGI and the EU benchmark therefore speak to a small field" in sentence
    everyone = real.matrix.assign(n_indices=len(real.info))
    assert text.coverage_sentence(everyone, real.patterns, n_indices=len(real.info)) == (
        f"Every one of the {len(real.matrix)} countries in the panel is assessed by all "
        f"{len(real.info)} indices."
    )
    wide = real.matrix.assign(**{"OECD DGI": True, "EU benchmark": True})
    assert "small field" not in text.coverage_sentence(wide, real.patterns, n_indices=4)


def test_combinations_of_indices_are_worded_from_their_labels(real) -> None:
    top = real.patterns.iloc[0]
    assert top["indices"] == ("EGDI", "GTMI")  # data: the labels, in the panel's order
    shown = real.patterns_table
    assert list(shown.columns) == ["Assessed by", "Indices", "Countries"]
    assert shown["Assessed by"].iloc[0] == "EGDI + GTMI"
    assert f"most common combination is EGDI + GTMI ({top['countries']} countries)" in (
        real.coverage_sentence
    )
    assert shown["Countries"].tolist() == real.patterns["countries"].tolist()
    assert text.combination(("GTMI",)) == "GTMI"
    assert text.combination(("EGDI", "OECD DGI", "GTMI")) == "EGDI + OECD DGI + GTMI"


def test_tables_and_caveats_of_the_answer(real) -> None:
    shown = real.coverage_table.set_index("Index")
    assert shown.loc["EGDI", "Focus and peers not assessed"] == "none"
    assert "Singapore" in shown.loc["OECD DGI", "Focus and peers not assessed"]
    assert list(real.gaps.columns)[:2] == ["Pair", "Country"]
    assert real.caveats.count("\n") + 1 == len(real.edition_caveats)
    assert real.labels["OECD DGI"] == "OECD DGI 2023"
    held = real.editions[real.editions["index_name"] == "GTMI"]["year"].tolist()
    written = real.editions_table.set_index("Index").loc["GTMI", "Editions held"]
    assert written == ", ".join(str(y) for y in held) and len(held) == 3
    other = dataclasses.replace(real, coverage=real.coverage.assign(not_assessed=[()] * 4))
    assert set(other.coverage_table["Focus and peers not assessed"]) == {"none"}


def test_the_scatter_prints_the_agreement_tables_rho(real) -> None:
    """plots compute Spearman themselves only when not given it; the same number either way."""
    from smartresearch.analysis.concordance import rank_correlations
    from smartresearch.plots import rank_correlation

    parts = panels_module.panel_components(real.panel)
    both = parts["EGDI"].merge(parts["GTMI"], on="iso3")
    ours = rank_correlation(both["value_x"], both["value_y"])
    theirs, _ = rank_correlations(both["value_x"], both["value_y"])
    assert ours == pytest.approx(theirs, abs=1e-12)
    fig = real.plot_scatters()
    # rank panels (one scale for every pair) say rho and n over the panel, at its right
    corners = [ax.get_title(loc="right") for ax in fig.axes if ax.get_visible()]
    corners = [c for c in corners if "Spearman" in c]
    assert len(corners) == len(real.agreement)
    for row, corner in zip(real.agreement.itertuples(), corners, strict=True):
        assert corner == f"Spearman ρ = {row.spearman:.2f} · n = {row.n}"


def test_caveat_lists_of_the_answer_and_an_empty_one(real) -> None:
    from smartresearch.chapters._caveats import NO_CAVEATS

    first = real.edition_caveats.iloc[0]
    assert real.caveats.startswith(f"- **{first['index_name']}**: {first['caveat']}")
    none = dataclasses.replace(
        real,
        edition_caveats=real.edition_caveats.iloc[0:0],
        provenance_caveats=real.provenance_caveats.iloc[0:0],
    )
    assert none.caveats == none.provenance == NO_CAVEATS
