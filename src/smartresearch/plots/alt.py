"""Alt text: a one-sentence description of what a chart drew, for the report's ``fig-alt``.

Every chart in this package composes its sentence from the data it actually plotted (what
it shows, the extremes) and records it here, keyed by the Axes (or Figure, for small
multiples). Retrieve it with :func:`alt_text`; in a Quarto notebook cell::

    ax = plot_trajectories(egdi, indicator="egdi")
    print(alt_text(ax))          # paste into #| fig-alt, or use save_figure(), which embeds it

The registry holds weak references, so it never keeps a closed figure alive, and nothing is
written into matplotlib objects' private attributes.
"""

from __future__ import annotations

import math
import weakref
from collections.abc import Iterable, Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure, SubFigure

_ALT: weakref.WeakKeyDictionary[Axes | Figure | SubFigure, str] = weakref.WeakKeyDictionary()


def set_alt_text(target: Axes | Figure | SubFigure, text: str) -> None:
    """Record ``text`` as the alt text of an Axes or Figure (replacing any earlier one)."""
    if not isinstance(target, (Axes, Figure, SubFigure)):
        raise TypeError(f"alt text can be stored on an Axes or Figure, not {type(target).__name__}")
    _ALT[target] = " ".join(text.split())


def alt_text(target: Axes | Figure | SubFigure | np.ndarray | Sequence[Axes]) -> str:
    """Return the alt text a chart stored for ``target``.

    ``target`` may be the Axes a chart returned, the Figure (whose own text wins, else its
    Axes' texts are joined in order), or the array of Axes returned by small multiples.
    Raises ``LookupError`` when nothing was recorded, e.g. for an Axes not drawn by
    ``smartresearch.plots``.
    """
    if isinstance(target, (np.ndarray, list, tuple)):
        axes = [a for a in np.asarray(target, dtype=object).ravel() if isinstance(a, Axes)]
        if not axes:
            raise LookupError("alt_text: the sequence holds no Axes")
        return alt_text(axes[0].get_figure(root=False))
    if target in _ALT:
        return _ALT[target]
    if isinstance(target, (Figure, SubFigure)):
        texts = [_ALT[ax] for ax in target.get_axes() if ax in _ALT]
        if texts:
            return " ".join(texts)
    raise LookupError(
        f"No alt text recorded for this {type(target).__name__}: only charts drawn by "
        "smartresearch.plots record one (or call smartresearch.plots.set_alt_text yourself)."
    )


def fmt_number(value: float) -> str:
    """A value as a reader would say it: 3 significant figures, thousands separated."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "no value"
    value = float(value)
    if value == int(value) and abs(value) >= 1:
        return f"{int(value):,}"
    magnitude = abs(value)
    if magnitude >= 100:
        return f"{value:,.0f}"
    if magnitude >= 1:
        return f"{value:,.3g}"
    return f"{value:.3g}"


def year_span(years: Iterable[int]) -> str:
    """'2003', or '2003–2024' for a range (en dash, as in the report)."""
    years = sorted({int(y) for y in years})
    if not years:
        return "no years"
    return str(years[0]) if years[0] == years[-1] else f"{years[0]}–{years[-1]}"
