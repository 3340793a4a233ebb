"""The summary's composite and agreement findings say what the analysis computes: only the
complete cases are ranked, the others are named, and the dominant choice is the computed one.
The summary is composed from the chapters' answers (chapters/summary.py)."""

from __future__ import annotations

import pytest

from smartresearch.analysis import panel_agreement, panels
from smartresearch.analysis.uncertainty import pick_edition, rank_uncertainty, report_frames
from smartresearch.chapters.composite import dominant_choice_phrase, interval_phrase
from smartresearch.chapters.summary import SUMMARY_DATASETS, headline_markdown


@pytest.fixture(scope="module")
def tables():
    from smartresearch import datasets

    return {name: datasets.load(name) for name in SUMMARY_DATASETS}


@pytest.fixture(scope="module")
def page(tables):
    return headline_markdown(tables)


def test_summary_ranks_only_countries_every_headline_index_covers(tables, page) -> None:
    frames, year = report_frames(tables=tables)
    latest = [set(pick_edition(f, "latest", year)["iso3"]) for f in frames.values()]
    both, seen = set.intersection(*latest), set.union(*latest)
    assert f"the {len(both)} countries both assess are ranked" in page
    from smartresearch.countries import country_name

    for iso3 in sorted(seen - both):
        assert country_name(iso3) in page.split("Across")[0], iso3
    assert "every modelling choice" not in page


def test_summary_states_what_the_intervals_cover_and_the_gtmi_caveat(tables, page) -> None:
    frames, _year = report_frames(tables=tables)
    result = rank_uncertainty(frames)  # the chapter's runs and seed are the defaults
    assert f"The choice that matters most is {dominant_choice_phrase(result)}" in page
    for iso3 in ("DNK", "KOR", "GBR"):
        assert interval_phrase(result, iso3) in page
    assert "vary the method on these editions only" in page
    assert "not change between editions" in page
    assert "not intended to create a ranking" in page and "without the GTMI" in page
    assert "edition pairing" not in page


def test_summary_agreement_keeps_world_and_regional_fields_apart(tables, page) -> None:
    agreement = panel_agreement.agreement_table(panels.latest_index_panel(tables=tables))
    world = agreement[(agreement["a"] == "EGDI") & (agreement["b"] == "GTMI")].iloc[0]
    line = next(x for x in page.splitlines() if "Do the indices agree?" in x)
    regional, world_part = line.split("on the world field")
    assert f"{world['spearman']:.2f}" in world_part and f"{world['n']} countries" in world_part
    others = agreement[~agreement.index.isin([world.name])].dropna(subset=["spearman"])
    assert f"({others['n'].min()}–{others['n'].max()} countries)" in regional
    assert f"{others['spearman'].max():.2f}" in regional


def test_each_finding_is_its_chapters_own_headline(tables, page) -> None:
    from smartresearch.chapters import agreement, approaches

    two = approaches.answer({name: tables[name] for name in approaches.INDICES})
    three = agreement.answer(tables=tables)
    assert f"**Three approaches, one ranking.** {two.headline[:-1]} (@fig-approaches-egdi)." in page
    assert f"**Do the indices agree?** {three.headline[:-1]} (@fig-agreement-matrix)." in page
    # without verdicts there is no pledge finding: three findings, three method notes
    assert page.count("<details") == 3 and "UK pledges" not in page


def test_a_finding_reads_as_one_sentence_with_its_method_collapsed() -> None:
    from smartresearch.chapters.summary import METHOD, Finding

    with_figure = Finding("Lead.", "A sentence.", "fig-x", "How.").markdown()
    assert with_figure.startswith("**Lead.** A sentence (@fig-x).\n\n<details")
    assert f"<summary>{METHOD}</summary>\n\nHow.\n\n</details>" in with_figure
    without = Finding("Lead.", "A sentence", "", "How.").markdown()
    assert without.startswith("**Lead.** A sentence.\n\n")


def test_the_summary_refuses_missing_tables(tables) -> None:
    from smartresearch.chapters.summary import findings
    from smartresearch.errors import ValidationError

    with pytest.raises(ValidationError, match="gtmi"):
        findings({k: v for k, v in tables.items() if k != "gtmi"})


def test_the_pledge_finding_is_the_tally_and_its_rule_goes_with_the_method(tables) -> None:
    import pandas as pd

    from smartresearch.chapters.summary import pledges_finding

    verdicts = pd.DataFrame(
        {
            "pledge_id": ["P01", "P02"],
            "subject": ["GBR", "GBR"],
            "verdict": ["missed", "missed"],
            "judged_on": pd.to_datetime(["2026-06-15"] * 2),
            "newest_used": pd.to_datetime(["2025-08-31", "2022-03-31"]),
        }
    )
    checks = pd.DataFrame({"verdict": ["not found"]})
    finding = pledges_finding(verdicts, checks)
    assert finding.sentence.startswith("Of the 2 UK pledges tracked")
    assert finding.sentence.count(". ") == 0  # one sentence
    assert finding.detail.startswith("Each is judged on")
    assert "The articles' figures against the record.** 1 not found" in finding.detail
