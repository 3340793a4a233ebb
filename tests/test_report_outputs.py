"""Executed copies store outputs Quarto publishes offline and that are the same every run."""

from __future__ import annotations

import nbformat

from smartresearch.reporting import checks, crossrefs
from smartresearch.reporting.outputs import (
    html_as_raw_markdown,
    output_html,
    raw_html_block,
    restore_html,
    stable_text,
)

TABLE = (
    '<div id="t"><style>#t td {color: red}</style><table><tr><td>a ``` b…</td></tr></table></div>'
)


def notebook() -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("table(frame)")
    cell.outputs = [
        nbformat.v4.new_output(
            "execute_result",
            {"text/html": TABLE, "text/plain": "GT(_body=<Body object at 0x7f423de37f10>)"},
            execution_count=1,
        ),
        nbformat.v4.new_output("stream", text="printed at 0x7f00 stays\n"),
    ]
    nb.cells = [cell]
    return nb


def test_no_html_output_is_left_for_quarto_to_take_for_a_widget():
    """Quarto adds require.js and jQuery from a CDN for any text/html output (QUARTO.md 24)."""
    nb = notebook()
    assert html_as_raw_markdown(nb) == 1
    [result, stream] = nb.cells[0].outputs
    assert "text/html" not in result["data"]
    markdown = result["data"]["text/markdown"]
    # a fence longer than any backtick run in the HTML, so the block cannot end early
    assert markdown.startswith("````{=html}\n") and markdown.endswith("\n````\n")
    assert output_html(result) == TABLE
    # checks that read tables find the HTML in its new place: the cut cell is reported
    assert checks.truncated_cell_problems(nb, where="x") != []
    assert stream["text"] == "printed at 0x7f00 stays\n"


def test_the_plain_export_gets_the_html_back():
    nb = notebook()
    html_as_raw_markdown(nb)
    plain = crossrefs.plain_notebook(nb)
    assert plain.cells[0].outputs[0]["data"]["text/html"] == TABLE
    assert "text/markdown" not in plain.cells[0].outputs[0]["data"]
    assert "text/markdown" in nb.cells[0].outputs[0]["data"]  # the input is untouched
    again = nbformat.from_dict(nb)
    assert restore_html(again) == 1 and restore_html(again) == 0


def test_markdown_that_is_not_a_raw_html_block_stays_markdown():
    nb = notebook()
    nb.cells[0].outputs[0]["data"] = {"text/markdown": "```{=html}\n<b>x</b>\n```\nand more"}
    assert output_html(nb.cells[0].outputs[0]) is None
    assert restore_html(nb) == 0
    assert raw_html_block("<b>x</b>\n") == "```{=html}\n<b>x</b>\n```\n"


def test_reprs_lose_their_memory_addresses():
    nb = notebook()
    assert stable_text(nb) == 1
    assert nb.cells[0].outputs[0]["data"]["text/plain"] == "GT(_body=<Body object>)"
    assert stable_text(nb) == 0
