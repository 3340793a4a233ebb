"""Quarto's numbering redone for the plain HTML export (smartresearch.reporting.crossrefs)."""

from __future__ import annotations

import nbformat

from smartresearch.reporting.crossrefs import (
    Target,
    notebook_targets,
    plain_markdown,
    plain_notebook,
    resolve,
)


def labelled(label: str, **options: str) -> nbformat.NotebookNode:
    lines = [f"#| label: {label}"] + [f"#| {key}: {value}" for key, value in options.items()]
    return nbformat.v4.new_code_cell("\n".join([*lines, "x = 1"]))


def chapter() -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    markdown_output = nbformat.v4.new_output(
        "display_data", data={"text/markdown": "As @fig-b shows", "text/plain": "x"}
    )
    computed = nbformat.v4.new_code_cell("display(Markdown('As @fig-b shows'))")
    computed.outputs = [markdown_output]
    nb.cells = [
        nbformat.v4.new_markdown_cell("See @fig-a, @tbl-a and @fig-b; not @fig-typo."),
        labelled("fig-a", **{"fig-cap": "First", "fig-alt": "A bar chart"}),
        labelled("tbl-a", **{"tbl-cap": "A table"}),
        nbformat.v4.new_code_cell("y = 2"),
        labelled("fig-b", **{"fig-cap": "Second *figure*", "fig-alt": "Lines"}),
        labelled("other-label"),
        computed,
    ]
    return nb


def test_figures_and_tables_are_numbered_separately_in_page_order():
    targets = notebook_targets(chapter())
    assert list(targets) == ["fig-a", "tbl-a", "fig-b"]
    assert targets["fig-a"] == Target("fig-a", "Figure", 1, "First", "A bar chart")
    assert targets["tbl-a"] == Target("tbl-a", "Table", 1, "A table")
    assert targets["fig-b"].name == "Figure 2" and targets["fig-b"].caption == "Second *figure*"


def test_references_become_links_and_unknown_ones_show_as_quarto_shows_them():
    targets = notebook_targets(chapter())
    text = resolve("See @fig-b (and @tbl-a). Mail me@fig-b.org; @fig-none", targets)
    assert text == ("See [Figure 2](#fig-b) (and [Table 1](#tbl-a)). Mail me@fig-b.org; ?@fig-none")


def test_plain_notebook_resolves_prose_and_outputs_and_tags_targets_on_a_copy():
    nb = chapter()
    plain = plain_notebook(nb)
    assert plain.cells[0].source == (
        "See [Figure 1](#fig-a), [Table 1](#tbl-a) and [Figure 2](#fig-b); not ?@fig-typo."
    )
    assert plain.cells[6].outputs[0].data["text/markdown"] == "As [Figure 2](#fig-b) shows"
    assert plain.cells[1].metadata["smartresearch"] == {
        "label": "fig-a",
        "kind": "Figure",
        "number": 1,
        "caption": "First",
        "alt": "A bar chart",
    }
    assert "smartresearch" not in plain.cells[3].metadata
    assert "smartresearch" not in plain.cells[5].metadata
    # the executed notebook itself is untouched
    assert nb.cells[0].source.startswith("See @fig-a")
    assert "smartresearch" not in nb.cells[1].metadata
    assert nb.cells[6].outputs[0].data["text/markdown"] == "As @fig-b shows"


def test_plain_markdown_numbers_table_captions_and_anchors_headings():
    page = (
        "## Data {#sec-data}\n\nAs @tbl-focus shows:\n\n| a |\n|---|\n| 1 |\n\n"
        ": Focus countries {#tbl-focus}\n\n| b |\n|---|\n| 2 |\n\n: Peers {#tbl-peers .striped}\n"
    )
    assert plain_markdown(page) == (
        '## Data <a id="sec-data"></a>\n\nAs [Table 1](#tbl-focus) shows:\n\n| a |\n|---|\n'
        '| 1 |\n\n<a id="tbl-focus"></a>**Table 1:** Focus countries\n\n| b |\n|---|\n| 2 |\n\n'
        '<a id="tbl-peers"></a>**Table 2:** Peers\n'
    )


def test_plain_markdown_leaves_plain_markdown_alone():
    page = "# Title\n\nNo references: 33% of spend, user@example.org.\n"
    assert plain_markdown(page) == page
