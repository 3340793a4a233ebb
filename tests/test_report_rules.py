"""Rules Quarto 1.9 enforces only at render time, checked before Quarto runs.

Each rule is tested on a hostile example (it must catch the problem) and on the committed
notebooks (they must pass).
"""

from __future__ import annotations

import nbformat
import pandas as pd
import pytest

from smartresearch.reporting import cell_rules, checks, default_layout

NOTEBOOKS = default_layout().notebooks()


def test_block_scalar_and_continued_options_are_caught():
    source = "\n".join(
        [
            "#| label: fig-x",
            "#| fig-cap: >-",
            "#|   Two lines",
            "#|   of caption",
            "#| fig-alt: |",
            "#|   kept breaks",
            "ax = 1",
        ]
    )
    problems = checks.option_line_problems(source, where="nb.ipynb cell 3")
    assert any("'fig-cap': YAML block scalar '>-'" in p for p in problems)
    assert any("'fig-alt': YAML block scalar '|'" in p for p in problems)
    assert any("'#|   Two lines'" not in p and "Two lines" in p for p in problems)
    assert all(p.startswith("nb.ipynb cell 3") for p in problems)


def test_one_line_quoted_options_pass():
    source = '#| label: fig-x\n#| fig-cap: "A caption: with a colon"\n#| echo: false\nx = 1'
    assert checks.option_line_problems(source, where="w") == []


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_committed_cell_options_are_one_line_each(path):
    nb = checks.read_notebook(path)
    assert checks.notebook_option_problems(nb, where=path.name) == []


def executed_cell(*outputs: dict) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("x")
    cell.outputs = [nbformat.from_dict(o) for o in outputs]
    nb.cells = [nbformat.v4.new_markdown_cell("intro"), cell]
    return nb


def test_a_bare_repr_is_caught_and_meant_output_is_not():
    stray = executed_cell(
        {
            "output_type": "execute_result",
            "execution_count": 1,
            "metadata": {},
            "data": {"text/plain": "TitleArtists(title=Text(0, 3, 'E-government'))"},
        }
    )
    [problem] = checks.stray_repr_problems(stray, where="90.ipynb")
    assert problem.startswith("90.ipynb cell 1: prints a bare repr")
    assert "TitleArtists(title=Text(0, 3" in problem
    shown = executed_cell(
        {
            "output_type": "display_data",
            "metadata": {},
            "data": {"image/png": "iVBOR", "text/plain": "<Figure>"},
        },
        {
            "output_type": "execute_result",
            "execution_count": 2,
            "metadata": {},
            "data": {"text/markdown": "<details>", "text/plain": "Description: x"},
        },
        {"output_type": "stream", "name": "stdout", "text": "printed"},
    )
    assert checks.stray_repr_problems(shown, where="w") == []


def test_a_table_cut_by_pandas_is_caught():
    long = "one strategy spanning every ministry and every municipality " * 2
    frame = pd.DataFrame({"approach": [long, "short"]})
    with pd.option_context("display.max_colwidth", 20):
        cut = frame._repr_html_()
    with pd.option_context("display.max_colwidth", None):
        whole = frame._repr_html_()
    html_output = {"output_type": "execute_result", "execution_count": 1, "metadata": {}}
    bad = executed_cell(dict(html_output, data={"text/html": cut, "text/plain": ""}))
    good = executed_cell(dict(html_output, data={"text/html": whole, "text/plain": ""}))
    [problem] = checks.truncated_cell_problems(bad, where="02.ipynb")
    assert problem.startswith("02.ipynb cell 1: 1 table cell(s) cut off")
    assert checks.truncated_cell_problems(good, where="02.ipynb") == []


# --- figure descriptions and tables: one way each (smartresearch.reporting.cell_rules) ---


def notebook_of(*sources: str) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(s) for s in sources]
    return nb


FIGURE = '#| label: fig-x\n#| fig-cap: "C"\n#| fig-alt: "A"\nax = plot()\n'


def test_alt_text_printed_or_wrapped_in_markdown_is_caught():
    nb = notebook_of(
        "print(srp.alt_text(ax))",
        'display(Markdown(f"*Figure description (computed):* {srp.alt_text(ax)}"))',
        "Markdown(alt_text(fig))",
        "%matplotlib inline\nprint(srp.alt_text(ax))",
        "print(srp.alt_text(ax)",  # does not parse: caught from the text
        "srp.describe(ax)",
        "text = srp.alt_text(ax)\nassert text",  # computing it is fine
    )
    problems = cell_rules.description_problems(nb, where="03.ipynb")
    assert [p.split(":")[0] for p in problems] == [f"03.ipynb cell {i}" for i in range(5)]
    assert "print(...) of alt_text (print(srp.alt_text(ax)))" in problems[0]
    assert all("srp.describe(ax) instead" in p for p in problems)


def test_figure_cells_end_with_an_assignment_and_are_described_next():
    good = notebook_of(FIGURE + "_ = srp.add_titles(ax, 'T')", "srp.describe(ax)")
    assert cell_rules.figure_cell_problems(good, where="w") == []
    bad = notebook_of(
        FIGURE + "srp.add_titles(ax, 'T');",
        "print(srp.alt_text(ax))",
        FIGURE.replace("fig-x", "fig-y") + "_ = 1",
    )
    problems = cell_rules.figure_cell_problems(bad, where="90.ipynb")
    assert problems[0].startswith("90.ipynb cell 0 (fig-x): ends with the expression")
    assert "srp.add_titles(ax, 'T')" in problems[0]
    assert problems[1].startswith("90.ipynb cell 0 (fig-x): the next cell must end with")
    assert problems[2].startswith("90.ipynb cell 2 (fig-y): the next cell must end with")
    assert len(problems) == 3


def test_table_cells_must_end_with_table_and_not_set_an_index():
    head = '#| label: tbl-x\n#| tbl-cap: "C"\n'
    nb = notebook_of(
        head + "frame.set_index('Country')",
        head + "frame.style.format(precision=2)",
        head + "table(frame.set_index('Country'), decimals=2)",
        head + "shown = table(frame)",
        head + "table(frame, decimals={'egdi': 3})",
        head + "tables.table(frame)",
        "frame.set_index('Country')",  # not a table cell: not this rule's business
    )
    problems = cell_rules.table_cell_problems(nb, where="06.ipynb")
    assert [p.split(":")[0] for p in problems] == [f"06.ipynb cell {i} (tbl-x)" for i in range(4)]
    assert "ends with \"frame.set_index('Country')\", not a table(...) call" in problems[0]
    assert ".set_index(...) inside table(...)" in problems[2]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_committed_notebooks_describe_figures_and_show_tables_one_way(path):
    problems = cell_rules.cell_rule_problems(checks.read_notebook(path), where=path.name)
    assert problems == []
