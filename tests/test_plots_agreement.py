"""The agreement charts live in plots and the analysis layer imports no plotting library."""

from __future__ import annotations

import ast
from pathlib import Path

import pandas as pd
import pytest

import smartresearch.analysis as analysis
from smartresearch import plots
from smartresearch.errors import ValidationError
from smartresearch.plots.agreement import plot_agreement_matrix


def test_analysis_modules_import_neither_matplotlib_nor_plots() -> None:
    offenders = []
    for path in sorted(Path(analysis.__file__).parent.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            offenders += [
                f"{path.name}: {n}"
                for n in names
                if n.startswith(("matplotlib", "smartresearch.plots"))
            ]
    assert offenders == []


def test_agreement_matrix_names_missing_columns() -> None:
    with pytest.raises(ValidationError, match=r"lacks columns \['spearman'\]"):
        plot_agreement_matrix(pd.DataFrame({"a": ["X"], "b": ["Y"], "n": [5]}))


def _agreement(values: list[float]) -> pd.DataFrame:
    """An agreement table of four indices shaped like ``panel_agreement.agreement_table``'s."""
    pairs = [("EGDI", "OECD DGI"), ("EGDI", "GTMI"), ("EGDI", "EU"), ("OECD DGI", "GTMI")]
    pairs += [("OECD DGI", "EU"), ("GTMI", "EU")]
    return pd.DataFrame(
        {
            "a": [a for a, _ in pairs],
            "b": [b for _, b in pairs],
            "n": [38, 193, 35, 38, 24, 35],
            "spearman": values,
        }
    )


def _cell_colours(ax) -> list[tuple[float, float, float]]:
    ax.figure.canvas.draw()  # a mesh maps its values to colours when drawn
    return [tuple(c[:3]) for c in ax.collections[0].get_facecolors()]


#: The correlations of the report's four indices (chapter 3): all between 0.38 and 0.75.
REPORT_VALUES = [0.379, 0.747, 0.709, 0.587, 0.510, 0.545]


def test_agreement_colours_are_fitted_to_the_correlations_shown() -> None:
    from smartresearch.plots._draw import _luminance

    with plots.style_context():
        ax = plot_agreement_matrix(_agreement(REPORT_VALUES))
        bar = ax.figure.axes[-1]
        low, high = bar.get_ylim()
        # the colour bar spans the pairs' range widened to a tenth, not -1 to 1
        assert (low, high) == pytest.approx((0.3, 0.8))
        assert "0.38 to 0.75" in bar.get_ylabel()
        # the weakest and closest pair far apart in lightness (0.38 on the -1..1 scale)
        colours = _cell_colours(ax)
        lightness = sorted(_luminance(c) for c in colours)
        assert lightness[-1] - lightness[0] > 0.5
        # every pair agrees: no cell is orange (disagreement) and none is near-white (zero)
        assert all(b > r - 0.02 for r, _, b in colours)
        assert lightness[-1] < 0.8


def test_agreement_colours_stay_diverging_around_zero_when_pairs_disagree() -> None:
    with plots.style_context():
        ax = plot_agreement_matrix(_agreement([-0.42, 0.747, 0.709, 0.587, 0.510, 0.545]))
        low, high = ax.figure.axes[-1].get_ylim()
        assert (low, high) == pytest.approx((-0.5, 0.8))
        mesh = ax.collections[0]
        norm = mesh.norm
        # zero sits at the diverging map's centre (white), equal slopes on both sides
        assert norm(0.0) == pytest.approx(0.5)
        assert norm(0.8) - norm(0.0) == pytest.approx(norm(0.0) - norm(-0.8))
        r, g, b = _cell_colours(ax)[0]  # the negative pair (first row) is orange: red > blue
        assert r > b
