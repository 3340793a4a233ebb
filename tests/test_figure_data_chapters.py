"""Every figure of every chapter has its data files, and each CSV reproduces what was drawn.

Each notebook's cells are run here, in this process (the notebooks are the package's own
code, one or two lines a cell), so that after every ``srp.describe`` the live figure is at
hand: the CSV the build publishes for it is read back and compared with the artists on
its Axes (line data, bar rectangles, scatter offsets, coloured cells). Slow: it runs the
whole report's analysis.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from smartresearch.plots.figdata import FigureData, drawn_values, undrawn  # noqa: E402
from smartresearch.reporting import figure_data as fd  # noqa: E402
from smartresearch.reporting.checks import cell_options  # noqa: E402
from smartresearch.reporting.layout import PROJECT_ROOT, default_layout  # noqa: E402

pytestmark = pytest.mark.slow
NOTEBOOKS = default_layout().notebooks()


def _cells(path: Path) -> list[str]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    return ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]


def _label(source: str) -> str | None:
    label = cell_options(source).get("label")
    return label if isinstance(label, str) and label.startswith("fig-") else None


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_figure_publishes_the_values_it_draws(notebook, monkeypatch):
    monkeypatch.chdir(notebook.parent)
    namespace: dict = {"__name__": "__main__"}
    labels, published = [], {}
    label = None
    for source in _cells(notebook):
        label = _label(source) or label
        if _label(source):
            labels.append(label)
        code = compile(source, f"{notebook.name}", "exec")
        if source.strip().startswith("srp.describe(") and label:
            drew = eval(source.strip()[len("srp.describe(") : -1], namespace)  # its argument
            raw = namespace["srp"].describe(drew)._repr_mimebundle_()[fd.MIME]
            data = {**raw, "label": label, "caption": None, "chapter": notebook.name}
            files = fd.figure_files({label: data}, PROJECT_ROOT)
            csv = pd.read_csv(io.BytesIO(files[f"{label}.csv"]))
            meta = json.loads(files[f"{label}.json"])
            figure = _figure(drew)
            drawn = drawn_values(figure)
            frame = FigureData(csv, tuple(meta["data"]["drawn_columns"]))
            assert undrawn(frame, drawn) == [], f"{label}: CSV values not drawn"
            assert len(list(csv.itertuples())) == meta["data"]["rows"] > 0
            _lines_are_in_the_csv(figure, csv, frame.values, label)
            published[label] = files
            plt.close("all")
            continue
        exec(code, namespace)
    assert labels, f"{notebook.name} has no figure"
    assert sorted(published) == sorted(labels), "a figure without its data files"


def _figure(drew):
    if isinstance(drew, (np.ndarray, list, tuple)):
        drew = np.asarray(drew, dtype=object).ravel()[0]
    return drew.get_figure(root=True) if hasattr(drew, "get_figure") else drew


def _lines_are_in_the_csv(figure, csv: pd.DataFrame, columns, label: str) -> None:
    """The other way round: each line labelled with a country in the CSV draws only values
    the CSV holds for that country."""
    if "country" not in csv.columns:
        return
    by_name = {name: rows for name, rows in csv.groupby("country")}
    for ax in figure.get_axes():
        for line in ax.get_lines():
            rows = by_name.get(line.get_label())
            if rows is None:
                continue
            held = np.concatenate([pd.to_numeric(rows[c], errors="coerce") for c in columns])
            for y in np.asarray(line.get_ydata(), float):
                if np.isfinite(y):
                    assert np.isclose(held, y, rtol=1e-9).any(), (label, line.get_label(), y)
