"""Generated pages and the publishing checks, each with a passing and a failing case."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from smartresearch.chapters.summary import headline_markdown
from smartresearch.config import data_dir
from smartresearch.errors import ValidationError
from smartresearch.registry import load_registry
from smartresearch.reporting import checks
from smartresearch.reporting.pages import bibliography_markdown, md_table, methods_markdown
from smartresearch.wording import ordinal


def test_methods_page_covers_every_table_and_column_of_the_real_descriptor():
    descriptor = json.loads((data_dir() / "datapackage.json").read_text(encoding="utf-8"))
    page = methods_markdown(descriptor)
    for resource in descriptor["resources"]:
        assert f"`{resource['name']}`" in page
        for field in resource["schema"]["fields"]:
            assert f"`{field['name']}`" in page
        for indicator in resource.get("indicators", []):
            assert f"`{indicator['name']}`" in page


def test_methods_page_names_a_malformed_descriptor():
    with pytest.raises(ValidationError, match=r"resource 'egdi'.*missing key 'schema'"):
        methods_markdown({"resources": [{"name": "egdi", "path": "clean/egdi.csv"}]})
    with pytest.raises(ValidationError, match="missing key 'resources'"):
        methods_markdown({"name": "x"})


DOCS = pd.DataFrame(
    {
        "doc_id": ["2021-b", "2017-a"],
        "title": ["Call for blogs | week", "Shaping"],
        "author": ["", "R. Driver"],
        "publisher": ["techUK", "PSE"],
        "published": ["2021-08-11", "2017-08"],
        "edition": ["7", "3"],
        "url": ["https://example.org/b", "http://example.org/a"],
    }
)


def test_bibliography_lists_every_registered_source_and_document():
    sources = list(load_registry().sources.values())
    page = bibliography_markdown(sources, DOCS)
    for source in sources:
        if source.source_id != "corpus":
            assert f"| {source.source_id} |" in page
            assert source.licence.split("(")[0].strip()[:20] in page
    # documents oldest first; a pipe in a title cannot break the table
    assert page.index("| 2017-a |") < page.index("| 2021-b |")
    assert "[Call for blogs \\| week](https://example.org/b)" in page


def test_bibliography_names_missing_document_columns():
    with pytest.raises(ValidationError, match=r"missing column\(s\) \['url'\]"):
        bibliography_markdown([], DOCS.drop(columns="url"))


def test_text_from_data_cannot_become_markup():
    hostile = DOCS.assign(title=["<script>alert(1)</script> & more", "Shaping"])
    page = bibliography_markdown([], hostile)
    assert "<script>" not in page
    assert "[&lt;script&gt;alert(1)&lt;/script&gt; &amp; more](https://example.org/b)" in page
    descriptor = {
        "resources": [
            {
                "name": "x",
                "path": "clean/x.csv",
                "title": "<img src=x onerror=alert(1)>",
                "schema": {"fields": [{"name": "a", "description": "<b>bold</b>"}]},
            }
        ]
    }
    assert "<img" not in methods_markdown(descriptor) and "<b>" not in methods_markdown(descriptor)


def test_wide_tables_carry_relative_column_widths():
    table = md_table(["a", "b"], [("x", "y")], widths=[70, 30])
    header, separator, _ = table.split("\n")
    assert separator == "|" + "-" * 70 + "|" + "-" * 30 + "|"
    # Pandoc uses the dashes only when a line is longer than its 72 columns
    assert len(separator) > 72 and header == "| a | b |"
    with pytest.raises(ValueError, match="3 widths for 2 columns"):
        md_table(["a", "b"], [], widths=[1, 2, 3])


def test_markdown_table_escapes_and_marks_missing():
    assert md_table(["a", "b"], [("x|y", None)]) == "| a | b |\n|---|---|\n| x\\|y | – |"


def test_summary_numbers_are_computed_from_the_tables():
    """The summary's numbers equal what the clean tables give when computed another way."""
    from smartresearch import datasets
    from smartresearch.chapters.summary import SUMMARY_DATASETS

    tables = {name: datasets.load(name) for name in SUMMARY_DATASETS}
    egdi = tables["egdi"]
    latest_year = int(egdi["year"].max())
    scores = egdi[(egdi["year"] == latest_year) & (egdi["indicator"] == "egdi")]
    best = scores.sort_values("value", ascending=False).iloc[0]
    ranks = egdi[(egdi["indicator"] == "egdi_rank") & (egdi["iso3"] == "GBR")]
    first = int(ranks.loc[ranks["value"] == 1, "year"].max())
    uk_now = int(ranks.loc[ranks["year"] == latest_year, "value"].iloc[0])
    above = int(
        (
            egdi[(egdi["year"] == latest_year) & (egdi["indicator"] == "egdi_rank")]["value"]
            < uk_now
        ).sum()
    )
    verdicts = pd.DataFrame(
        {
            "pledge_id": ["P01", "P02", "P03", "P09"],
            "subject": ["GBR", "GBR", "GBR", "DNK"],
            "verdict": ["missed", "missed", "met", "met"],
            "judged_on": pd.to_datetime(["2026-06-15"] * 4),
            "newest_used": pd.to_datetime(["2025-08-31", "2022-03-31", None, "2015-12-31"]),
        }
    )
    page = headline_markdown(tables, verdicts)
    assert (
        f"{best['country']} leads the {len(scores)} countries of the {latest_year} UN "
        "E-Government Survey" in page
    )
    expected = (
        f"the United Kingdom, first in {first}, is {ordinal(uk_now)}, overtaken by {above} "
        "countries"
    )
    assert expected in page
    # P03 is a techUK proposal (pledges.csv): the line no longer calls every pledge a target
    assert (
        "Of the 3 UK pledges tracked (2 targets the articles state and 1 techUK proposal), "
        "the record "
        "shows 1 met and 2 missed (as of 31 August 2025, the newest reading used; the record "
        "runs to 15 June 2026)" in page
    )
    assert "; the United Kingdom is " in page and "; United Kingdom is" not in page
    # chapter 1's claim line, with its rule, sits in the pledge finding's method note
    assert "The articles' figures against the record." in page
    assert "independently confirmed only when a source other than" in page
    from smartresearch.analysis import rank_uncertainty
    from smartresearch.analysis.uncertainty import report_frames
    from smartresearch.countries import FOCUS, country_name
    from smartresearch.wording import with_article

    frames, year = report_frames(tables=tables)
    result = rank_uncertainty(frames).ranks.set_index("iso3")
    finding = next(line for line in page.splitlines() if line.startswith("**A composite view"))
    for iso3 in FOCUS:
        low, high = int(result.at[iso3, "rank_low"]), int(result.at[iso3, "rank_high"])
        span = f"between {ordinal(low)} and {ordinal(high)}" if low != high else ordinal(low)
        assert f"{with_article(country_name(iso3))} is {span} in 90% of runs" in finding, iso3


def test_summary_names_a_missing_indicator():
    from smartresearch import datasets

    tables = {name: datasets.load(name) for name in ("egdi", "oecd_dgi", "gtmi", "egov_benchmark")}
    tables["egdi"] = tables["egdi"][tables["egdi"]["indicator"] != "egdi_rank"]
    with pytest.raises(ValidationError, match=r"no rows of 'egdi_rank' in column 'indicator'"):
        headline_markdown(tables)


def test_summary_names_missing_tables():
    with pytest.raises(ValidationError, match=r"tables missing for datasets \['oecd_dgi'"):
        headline_markdown({"egdi": pd.DataFrame()})


def notebook(*cells: nbformat.NotebookNode) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.cells = list(cells)
    return nb


def test_figure_checks_pass_a_complete_cell_and_name_what_is_missing():
    good = nbformat.v4.new_code_cell("#| label: fig-a\n#| fig-cap: A\n#| fig-alt: An A\nplot()")
    table = nbformat.v4.new_code_cell("#| label: tbl-a\n#| tbl-cap: Table A\ntable")
    assert checks.figure_problems(checks.code_cells(notebook(good, table), "nb")) == []
    bad = [
        nbformat.v4.new_code_cell("#| label: fig-b\n#| fig-cap: B\nplot()"),
        nbformat.v4.new_code_cell("#| label: fig-c\n#| fig-cap: C\n#| fig-alt: ''\nplot()"),
        nbformat.v4.new_code_cell("#| label: tbl-b\ntable"),
        nbformat.v4.new_code_cell("#| label: figure-d\n#| fig-cap: D\nplot()"),
        nbformat.v4.new_code_cell("#| label: [oops\nplot()"),
    ]
    problems = checks.figure_problems(checks.code_cells(notebook(*bad), "nb"))
    assert problems[0] == "nb cell 0 (fig-b): missing or empty '#| fig-alt:'"
    assert problems[1] == "nb cell 1 (fig-c): missing or empty '#| fig-alt:'"
    assert problems[2] == "nb cell 2 (tbl-b): missing or empty '#| tbl-cap:'"
    assert "does not start with 'fig-'" in problems[3]
    assert "not valid YAML" in problems[4]


def test_crossrefs_labels_and_embeds():
    text = (
        "See @fig-a and @tbl-b, mail me@fig-not.org. "
        "{{< embed chapters/03-x.ipynb#fig-c echo=true >}}"
    )
    assert checks.unresolved_crossrefs(text, ["fig-a", "tbl-b"], where="p") == []
    assert checks.unresolved_crossrefs(text, ["fig-a"], where="p") == [
        "p: cross-reference @tbl-b has no matching label"
    ]
    assert checks.embeds(text) == [("chapters/03-x.ipynb", "fig-c")]
    assert checks.duplicate_labels([("fig-a", "x"), ("fig-b", "y")]) == []
    assert checks.duplicate_labels([("fig-a", "x"), ("fig-a", "y")]) == [
        "label 'fig-a' is defined twice: x and y"
    ]


def test_output_checks():
    clean = nbformat.v4.new_code_cell("1")
    assert checks.output_problems(notebook(clean), where="nb") == []
    run = nbformat.v4.new_code_cell("1")
    run.execution_count = 3
    run.outputs = [nbformat.v4.new_output("execute_result", {"text/plain": "1"}, execution_count=3)]
    assert checks.output_problems(notebook(run), where="nb") == [
        "nb cell 0: has 1 stored output(s)",
        "nb cell 0: has execution_count 3",
    ]


def test_layout_maps_executed_copies_back_to_sources(tmp_path: Path):
    from smartresearch.reporting import ReportLayout

    layout = ReportLayout(tmp_path)
    source = layout.notebooks_dir / "03-x.ipynb"
    assert layout.source_notebook(layout.executed_path(source)) == source


def test_methods_ranges_read_as_numbers_and_sources_have_no_empty_fields():
    from smartresearch.reporting.pages import md_number, methods_markdown, source_line

    assert [md_number(v) for v in (1.0, 193.0, 0.0, 1e10, 0.25, None)] == [
        "1",
        "193",
        "0",
        "10,000,000,000",
        "0.25",
        "?",
    ]
    assert source_line({"title": "Cited per row"}) == "Cited per row"
    assert source_line({"title": "T", "licence": "CC BY"}) == "T — licence: CC BY"
    assert source_line({"title": "T", "publisher": "P", "licence": "x"}) == "T — P; licence: x"
    descriptor = {
        "resources": [
            {
                "name": "egov",
                "path": "clean/egov.csv",
                "rows": 2,
                "schema": {"fields": [{"name": "value", "type": "number"}]},
                "sources": [{"title": "Compiled here"}],
                "indicators": [
                    {
                        "name": "egdi_rank",
                        "title": "EGDI rank",
                        "unit": "rank",
                        "minimum": 1.0,
                        "maximum": 193.0,
                        "higherIsBetter": False,
                    },
                ],
            }
        ]
    }
    text = methods_markdown(descriptor)
    assert "| 1–193 |" in text and "1.0–193.0" not in text
    assert "licence: \n" not in text + "\n" and "— ;" not in text


def test_every_record_row_the_curated_tables_cite_is_listed_with_its_source(tmp_path):
    from smartresearch.config import data_dir
    from smartresearch.corpus.outcomes import load_outcomes
    from smartresearch.reporting.pages import cited_outcome_ids, record_rows_markdown

    cited = cited_outcome_ids(data_dir() / "curated")
    pledges = pd.read_csv(data_dir() / "curated" / "pledge_observations.csv", dtype=str)
    assert set(pledges["outcome_id"].dropna()) <= set(cited)
    text = record_rows_markdown(load_outcomes(), cited)
    assert len(text.splitlines()) == 2 + len(cited)
    # a curated id the record does not hold is named
    (tmp_path / "x.csv").write_text("claim_id,outcome_id\nC001,O99\n", encoding="utf-8")
    with pytest.raises(ValidationError, match=r"\['O99'\] are not in research/policy_outcomes"):
        record_rows_markdown(load_outcomes(), cited_outcome_ids(tmp_path))
    # the held-out figure list samples the record's texts; it cites nothing
    (tmp_path / "figure_gold_holdout.csv").write_text("outcome_id\nO98\n", encoding="utf-8")
    assert "O98" not in cited_outcome_ids(tmp_path)


def test_record_rows_never_link_a_hostile_address():
    from smartresearch.reporting.pages import record_rows_markdown

    outcomes = pd.DataFrame(
        [
            {
                "outcome_id": "O01",
                "measure": "users <script>x</script>",
                "value": "1",
                "unit": "m",
                "value_date": "2017",
                "source_title": "Report",
                "publisher": "NAO",
                "url": "javascript:alert(1)",
                "caveat": "",
            }
        ]
    )
    text = record_rows_markdown(outcomes, ["O01"])
    assert "javascript:" not in text and "<script>" not in text and "&lt;script&gt;" in text
