"""Theme-over-time strip for the corpus: how much each theme is talked about, year by year.

Input is a plain tidy table, so the chart does not depend on the corpus module's internals.
Columns of ``themes``:

* ``event_year``: the conference year a document belongs to;
* ``theme``: a theme key; ``label`` (optional) its display name;
* ``rate_per_1000``: mentions per 1,000 words in one document;
* ``hits`` and ``words`` (optional): when present, documents of the same year are pooled
  as ``1000 * sum(hits) / sum(words)`` (a long article weighs more than a short one);
  otherwise their rates are averaged.

This is ``smartresearch.corpus.themes_by_document()``'s output as-is. Only years that have
documents get a column (the corpus is not annual), each headed with its document count;
a theme without a row for a year is shown as a hatched gap, not as zero.
"""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.colors import Normalize

from smartresearch.errors import ValidationError
from smartresearch.plots import _data
from smartresearch.plots._draw import axes_or_new, cell_grid, show_no_data
from smartresearch.plots.alt import set_alt_text, year_span
from smartresearch.plots.figdata import set_figure_data
from smartresearch.wording import count

CHART = "plot_theme_strip"


def theme_rates(themes: pd.DataFrame) -> pd.DataFrame:
    """``theme, label, event_year, rate, documents``: one row per theme and year."""
    _data.require_columns(themes, ("event_year", "theme", "rate_per_1000"), chart=CHART)
    frame = themes.copy()
    frame["theme"] = frame["theme"].astype(str)
    # A document without a known year cannot be placed on the strip: leave it out.
    frame = frame[_data.numeric(frame, "event_year", chart=CHART).notna()]
    frame["event_year"] = _data.integer_years(frame, "event_year", chart=CHART)
    frame["rate_per_1000"] = _data.numeric(frame, "rate_per_1000", chart=CHART)
    negative = frame.loc[frame["rate_per_1000"] < 0, "rate_per_1000"]
    if len(negative):
        raise ValidationError(
            f"{CHART}: column 'rate_per_1000' of {_data.origin(themes)} has negative rates "
            f"{sorted(set(negative.tolist()))[:5]}; a mention rate cannot be below zero."
        )
    if "label" not in frame.columns:
        frame["label"] = frame["theme"]
    frame["label"] = frame["label"].fillna(frame["theme"]).astype(str)
    if "doc_id" not in frame.columns:
        frame["doc_id"] = frame.index.astype(str)
    frame = frame.dropna(subset=["rate_per_1000"])
    pooled = {"hits", "words"} <= set(frame.columns)
    if pooled:
        frame["hits"] = _data.numeric(frame, "hits", chart=CHART)
        frame["words"] = _data.numeric(frame, "words", chart=CHART)
    rows = []
    for (theme, year), group in frame.groupby(["theme", "event_year"], sort=True):
        if pooled and group["words"].sum() > 0:
            rate = 1000 * group["hits"].sum() / group["words"].sum()
        else:
            rate = group["rate_per_1000"].mean()
        rows.append(
            {
                "theme": theme,
                "label": group["label"].iloc[0],
                "event_year": int(year),
                "rate": float(rate),
                "documents": int(group["doc_id"].nunique()),
            }
        )
    return pd.DataFrame(rows, columns=["theme", "label", "event_year", "rate", "documents"])


def plot_theme_strip(
    themes: pd.DataFrame,
    *,
    order: Sequence[str] | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Grid of mention rates, one row per theme and one column per year; returns the Axes.

    Rows follow ``order`` (theme keys) or, by default, the overall rate, most discussed
    first. Each cell prints the rate per 1,000 words; the shading is shared by all cells.
    """
    rates = theme_rates(themes)
    ax = axes_or_new(ax)
    if rates.empty:
        return show_no_data(ax, "theme mentions in the corpus")
    years = sorted(rates["event_year"].unique())
    grid = rates.pivot(index="theme", columns="event_year", values="rate").reindex(columns=years)
    if order is None:
        overall = grid.mean(axis=1, skipna=True)
        keys = sorted(grid.index, key=lambda key: (-overall[key], key))
    else:
        keys = list(dict.fromkeys(order))
        missing = sorted(set(keys) - set(grid.index))
        if missing:
            raise ValidationError(
                f"{CHART}: themes {missing} in 'order' are not in column 'theme'; "
                f"it has {sorted(grid.index)}"
            )
    grid = grid.loc[keys]
    labels = rates.drop_duplicates("theme").set_index("theme")["label"]
    documents = rates.groupby("event_year")["documents"].max()
    values = grid.to_numpy(dtype=float)
    top = np.nanmax(values) if np.isfinite(values).any() else 1.0
    texts = [["" if np.isnan(v) else f"{v:.1f}" for v in row] for row in values]
    cmap = mpl.colormaps["Blues"]
    mesh = cell_grid(
        ax,
        values,
        texts,
        cmap=cmap,
        norm=Normalize(0, max(top, 1e-9)),
        row_labels=[labels[k] for k in keys],
        column_labels=[f"{y}\n{count(int(documents[y]), 'doc')}" for y in years],
        fontsize=7.5,
    )
    ax.xaxis.tick_top()
    colorbar = ax.get_figure(root=False).colorbar(mesh, ax=ax, shrink=0.6, aspect=14, pad=0.02)
    colorbar.set_label("Mentions per 1,000 words", fontsize=8)
    colorbar.outline.set_visible(False)
    set_figure_data(ax, rates, values=["rate"])
    set_alt_text(ax, _alt(grid, labels, years))
    return ax


def _alt(grid: pd.DataFrame, labels: pd.Series, years: list[int]) -> str:
    parts = []
    stacked = grid.stack().dropna()
    if len(stacked):
        (theme, year) = stacked.idxmax()
        parts.append(
            f"the highest rate was {labels[theme]} in {year} ({stacked.max():.1f} per 1,000 words)"
        )
    overall = grid.mean(axis=1, skipna=True).dropna()
    if len(overall) > 1:
        parts.append(
            f"across years {labels[overall.idxmax()]} was discussed most "
            f"and {labels[overall.idxmin()]} least"
        )
    gaps = int(grid.isna().sum().sum())
    if gaps:
        parts.append(f"{count(gaps, 'theme-year cell')} had no measurement")
    lead = (
        f"Strip of {count(len(grid), 'corpus theme')} by year, "
        f"{year_span(years)} ({count(len(years), 'year')} with documents)"
    )
    return f"{lead}: {'; '.join(parts)}." if parts else f"{lead}."
