"""The agreement charts live in plots and the analysis layer imports no plotting library."""

from __future__ import annotations

import ast
from pathlib import Path

import pandas as pd
import pytest

import smartresearch.analysis as analysis
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
