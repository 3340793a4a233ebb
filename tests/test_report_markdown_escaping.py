"""Computed Markdown in the executed copies: text from data escaped once, Markdown kept.

Quarto passes a notebook's ``text/markdown`` outputs to Pandoc as they are, so a document
title containing ``<script>`` would become markup on the page. The executed copies in
``report/chapters/`` are escaped when written; the committed notebook is never touched.
"""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

from smartresearch.reporting import ReportLayout, execute_notebooks
from smartresearch.reporting.crossrefs import escape_markdown_outputs, safe_markdown

HOSTILE = '<script>alert("x")</script> Digital <img src=x onerror=alert(1)> Britain'

#: A notebook that shows Markdown built from a table holding a hostile title, as chapters
#: 02 and 06 build theirs from document titles and country names.
SOURCE = f"""\
import pandas as pd
from IPython.display import Markdown, display
docs = pd.DataFrame({{"title": [{HOSTILE!r}, "Denmark & Korea"], "url": ["https://gov.uk/a", ""]}})
rows = "\\n".join(f"| [{{t}}]({{u}}) | *x* |" for t, u in docs.itertuples(index=False))
display(Markdown(
    f"**{{docs.title[0]}}** leads; see @fig-line and [the source](https://gov.uk/a).\\n\\n"
    "| Title | Note |\\n|---|---|\\n" + rows + "\\n\\n"
    '<details class="figure-description">\\n<summary>Description</summary>\\n\\n'
    "`a<b` stays code.\\n\\n</details>"
))
"""


@pytest.fixture(scope="module")
def executed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes, str]:
    layout = ReportLayout(tmp_path_factory.mktemp("project"))
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.cells = [nbformat.v4.new_code_cell(SOURCE)]
    source = layout.notebooks_dir / "01-titles.ipynb"
    source.parent.mkdir(parents=True)
    source.write_text(nbformat.writes(nb), encoding="utf-8")
    before = source.read_bytes()
    (run,) = execute_notebooks(layout)
    copy = nbformat.read(run.executed, as_version=4)
    (output,) = [o for o in copy.cells[0].outputs if "text/markdown" in o.get("data", {})]
    return source, before, output["data"]["text/markdown"]


def test_hostile_title_is_text_in_the_executed_copy(executed):
    _, _, markdown = executed
    assert "<script" not in markdown and "<img" not in markdown
    assert '&lt;script>alert("x")&lt;/script> Digital &lt;img src=x onerror=alert(1)>' in markdown
    # escaped once: no "&amp;lt;", and the ampersand from data is left to Pandoc
    assert "&amp;" not in markdown and "Denmark & Korea" in markdown


def test_legitimate_markdown_survives(executed):
    _, _, markdown = executed
    assert markdown.startswith("**&lt;script>")
    assert "see @fig-line and [the source](https://gov.uk/a)." in markdown
    assert "| Title | Note |\n|---|---|\n| [&lt;script>" in markdown
    assert "](https://gov.uk/a) | *x* |" in markdown
    assert '<details class="figure-description">\n<summary>Description</summary>' in markdown
    assert "`a<b` stays code." in markdown and markdown.endswith("</details>")


def test_committed_notebook_is_untouched(executed):
    source, before, _ = executed
    assert source.read_bytes() == before
    assert json.loads(before)["cells"][0]["outputs"] == []


def test_escaping_is_idempotent_and_counts_changed_outputs(executed):
    _, _, markdown = executed
    assert safe_markdown(markdown) == markdown
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("x")
    cell.outputs = [
        nbformat.v4.new_output("display_data", {"text/markdown": HOSTILE}),
        nbformat.v4.new_output("display_data", {"text/markdown": "*fine*"}),
        nbformat.v4.new_output("display_data", {"text/html": "<b>html stays</b>"}),
    ]
    nb.cells = [cell]
    assert escape_markdown_outputs(nb) == 1
    assert escape_markdown_outputs(nb) == 0
    assert cell.outputs[2]["data"]["text/html"] == "<b>html stays</b>"


@pytest.mark.parametrize(
    "hostile",
    [
        "\\`<script>`",  # an escaped backtick opens no code span
        "`x\n\n<script>\n\n`",  # a code span never crosses a blank line
        "`<script>`{=html}",  # inline raw HTML is not code
        "```{=html}\n<script>\n```",  # nor is a raw HTML block
        "<details ontoggle=alert(1)>",  # the allowed tags take no other attributes
    ],
)
def test_markup_dressed_as_code_or_allowed_tags_is_still_escaped(hostile):
    assert "&lt;" in safe_markdown(hostile)
    assert "<script" not in safe_markdown(hostile) and "<details " not in safe_markdown(hostile)
