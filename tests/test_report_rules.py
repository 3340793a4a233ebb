"""Rules Quarto 1.9 enforces only at render time, checked before Quarto runs.

Each rule is tested on a hostile example (it must catch the problem) and on the committed
notebooks (they must pass).
"""

from __future__ import annotations

import pytest

from smartresearch.reporting import checks, default_layout

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
