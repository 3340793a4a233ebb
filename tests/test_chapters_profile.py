"""Chapters 2 and 6: the display tables and sentences moved out of ``analysis``.

The numbers come from :mod:`smartresearch.analysis.profiles` (tested in
test_analysis_profiles.py); these tests check how the chapters word and round them, that
the notebooks' names exist in their chapter modules, and that ``analysis`` stays free of
chapter wording (its profiles and peers modules import no chapter and no chart).
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pandas as pd
import pytest
from test_analysis_profiles import SMALL, tidy

from smartresearch.analysis import country_record, panels, peers, profiles
from smartresearch.chapters import _tables as tables
from smartresearch.chapters import approaches, profile

REPO = Path(__file__).resolve().parents[1]
ANALYSIS = REPO / "src" / "smartresearch" / "analysis"


def test_analysis_imports_no_chapter_and_carries_no_display_table():
    for path in (ANALYSIS / "profiles.py", ANALYSIS / "peers.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = [
            node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
        ] + [a.name for node in ast.walk(tree) if isinstance(node, ast.Import) for a in node.names]
        assert not [
            m for m in imported if m.startswith(("smartresearch.chapters", "smartresearch.plots"))
        ], path
    for name in (
        "readable_positions",
        "readable_trajectory",
        "rank_of",
        "fmt_value",
        "SHORT_LABELS",
    ):
        assert not hasattr(profiles, name), name


@pytest.mark.parametrize(
    ("notebook", "module"),
    [("02-three-approaches.ipynb", approaches), ("06-country-profile.ipynb", profile)],
)
def test_every_name_a_notebook_asks_its_chapter_for_exists(notebook, module):
    cells = json.loads((REPO / "notebooks" / notebook).read_text(encoding="utf-8"))["cells"]
    code = "\n".join(
        line
        for c in cells
        if c["cell_type"] == "code"
        for line in "".join(c["source"]).splitlines()
        if not line.startswith("#|")  # cell options name files such as approaches.csv
    )
    alias = module.__name__.rsplit(".", 1)[1]
    assert f"from smartresearch.chapters import {alias}" in code
    assert "from smartresearch.analysis import profiles" not in code
    used = set(re.findall(rf"\b{alias}\.(\w+)", code))
    assert used, notebook
    assert sorted(used - set(module.__all__)) == []


def test_short_labels_name_every_headline_as_the_panels_do():
    assert {profile.SHORT_LABELS[i.indicator] for i in panels.HEADLINE_INDICES} == {
        i.label for i in panels.HEADLINE_INDICES
    }


def test_readable_positions_formats_ranks_scores_and_gaps():
    table = profiles.latest_positions(
        {"small": SMALL}, ["GBR", "EST"], ["DNK"], indicators={"small": ["egdi"]}
    )
    readable = profile.readable_positions(
        table, labels={"egdi": "EGDI"}, datasets={"small": "Small"}
    )
    gbr = readable.iloc[0]
    assert (gbr["Index"], gbr["Indicator"], gbr["Score"]) == ("Small", "EGDI", "0.950")
    # group: GBR, EST, DNK -> GBR 3rd of 3; others' median (0.97, 0.98) = 0.975
    assert gbr["Rank among peers"] == "3 of 3" and gbr["Gap to median"] == "\u22120.025"
    assert gbr["World rank"] == "4 of 5" and gbr["Last assessed"] == "this edition"
    est = readable.iloc[1]  # EST 0.97: behind DNK 0.98, ahead of GBR
    assert est["Rank among peers"] == "2 of 3"
    missing = profiles.latest_positions({"small": SMALL}, "FRA", indicators={"small": ["egdi"]})
    assert profile.readable_positions(missing).loc[0, "Last assessed"] == "never"
    older = SMALL[~((SMALL["iso3"] == "BRA") & (SMALL["year"] == 2024))]
    dropped = profiles.latest_positions({"small": older}, "BRA", indicators={"small": ["egdi"]})
    assert profile.readable_positions(dropped).loc[0, "Last assessed"] == "2022"
    assert profile.rank_of(pd.NA, 17) == "not assessed"
    assert tables.fmt_value(float("nan")) == "—"  # the house table's missing mark
    assert "-" not in "".join(readable["Gap to median"])  # one minus sign: U+2212


def test_signed_shifts_and_scale_decimals():
    assert [tables.fmt_shift(v) for v in (32, -2, 0, pd.NA)] == ["+32", "\u22122", "0", "—"]
    assert tables.fmt_value(-0.035) == "\u22120.035"
    assert tables.scale_digits("egov_benchmark", "user_centricity") == 1  # 0-100 scale
    assert tables.scale_digits("egdi", "egdi") == 3  # 0-1 scale
    assert tables.scale_digits("no_such_dataset", "x", 2) == 2
    bench = profiles.latest_positions(
        profiles.index_frames(["egov_benchmark"]), "DNK", ["EST", "FIN"]
    )
    shown = profile.readable_positions(bench)
    assessed = shown[shown["Score"] != "—"]
    from smartresearch.tables import _is_numeric_text

    assert _is_numeric_text(shown["Score"]) and _is_numeric_text(shown["Gap to median"])
    assert len(assessed) and all(len(v.split(".")[1]) == 1 for v in assessed["Score"])


def test_labels_come_from_the_dataset_specs():
    assert profile.dataset_labels(["egdi"]) == {"egdi": "UN E-Government Survey"}
    labels = tables.indicator_labels(["egdi", "gtmi"])
    assert labels["osi"] == "Online Service Index" and "gtmi" in labels
    assert set(profile.SHORT_LABELS) >= {
        i for group in profiles.COMPONENT_INDICATORS.values() for i in group
    }


def test_peer_sentence_says_which_classification():
    text = profile.describe_peers("KEN", profile.default_peers("KEN"), named=False)
    assert text.startswith("Peers are the 8 countries nearest by four stated criteria")
    assert "lower-middle" in text and "2019" in text and "Eastern Africa" in text
    reasons = profile.peer_reasons("KEN", profile.default_peers("KEN"), named=False)
    assert list(reasons.columns) == ["Country", "Why a peer"] and len(reasons) == 8
    assert "microstates (under 1 million people) are left out" in text
    admitted = profile.describe_peers("KEN", ["UGA"], named=False, microstates=True)
    assert "microstates (under 1 million people) are admitted" in admitted
    assert reasons["Why a peer"].str.contains("EGDI").all()
    assert profile.describe_peers("KEN", ("UGA",), named=True).startswith("Peers named")


def test_peer_reason_words_the_measures_peer_table_returns():
    """Real rows: a neighbour in the sub-region, one elsewhere in the region, a microstate
    admitted on request, a named peer with no region."""
    row = peers.peer_table("Uruguay").set_index("iso3").loc["ARG"]
    reason = profile.peer_reason(row)
    assert reason.startswith("same sub-region (South America); ")
    assert f"{row['income_group']} income" in reason and f"EGDI {row['egdi']:.2f}" in reason
    assert f"GDP per capita ${row['gdp_pc_ppp'] / 1000:,.0f}k (PPP)" in reason
    assert reason.endswith(f"{row['population'] / 1e6:,.1f} m people")
    kenya = profile.peer_reasons("KEN", ["GHA", "RWA"], named=True)["Why a peer"].tolist()
    assert kenya[0].startswith("same region (Africa: Western Africa); ")
    assert kenya[1].startswith("same sub-region (Eastern Africa); ")
    named = profile.peer_reasons("EST", ["AND", "XKX"], named=True)["Why a peer"].tolist()
    assert named[0].endswith("; a microstate, included on request")
    assert named[1] == "named; no region in reference/country_groups.csv"


def test_peer_reason_on_constructed_rows_changes_with_geography_and_gaps():
    base = {
        "region": "Asia",
        "sub_region": "Eastern Asia",
        "income_group": "high",
        "gdp_pc_ppp": 52_300.0,
        "egdi": 0.956,
        "population": 51_700_000.0,
    }
    assert profile.peer_reason(base | {"geography": "elsewhere"}) == (
        "another region (Asia); high income; GDP per capita $52k (PPP); EGDI 0.96; 51.7 m people"
    )
    gaps = base | {"geography": "region", "gdp_pc_ppp": float("nan"), "population": 400_000.0}
    assert profile.peer_reason(gaps) == (
        "same region (Asia: Eastern Asia); high income; EGDI 0.96; 0.4 m people; "
        "a microstate, included on request"
    )


def test_country_record_returns_data_and_the_chapter_words_it():
    """``analysis.country_record`` hands back booleans and years; the sentences ("assessed
    by both", "2019, 2023") are written here, in the chapter, and nowhere below it."""
    source = (ANALYSIS / "country_record.py").read_text(encoding="utf-8")
    strings = [
        node.value
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    ]
    assert not [s for s in strings if "assessed by" in s], "wording belongs to the chapter"
    assert "format_years" not in source


def test_concordance_status_names_the_indices_that_did_not_assess_the_country():
    a = tidy("egdi", 2024, {"DNK": 0.98, "GBR": 0.95, "KOR": 0.96, "EST": 0.97})
    b = tidy("dgi", 2023, {"DNK": 0.81, "GBR": 0.77, "KOR": 0.94})
    c = tidy("gtmi", 2025, {"EST": 0.99, "KOR": 0.99, "DNK": 0.93})
    three = {"EGDI": a, "DGI": b, "GTMI": c}
    gbr = country_record.concordance_position(three, "GBR")
    assert profile.concordance_status(gbr).tolist() == [
        "assessed by both",
        "not assessed by GTMI",
        "not assessed by GTMI",  # DGI vs GTMI
    ]
    est = country_record.concordance_position(three, "EST")  # in EGDI and GTMI only
    assert profile.concordance_status(est).tolist() == [
        "not assessed by DGI",
        "assessed by both",
        "not assessed by DGI",
    ]
    nowhere = country_record.concordance_position({"EGDI": a, "DGI": b}, "FRA")
    assert profile.concordance_status(nowhere).tolist() == ["not assessed by EGDI or DGI"]
    shown = profile.readable_concordance(gbr, "United Kingdom")
    assert list(shown.columns) == [
        *("Index A", "Index B", "Countries in both", "Spearman"),
        *("Rank in A", "Rank in B", "B \u2212 A", "United Kingdom"),
    ]
    assert shown["B \u2212 A"].tolist() == ["0", "—", "—"]
    assert shown["United Kingdom"].tolist() == profile.concordance_status(gbr).tolist()


def test_singapores_coverage_and_pairs_as_the_profile_prints_them():
    frames = profiles.index_frames()
    coverage = country_record.country_coverage(frames, "SGP")
    shown = profile.readable_coverage(
        coverage,
        labels=profile.SHORT_LABELS,
        datasets=profile.dataset_labels(list(coverage["dataset"])),
    ).set_index("Index")
    dgi = shown.loc[profile.dataset_labels(["oecd_dgi"])["oecd_dgi"]]
    # the OECD has never assessed Singapore: both editions missed, said in words
    assert (dgi["Assessed in"], dgi["Not assessed in"]) == ("none", "2019, 2023")
    assert (dgi["Editions published"], dgi["Share (%)"]) == ("2019, 2023", 0)
    egdi = shown.loc[profile.dataset_labels(["egdi"])["egdi"]]
    assert egdi["Not assessed in"] == "none" and egdi["Share (%)"] == 100
    assert "–" in egdi["Editions published"]  # consecutive editions collapse: 2003–2005
    latest = {
        i.label: profile.latest_edition(frames[i.dataset], i.indicator)
        for i in panels.HEADLINE_INDICES
    }
    status = profile.concordance_status(country_record.concordance_position(latest, "SGP"))
    assert "assessed by both" in status.tolist()
    assert "not assessed by OECD DGI" in status.tolist()


@pytest.mark.slow
def test_profile_notebook_runs_for_singapore_and_refuses_an_unknown_code():
    from smartresearch.reporting import default_layout, execute_notebooks
    from smartresearch.reporting.execute import NotebookExecutionError

    layout = default_layout()
    notebook = REPO / "notebooks" / "06-country-profile.ipynb"
    run = execute_notebooks(
        layout, [notebook], parameters={"country": "SGP"}, warnings_as_errors=True, write=False
    )[0]
    outputs = [o for cell in run.node.cells for o in cell.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    markdown = " ".join(o.get("data", {}).get("text/markdown", "") for o in outputs)
    assert "Singapore" in markdown and "OECD Digital Government Index" in markdown
    with pytest.raises(NotebookExecutionError, match="country='XYZ' is not a country code or name"):
        execute_notebooks(
            layout, [notebook], parameters={"country": "XYZ"}, warnings_as_errors=True, write=False
        )


def test_peer_choice_phrase_gives_the_rank_in_both_groups():
    from smartresearch.countries import FOCUS

    frames = {"egdi": profiles.index_frames(["egdi"])["egdi"]}
    here = profile.comparison_group("GBR", profile.default_peers("GBR"))
    phrase = profile.peer_choice_phrase("GBR", here, frames, named=False)
    mine = profiles.latest_positions(frames, "GBR", here).iloc[0]
    theirs = profiles.latest_positions(frames, ["GBR"], profile.comparison_group(FOCUS)).iloc[0]
    assert f"ranks {profile.rank_of(mine['peer_rank'], mine['peer_n'])} here" in phrase
    assert f"{profile.rank_of(theirs['peer_rank'], theirs['peer_n'])} there" in phrase
    assert "region, income, EGDI and size" in phrase and "the United Kingdom ranks" in phrase
    named = profile.peer_choice_phrase("GBR", ["GBR", "FRA"], frames, named=True)
    assert "named by the user" in named
    outside = [c for c in ("KEN", "UGA", "BRA") if c not in profile.comparison_group(FOCUS)][0]
    assert "does not include" in profile.peer_choice_phrase(outside, [outside], frames, named=False)
